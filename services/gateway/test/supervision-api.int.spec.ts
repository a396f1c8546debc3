import { randomBytes } from 'node:crypto';
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
const INDEX_HTML = '<!doctype html><html><body><div id="root">fixture app</div></body></html>';

function uniqueName(prefix: string): string {
  return `${prefix}_${Date.now().toString(36)}_${randomBytes(3).toString('hex')}`;
}

interface Answer {
  status: number;
  headers: Headers;
  text: string;
  body: Record<string, unknown>;
}

describe('gateway supervisor reports, audit, watch list and web app (audit and registry as child processes)', () => {
  let registry: TsProcess;
  let audit: TsProcess;
  let gateway: RunningService;
  let base: string;
  const databases: string[] = [];
  const tokens = new Map<string, string>();

  async function call(
    method: string,
    url: string,
    options: { token?: string; body?: unknown } = {},
  ): Promise<Answer> {
    const headers: Record<string, string> = {};
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
      text,
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

  beforeAll(async () => {
    const registryDb = uniqueName('gwsup_registry');
    const auditDb = uniqueName('gwsup_audit');
    const gatewayDb = uniqueName('gwsup_gateway');
    databases.push(registryDb, auditDb, gatewayDb);
    const [registryUrl, auditUrl, gatewayUrl] = await Promise.all([
      createFreshDatabase(SERVER_URL, registryDb),
      createFreshDatabase(SERVER_URL, auditDb),
      createFreshDatabase(SERVER_URL, gatewayDb),
    ]);
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
        REGISTRY_CONSUMER_GROUP: uniqueName('gwsup_registry'),
        NODE_ENV: 'test',
      },
    });

    // The audit log starts at the topics' ends: only this test's events are chained.
    const auditGroup = uniqueName('gwsup_audit');
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
    const runDir = fs.mkdtempSync(path.join(os.tmpdir(), 'gateway-supervision-'));
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

    // A tiny web build, so that the test does not depend on a Vite build.
    const webDist = path.join(runDir, 'web-dist');
    fs.mkdirSync(path.join(webDist, 'assets'), { recursive: true });
    fs.writeFileSync(path.join(webDist, 'index.html'), INDEX_HTML);
    fs.writeFileSync(path.join(webDist, 'assets', 'app-1234.js'), 'console.log("app");\n');

    const seedSource = createDataSource({
      url: gatewayUrl,
      entities: [],
      migrations: GATEWAY_MIGRATIONS,
      name: 'gateway-supervision-seed',
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
        GRPC_DEADLINE_MS: '2000',
        RUN_DIR: runDir,
        REDIS_KEY_PREFIX: `${uniqueName('gwsup')}:`,
        WEB_DIST_DIR: webDist,
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
    const admin = new Pool({ connectionString: SERVER_URL, max: 1 });
    for (const database of databases) {
      await admin.query(`DROP DATABASE IF EXISTS ${database} WITH (FORCE)`).catch(() => undefined);
    }
    await admin.end();
  });

  it('gives a supervisor clearance times of the own gate as JSON and as CSV', async () => {
    const token = await login('supervisor1');
    const json = await call(
      'GET',
      '/api/v1/reports/clearance-times?from=2026-01-01&to=2026-01-08T00:00:00Z&groupBy=agency',
      { token },
    );
    expect(json.status).toBe(200);
    expect(json.body).toEqual({
      gateCode: 'MONGCAI',
      from: '2026-01-01T00:00:00.000Z',
      to: '2026-01-08T00:00:00.000Z',
      groupBy: 'agency',
      rows: expect.any(Array) as unknown,
      bottleneckStep: null,
    });

    const csv = await call(
      'GET',
      '/api/v1/reports/clearance-times.csv?gate=MONGCAI&from=2026-01-01&to=2026-01-08&groupBy=step',
      { token },
    );
    expect(csv.status).toBe(200);
    expect(csv.headers.get('content-type')).toBe('text/csv; charset=utf-8');
    expect(csv.headers.get('content-disposition')).toBe(
      'attachment; filename="clearance-times-MONGCAI-20260101T000000Z-20260108T000000Z.csv"',
    );
    expect(csv.text.split('\r\n')[0]).toBe(
      'group,count,p50Seconds,p90Seconds,p95Seconds,maxSeconds',
    );

    const slowest = await call('GET', '/api/v1/reports/slowest-shipments?limit=5', { token });
    expect(slowest.status).toBe(200);
    expect(slowest.body).toMatchObject({ gateCode: 'MONGCAI', items: [] });
    const breaches = await call('GET', '/api/v1/reports/sla-breaches', { token });
    expect(breaches.status).toBe(200);
    expect(breaches.body).toEqual({ gateCode: 'MONGCAI', items: [] });
  });

  it('refuses other roles (403), another gate (403) and bad query values (400 with fields)', async () => {
    const trader = await call('GET', '/api/v1/reports/clearance-times', {
      token: await login('trader1'),
    });
    expect(trader.status).toBe(403);
    expect(trader.headers.get('content-type')).toContain('application/problem+json');
    expect(
      (await call('GET', '/api/v1/audit/verify', { token: await login('customs1') })).status,
    ).toBe(403);
    expect((await call('GET', '/api/v1/reports/clearance-times')).status).toBe(401);

    const token = await login('supervisor1');
    const otherGate = await call('GET', '/api/v1/reports/clearance-times?gateCode=HUUNGHI', {
      token,
    });
    expect(otherGate.status).toBe(403);
    expect(otherGate.body['code']).toBe('GATEWAY.GATE_OUT_OF_SCOPE');
    const otherGateByAlias = await call('GET', '/api/v1/reports/sla-breaches?gate=HUUNGHI', {
      token,
    });
    expect(otherGateByAlias.status).toBe(403);
    expect(otherGateByAlias.body['code']).toBe('GATEWAY.GATE_OUT_OF_SCOPE');
    const contradicting = await call(
      'GET',
      '/api/v1/reports/clearance-times?gate=MONGCAI&gateCode=HUUNGHI',
      { token },
    );
    expect(contradicting.status).toBe(400);
    expect(contradicting.body['errors']).toEqual([
      expect.objectContaining({ field: 'gate' }) as unknown,
    ]);

    const badGroup = await call('GET', '/api/v1/reports/clearance-times?groupBy=week', { token });
    expect(badGroup.status).toBe(400);
    expect(badGroup.headers.get('content-type')).toContain('application/problem+json');
    expect(badGroup.body['errors']).toEqual([
      expect.objectContaining({ field: 'groupBy', code: 'INVALID' }),
    ]);

    const reversed = await call(
      'GET',
      '/api/v1/reports/clearance-times.csv?from=2026-02-01&to=2026-01-01',
      { token },
    );
    expect(reversed.status).toBe(400);
    expect(reversed.body['errors']).toEqual([
      expect.objectContaining({ field: 'from', message: 'must be before to' }),
    ]);

    const badDate = await call('GET', '/api/v1/reports/slowest-shipments?to=yesterday', { token });
    expect(badDate.status).toBe(400);
    expect(badDate.body['errors']).toEqual([expect.objectContaining({ field: 'to' })]);

    const noShipment = await call('GET', '/api/v1/audit', { token });
    expect(noShipment.status).toBe(400);
    expect(noShipment.body['errors']).toEqual([
      expect.objectContaining({ field: 'shipmentId', code: 'REQUIRED' }),
    ]);
  });

  it('shows a shipment of the gate in the audit trail (masked) and verifies the chain', async () => {
    const digits = String(10_000 + (randomBytes(3).readUIntBE(0, 3) % 89_999));
    const created = await call('POST', '/api/v1/shipments', {
      token: await login('trader1'),
      body: {
        gateCode: 'MONGCAI',
        direction: 'EXPORT',
        declarationNumber: String(
          100_000_000_000 + (randomBytes(5).readUIntBE(0, 5) % 899_999_999),
        ),
        plannedArrival: new Date(Date.now() + 2 * 24 * 3_600_000).toISOString(),
        vehicle: { plate: `29C-${digits.slice(0, 3)}.${digits.slice(3)}`, country: 'VN' },
        driver: {
          name: 'Nguyễn Văn An',
          documentNumber: 'C1234567',
          nationality: 'VN',
          phone: '+84912345678',
        },
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
        documents: [],
      },
    });
    expect(created.status).toBe(201);
    const shipmentId = String(created.body['id']);
    const token = await login('supervisor1');

    const trail = await eventually(
      async () => {
        const answer = await call('GET', `/api/v1/audit?shipmentId=${shipmentId}&limit=1`, {
          token,
        });
        expect(answer.status).toBe(200);
        expect(answer.body['entries']).toHaveLength(1);
        return answer.body;
      },
      { timeoutMs: 30_000 },
    );
    const [entry] = trail['entries'] as Record<string, unknown>[];
    expect(entry).toMatchObject({
      seq: expect.any(Number) as unknown,
      subject: shipmentId,
      topic: TOPICS.registry,
      eventType: 'cuakhau.registry.v1.ShipmentRegistered',
    });
    expect(JSON.stringify(entry?.['payload'])).not.toContain('C1234567');
    expect(trail['nextAfterSeq']).toBe(entry?.['seq']);

    const unknown = await call(
      'GET',
      '/api/v1/audit?shipmentId=00000000-0000-4000-8000-000000000000',
      { token },
    );
    expect(unknown.status).toBe(404);

    const verified = await call('GET', '/api/v1/audit/verify', { token });
    expect(verified.status).toBe(200);
    expect(verified.body).toMatchObject({ valid: true, firstBrokenEntry: null });
    expect(verified.body['entries']).toEqual(expect.any(Number));
    expect(Number(verified.body['entries'])).toBeGreaterThanOrEqual(1);
    expect(verified.body['headHash']).toMatch(/^[0-9a-f]{64}$/);
  });

  it('lets supervisors edit the watch list and officers only read it (checked before the border guard)', async () => {
    const officer = await login('borderguard1');
    const supervisor = await login('supervisor1');
    const trader = await login('trader1');
    expect(
      (await call('GET', '/api/v1/agencies/border-guard/watch-list', { token: trader })).status,
    ).toBe(403);
    const officerAdds = await call('POST', '/api/v1/agencies/border-guard/watch-list', {
      token: officer,
      body: { subject: 'VEHICLE', plate: '29C12345', reason: 'stolen' },
    });
    expect(officerAdds.status).toBe(403);
    const officerRemoves = await call(
      'DELETE',
      '/api/v1/agencies/border-guard/watch-list/00000000-0000-4000-8000-000000000000',
      { token: officer, body: { reason: 'error' } },
    );
    expect(officerRemoves.status).toBe(403);

    const invalid = await call('POST', '/api/v1/agencies/border-guard/watch-list', {
      token: supervisor,
      body: { subject: 'VEHICLE', reason: 'stolen' },
    });
    expect(invalid.status).toBe(400);
    expect(invalid.body['errors']).toEqual([expect.objectContaining({ field: 'plate' })]);
    // Allowed, so the call reaches the (stopped) border-guard service: 503, not 403.
    const read = await call('GET', '/api/v1/agencies/border-guard/watch-list', { token: officer });
    expect(read.status).toBe(503);
  });

  it('serves the web app: files, index.html for client routes, problem+json under /api', async () => {
    const root = await call('GET', '/');
    expect(root.status).toBe(200);
    expect(root.headers.get('content-type')).toContain('text/html');
    expect(root.text).toContain('fixture app');

    const clientRoute = await call('GET', '/driver');
    expect(clientRoute.status).toBe(200);
    expect(clientRoute.headers.get('content-type')).toContain('text/html');
    expect(clientRoute.text).toBe(INDEX_HTML);

    const asset = await call('GET', '/assets/app-1234.js');
    expect(asset.status).toBe(200);
    expect(asset.headers.get('cache-control')).toContain('immutable');

    const unknownApi = await call('GET', '/api/v1/nope');
    expect(unknownApi.status).toBe(404);
    expect(unknownApi.headers.get('content-type')).toContain('application/problem+json');
    expect((await call('GET', '/health/nope')).status).toBe(404);
    expect((await call('GET', '/health/live')).status).toBe(200);
  });
});
