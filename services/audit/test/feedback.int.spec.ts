import { randomBytes } from 'node:crypto';
import {
  credentials,
  loadPackageDefinition,
  type ServiceClientConstructor,
  type ServiceError,
} from '@grpc/grpc-js';
import { Kafka, logLevel, type Consumer } from 'kafkajs';
import { Pool } from 'pg';
import {
  auditV1,
  commonV1,
  EVENTS,
  feedbackServiceV1,
  grpcPackageDefinition,
  TOPICS,
} from '@cuakhau/contracts';
import { createFreshDatabase } from '@cuakhau/local-infra';
import { parseBrokers, uuidv7 } from '@cuakhau/messaging';
import type { RunningService } from '@cuakhau/platform';
import { eventually, freePort } from '@cuakhau/testing';
import { loadAuditConfig } from '../src/audit.config';
import { FEEDBACK_PROTO, startAudit } from '../src/audit.service';

const BROKERS = process.env.KAFKA_BROKERS ?? '127.0.0.1:9092';
const SERVER_URL = process.env.DATABASE_URL ?? 'postgres://postgres@127.0.0.1:5432/postgres';
const name = (prefix: string): string =>
  `${prefix}_${Date.now().toString(36)}_${randomBytes(3).toString('hex')}`;
/** Gates of their own: the shared topics also carry other suites' traffic. */
const GATE = `F${randomBytes(3).toString('hex').toUpperCase()}`;
const OTHER_GATE = `G${randomBytes(3).toString('hex').toUpperCase()}`;

const { FeedbackAgency, FeedbackKind } = auditV1;
const { FeedbackStatus } = feedbackServiceV1;

const trader: commonV1.Actor = {
  kind: commonV1.ActorKind.ACTOR_KIND_TRADER,
  id: 'trader1',
  displayName: 'Công ty A',
};
const driver: commonV1.Actor = {
  kind: commonV1.ActorKind.ACTOR_KIND_DRIVER,
  id: '14C12345',
  displayName: '',
};
const customsOfficer: commonV1.Actor = {
  kind: commonV1.ActorKind.ACTOR_KIND_OFFICER,
  id: 'customs1',
  displayName: 'Trần Thị Bình',
};

type Unary = (
  request: unknown,
  callback: (error: ServiceError | null, response?: unknown) => void,
) => void;

interface Seen {
  readonly type: string;
  readonly key: string;
  readonly payload: Record<string, unknown>;
}

