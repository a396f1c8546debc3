import { randomBytes, randomUUID } from 'node:crypto';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { Kafka, logLevel } from 'kafkajs';
import { Pool } from 'pg';
import { TOPICS } from '@cuakhau/contracts';
import { createFreshDatabase } from '@cuakhau/local-infra';
import { createDataSource, runMigrations, type RunningService } from '@cuakhau/platform';
import { eventually, spawnTsProcess, type TsProcess, freePort } from '@cuakhau/testing';
import { GATEWAY_MIGRATIONS } from '../src/database/gateway.migrations';
import { DEMO_PASSWORD, seedDemo } from '../src/demo/demo-seed';
import { loadGatewayConfig } from '../src/gateway.config';
import { startGateway } from '../src/gateway.service';

jest.setTimeout(90_000);

const SERVER_URL = process.env.DATABASE_URL ?? 'postgres://postgres@127.0.0.1:5432/postgres';
const KAFKA_BROKERS = process.env.KAFKA_BROKERS ?? '127.0.0.1:9092';

function uniqueName(prefix: string): string {
  return `${prefix}_${Date.now().toString(36)}_${randomBytes(3).toString('hex')}`;
}

function shipmentBody(): Record<string, unknown> {
  const digits = String(10_000 + (randomBytes(3).readUIntBE(0, 3) % 89_999));
  return {
    gateCode: 'MONGCAI',
    direction: 'EXPORT',
    declarationNumber: String(100_000_000_000 + (randomBytes(5).readUIntBE(0, 5) % 899_999_999)),
    plannedArrival: new Date(Date.now() + 2 * 24 * 3_600_000).toISOString(),
    vehicle: { plate: `29C-${digits.slice(0, 3)}.${digits.slice(3)}`, country: 'VN' },
    driver: { name: 'Nguyễn Văn An', documentNumber: 'C1234567', nationality: 'VN' },
    goods: [
      {
        hsCode: '08109010',
        description: 'Vải tươi / fresh lychee',
        quantity: 20000,
        unit: 'KGM',
        grossKg: 21000,
        valueUsd: 18000,
        origin: 'VN',
      },
    ],
    documents: [{ type: 'PHYTO_CERT', number: 'KD-2026-0001' }],
  };
}

interface Answer {
  status: number;
  headers: Headers;
  body: Record<string, unknown>;
}

