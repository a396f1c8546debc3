import { randomBytes } from 'node:crypto';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { Pool } from 'pg';
import { createFreshDatabase, startConsumerGroupsAtTheEnd } from '@cuakhau/local-infra';
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

/**
 * Run-unique plates, each with a border-guard permit in this run's own database. The Kafka
 * topics are shared with every other run on the broker: a plate that another run registers
 * at MONGCAI at the same time would make the camera's read ambiguous (never guessed).
 */
function runPlates(count: number): string[] {
  const plates = new Set<string>();
  while (plates.size < count) {
    const digits = String(randomBytes(3).readUIntBE(0, 3) % 100_000).padStart(5, '0');
    plates.add(`14C-${digits.slice(0, 3)}.${digits.slice(3)}`);
  }
  return [...plates];
}
const [FLOW_PLATE = '', GREEN_PLATE = '', DOWN_PLATE = ''] = runPlates(3);
const normalisedPlate = (plate: string): string => plate.replace(/[^0-9A-Z]/g, '');

type Json = Record<string, unknown>;
interface Answer {
  status: number;
  body: Json;
  headers: Headers;
}

/** One server-sent event as the driver's browser would see it. */
interface SseEvent {
  event: string;
  id: string;
  data: Json;
}

/** An open SSE stream read with fetch and a stream reader; `events` grows as they arrive. */
interface SseStream {
  status: number;
  contentType: string;
  events: SseEvent[];
  close(): Promise<void>;
}

/** Opens `url` as `text/event-stream` and parses its events until closed. */
async function openEventStream(url: string): Promise<SseStream> {
  const abort = new AbortController();
  const response = await fetch(url, {
    headers: { accept: 'text/event-stream' },
    signal: abort.signal,
  });
  const events: SseEvent[] = [];
  const reader = response.body?.getReader() as ReadableStreamDefaultReader<Uint8Array> | undefined;
  const decoder = new TextDecoder();
  const reading = (async () => {
    if (reader === undefined) return;
    let buffer = '';
    for (;;) {
      const { done, value } = await reader.read();
      if (done) return;
      buffer += decoder.decode(value, { stream: true });
      let end = buffer.indexOf('\n\n');
      while (end >= 0) {
        const block = buffer.slice(0, end);
        buffer = buffer.slice(end + 2);
        end = buffer.indexOf('\n\n');
        const fields = new Map<string, string>();
        for (const line of block.split('\n')) {
          const colon = line.indexOf(':');
          if (colon <= 0) continue; // comments (heartbeats) and blank lines
          fields.set(line.slice(0, colon), line.slice(colon + 1).trimStart());
        }
        const data = fields.get('data');
        if (data === undefined) continue;
        events.push({
          event: fields.get('event') ?? 'message',
          id: fields.get('id') ?? '',
          data: JSON.parse(data) as Json,
        });
      }
    }
  })().catch((error: unknown) => {
    if (!abort.signal.aborted) throw error;
  });
  return {
    status: response.status,
    contentType: response.headers.get('content-type') ?? '',
    events,
    close: async () => {
      abort.abort();
      await reading;
    },
  };
}

function grpcUrlVariable(name: ServiceName): string {
  return `${name === 'logistics-queue' ? 'LOGISTICS_QUEUE' : name.toUpperCase().replace(/-/g, '_')}_GRPC_URL`;
}

