import { randomBytes } from 'node:crypto';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { Kafka, logLevel } from 'kafkajs';
import { Pool } from 'pg';
import { createFreshDatabase } from '@cuakhau/local-infra';
import { eventually, spawnTsProcess, type TsProcess, freePort } from '@cuakhau/testing';

/**
 * The whole clearance flow through the public API only, with every service as its own
 * process on real PostgreSQL, Redis and Kafka (DESIGN.md §4).
 */
jest.setTimeout(240_000);

const SERVER_URL = process.env.DATABASE_URL ?? 'postgres://postgres@127.0.0.1:5432/postgres';
const KAFKA_BROKERS = process.env.KAFKA_BROKERS ?? '127.0.0.1:9092';
const PASSWORD = 'CuaKhau#2026';
const RUN = `e2e_${Date.now().toString(36)}_${randomBytes(3).toString('hex')}`;
const SERVICES = [
  'registry',
  'customs',
  'border-guard',
  'quarantine',
  'logistics-queue',
  'audit',
] as const;
type ServiceName = (typeof SERVICES)[number];
const CONSUMER_GROUP_VARIABLE: Readonly<Record<ServiceName, string>> = {
  registry: 'REGISTRY_CONSUMER_GROUP',
  customs: 'CUSTOMS_CONSUMER_GROUP',
  'border-guard': 'BORDER_GUARD_CONSUMER_GROUP',
  quarantine: 'QUARANTINE_CONSUMER_GROUP',
  'logistics-queue': 'QUEUE_CONSUMER_GROUP',
  audit: 'AUDIT_CONSUMER_GROUP',
};

type Json = Record<string, unknown>;
interface Answer {
  status: number;
  body: Json;
}

function grpcUrlVariable(name: ServiceName): string {
  return `${name === 'logistics-queue' ? 'LOGISTICS_QUEUE' : name.toUpperCase().replace(/-/g, '_')}_GRPC_URL`;
}

/**
 * Fresh consumer groups start at the topics' current end: the shared broker's history of
 * earlier runs is not replayed into this run's fresh databases.
 */
async function startGroupsAtTheEnd(groups: readonly string[]): Promise<void> {
  const kafka = new Kafka({
    clientId: `${RUN}-admin`,
    brokers: KAFKA_BROKERS.split(','),
    logLevel: logLevel.NOTHING,
  });
  const admin = kafka.admin();
  await admin.connect();
  try {
    const topics = (await admin.listTopics()).filter((topic) =>
      /^cuakhau\.[a-z-]+\.v1$/.test(topic),
    );
    const ends = (
      await Promise.all(
        topics.map(async (topic) =>
          (await admin.fetchTopicOffsets(topic)).map(({ partition, high }) => ({
            topic,
            partition,
            offset: high,
          })),
        ),
      )
    ).flat();
    // One short-lived member per group commits every partition's end offset at once
    // (admin.setOffsets joins the group once per topic, ~5 s each: minutes for all groups).
    await Promise.all(
      groups.map(async (groupId) => {
        const consumer = kafka.consumer({ groupId, sessionTimeout: 10_000 });
        await consumer.connect();
        try {
          const joined = new Promise<void>((resolve) => {
            consumer.on(consumer.events.GROUP_JOIN, () => resolve());
          });
          await consumer.subscribe({ topics, fromBeginning: false });
          await consumer.run({ autoCommit: false, eachBatch: async () => {} });
          await joined;
          await consumer.commitOffsets(ends.map((end) => ({ ...end, offset: String(end.offset) })));
        } finally {
          await consumer.disconnect();
        }
      }),
    );
  } finally {
    await admin.disconnect();
  }
}