describe('gateway feedback channel (registry and audit as child processes)', () => {
  let registry: TsProcess;
  let audit: TsProcess;
  let gateway: RunningService;
  let auditPool: Pool;
  let base: string;
  const databases: string[] = [];
  const tokens = new Map<string, string>();

  async function call(
    method: string,
    url: string,
    options: { token?: string; body?: unknown; headers?: Record<string, string> } = {},
  ): Promise<Answer> {
    const headers: Record<string, string> = { ...options.headers };
    if (options.token !== undefined) headers['authorization'] = `Bearer ${options.token}`;
    if (options.body !== undefined) headers['content-type'] = 'application/json';
    const response = await fetch(`${base}${url}`, {
      method,
      headers,
      ...(options.body === undefined ? {} : { body: JSON.stringify(options.body) }),
    });
    const text = await response.text();
    const json = (response.headers.get('content-type') ?? '').includes('json');
    return {
      status: response.status,
      headers: response.headers,
      body: json && text !== '' ? (JSON.parse(text) as Record<string, unknown>) : {},
    };
  }

  async function login(username: string): Promise<string> {
    const known = tokens.get(username);
    if (known !== undefined) return known;
    const answer = await call('POST', '/api/v1/auth/login', {
      body: { username, password: DEMO_PASSWORD },
    });
    expect(answer.status).toBe(200);
    const token = String(answer.body['accessToken']);
    tokens.set(username, token);
    return token;
  }

  async function registerShipment(): Promise<{ id: string; plate: string; passCode: string }> {
    const created = await call('POST', '/api/v1/shipments', {
      token: await login('trader1'),
      body: shipmentBody(),
    });
    expect(created.status).toBe(201);
    return {
      id: String(created.body['id']),
      plate: (created.body['vehicle'] as { plate: string }).plate,
      passCode: String(created.body['passCode']),
    };
  }

  const ids = (answer: Answer): string[] =>
    (answer.body['items'] as { id: string }[]).map((item) => item.id);

  beforeAll(async () => {
    const registryDb = uniqueName('gwfb_registry');
    const auditDb = uniqueName('gwfb_audit');
    const gatewayDb = uniqueName('gwfb_gateway');
    databases.push(registryDb, auditDb, gatewayDb);
    const [registryUrl, auditUrl, gatewayUrl] = await Promise.all([
      createFreshDatabase(SERVER_URL, registryDb),
      createFreshDatabase(SERVER_URL, auditDb),
      createFreshDatabase(SERVER_URL, gatewayDb),
    ]);
    auditPool = new Pool({ connectionString: auditUrl, max: 1 });
    const registryGrpcPort = await freePort();
    const auditGrpcPort = await freePort();
    const deadAddress = `127.0.0.1:${await freePort()}`;
    registry = spawnTsProcess('services/registry/src/main.ts', {
      env: {
        DATABASE_URL: registryUrl,
        KAFKA_BROKERS,
        HTTP_PORT: '0',
        GRPC_PORT: String(registryGrpcPort),
        LOG_LEVEL: 'info',
        REGISTRY_CONSUMER_GROUP: uniqueName('gwfb_registry'),
        NODE_ENV: 'test',
      },
    });
    // The audit log starts at the topics' ends: only this test's events are chained.
    const auditGroup = uniqueName('gwfb_audit');
    const kafka = new Kafka({ brokers: KAFKA_BROKERS.split(','), logLevel: logLevel.NOTHING });
    const admin = kafka.admin();
    await admin.connect();
    for (const topic of Object.values(TOPICS)) {
      const ends = await admin.fetchTopicOffsets(topic);
      await admin.setOffsets({
        groupId: auditGroup,
        topic,
        partitions: ends.map((end) => ({ partition: end.partition, offset: end.high })),
      });
    }
    await admin.disconnect();
    const runDir = fs.mkdtempSync(path.join(os.tmpdir(), 'gateway-feedback-'));
    // A child process: a service never imports another service, not even in tests.
    audit = spawnTsProcess('services/audit/src/main.ts', {
      env: {
        DATABASE_URL: auditUrl,
        KAFKA_BROKERS,
        HTTP_PORT: '0',
        GRPC_PORT: String(auditGrpcPort),
        LOG_LEVEL: 'info',
        AUDIT_CONSUMER_GROUP: auditGroup,
        AUDIT_USE_STATIC_AGENCY_KEYS: 'true',
        AUDIT_STATIC_AGENCY_KEYS: '{}',
        AUDIT_SLA_CHECK_INTERVAL_MS: '3600000',
        AUDIT_DEV_KEYS_DIR: path.join(runDir, 'keys'),
        NODE_ENV: 'test',
      },
    });
    const seedSource = createDataSource({
      url: gatewayUrl,
      entities: [],
      migrations: GATEWAY_MIGRATIONS,
      name: 'gateway-feedback-seed',
      poolSize: 1,
    });
    await runMigrations(seedSource);
    await seedDemo(seedSource, runDir);
    await seedSource.destroy();
    gateway = await startGateway(
      loadGatewayConfig({
        NODE_ENV: 'test',
        DATABASE_URL: gatewayUrl,
        HTTP_PORT: '0',
        LOG_LEVEL: 'warn',
        REGISTRY_GRPC_URL: `127.0.0.1:${registryGrpcPort}`,
        AUDIT_GRPC_URL: `127.0.0.1:${auditGrpcPort}`,
        CUSTOMS_GRPC_URL: deadAddress,
        BORDER_GUARD_GRPC_URL: deadAddress,
        QUARANTINE_GRPC_URL: deadAddress,
        LOGISTICS_QUEUE_GRPC_URL: deadAddress,
        GRPC_DEADLINE_MS: '3000',
        RUN_DIR: runDir,
        REDIS_KEY_PREFIX: `${uniqueName('gwfb')}:`,
      }),
    );
    base = gateway.httpUrl;
    await Promise.all([
      registry.waitForOutput(/registry started/, 60_000),
      audit.waitForOutput(/audit started/, 60_000),
    ]);
  });

  afterAll(async () => {
    await gateway?.close();
    await audit?.stop();
    await registry?.stop();
    await auditPool?.end();
    const admin = new Pool({ connectionString: SERVER_URL, max: 1 });
    for (const database of databases) {
      await admin.query(`DROP DATABASE IF EXISTS ${database} WITH (FORCE)`).catch(() => undefined);
    }
    await admin.end();
  });

  it('takes a trader complaint on an own shipment only, once per Idempotency-Key', async () => {
    const shipment = await registerShipment();
    const body = {
      shipmentId: shipment.id,
      kind: 'COMPLAINT',
      agency: 'customs',
      message: 'Tờ khai đã nộp từ hôm qua nhưng chưa được xử lý',
    };
    const key = randomUUID();
    const trader = await login('trader1');
    const created = await call('POST', '/api/v1/feedback', {
      token: trader,
      body,
      headers: { 'idempotency-key': key },
    });
    expect(created.status).toBe(201);
    expect(created.body).toMatchObject({
      shipmentId: shipment.id,
      gateCode: 'MONGCAI',
      kind: 'COMPLAINT',
      agency: 'customs',
      status: 'open',
      message: body.message,
      author: { kind: 'trader' },
      answer: null,
    });
    const replay = await call('POST', '/api/v1/feedback', {
      token: trader,
      body,
      headers: { 'idempotency-key': key },
    });
    expect(replay.status).toBe(201);
    expect(replay.body['id']).toBe(created.body['id']);

    const foreign = await call('POST', '/api/v1/feedback', {
      token: await login('trader2'),
      body,
    });
    expect(foreign.status).toBe(404);
    expect(foreign.headers.get('content-type')).toContain('application/problem+json');

    const own = await call('GET', '/api/v1/feedback', { token: trader });
    expect(own.status).toBe(200);
    expect(ids(own)).toEqual([created.body['id']]);
    const others = await call('GET', '/api/v1/feedback', { token: await login('trader2') });
    expect(ids(others)).toEqual([]);

    // Submitted once (the replay was not sent again), and chained through Kafka.
    await eventually(
      async () =>
        expect(
          (
            await auditPool.query<{ event_type: string }>(
              `SELECT event_type FROM audit_entry WHERE subject = $1 ORDER BY seq`,
              [shipment.id],
            )
          ).rows.map((row) => row.event_type),
        ).toContain('cuakhau.audit.v1.FeedbackSubmitted'),
      { timeoutMs: 30_000 },
    );
    const stored = await auditPool.query<{ n: number }>(
      `SELECT count(*)::int AS n FROM feedback_item WHERE shipment_id = $1`,
      [shipment.id],
    );
    expect(stored.rows[0]?.n).toBe(1);
  });

  it('answers field problems as problem+json, never 500', async () => {
    const shipment = await registerShipment();
    const bad = await call('POST', '/api/v1/feedback', {
      token: await login('trader1'),
      body: { shipmentId: shipment.id, kind: 'RANT', agency: 'police', message: '   ' },
    });
    expect(bad.status).toBe(400);
    expect(bad.headers.get('content-type')).toContain('application/problem+json');
    expect(bad.body['code']).toBe('GATEWAY.VALIDATION_FAILED');
    expect((bad.body['errors'] as { field: string }[]).map((e) => e.field).sort()).toEqual([
      'agency',
      'kind',
      'message',
    ]);
    const long = await call('POST', '/api/v1/feedback', {
      token: await login('trader1'),
      body: {
        shipmentId: shipment.id,
        kind: 'FEEDBACK',
        agency: 'yard',
        message: 'x'.repeat(2001),
      },
    });
    expect(long.status).toBe(400);
    expect(long.body['errors']).toEqual([expect.objectContaining({ field: 'message' })]);
    const answer = await call('POST', `/api/v1/feedback/${randomUUID()}/answer`, {
      token: await login('customs1'),
      body: {},
    });
    expect(answer.status).toBe(400);
    expect(answer.body['errors']).toEqual([
      expect.objectContaining({ field: 'answer', code: 'REQUIRED' }),
    ]);
  });

  it('takes a driver complaint with plate + pass code, as the queue position does', async () => {
    const shipment = await registerShipment();
    const sent = await call('POST', '/api/v1/feedback/driver', {
      body: {
        plate: shipment.plate,
        passCode: shipment.passCode,
        kind: 'COMPLAINT',
        agency: 'yard',
        message: 'Đã chờ ở bãi 5 tiếng',
      },
    });
    expect(sent.status).toBe(201);
    expect(sent.body).toMatchObject({
      shipmentId: shipment.id,
      agency: 'yard',
      author: { kind: 'driver', name: '' },
    });
    const wrong = await call('POST', '/api/v1/feedback/driver', {
      body: {
        plate: shipment.plate,
        passCode: 'AAAA-BBBB-CCCC',
        kind: 'COMPLAINT',
        agency: 'yard',
        message: 'x',
      },
    });
    expect(wrong.status).toBe(404);
    expect(wrong.body['code']).toBe('QUEUE.PASS_NOT_FOUND');
    const query = `plate=${encodeURIComponent(shipment.plate)}&passCode=${encodeURIComponent(shipment.passCode)}`;
    const mine = await call('GET', `/api/v1/feedback/driver?${query}`);
    expect(mine.status).toBe(200);
    expect(ids(mine)).toEqual([sent.body['id']]);
  });

  it('lets the agency concerned answer once (409 after), scoped to its agency and gate', async () => {
    const shipment = await registerShipment();
    const created = await call('POST', '/api/v1/feedback', {
      token: await login('trader1'),
      body: {
        shipmentId: shipment.id,
        kind: 'FEEDBACK',
        agency: 'quarantine',
        message: 'Xin hướng dẫn thủ tục kiểm dịch',
      },
    });
    expect(created.status).toBe(201);
    const id = String(created.body['id']);

    const quarantine = await login('quarantine1');
    const open = await call('GET', '/api/v1/feedback?status=open', { token: quarantine });
    expect(open.status).toBe(200);
    expect(ids(open)).toContain(id);
    expect(
      (open.body['items'] as { agency: string }[]).every((item) => item.agency === 'quarantine'),
    ).toBe(true);
    const customsView = await call('GET', '/api/v1/feedback', { token: await login('customs1') });
    expect(ids(customsView)).not.toContain(id);
    const widened = await call('GET', '/api/v1/feedback?agency=customs', { token: quarantine });
    expect(widened.status).toBe(403);

    const byCustoms = await call('POST', `/api/v1/feedback/${id}/answer`, {
      token: await login('customs1'),
      body: { answer: 'Không phải việc của hải quan' },
    });
    expect(byCustoms.status).toBe(404);
    const bySupervisor = await call('POST', `/api/v1/feedback/${id}/answer`, {
      token: await login('supervisor1'),
      body: { answer: 'x' },
    });
    expect(bySupervisor.status).toBe(403);

    const answered = await call('POST', `/api/v1/feedback/${id}/answer`, {
      token: quarantine,
      body: { answer: 'Vui lòng nộp giấy chứng nhận kiểm dịch thực vật trước khi xe đến.' },
    });
    expect(answered.status).toBe(200);
    expect(answered.body).toMatchObject({
      id,
      status: 'answered',
      answer: { text: 'Vui lòng nộp giấy chứng nhận kiểm dịch thực vật trước khi xe đến.' },
    });
    const again = await call('POST', `/api/v1/feedback/${id}/answer`, {
      token: quarantine,
      body: { answer: 'Lần hai' },
    });
    expect(again.status).toBe(409);
    expect(again.headers.get('content-type')).toContain('application/problem+json');
    expect(again.body['code']).toBe('FEEDBACK.ALREADY_ANSWERED');

    const trader = await call('GET', `/api/v1/feedback?shipmentId=${shipment.id}`, {
      token: await login('trader1'),
    });
    expect(trader.body['items']).toEqual([
      expect.objectContaining({ id, status: 'answered', answer: expect.any(Object) as unknown }),
    ]);
  });

  it('gives the supervisor every item of the gate and the response times, read-only', async () => {
    const supervisor = await login('supervisor1');
    const all = await call('GET', '/api/v1/feedback', { token: supervisor });
    expect(all.status).toBe(200);
    // Tests above: a customs complaint, a yard complaint (driver), an answered quarantine item.
    expect((all.body['items'] as { agency: string }[]).map((item) => item.agency).sort()).toEqual([
      'customs',
      'quarantine',
      'yard',
    ]);
    const answered = await call('GET', '/api/v1/feedback?status=answered&agency=quarantine', {
      token: supervisor,
    });
    expect(ids(answered)).toHaveLength(1);
    const otherGate = await call('GET', '/api/v1/feedback?gateCode=HUUNGHI', { token: supervisor });
    expect(otherGate.status).toBe(403);

    const times = await call('GET', '/api/v1/feedback/response-times', { token: supervisor });
    expect(times.status).toBe(200);
    expect(times.body['gateCode']).toBe('MONGCAI');
    const rows = new Map(
      (times.body['rows'] as { agency: string; openCount: number; answeredCount: number }[]).map(
        (row) => [row.agency, row],
      ),
    );
    expect(rows.get('all')).toMatchObject({ openCount: 2, answeredCount: 1 });
    expect(rows.get('quarantine')).toMatchObject({ openCount: 0, answeredCount: 1 });
    expect(rows.get('yard')).toMatchObject({ openCount: 1, answeredCount: 0 });

    const byTrader = await call('GET', '/api/v1/feedback/response-times', {
      token: await login('trader1'),
    });
    expect(byTrader.status).toBe(403);
    expect((await call('GET', '/api/v1/feedback')).status).toBe(401);
  });

  it('lists the feedback routes in the OpenAPI document', async () => {
    const docs = await call('GET', '/api/docs-json');
    expect(docs.status).toBe(200);
    const paths = Object.keys(docs.body['paths'] as Record<string, unknown>);
    expect(paths).toEqual(
      expect.arrayContaining([
        '/api/v1/feedback',
        '/api/v1/feedback/driver',
        '/api/v1/feedback/response-times',
        '/api/v1/feedback/{id}/answer',
      ]),
    );
  });
});
