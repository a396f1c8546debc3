import { randomBytes, randomUUID } from 'node:crypto';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { Pool } from 'pg';
import { createFreshDatabase } from '@cuakhau/local-infra';
import { createDataSource, runMigrations, type RunningService } from '@cuakhau/platform';
import { spawnTsProcess, type TsProcess, freePort } from '@cuakhau/testing';
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

interface Answer {
  status: number;
  headers: Headers;
  body: Record<string, unknown>;
}

function shipmentBody(overrides: Record<string, unknown> = {}): Record<string, unknown> {
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
    ...overrides,
  };
}

describe('gateway public API (real PostgreSQL, Redis, Kafka; registry as a child process)', () => {
  let registry: TsProcess;
  let gateway: RunningService;
  let base: string;
  const databases: string[] = [];
  const tokens = new Map<string, string>();
  let cameraKey = '';
  /** Drivers whose pass the registry matched (the last test reads one with the registry down). */
  const drivers: { plate: string; passCode: string; shipmentId: string }[] = [];

  async function call(
    method: string,
    url: string,
    options: {
      token?: string;
      body?: unknown;
      raw?: string;
      headers?: Record<string, string>;
    } = {},
  ): Promise<Answer> {
    const headers: Record<string, string> = { ...options.headers };
    if (options.token !== undefined) headers['authorization'] = `Bearer ${options.token}`;
    let body: string | undefined = options.raw;
    if (options.body !== undefined) body = JSON.stringify(options.body);
    if (body !== undefined && headers['content-type'] === undefined) {
      headers['content-type'] = 'application/json';
    }
    const response = await fetch(`${base}${url}`, {
      method,
      headers,
      ...(body === undefined ? {} : { body }),
    });
    const text = await response.text();
    return {
      status: response.status,
      headers: response.headers,
      body: text === '' ? {} : (JSON.parse(text) as Record<string, unknown>),
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

  async function register(overrides: Record<string, unknown> = {}): Promise<Answer> {
    return call('POST', '/api/v1/shipments', {
      token: await login('trader1'),
      body: shipmentBody(overrides),
    });
  }

  beforeAll(async () => {
    const registryDb = uniqueName('gw_registry');
    const gatewayDb = uniqueName('gw_gateway');
    databases.push(registryDb, gatewayDb);
    const registryUrl = await createFreshDatabase(SERVER_URL, registryDb);
    const gatewayUrl = await createFreshDatabase(SERVER_URL, gatewayDb);
    const grpcPort = await freePort();
    // Nothing listens here: the agencies and the yard answer UNAVAILABLE at once.
    const deadAddress = `127.0.0.1:${await freePort()}`;
    registry = spawnTsProcess('services/registry/src/main.ts', {
      env: {
        DATABASE_URL: registryUrl,
        KAFKA_BROKERS,
        HTTP_PORT: '0',
        GRPC_PORT: String(grpcPort),
        LOG_LEVEL: 'info',
        REGISTRY_CONSUMER_GROUP: uniqueName('gw_test_registry'),
        NODE_ENV: 'test',
      },
    });
    const runDir = fs.mkdtempSync(path.join(os.tmpdir(), 'gateway-test-'));
    const config = loadGatewayConfig({
      NODE_ENV: 'test',
      DATABASE_URL: gatewayUrl,
      HTTP_PORT: '0',
      LOG_LEVEL: 'warn',
      REGISTRY_GRPC_URL: `127.0.0.1:${grpcPort}`,
      CUSTOMS_GRPC_URL: deadAddress,
      BORDER_GUARD_GRPC_URL: deadAddress,
      QUARANTINE_GRPC_URL: deadAddress,
      LOGISTICS_QUEUE_GRPC_URL: deadAddress,
      GRPC_DEADLINE_MS: '2000',
      RUN_DIR: runDir,
      REDIS_KEY_PREFIX: `${uniqueName('gwtest')}:`,
      LOGIN_MAX_FAILURES_PER_USER: '3',
      PASS_LOOKUP_MAX_FAILURES_PER_IP: '50',
      BODY_LIMIT_BYTES: '65536',
      SSE_REFRESH_MS: '300',
      // Long enough that only the change announcements can explain a reissued code's 404.
      DRIVER_CACHE_TTL_MS: '60000',
    });
    const seedSource = createDataSource({
      url: gatewayUrl,
      entities: [],
      migrations: GATEWAY_MIGRATIONS,
      name: 'gateway-test-seed',
      poolSize: 1,
    });
    await runMigrations(seedSource);
    const seeded = await seedDemo(seedSource, runDir);
    expect(seeded.cameraKeyCreated).toBe(true);
    cameraKey = seeded.cameraKey ?? '';
    expect((await seedDemo(seedSource, runDir)).createdUsers).toEqual([]);
    await seedSource.destroy();
    gateway = await startGateway(config);
    base = gateway.httpUrl;
    await registry.waitForOutput(/registry started/, 60_000);
  });

  afterAll(async () => {
    await gateway?.close();
    await registry?.stop();
    const admin = new Pool({ connectionString: SERVER_URL, max: 1 });
    for (const database of databases) {
      await admin.query(`DROP DATABASE IF EXISTS ${database} WITH (FORCE)`).catch(() => undefined);
    }
    await admin.end();
  });

  it('logs in, registers a shipment (pass code once) and reads it with its timeline', async () => {
    const me = await call('GET', '/api/v1/me', { token: await login('trader1') });
    expect(me.body).toMatchObject({ username: 'trader1', role: 'TRADER' });

    const created = await register();
    expect(created.status).toBe(201);
    expect(created.body).toMatchObject({
      status: 'REGISTERED',
      direction: 'EXPORT',
      agencies: { customs: 'PENDING', borderGuard: 'PENDING', quarantine: 'PENDING' },
      version: 1,
    });
    expect(created.body['passCode']).toMatch(/^[0-9A-Z]{4}-[0-9A-Z]{4}-[0-9A-Z]{4}$/);

    const read = await call('GET', `/api/v1/shipments/${String(created.body['id'])}`, {
      token: await login('trader1'),
    });
    expect(read.status).toBe(200);
    expect(read.headers.get('etag')).toBe('"1"');
    expect(read.body['passCode']).toBeUndefined();
    expect(read.body['timeline']).toEqual([
      expect.objectContaining({ step: 'REGISTERED', status: 'REGISTERED' }),
    ]);

    const list = await call('GET', '/api/v1/shipments?limit=1', { token: await login('trader1') });
    expect(list.status).toBe(200);
    expect(list.body['items']).toHaveLength(1);
  });

  it("answers 404 to trader2 for trader1's shipment, and lists none of them", async () => {
    const created = await register();
    const id = String(created.body['id']);
    const other = await call('GET', `/api/v1/shipments/${id}`, { token: await login('trader2') });
    expect(other.status).toBe(404);
    expect(other.headers.get('content-type')).toContain('application/problem+json');
    expect(other.body).toMatchObject({ status: 404, code: 'REGISTRY.SHIPMENT_NOT_FOUND' });
    const list = await call('GET', '/api/v1/shipments', { token: await login('trader2') });
    expect(list.body['items']).toEqual([]);
  });

  it('answers 401 without or with a bad token, and 403 to a role outside the endpoint', async () => {
    expect((await call('GET', '/api/v1/shipments')).body).toMatchObject({
      status: 401,
      code: 'AUTH.UNAUTHENTICATED',
    });
    expect((await call('GET', '/api/v1/me', { token: 'a.b.c' })).body).toMatchObject({
      status: 401,
      code: 'AUTH.INVALID_TOKEN',
    });
    for (const username of ['customs1', 'yard1', 'supervisor1']) {
      const answer = await call('GET', '/api/v1/shipments', { token: await login(username) });
      expect(answer.body).toMatchObject({ status: 403, code: 'AUTH.FORBIDDEN' });
    }
  });

  it('answers validation errors as problem+json with every failing field', async () => {
    const shape = await call('POST', '/api/v1/shipments', {
      token: await login('trader1'),
      body: { ...shipmentBody(), direction: 'SIDEWAYS', goods: 'many', colour: 'red' },
    });
    expect(shape.status).toBe(400);
    expect(shape.headers.get('content-type')).toContain('application/problem+json');
    expect(shape.body['code']).toBe('GATEWAY.VALIDATION_FAILED');
    const fields = (shape.body['errors'] as { field: string; code: string }[]).map((e) => e.field);
    expect(fields).toEqual(expect.arrayContaining(['direction', 'goods', 'colour']));

    const semantic = await register({ vehicle: { plate: '!!', country: 'VN' } });
    expect(semantic.status).toBe(400);
    expect(semantic.body['code']).toBe('REGISTRY.VALIDATION_FAILED');
    expect(semantic.body['errors']).toEqual(
      expect.arrayContaining([expect.objectContaining({ field: 'vehicle.plate' })]),
    );
  });

  it('refuses malformed JSON, oversized bodies, other media types and unknown routes as problems', async () => {
    const token = await login('trader1');
    const malformed = await call('POST', '/api/v1/shipments', { token, raw: '{"gateCode":' });
    expect(malformed.body).toMatchObject({ status: 400, code: 'GATEWAY.MALFORMED_JSON' });
    const big = await call('POST', '/api/v1/shipments', {
      token,
      raw: JSON.stringify({ note: 'x'.repeat(70_000) }),
    });
    expect(big.body).toMatchObject({ status: 413, code: 'GATEWAY.BODY_TOO_LARGE' });
    const text = await call('POST', '/api/v1/shipments', {
      token,
      raw: 'hello',
      headers: { 'content-type': 'text/plain' },
    });
    expect(text.body).toMatchObject({ status: 415 });
    const missing = await call('GET', '/api/v1/no/such/route');
    expect(missing.body).toMatchObject({ status: 404, code: 'GATEWAY.ROUTE_NOT_FOUND' });
  });

  it('replays the first answer for a repeated Idempotency-Key and refuses it with another body', async () => {
    const token = await login('trader1');
    const body = shipmentBody();
    const headers = { 'idempotency-key': uniqueName('key') };
    const first = await call('POST', '/api/v1/shipments', { token, body, headers });
    const again = await call('POST', '/api/v1/shipments', { token, body, headers });
    expect(first.status).toBe(201);
    expect(again.status).toBe(201);
    expect(again.body).toEqual(first.body);
    expect(again.headers.get('idempotent-replayed')).toBe('true');
    const other = await call('POST', '/api/v1/shipments', {
      token,
      body: { ...body, declarationNumber: '999999999999' },
      headers,
    });
    expect(other.body).toMatchObject({ status: 422, code: 'IDEMPOTENCY.KEY_REUSED' });
  });

  it('amends with If-Match, refuses a stale version, cancels, then refuses to cancel again', async () => {
    const token = await login('trader1');
    const created = await register();
    const id = String(created.body['id']);
    const amended = await call('PATCH', `/api/v1/shipments/${id}`, {
      token,
      body: { driver: { phone: '+84900000001' } },
      headers: { 'if-match': '"1"' },
    });
    expect(amended.status).toBe(200);
    expect(amended.body).toMatchObject({ version: 2, driver: { phone: '+84900000001' } });
    const stale = await call('PATCH', `/api/v1/shipments/${id}`, {
      token,
      body: { expectedVersion: 1, driver: { phone: '+84900000002' } },
    });
    expect(stale.body).toMatchObject({ status: 409, code: 'REGISTRY.VERSION_CONFLICT' });
    const cancelled = await call('POST', `/api/v1/shipments/${id}/cancel`, {
      token,
      body: { reason: 'order withdrawn' },
    });
    expect(cancelled.body).toMatchObject({ status: 'CANCELLED' });
    const twice = await call('POST', `/api/v1/shipments/${id}/cancel`, {
      token,
      body: { reason: 'again' },
    });
    expect(twice.status).toBe(409);
  });

  it('rotates refresh tokens and revokes the family when an old one is reused', async () => {
    const session = await call('POST', '/api/v1/auth/login', {
      body: { username: 'trader2', password: DEMO_PASSWORD },
    });
    const first = String(session.body['refreshToken']);
    const rotated = await call('POST', '/api/v1/auth/refresh', { body: { refreshToken: first } });
    expect(rotated.status).toBe(200);
    const second = String(rotated.body['refreshToken']);
    expect(second).not.toBe(first);
    const reused = await call('POST', '/api/v1/auth/refresh', { body: { refreshToken: first } });
    expect(reused.body).toMatchObject({ status: 401, code: 'AUTH.REFRESH_TOKEN_REUSED' });
    const revoked = await call('POST', '/api/v1/auth/refresh', { body: { refreshToken: second } });
    expect(revoked.status).toBe(401);
  });

  it('keeps officers to their agency and gate, supervisors read-only, cameras to arrivals', async () => {
    const caseUrl = `/api/v1/agencies/quarantine/cases/${randomUUID()}`;
    const decision = { decision: 'CLEARED', reason: '', expectedVersion: 1 };
    const cases: [string, string, string, unknown, number, string][] = [
      ['customs1', 'POST', `${caseUrl}/decision`, decision, 403, 'AUTH.FORBIDDEN'],
      ['supervisor1', 'POST', `${caseUrl}/decision`, decision, 403, 'AUTH.FORBIDDEN'],
      ['trader1', 'GET', '/api/v1/agencies/customs/cases', undefined, 403, 'AUTH.FORBIDDEN'],
      ['yard1', 'GET', '/api/v1/agencies/customs/cases', undefined, 403, 'AUTH.FORBIDDEN'],
      [
        'customs1',
        'GET',
        '/api/v1/agencies/police/cases',
        undefined,
        404,
        'GATEWAY.AGENCY_NOT_FOUND',
      ],
      [
        'customs1',
        'POST',
        '/api/v1/agencies/border-guard/crossings',
        { shipmentId: randomUUID() },
        403,
        'AUTH.FORBIDDEN',
      ],
      [
        'quarantine1',
        'POST',
        `${caseUrl}/decision`,
        { decision: 'MAYBE' },
        400,
        'GATEWAY.VALIDATION_FAILED',
      ],
      [
        'quarantine1',
        'GET',
        '/api/v1/agencies/quarantine/cases?status=NOPE',
        undefined,
        400,
        'GATEWAY.VALIDATION_FAILED',
      ],
      [
        'quarantine1',
        'GET',
        '/api/v1/agencies/quarantine/cases/not-a-uuid',
        undefined,
        404,
        'QUARANTINE.CASE_NOT_FOUND',
      ],
      ['trader1', 'GET', '/api/v1/yard/lanes', undefined, 403, 'AUTH.FORBIDDEN'],
      [
        'supervisor1',
        'POST',
        '/api/v1/yard/lanes/MONGCAI-L1/call-next',
        undefined,
        403,
        'AUTH.FORBIDDEN',
      ],
      [
        'yard1',
        'POST',
        '/api/v1/yard/arrivals',
        { gateCode: 'LAOCAI', plate: '14C-123.45', source: 'MANUAL' },
        403,
        'GATEWAY.GATE_OUT_OF_SCOPE',
      ],
      [
        'yard1',
        'POST',
        '/api/v1/yard/arrivals',
        { gateCode: 'MONGCAI', plate: '', source: 'FAX' },
        400,
        'GATEWAY.VALIDATION_FAILED',
      ],
      // Allowed, but the service behind is down: a prompt 503 problem.
      ['quarantine1', 'GET', caseUrl, undefined, 503, 'GATEWAY.SERVICE_UNAVAILABLE'],
      ['yard1', 'GET', '/api/v1/yard/queue', undefined, 503, 'GATEWAY.SERVICE_UNAVAILABLE'],
    ];
    for (const [username, method, url, body, status, code] of cases) {
      const answer = await call(method, url, { token: await login(username), body });
      expect({ username, method, url, status: answer.status, code: answer.body['code'] }).toEqual({
        username,
        method,
        url,
        status,
        code,
      });
      expect(answer.headers.get('content-type')).toContain('application/problem+json');
    }
    const camera = { 'x-api-key': cameraKey };
    const queue = await call('GET', '/api/v1/yard/queue', { headers: camera });
    expect([queue.status, queue.body['code']]).toEqual([403, 'AUTH.FORBIDDEN']);
    const otherGate = await call('POST', '/api/v1/yard/arrivals', {
      headers: camera,
      body: { gateCode: 'LAOCAI', plate: '14C-123.45', source: 'ANPR', confidence: 0.9 },
    });
    expect([otherGate.status, otherGate.body['code']]).toEqual([403, 'GATEWAY.GATE_OUT_OF_SCOPE']);
    const ownGate = await call('POST', '/api/v1/yard/arrivals', {
      headers: camera,
      body: { gateCode: 'MONGCAI', plate: '14C-123.45', source: 'ANPR', confidence: 0.9 },
    });
    expect([ownGate.status, ownGate.body['code']]).toEqual([503, 'GATEWAY.SERVICE_UNAVAILABLE']);
  });

  it('throttles failed logins per user with 429 and Retry-After', async () => {
    const attempt = () =>
      call('POST', '/api/v1/auth/login', { body: { username: 'quarantine1', password: 'wrong' } });
    for (let i = 0; i < 3; i += 1) expect((await attempt()).status).toBe(401);
    const blocked = await attempt();
    expect(blocked.body).toMatchObject({ status: 429, code: 'AUTH.TOO_MANY_ATTEMPTS' });
    expect(Number(blocked.headers.get('retry-after'))).toBeGreaterThan(0);
    const right = await call('POST', '/api/v1/auth/login', {
      body: { username: 'quarantine1', password: DEMO_PASSWORD },
    });
    expect(right.status).toBe(429);
  });

  it("shows the driver's position by plate and pass code, as JSON and as an SSE stream", async () => {
    const created = await register();
    const plate = String((created.body['vehicle'] as { plate: string }).plate);
    const passCode = String(created.body['passCode']);
    const query = `plate=${encodeURIComponent(plate)}&passCode=${encodeURIComponent(passCode)}`;
    const position = await call('GET', `/api/v1/queue/position?${query}`);
    expect(position.status).toBe(200);
    expect(position.body).toMatchObject({
      shipmentId: created.body['id'],
      status: 'REGISTERED',
      position: null,
      etaMinutes: null,
      lane: null,
    });
    expect(position.body['explanation']).toBe(
      'Registered; drive to the yard: your place in the queue starts at arrival.',
    );
    expect(position.body['explanations']).toEqual({
      vi: 'Đã đăng ký; hãy đưa xe vào bãi: thứ tự trong hàng chờ tính từ lúc xe đến.',
      en: 'Registered; drive to the yard: your place in the queue starts at arrival.',
      zh: '已登记；请驶入停车场：排队顺序从到达时开始计算。',
    });

    const wrong = await call(
      'GET',
      `/api/v1/queue/position?plate=${encodeURIComponent(plate)}&passCode=AAAA-BBBB-CCCC`,
    );
    const unknown = await call(
      'GET',
      `/api/v1/queue/position?plate=99Z-999.99&passCode=${encodeURIComponent(passCode)}`,
    );
    expect(wrong.body).toMatchObject({ status: 404, code: 'QUEUE.PASS_NOT_FOUND' });
    expect({ ...unknown.body, instance: '' }).toEqual({ ...wrong.body, instance: '' });
    const wrongStream = await call(
      'GET',
      `/api/v1/queue/position/stream?plate=${encodeURIComponent(plate)}&passCode=AAAA-BBBB-CCCC`,
    );
    expect(wrongStream.status).toBe(404);

    const controller = new AbortController();
    const stream = await fetch(`${base}/api/v1/queue/position/stream?${query}`, {
      signal: controller.signal,
    });
    expect(stream.status).toBe(200);
    expect(stream.headers.get('content-type')).toContain('text/event-stream');
    const reader = stream.body?.getReader();
    let received = '';
    while (reader !== undefined && !received.includes('\n\nevent: position')) {
      const chunk = await reader.read();
      if (chunk.done) break;
      received += Buffer.from(chunk.value).toString('utf8');
      if (/event: position\ndata: .*\n\n/.test(received)) break;
    }
    controller.abort();
    const data = /event: position\ndata: (.*)\n\n/.exec(received)?.[1];
    expect(JSON.parse(data ?? '{}')).toMatchObject({
      shipmentId: created.body['id'],
      status: 'REGISTERED',
    });
  });

  it('stops answering a reissued pass code at once, though the driver view keeps matched pairs', async () => {
    const created = await register();
    const shipmentId = String(created.body['id']);
    const plate = String((created.body['vehicle'] as { plate: string }).plate);
    const oldCode = String(created.body['passCode']);
    const position = (code: string): Promise<Answer> =>
      call(
        'GET',
        `/api/v1/queue/position?plate=${encodeURIComponent(plate)}&passCode=${encodeURIComponent(code)}`,
      );
    expect((await position(oldCode)).status).toBe(200);
    expect((await position(oldCode.toLowerCase())).status).toBe(200); // the same pair, kept

    const reissued = await call('POST', `/api/v1/shipments/${shipmentId}/pass`, {
      token: await login('trader1'),
      body: {},
    });
    expect(reissued.status).toBe(200);
    const newCode = String(reissued.body['passCode']);
    expect(newCode).not.toBe(oldCode);
    const old = await position(oldCode);
    expect(old.status).toBe(404);
    expect(old.body).toMatchObject({ code: 'QUEUE.PASS_NOT_FOUND' });
    expect((await position(newCode)).body).toMatchObject({ shipmentId, status: 'REGISTERED' });
    drivers.push({ plate, passCode: newCode, shipmentId });
  });

  it('serves the OpenAPI document', async () => {
    const document = await call('GET', '/api/docs-json');
    expect(document.body['openapi']).toMatch(/^3\./);
    expect(Object.keys(document.body['paths'] as object)).toEqual(
      expect.arrayContaining(['/api/v1/shipments', '/api/v1/auth/login', '/api/v1/queue/position']),
    );
  });

  it('answers 503 with Retry-After promptly when the registry is stopped', async () => {
    const token = await login('trader1');
    const [driver] = drivers;
    expect(driver).toBeDefined();
    const position = `/api/v1/queue/position?plate=${encodeURIComponent(driver?.plate ?? '')}&passCode=${encodeURIComponent(driver?.passCode ?? '')}`;
    expect((await call('GET', position)).status).toBe(200);
    await registry.stop();
    const started = Date.now();
    const answer = await call('GET', '/api/v1/shipments', { token });
    expect(Date.now() - started).toBeLessThan(2_500);
    expect(answer.body).toMatchObject({ status: 503, code: 'GATEWAY.SERVICE_UNAVAILABLE' });
    expect(answer.headers.get('retry-after')).toBe('5');
    // The gateway's own endpoints keep working, and a driver whose pass the registry
    // matched a moment ago still sees the position (kept by the gateway); a pair never
    // matched needs the registry: 503.
    expect((await call('GET', '/api/v1/me', { token })).status).toBe(200);
    expect((await call('GET', position)).body).toMatchObject({ shipmentId: driver?.shipmentId });
    const unmatched = await call(
      'GET',
      `/api/v1/queue/position?plate=${encodeURIComponent(driver?.plate ?? '')}&passCode=AAAA-BBBB-CCCC`,
    );
    expect(unmatched.status).toBe(503);
  });
});