describe('whole flow: registration → arrival → decisions → CLEARED → call → crossing → DEPARTED', () => {
  const children: TsProcess[] = [];
  const databases: string[] = [];
  const tokens = new Map<string, string>();
  let base = '';

  async function call(
    method: string,
    url: string,
    options: { token?: string; apiKey?: string; body?: unknown } = {},
  ): Promise<Answer> {
    const headers: Record<string, string> = {};
    if (options.token !== undefined) headers['authorization'] = `Bearer ${options.token}`;
    if (options.apiKey !== undefined) headers['x-api-key'] = options.apiKey;
    if (options.body !== undefined) headers['content-type'] = 'application/json';
    const response = await fetch(`${base}${url}`, {
      method,
      headers,
      ...(options.body === undefined ? {} : { body: JSON.stringify(options.body) }),
    });
    const text = await response.text();
    return { status: response.status, body: text === '' ? {} : (JSON.parse(text) as Json) };
  }

  async function login(username: string): Promise<string> {
    const known = tokens.get(username);
    if (known !== undefined) return known;
    const answer = await call('POST', '/api/v1/auth/login', {
      body: { username, password: PASSWORD },
    });
    expect(answer.status).toBe(200);
    const token = String(answer.body['accessToken']);
    tokens.set(username, token);
    return token;
  }

  async function shipmentOf(id: string): Promise<Json> {
    const answer = await call('GET', `/api/v1/shipments/${id}`, { token: await login('trader1') });
    expect(answer.status).toBe(200);
    return answer.body;
  }

  beforeAll(async () => {
    const grpcPorts = new Map<ServiceName, number>();
    for (const name of SERVICES) grpcPorts.set(name, await freePort());
    const grpcUrls = Object.fromEntries(
      SERVICES.map((name) => [grpcUrlVariable(name), `127.0.0.1:${grpcPorts.get(name) ?? 0}`]),
    );
    const groups = SERVICES.map((name) => `${RUN}_${name}`);
    await startGroupsAtTheEnd(groups);
    const common = {
      NODE_ENV: 'test',
      KAFKA_BROKERS,
      LOG_LEVEL: 'info',
      ...grpcUrls,
    };
    for (const [index, name] of SERVICES.entries()) {
      const database = `${RUN}_${name.replace(/-/g, '_')}`;
      databases.push(database);
      const child = spawnTsProcess(`services/${name}/src/main.ts`, {
        env: {
          ...common,
          DATABASE_URL: await createFreshDatabase(SERVER_URL, database),
          HTTP_PORT: String(await freePort()),
          GRPC_PORT: String(grpcPorts.get(name) ?? 0),
          KAFKA_CLIENT_ID: `${RUN}-${name}`,
          [CONSUMER_GROUP_VARIABLE[name]]: groups[index] ?? name,
          QUEUE_REDIS_PREFIX: `${RUN}-lq`,
        },
      });
      children.push(child);
    }
    const gatewayDatabase = `${RUN}_gateway`;
    databases.push(gatewayDatabase);
    const gatewayEnv = {
      ...common,
      DATABASE_URL: await createFreshDatabase(SERVER_URL, gatewayDatabase),
      HTTP_PORT: String(await freePort()),
      RUN_DIR: fs.mkdtempSync(path.join(os.tmpdir(), 'cuakhau-e2e-')),
      REDIS_KEY_PREFIX: `${RUN}:gw:`,
      SSE_REFRESH_MS: '500',
    };
    const seed = spawnTsProcess('services/gateway/src/seed.ts', { env: gatewayEnv });
    children.push(seed);
    const seeded = await seed.exited;
    expect({ code: seeded.code, output: seeded.code === 0 ? '' : seed.output() }).toEqual({
      code: 0,
      output: '',
    });
    const cameraKey = /X-API-Key[^:]*: (ck_\S+)/.exec(seed.output())?.[1];
    expect(cameraKey).toBeDefined();
    cameraKeyOfRun = cameraKey ?? '';
    const gateway = spawnTsProcess('services/gateway/src/main.ts', { env: gatewayEnv });
    children.push(gateway);
    base = `http://127.0.0.1:${gatewayEnv.HTTP_PORT}`;
    await Promise.all(
      [...children.slice(0, SERVICES.length), gateway].map((child) =>
        child.waitForOutput(/ started: http/, 90_000),
      ),
    );
  });

  let cameraKeyOfRun = '';

  afterAll(async () => {
    await Promise.all(children.map((child) => child.stop(5_000).catch(() => undefined)));
    const admin = new Pool({ connectionString: SERVER_URL, max: 1 });
    for (const database of databases) {
      await admin.query(`DROP DATABASE IF EXISTS ${database} WITH (FORCE)`).catch(() => undefined);
    }
    await admin.end();
  });

  it('clears, calls and lets the truck cross, with every step on the timeline', async () => {
    // 1. trader1 registers: plate with a border-guard permit, vegetables with a PHYTO_CERT.
    const plate = '14C-123.45';
    const registered = await call('POST', '/api/v1/shipments', {
      token: await login('trader1'),
      body: {
        gateCode: 'MONGCAI',
        direction: 'EXPORT',
        declarationNumber: `30${Date.now().toString().slice(-10)}`,
        plannedArrival: new Date(Date.now() + 30 * 60_000).toISOString(),
        vehicle: { plate, country: 'VN' },
        driver: { name: 'Nguyễn Văn An', documentNumber: 'C1234567', nationality: 'VN' },
        goods: [
          {
            hsCode: '07031019',
            description: 'Hành tây tươi / fresh onions',
            quantity: 18000,
            unit: 'KGM',
            grossKg: 19000,
            valueUsd: 9000,
            origin: 'VN',
          },
        ],
        documents: [{ type: 'PHYTO_CERT', number: 'KD-2026-0042' }],
      },
    });
    expect(registered.status).toBe(201);
    const shipmentId = String(registered.body['id']);
    const passCode = String(registered.body['passCode']);

    // trader2 (another company) cannot see it.
    const foreign = await call('GET', `/api/v1/shipments/${shipmentId}`, {
      token: await login('trader2'),
    });
    expect(foreign.status).toBe(404);

    // 2. The yard's ANPR camera sees the truck (API key scoped to MONGCAI arrivals).
    const arrival = await eventually(async () => {
      const answer = await call('POST', '/api/v1/yard/arrivals', {
        apiKey: cameraKeyOfRun,
        body: {
          gateCode: 'MONGCAI',
          plate,
          source: 'ANPR',
          cameraId: 'CAM-IN-1',
          confidence: 0.97,
        },
      });
      expect(answer.body).toMatchObject({ matched: true, shipmentId });
      return answer;
    });
    expect(arrival.status).toBe(201);

    // 3. Customs: GREEN on data clears automatically; a sampled case is decided by customs1.
    const customsCase = await eventually(async () => {
      const answer = await call('GET', `/api/v1/agencies/customs/cases/${shipmentId}`, {
        token: await login('customs1'),
      });
      expect(answer.status).toBe(200);
      return answer.body;
    });
    if (customsCase['status'] !== 'CLEARED') {
      if (customsCase['channel'] === 'RED') {
        const inspected = await call(
          'POST',
          `/api/v1/agencies/customs/cases/${shipmentId}/inspection`,
          {
            token: await login('customs1'),
            body: {
              findings: 'matches the declaration',
              seals: ['VN-123'],
              expectedVersion: customsCase['version'],
            },
          },
        );
        expect(inspected.status).toBe(200);
        customsCase['version'] = inspected.body['version'];
      }
      const decided = await call('POST', `/api/v1/agencies/customs/cases/${shipmentId}/decision`, {
        token: await login('customs1'),
        body: {
          decision: 'CLEARED',
          reason: 'documents checked',
          expectedVersion: customsCase['version'],
        },
      });
      expect(decided.status).toBe(200);
    }

    // 4. Border guard clears automatically (permit valid, documents in order, no watch-list hit).
    await eventually(async () => {
      const answer = await call('GET', `/api/v1/agencies/border-guard/cases/${shipmentId}`, {
        token: await login('borderguard1'),
      });
      expect(answer.body).toMatchObject({ status: 'CLEARED' });
    });

    // 5. Quarantine waits for quarantine1 (controlled goods, certificate present).
    const quarantineCase = await eventually(async () => {
      const answer = await call('GET', `/api/v1/agencies/quarantine/cases/${shipmentId}`, {
        token: await login('quarantine1'),
      });
      expect(answer.body).toMatchObject({ status: 'OPEN' });
      return answer.body;
    });
    // Another agency's officer may not decide it; a stale version is a 409 with a code.
    const wrongAgency = await call(
      'POST',
      `/api/v1/agencies/quarantine/cases/${shipmentId}/decision`,
      {
        token: await login('customs1'),
        body: { decision: 'CLEARED', reason: '', expectedVersion: quarantineCase['version'] },
      },
    );
    expect(wrongAgency.status).toBe(403);
    const stale = await call('POST', `/api/v1/agencies/quarantine/cases/${shipmentId}/decision`, {
      token: await login('quarantine1'),
      body: {
        decision: 'CLEARED',
        reason: '',
        expectedVersion: Number(quarantineCase['version']) + 5,
      },
    });
    expect(stale.status).toBe(409);
    expect(stale.body['code']).toBe('QUARANTINE.VERSION_CONFLICT');
    const cleared = await call('POST', `/api/v1/agencies/quarantine/cases/${shipmentId}/decision`, {
      token: await login('quarantine1'),
      body: {
        decision: 'CLEARED',
        reason: 'certificate verified',
        expectedVersion: quarantineCase['version'],
      },
    });
    expect(cleared.status).toBe(200);
    expect(cleared.body).toMatchObject({ status: 'CLEARED', decision: 'CLEARED' });

    // 6. The registry derives CLEARED from the three decisions.
    await eventually(async () => {
      expect(await shipmentOf(shipmentId)).toMatchObject({
        status: 'CLEARED',
        agencies: { customs: 'CLEARED', borderGuard: 'CLEARED', quarantine: 'CLEARED' },
      });
    });

    // 7. yard1 calls the next truck to a lane: this one.
    const called = await eventually(async () => {
      const lanes = await call('GET', '/api/v1/yard/lanes', { token: await login('yard1') });
      expect(lanes.status).toBe(200);
      const lane = (lanes.body['items'] as Json[]).find(
        (item) =>
          item['open'] === true && item['busyShipmentId'] === '' && item['direction'] !== 'IMPORT',
      );
      expect(lane).toBeDefined();
      const answer = await call('POST', `/api/v1/yard/lanes/${String(lane?.['id'])}/call-next`, {
        token: await login('yard1'),
      });
      expect(answer.status).toBe(200);
      return answer.body;
    });
    expect(called).toMatchObject({ shipmentId, laneId: expect.any(String) as unknown });
    expect(String(called['plate']).replace(/[^0-9A-Z]/g, '')).toBe('14C12345');
    const laneId = String(called['laneId']);

    // 8. The driver (no account) sees CALLED with the lane.
    await eventually(async () => {
      const position = await call(
        'GET',
        `/api/v1/queue/position?plate=${encodeURIComponent(plate)}&passCode=${passCode}`,
      );
      expect(position.body).toMatchObject({ shipmentId, status: 'CALLED', lane: laneId });
    });

    // 9. borderguard1 records the crossing at the barrier (once the call reached the guard).
    await eventually(async () => {
      const crossing = await call('POST', '/api/v1/agencies/border-guard/crossings', {
        token: await login('borderguard1'),
        body: { shipmentId },
      });
      expect(crossing.status).toBe(200);
    });

    // 10. DEPARTED, the lane is free again, and the timeline holds every step with actors.
    const departed = await eventually(async () => {
      const shipment = await shipmentOf(shipmentId);
      expect(shipment['status']).toBe('DEPARTED');
      return shipment;
    });
    await eventually(async () => {
      const lanes = await call('GET', '/api/v1/yard/lanes', { token: await login('yard1') });
      const lane = (lanes.body['items'] as Json[]).find((item) => item['id'] === laneId);
      expect(lane).toMatchObject({ busyShipmentId: '' });
    });
    const timeline = departed['timeline'] as Json[];
    const steps = timeline.map((entry) => String(entry['step']));
    for (const step of ['REGISTERED', 'ARRIVED', 'DECISION_RECORDED', 'CALLED', 'DEPARTED']) {
      expect(steps).toContain(step);
    }
    // The last decision moves the shipment to CLEARED (the status after that step).
    expect(timeline.map((entry) => entry['status'])).toContain('CLEARED');
    const decisions = timeline.filter((entry) => entry['step'] === 'DECISION_RECORDED');
    expect(decisions.map((entry) => entry['agency']).sort()).toEqual(
      expect.arrayContaining(['border-guard', 'customs', 'quarantine']),
    );
    const quarantineDecision = decisions.find((entry) => entry['agency'] === 'quarantine');
    expect(quarantineDecision).toMatchObject({
      decision: 'CLEARED',
      actor: { kind: 'OFFICER', displayName: expect.any(String) as unknown },
    });
    expect(timeline.find((entry) => entry['step'] === 'REGISTERED')).toMatchObject({
      actor: { kind: 'TRADER' },
    });
    for (const entry of timeline) expect(entry['actor']).not.toBeNull();

    // 11. The supervisor audits it: every event of the shipment is in the hash chain, each
    // agency's decision carries a signature the audit service verified, the chain verifies,
    // and the clearance-time report counts the shipment.
    const supervisor = await login('supervisor1');
    const audited = await eventually(async () => {
      const answer = await call('GET', `/api/v1/audit?shipmentId=${shipmentId}`, {
        token: supervisor,
      });
      expect(answer.status).toBe(200);
      const entries = answer.body['entries'] as Json[];
      const types = entries.map((entry) => String(entry['eventType']));
      for (const type of [
        'cuakhau.registry.v1.ShipmentRegistered',
        'cuakhau.customs.v1.DecisionRecorded',
        'cuakhau.border_guard.v1.DecisionRecorded',
        'cuakhau.quarantine.v1.DecisionRecorded',
        'cuakhau.queue.v1.TruckArrived',
        'cuakhau.queue.v1.TruckCalled',
        'cuakhau.border_guard.v1.CrossingRecorded',
      ]) {
        expect(types).toContain(type);
      }
      return entries;
    });
    const decisionEntries = audited.filter((entry) =>
      String(entry['eventType']).endsWith('.DecisionRecorded'),
    );
    expect(decisionEntries.length).toBeGreaterThanOrEqual(3);
    for (const entry of decisionEntries) expect(entry['signatureStatus']).toBe('VALID');
    const verified = await call('GET', '/api/v1/audit/verify', { token: supervisor });
    expect(verified.status).toBe(200);
    expect(verified.body).toMatchObject({ valid: true, firstBrokenEntry: null });
    await eventually(async () => {
      const report = await call('GET', '/api/v1/reports/clearance-times?groupBy=step', {
        token: supervisor,
      });
      expect(report.status).toBe(200);
      const rows = report.body['rows'] as Json[];
      expect(rows.length).toBeGreaterThan(0);
      expect(rows.some((row) => Number(row['count']) >= 1)).toBe(true);
    });
  });
});