describe('whole flow: registration → arrival → decisions → CLEARED → call → crossing → DEPARTED', () => {
  const children: TsProcess[] = [];
  const databases: string[] = [];
  const tokens = new Map<string, string>();
  const serviceEnvs = new Map<ServiceName, Record<string, string>>();
  const serviceChildren = new Map<ServiceName, TsProcess>();
  let base = '';
  let declarations = 0;

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
    return {
      status: response.status,
      body: text === '' ? {} : (JSON.parse(text) as Json),
      headers: response.headers,
    };
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

  /** trader1 registers an EXPORT at MONGCAI (201) and gets its id and the driver's pass code. */
  async function register(
    plate: string,
    goods: Json,
    documents: Json[],
  ): Promise<{ shipmentId: string; passCode: string }> {
    declarations += 1;
    const answer = await call('POST', '/api/v1/shipments', {
      token: await login('trader1'),
      body: {
        gateCode: 'MONGCAI',
        direction: 'EXPORT',
        declarationNumber: `3${Date.now().toString().slice(-9)}${String(declarations).padStart(2, '0')}`,
        plannedArrival: new Date(Date.now() + 30 * 60_000).toISOString(),
        vehicle: { plate, country: 'VN' },
        driver: { name: 'Nguyễn Văn An', documentNumber: 'C1234567', nationality: 'VN' },
        goods: [goods],
        documents,
      },
    });
    expect(answer.status).toBe(201);
    return { shipmentId: String(answer.body['id']), passCode: String(answer.body['passCode']) };
  }

  /** The yard's ANPR camera sees the truck (API key scoped to MONGCAI arrivals). */
  async function arrive(plate: string, shipmentId: string): Promise<void> {
    // The queue matches the plate once it has consumed ShipmentRegistered; right after the
    // services start, their consumer groups may still be joining on the shared broker.
    const arrival = await eventually(
      async () => {
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
      },
      { timeoutMs: 60_000 },
    ).catch((error: unknown) => {
      const queueLog = serviceChildren.get('logistics-queue')?.output().slice(-4_000) ?? '';
      throw new Error(`${String(error)}\nlogistics-queue output (tail):\n${queueLog}`);
    });
    expect(arrival.status).toBe(201);
  }

  /** yard1 calls the next truck to a free export lane; it must be `shipmentId`. */
  async function callNext(shipmentId: string): Promise<Json> {
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
    return called;
  }

  /** borderguard1 records the crossing (once the call reached the guard); DEPARTED follows. */
  async function cross(shipmentId: string): Promise<Json> {
    await eventually(async () => {
      const crossing = await call('POST', '/api/v1/agencies/border-guard/crossings', {
        token: await login('borderguard1'),
        body: { shipmentId },
      });
      expect(crossing.status).toBe(200);
    });
    return eventually(async () => {
      const shipment = await shipmentOf(shipmentId);
      expect(shipment['status']).toBe('DEPARTED');
      return shipment;
    });
  }

  beforeAll(async () => {
    const grpcPorts = new Map<ServiceName, number>();
    for (const name of SERVICES) grpcPorts.set(name, await freePort());
    const grpcUrls = Object.fromEntries(
      SERVICES.map((name) => [grpcUrlVariable(name), `127.0.0.1:${grpcPorts.get(name) ?? 0}`]),
    );
    const groups = SERVICES.map((name) => `${RUN}_${name}`);
    await startConsumerGroupsAtTheEnd(KAFKA_BROKERS.split(','), groups);
    const common = {
      NODE_ENV: 'test',
      KAFKA_BROKERS,
      LOG_LEVEL: 'info',
      ...grpcUrls,
    };
    for (const [index, name] of SERVICES.entries()) {
      const database = `${RUN}_${name.replace(/-/g, '_')}`;
      databases.push(database);
      const env = {
        ...common,
        DATABASE_URL: await createFreshDatabase(SERVER_URL, database),
        HTTP_PORT: String(await freePort()),
        GRPC_PORT: String(grpcPorts.get(name) ?? 0),
        KAFKA_CLIENT_ID: `${RUN}-${name}`,
        [CONSUMER_GROUP_VARIABLE[name]]: groups[index] ?? name,
        QUEUE_REDIS_PREFIX: `${RUN}-lq`,
      };
      serviceEnvs.set(name, env);
      const child = spawnTsProcess(`services/${name}/src/main.ts`, { env });
      serviceChildren.set(name, child);
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
    // Customs samples 5 % of GREEN declarations for a document check at random: in this
    // run's own customs database the sampling rates are 0, so a GREEN declaration clears
    // with no officer action every time (the YELLOW path is decided by customs1 anyway).
    const customsDatabase = new Pool({
      connectionString: serviceEnvs.get('customs')?.DATABASE_URL,
      max: 1,
    });
    await customsDatabase.query(
      'UPDATE risk_rule_set SET sampling_rate_green = 0, sampling_rate_yellow = 0',
    );
    await customsDatabase.end();
    const borderGuardDatabase = new Pool({
      connectionString: serviceEnvs.get('border-guard')?.DATABASE_URL,
      max: 1,
    });
    for (const [index, plate] of [FLOW_PLATE, GREEN_PLATE, DOWN_PLATE].entries()) {
      await borderGuardDatabase.query(
        `INSERT INTO vehicle_permits (permit_number, plate, country, valid_from, valid_until)
         VALUES ($1, $2, 'VN', now() - interval '1 day', now() + interval '365 days')`,
        [`LV-VN-E2E-${RUN}-${index}`, normalisedPlate(plate)],
      );
    }
    await borderGuardDatabase.end();
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
    // 1. trader1 registers: plate with a border-guard permit, fresh fruit (HS chapter 08)
    // with its PHYTO_CERT. Customs' rule `hs-08-fresh-fruit-doc-check` sends every chapter-08
    // declaration to YELLOW (a document check by an officer), and this run's sampling rates
    // are 0, so YELLOW is never promoted to RED; quarantine controls chapter 08 (PLANT).
    const plate = FLOW_PLATE;
    const { shipmentId, passCode } = await register(
      plate,
      {
        hsCode: '08109099',
        description: 'Thanh long tươi / fresh dragon fruit',
        quantity: 18000,
        unit: 'KGM',
        grossKg: 19000,
        valueUsd: 12000,
        origin: 'VN',
      },
      [{ type: 'PHYTO_CERT', number: 'KD-2026-0042' }],
    );

    // trader2 (another company) cannot see it.
    const foreign = await call('GET', `/api/v1/shipments/${shipmentId}`, {
      token: await login('trader2'),
    });
    expect(foreign.status).toBe(404);

    // 2. The yard's ANPR camera sees the truck (API key scoped to MONGCAI arrivals).
    await arrive(plate, shipmentId);

    // 3. Customs: YELLOW by the fresh-fruit rule, waiting for an officer; customs1 decides.
    const customsCase = await eventually(async () => {
      const answer = await call('GET', `/api/v1/agencies/customs/cases/${shipmentId}`, {
        token: await login('customs1'),
      });
      expect(answer.status).toBe(200);
      expect(answer.body).toMatchObject({ channel: 'YELLOW', status: 'OPEN' });
      return answer.body;
    });
    expect(JSON.stringify(customsCase)).toContain('hs-08-fresh-fruit-doc-check');
    const customsDecided = await call(
      'POST',
      `/api/v1/agencies/customs/cases/${shipmentId}/decision`,
      {
        token: await login('customs1'),
        body: {
          decision: 'CLEARED',
          reason: 'phytosanitary certificate and invoice checked',
          expectedVersion: customsCase['version'],
        },
      },
    );
    expect(customsDecided.status).toBe(200);
    expect(customsDecided.body).toMatchObject({ channel: 'YELLOW', status: 'CLEARED' });

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

    // 7. The driver (no account) opens the live stream before the call: the first event is
    // the current view, cleared and waiting.
    const stream = await openEventStream(
      `${base}/api/v1/queue/position/stream?plate=${encodeURIComponent(plate)}&passCode=${passCode}`,
    );
    let laneId = '';
    try {
      expect(stream.status).toBe(200);
      expect(stream.contentType).toMatch(/^text\/event-stream/);
      await eventually(() => {
        expect(stream.events[0]).toMatchObject({
          event: 'position',
          data: { shipmentId, status: 'CLEARED' },
        });
      });

      // 8. yard1 calls the next truck to a lane: this one.
      const called = await callNext(shipmentId);
      expect(normalisedPlate(String(called['plate']))).toBe(normalisedPlate(plate));
      laneId = String(called['laneId']);

      // 9. The open stream pushes CALLED with the lane (no polling by the driver), and no
      // event ever shows a lane with another status (the queue's call is known before the
      // registry's status follows it: the driver sees CALLED at once).
      await eventually(() => {
        expect(stream.events.map((event) => event.data)).toContainEqual(
          expect.objectContaining({ shipmentId, status: 'CALLED', lane: laneId }),
        );
      });
      const withLane = stream.events.filter((event) => event.data['lane'] !== null);
      expect(withLane.map((event) => event.data['status'])).toEqual(withLane.map(() => 'CALLED'));
      // The first event with the lane is already CALLED.
      const firstCalled = stream.events.findIndex((event) => event.data['lane'] === laneId);
      expect(stream.events[firstCalled]?.data).toMatchObject({ status: 'CALLED', lane: laneId });
      expect(new Set(stream.events.map((event) => event.id)).size).toBe(stream.events.length);
    } finally {
      await stream.close();
    }
    // 10. borderguard1 records the crossing at the barrier: DEPARTED, the lane is free again,
    // and the timeline holds every step with actors.
    const departed = await cross(shipmentId);
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
    // customs1 decided the YELLOW case, quarantine1 the quarantine case (the timeline names
    // an officer by kind and user id); the border guard decided by itself (no officer).
    const userIdOf = async (username: string): Promise<string> => {
      const me = await call('GET', '/api/v1/me', { token: await login(username) });
      expect(me.body).toMatchObject({ username });
      return String(me.body['id']);
    };
    expect(decisions.find((entry) => entry['agency'] === 'customs')).toMatchObject({
      decision: 'CLEARED',
      actor: { kind: 'OFFICER', id: await userIdOf('customs1') },
    });
    expect(decisions.find((entry) => entry['agency'] === 'quarantine')).toMatchObject({
      decision: 'CLEARED',
      actor: { kind: 'OFFICER', id: await userIdOf('quarantine1') },
    });
    const borderGuardDecision = decisions.find((entry) => entry['agency'] === 'border-guard');
    expect((borderGuardDecision?.['actor'] as Json | null)?.['kind']).not.toBe('OFFICER');
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

  /** Furniture (HS 94036090) with an INVOICE: GREEN for customs, not quarantine-controlled. */
  const FURNITURE: Json = {
    hsCode: '94036090',
    description: 'Bàn ghế gỗ / wooden furniture',
    quantity: 120,
    unit: 'PCE',
    grossKg: 3000,
    valueUsd: 15000,
    origin: 'VN',
  };

  it('clears GREEN non-controlled goods with no officer action, and refuses to cancel after the call', async () => {
    const plate = GREEN_PLATE; // another vehicle with a border-guard permit
    const { shipmentId, passCode } = await register(plate, FURNITURE, [
      { type: 'INVOICE', number: 'HD-2026-0777' },
    ]);
    await arrive(plate, shipmentId);

    // Every agency decides by itself: customs GREEN, border guard checks, no quarantine.
    const cleared = await eventually(async () => {
      const shipment = await shipmentOf(shipmentId);
      expect(shipment).toMatchObject({
        status: 'CLEARED',
        agencies: { customs: 'CLEARED', borderGuard: 'CLEARED' },
      });
      return shipment;
    });
    expect(['CLEARED', 'NOT_REQUIRED']).toContain(
      (cleared['agencies'] as Json | undefined)?.['quarantine'],
    );
    const customsCase = await call('GET', `/api/v1/agencies/customs/cases/${shipmentId}`, {
      token: await login('customs1'),
    });
    expect(customsCase.body).toMatchObject({ channel: 'GREEN', status: 'CLEARED' });
    const decisions = (cleared['timeline'] as Json[]).filter(
      (entry) => entry['step'] === 'DECISION_RECORDED',
    );
    expect(decisions.map((entry) => entry['agency'])).toEqual(
      expect.arrayContaining(['customs', 'border-guard']),
    );
    for (const decision of decisions) {
      expect(decision).toMatchObject({ decision: expect.any(String) as unknown });
      expect((decision['actor'] as Json | null)?.['kind']).not.toBe('OFFICER');
    }

    // Called: the trader can no longer cancel — 409 problem+json with the registry's code.
    await callNext(shipmentId);
    await eventually(async () => {
      expect(await shipmentOf(shipmentId)).toMatchObject({ status: 'CALLED' });
    });
    const cancel = await call('POST', `/api/v1/shipments/${shipmentId}/cancel`, {
      token: await login('trader1'),
      body: { reason: 'buyer withdrew the order' },
    });
    expect(cancel.status).toBe(409);
    expect(cancel.headers.get('content-type')).toMatch(/^application\/problem\+json/);
    expect(cancel.body).toMatchObject({ status: 409, code: 'REGISTRY.CANCEL_NOT_ALLOWED' });
    const position = await call(
      'GET',
      `/api/v1/queue/position?plate=${encodeURIComponent(plate)}&passCode=${passCode}`,
    );
    expect(position.body).toMatchObject({ shipmentId, status: 'CALLED' });

    // The truck still crosses (and frees its lane for the other tests).
    expect(await cross(shipmentId)).toMatchObject({ status: 'DEPARTED' });
  });

  it('answers 503 quickly for a stopped customs while the rest works; its decisions catch up', async () => {
    const customs = serviceChildren.get('customs');
    const customsEnv = serviceEnvs.get('customs');
    if (customs === undefined || customsEnv === undefined) throw new Error('customs not started');
    await customs.stop(5_000);

    // The registry still takes shipments; customs cannot assess them yet.
    const { shipmentId } = await register(DOWN_PLATE, FURNITURE, [
      { type: 'INVOICE', number: 'HD-2026-0778' },
    ]);
    expect(await shipmentOf(shipmentId)).toMatchObject({ agencies: { customs: 'PENDING' } });
    const list = await call('GET', '/api/v1/shipments', { token: await login('trader1') });
    expect(list.status).toBe(200);

    // A customs officer endpoint answers 503 problem+json promptly, never a hang.
    const officer = await login('customs1');
    for (const url of [
      `/api/v1/agencies/customs/cases/${shipmentId}`,
      '/api/v1/agencies/customs/cases',
    ]) {
      const began = performance.now();
      const down = await call('GET', url, { token: officer });
      const elapsedMs = performance.now() - began;
      expect({ url, status: down.status }).toEqual({ url, status: 503 });
      expect(elapsedMs).toBeLessThan(3_000);
      expect(down.headers.get('content-type')).toMatch(/^application\/problem\+json/);
      expect(down.headers.get('retry-after')).toMatch(/^\d+$/);
      expect(down.body).toMatchObject({ status: 503, code: expect.any(String) as unknown });
    }

    // Customs comes back on the same database and consumer group: it reads the
    // registration it missed and decides it (GREEN) — the registry gets the decision.
    const restarted = spawnTsProcess('services/customs/src/main.ts', { env: customsEnv });
    children.push(restarted);
    serviceChildren.set('customs', restarted);
    await restarted.waitForOutput(/ started: http/, 60_000);
    const customsCase = await eventually(
      async () => {
        const answer = await call('GET', `/api/v1/agencies/customs/cases/${shipmentId}`, {
          token: officer,
        });
        expect(answer.status).toBe(200);
        expect(answer.body).toMatchObject({ status: 'CLEARED' });
        return answer.body;
      },
      { timeoutMs: 45_000 },
    );
    expect(customsCase).toMatchObject({ channel: 'GREEN' });
    await eventually(
      async () => {
        expect(await shipmentOf(shipmentId)).toMatchObject({
          agencies: { customs: 'CLEARED' },
        });
      },
      { timeoutMs: 30_000 },
    );
  });
  it('npm run demo:traffic drives trucks through the public API until they depart', async () => {
    // The script `npm run demo:traffic` runs, against this run's gateway and camera key.
    const traffic = spawnTsProcess('services/gateway/src/demo/demo-traffic.ts', {
      args: [
        '--count',
        '3',
        '--duration',
        '3',
        '--url',
        base,
        '--key',
        cameraKeyOfRun,
        '--journey-timeout',
        '150',
      ],
      env: { NODE_ENV: 'test' },
    });
    children.push(traffic);
    const exited = await traffic.exited;
    const output = traffic.output();
    // On failure, the whole output is in the diff.
    expect({ code: exited.code, output: exited.code === 0 ? '' : output }).toEqual({
      code: 0,
      output: '',
    });
    expect(output).toContain('done: 3 of 3 trucks departed');
    for (const step of [
      'registered by trader1',
      'registered by trader2',
      'arrived at the yard',
      'cleared by every agency',
      'called by yard1',
      'crossing recorded by borderguard1',
      'DEPARTED',
    ]) {
      expect(output).toContain(step);
    }
  });
});