describe('feedback channel of the audit service (PostgreSQL + Kafka)', () => {
  const kafka = new Kafka({
    clientId: 'feedback-int',
    brokers: parseBrokers(BROKERS),
    logLevel: logLevel.NOTHING,
  });
  const chainGroup = name('feedback_int_chain');
  const watchGroup = name('feedback_int_watch');
  const seen: Seen[] = [];
  let watcher: Consumer;
  let service: RunningService;
  let pool: Pool;
  let grpc: Record<string, Unary> & { close(): void };

  function call<Response>(method: string, request: unknown): Promise<Response> {
    const unary = grpc[method];
    if (unary === undefined) throw new Error(`no method ${method}`);
    return new Promise((resolve, reject) => {
      unary.call(grpc, request, (error, response) =>
        error === null ? resolve(response as Response) : reject(error),
      );
    });
  }

  /** The gRPC status and `error-code` metadata of a refused call. */
  async function refusal(method: string, request: unknown): Promise<[number, string]> {
    try {
      await call(method, request);
    } catch (error) {
      const failure = error as ServiceError;
      return [failure.code, String(failure.metadata.get('error-code')[0] ?? '')];
    }
    throw new Error(`${method} was expected to fail`);
  }

  const submit = (request: Partial<feedbackServiceV1.SubmitFeedbackRequest>) =>
    call<feedbackServiceV1.SubmitFeedbackResponse>('submitFeedback', {
      gateCode: GATE,
      organisationId: 'org-a',
      kind: FeedbackKind.FEEDBACK_KIND_COMPLAINT,
      agency: FeedbackAgency.FEEDBACK_AGENCY_CUSTOMS,
      message: 'Hồ sơ chờ quá lâu',
      author: trader,
      ...request,
    }).then((answer) => {
      if (answer.item === undefined) throw new Error('no item in the answer');
      return answer.item;
    });

  beforeAll(async () => {
    const url = await createFreshDatabase(SERVER_URL, name('feedback_test'));
    pool = new Pool({ connectionString: url, max: 2 });
    const admin = kafka.admin();
    await admin.connect();
    const ends = await admin.fetchTopicOffsets(TOPICS.audit);
    for (const groupId of [chainGroup, watchGroup]) {
      for (const topic of groupId === watchGroup ? [TOPICS.audit] : Object.values(TOPICS)) {
        const offsets = topic === TOPICS.audit ? ends : await admin.fetchTopicOffsets(topic);
        await admin.setOffsets({
          groupId,
          topic,
          partitions: offsets.map((end) => ({ partition: end.partition, offset: end.high })),
        });
      }
    }
    await admin.disconnect();

    watcher = kafka.consumer({ groupId: watchGroup });
    await watcher.connect();
    await watcher.subscribe({ topic: TOPICS.audit });
    await watcher.run({
      eachMessage: async ({ message }) => {
        const type = message.headers?.['ce_type']?.toString() ?? '';
        if (!type.includes('Feedback')) return;
        seen.push({
          type,
          key: message.key?.toString() ?? '',
          payload: JSON.parse(message.value?.toString() ?? '{}') as Record<string, unknown>,
        });
        await Promise.resolve();
      },
    });

    service = await startAudit(
      loadAuditConfig({
        DATABASE_URL: url,
        KAFKA_BROKERS: BROKERS,
        HTTP_PORT: '0',
        GRPC_PORT: String(await freePort()),
        LOG_LEVEL: 'warn',
        AUDIT_CONSUMER_GROUP: chainGroup,
        AUDIT_USE_STATIC_AGENCY_KEYS: 'true',
        AUDIT_SLA_CHECK_INTERVAL_MS: '3600000',
      }),
    );
    const loaded = loadPackageDefinition(grpcPackageDefinition(FEEDBACK_PROTO));
    const Client = (loaded['cuakhau'] as Record<string, Record<string, Record<string, unknown>>>)[
      'audit'
    ]?.['v1']?.['FeedbackService'] as ServiceClientConstructor;
    grpc = new Client(service.grpcUrl ?? '', credentials.createInsecure()) as unknown as Record<
      string,
      Unary
    > & { close(): void };
  }, 60_000);

  afterAll(async () => {
    grpc?.close();
    await watcher?.disconnect();
    await service?.close();
    await pool?.end();
  });

  it('stores a submission and publishes FeedbackSubmitted, which lands in the hash chain', async () => {
    const shipmentId = uuidv7();
    const item = await submit({ shipmentId, message: '  Hồ sơ chờ quá lâu  ' });
    expect(item).toMatchObject({
      shipmentId,
      gateCode: GATE,
      kind: FeedbackKind.FEEDBACK_KIND_COMPLAINT,
      agency: FeedbackAgency.FEEDBACK_AGENCY_CUSTOMS,
      organisationId: 'org-a',
      message: 'Hồ sơ chờ quá lâu',
      status: FeedbackStatus.FEEDBACK_STATUS_OPEN,
      answer: '',
    });

    const rows = await pool.query(
      `SELECT shipment_id, gate_code, kind, agency, organisation_id, author_kind, author_id,
         message, answered_at FROM feedback_item WHERE id = $1`,
      [item.feedbackId],
    );
    expect(rows.rows).toEqual([
      {
        shipment_id: shipmentId,
        gate_code: GATE,
        kind: 'COMPLAINT',
        agency: 'customs',
        organisation_id: 'org-a',
        author_kind: 'ACTOR_KIND_TRADER',
        author_id: 'trader1',
        message: 'Hồ sơ chờ quá lâu',
        answered_at: null,
      },
    ]);

    await eventually(() => expect(seen.filter((e) => e.key === shipmentId)).toHaveLength(1), {
      timeoutMs: 20_000,
    });
    const event = seen.find((e) => e.key === shipmentId);
    expect(event?.type).toBe(EVENTS.auditFeedbackSubmitted.type);
    expect(EVENTS.auditFeedbackSubmitted.fromJSON(event?.payload)).toMatchObject({
      feedbackId: item.feedbackId,
      shipmentId,
      gateCode: GATE,
      kind: FeedbackKind.FEEDBACK_KIND_COMPLAINT,
      agency: FeedbackAgency.FEEDBACK_AGENCY_CUSTOMS,
      author: trader,
      message: 'Hồ sơ chờ quá lâu',
    });
    await eventually(
      async () =>
        expect(
          (
            await pool.query<{ event_type: string }>(
              `SELECT event_type FROM audit_entry WHERE subject = $1 ORDER BY seq`,
              [shipmentId],
            )
          ).rows.map((row) => row.event_type),
        ).toEqual([EVENTS.auditFeedbackSubmitted.type]),
      { timeoutMs: 20_000 },
    );
  });

  it('answers once: the second answer is ABORTED with FEEDBACK.ALREADY_ANSWERED', async () => {
    const shipmentId = uuidv7();
    const item = await submit({ shipmentId, author: driver, organisationId: '' });
    const answer = {
      feedbackId: item.feedbackId,
      agency: FeedbackAgency.FEEDBACK_AGENCY_CUSTOMS,
      gateCode: GATE,
      answer: 'Đã kiểm tra, hồ sơ được thông quan',
      answeredBy: customsOfficer,
    };
    const answered = await call<feedbackServiceV1.AnswerFeedbackResponse>('answerFeedback', answer);
    expect(answered.item).toMatchObject({
      status: FeedbackStatus.FEEDBACK_STATUS_ANSWERED,
      answer: 'Đã kiểm tra, hồ sơ được thông quan',
      answeredBy: customsOfficer,
    });

    expect(await refusal('answerFeedback', { ...answer, answer: 'Lần thứ hai' })).toEqual([
      10, // ABORTED
      'FEEDBACK.ALREADY_ANSWERED',
    ]);
    const stored = await pool.query<{ answer: string }>(
      `SELECT answer FROM feedback_item WHERE id = $1`,
      [item.feedbackId],
    );
    expect(stored.rows).toEqual([{ answer: 'Đã kiểm tra, hồ sơ được thông quan' }]);

    await eventually(
      () =>
        expect(seen.filter((e) => e.key === shipmentId).map((e) => e.type)).toEqual([
          EVENTS.auditFeedbackSubmitted.type,
          EVENTS.auditFeedbackAnswered.type,
        ]),
      { timeoutMs: 20_000 },
    );
    const event = seen.find(
      (e) => e.type === EVENTS.auditFeedbackAnswered.type && e.key === shipmentId,
    );
    expect(EVENTS.auditFeedbackAnswered.fromJSON(event?.payload)).toMatchObject({
      feedbackId: item.feedbackId,
      answeredBy: customsOfficer,
      answer: 'Đã kiểm tra, hồ sơ được thông quan',
    });
  });

  it('answers concurrently exactly once: one answer stored, one FeedbackAnswered chained', async () => {
    const shipmentId = uuidv7();
    const item = await submit({ shipmentId });
    const attempt = (text: string) =>
      call('answerFeedback', {
        feedbackId: item.feedbackId,
        agency: FeedbackAgency.FEEDBACK_AGENCY_CUSTOMS,
        gateCode: GATE,
        answer: text,
        answeredBy: customsOfficer,
      });
    const results = await Promise.allSettled([attempt('một'), attempt('hai'), attempt('ba')]);
    expect(results.filter((result) => result.status === 'fulfilled')).toHaveLength(1);
    // A later event of the same shipment (same key, same partition, published in outbox
    // order) marks the point by which every answer event would have reached the chain.
    const marker = await submit({ shipmentId, kind: FeedbackKind.FEEDBACK_KIND_FEEDBACK });
    const chained = async () =>
      (
        await pool.query<{ event_type: string; payload: string }>(
          `SELECT event_type, payload FROM audit_entry WHERE subject = $1 ORDER BY seq`,
          [shipmentId],
        )
      ).rows;
    await eventually(
      async () =>
        expect((await chained()).some((row) => row.payload.includes(marker.feedbackId))).toBe(true),
      { timeoutMs: 20_000 },
    );
    const stored = await pool.query<{ answer: string }>(
      `SELECT answer FROM feedback_item WHERE id = $1`,
      [item.feedbackId],
    );
    const answers = (await chained()).filter(
      (row) => row.event_type === EVENTS.auditFeedbackAnswered.type,
    );
    expect(answers).toHaveLength(1);
    expect(JSON.parse(answers[0]?.payload ?? '{}')).toMatchObject({
      feedbackId: item.feedbackId,
      answer: stored.rows[0]?.answer,
    });
  });

  it('scopes answers and lists: another agency or gate is NOT_FOUND, filters apply', async () => {
    const yardItem = await submit({
      shipmentId: uuidv7(),
      agency: FeedbackAgency.FEEDBACK_AGENCY_YARD,
      kind: FeedbackKind.FEEDBACK_KIND_FEEDBACK,
      organisationId: 'org-b',
      message: 'Bãi xe sạch sẽ',
    });
    const elsewhere = await submit({ shipmentId: uuidv7(), gateCode: OTHER_GATE });

    const asCustoms = {
      agency: FeedbackAgency.FEEDBACK_AGENCY_CUSTOMS,
      gateCode: GATE,
      answer: 'x',
      answeredBy: customsOfficer,
    };
    expect(
      await refusal('answerFeedback', { ...asCustoms, feedbackId: yardItem.feedbackId }),
    ).toEqual([5, 'FEEDBACK.NOT_FOUND']);
    expect(
      await refusal('answerFeedback', { ...asCustoms, feedbackId: elsewhere.feedbackId }),
    ).toEqual([5, 'FEEDBACK.NOT_FOUND']);
    expect(await refusal('answerFeedback', { ...asCustoms, feedbackId: 'not-an-id' })).toEqual([
      5,
      'FEEDBACK.NOT_FOUND',
    ]);
    expect(
      await refusal('answerFeedback', {
        ...asCustoms,
        agency: FeedbackAgency.FEEDBACK_AGENCY_YARD,
        feedbackId: yardItem.feedbackId,
        answer: '   ',
      }),
    ).toEqual([3, 'AUDIT.VALIDATION_FAILED']);

    const list = (request: Partial<feedbackServiceV1.ListFeedbackRequest>) =>
      call<feedbackServiceV1.ListFeedbackResponse>('listFeedback', request);
    const openYard = await list({
      gateCode: GATE,
      agency: FeedbackAgency.FEEDBACK_AGENCY_YARD,
      status: FeedbackStatus.FEEDBACK_STATUS_OPEN,
    });
    expect(openYard.items.map((i) => i.feedbackId)).toEqual([yardItem.feedbackId]);

    const ofOrgB = await list({ organisationId: 'org-b' });
    expect(ofOrgB.items.map((i) => i.feedbackId)).toEqual([yardItem.feedbackId]);

    const gateItems = await list({ gateCode: GATE });
    expect(gateItems.items.map((i) => i.gateCode)).not.toContain(OTHER_GATE);
    expect(gateItems.items).toHaveLength(5);
    const answered = await list({
      gateCode: GATE,
      status: FeedbackStatus.FEEDBACK_STATUS_ANSWERED,
    });
    expect(answered.items).toHaveLength(2);
    expect(answered.items.every((i) => i.answeredAt !== undefined)).toBe(true);
    expect(answered.items.every((i) => i.status === FeedbackStatus.FEEDBACK_STATUS_ANSWERED)).toBe(
      true,
    );

    // Pages of 2, newest first, no item twice.
    const first = await list({ gateCode: GATE, pageSize: 2 });
    expect(first.items).toHaveLength(2);
    expect(first.nextPageToken).not.toBe('');
    const second = await list({ gateCode: GATE, pageSize: 2, pageToken: first.nextPageToken });
    const ids = [...first.items, ...second.items].map((i) => i.feedbackId);
    expect(new Set(ids).size).toBe(ids.length);
    expect(ids).toEqual(gateItems.items.slice(0, ids.length).map((i) => i.feedbackId));
    expect(await refusal('listFeedback', { pageToken: 'garbage' })).toEqual([
      3,
      'AUDIT.VALIDATION_FAILED',
    ]);
  });

  it('refuses an invalid submission field by field', async () => {
    expect(
      await refusal('submitFeedback', {
        shipmentId: uuidv7(),
        gateCode: GATE,
        kind: FeedbackKind.FEEDBACK_KIND_UNSPECIFIED,
        agency: FeedbackAgency.FEEDBACK_AGENCY_CUSTOMS,
        message: 'x'.repeat(2001),
        author: trader,
      }),
    ).toEqual([3, 'AUDIT.VALIDATION_FAILED']);
  });

  it('reports open items and response times per agency and in total, for one gate', async () => {
    const rows = (
      await call<feedbackServiceV1.FeedbackResponseTimesResponse>('feedbackResponseTimes', {
        gateCode: GATE,
      })
    ).rows;
    const byAgency = new Map(rows.map((row) => [row.agency, row]));
    // This gate: customs items of tests 1, 2, 3 (2 answered) and the marker of test 3, one
    // open yard item; the item of OTHER_GATE is not counted.
    expect(byAgency.get('customs')).toMatchObject({ openCount: 2, answeredCount: 2 });
    expect(byAgency.get('yard')).toMatchObject({ openCount: 1, answeredCount: 0 });
    expect(byAgency.get('border-guard')).toMatchObject({ openCount: 0, answeredCount: 0 });
    expect(byAgency.get('all')).toMatchObject({ openCount: 3, answeredCount: 2 });
    // Both answers came within seconds of their submission (nearest rank of two: p50 = the
    // faster one, p90 = max = the slower one).
    const all = byAgency.get('all');
    expect(all?.p50Seconds).toBeGreaterThan(0);
    expect(all?.p50Seconds).toBeLessThanOrEqual(all?.p90Seconds ?? 0);
    expect(all?.p90Seconds).toBe(all?.maxSeconds);
    expect(all?.maxSeconds).toBeLessThan(60);
  });
});
