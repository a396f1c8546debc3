import { randomBytes } from 'node:crypto';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { Pool } from 'pg';
import { createFreshDatabase } from '@cuakhau/local-infra';
import { createDataSource, runMigrations, type RunningService } from '@cuakhau/platform';
import { freePort } from '@cuakhau/testing';
import { hashPassword } from '../src/auth/domain/password';
import { AccountRepository } from '../src/auth/infrastructure/account.repository';
import { GATEWAY_MIGRATIONS } from '../src/database/gateway.migrations';
import { DEMO_PASSWORD, newApiKey, seedDemo } from '../src/demo/demo-seed';
import { ApiKeyRepository } from '../src/auth/infrastructure/api-key.repository';
import { loadGatewayConfig } from '../src/gateway.config';
import { startGateway } from '../src/gateway.service';

jest.setTimeout(60_000);

const SERVER_URL = process.env.DATABASE_URL ?? 'postgres://postgres@127.0.0.1:5432/postgres';

interface Answer {
  status: number;
  headers: Headers;
  body: Record<string, unknown>;
}

/**
 * Camera API keys administered by ADMIN: list (never the hash), revoke; a revoked key is
 * refused (401) on the very next arrival. Real PostgreSQL and Redis; nothing listens at the
 * logistics-queue's address, so an arrival the guard lets through answers 503.
 */
describe('camera API keys: ADMIN lists and revokes them', () => {
  let gateway: RunningService;
  let base = '';
  const database = `gw_keys_${Date.now().toString(36)}_${randomBytes(3).toString('hex')}`;
  let cameraKey = '';
  let cameraKeyId = '';
  let spareKey = '';

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
      headers: response.headers,
      body: text === '' ? {} : (JSON.parse(text) as Record<string, unknown>),
    };
  }

  async function login(username: string): Promise<string> {
    const answer = await call('POST', '/api/v1/auth/login', {
      body: { username, password: DEMO_PASSWORD },
    });
    expect(answer.status).toBe(200);
    return String(answer.body['accessToken']);
  }

  const arrival = {
    gateCode: 'MONGCAI',
    plate: '14C-123.45',
    source: 'ANPR',
    cameraId: 'CAM-IN-1',
    confidence: 0.97,
  };

  beforeAll(async () => {
    const url = await createFreshDatabase(SERVER_URL, database);
    const runDir = fs.mkdtempSync(path.join(os.tmpdir(), 'gateway-keys-test-'));
    const dead = `127.0.0.1:${await freePort()}`;
    const seedSource = createDataSource({
      url,
      entities: [],
      migrations: GATEWAY_MIGRATIONS,
      name: 'gateway-keys-seed',
      poolSize: 1,
    });
    await runMigrations(seedSource);
    const seeded = await seedDemo(seedSource, runDir);
    cameraKey = seeded.cameraKey ?? '';
    cameraKeyId = /^ck_([0-9a-f-]{36})_/.exec(cameraKey)?.[1] ?? '';
    expect(cameraKeyId).not.toBe('');
    // An administrator (not a demo account) and a second camera of the gate.
    await new AccountRepository(seedSource).ensureUser({
      username: 'admin-keys-test',
      displayName: 'Quản trị hệ thống',
      passwordHash: await hashPassword(DEMO_PASSWORD),
      role: 'ADMIN',
    });
    const spare = newApiKey();
    await new ApiKeyRepository(seedSource).insert({
      id: spare.id,
      name: 'camera MONGCAI exit',
      keyHash: spare.hash,
      gateCode: 'MONGCAI',
      scopes: ['yard:arrivals'],
    });
    spareKey = spare.key;
    await seedSource.destroy();
    gateway = await startGateway(
      loadGatewayConfig({
        NODE_ENV: 'test',
        DATABASE_URL: url,
        HTTP_PORT: '0',
        LOG_LEVEL: 'warn',
        REGISTRY_GRPC_URL: dead,
        CUSTOMS_GRPC_URL: dead,
        BORDER_GUARD_GRPC_URL: dead,
        QUARANTINE_GRPC_URL: dead,
        LOGISTICS_QUEUE_GRPC_URL: dead,
        AUDIT_GRPC_URL: dead,
        GRPC_DEADLINE_MS: '1000',
        RUN_DIR: runDir,
        REDIS_KEY_PREFIX: `${database}:`,
      }),
    );
    base = gateway.httpUrl;
  });

  afterAll(async () => {
    await gateway?.close();
    const admin = new Pool({ connectionString: SERVER_URL, max: 1 });
    await admin.query(`DROP DATABASE IF EXISTS ${database} WITH (FORCE)`).catch(() => undefined);
    await admin.end();
  });

  it('lists the keys to ADMIN only, without their secret or hash', async () => {
    expect((await call('GET', '/api/v1/admin/api-keys')).status).toBe(401);
    const supervisor = await call('GET', '/api/v1/admin/api-keys', {
      token: await login('supervisor1'),
    });
    expect(supervisor.status).toBe(403);
    expect((await call('GET', '/api/v1/admin/api-keys', { apiKey: cameraKey })).status).toBe(403);

    const listed = await call('GET', '/api/v1/admin/api-keys', {
      token: await login('admin-keys-test'),
    });
    expect(listed.status).toBe(200);
    const items = listed.body['items'] as Record<string, unknown>[];
    expect(items).toHaveLength(2);
    expect(items.find((item) => item['id'] === cameraKeyId)).toEqual({
      id: cameraKeyId,
      name: expect.any(String) as unknown,
      gateCode: 'MONGCAI',
      scopes: ['yard:arrivals'],
      createdAt: expect.stringMatching(/^\d{4}-\d\d-\d\dT/) as unknown,
      revokedAt: null,
    });
    const secret = cameraKey.split('_')[2] ?? '';
    expect(JSON.stringify(listed.body)).not.toContain(secret);
    expect(JSON.stringify(listed.body)).not.toMatch(/[0-9a-f]{64}/);
  });

  it('refuses a revoked key with 401 on the next arrival; other keys keep working', async () => {
    // Before: the guard lets the camera through (the queue is down here: 503, not 401).
    const before = await call('POST', '/api/v1/yard/arrivals', {
      apiKey: cameraKey,
      body: arrival,
    });
    expect(before.status).toBe(503);

    const admin = await login('admin-keys-test');
    const revoked = await call('POST', `/api/v1/admin/api-keys/${cameraKeyId}/revoke`, {
      token: admin,
    });
    expect(revoked.status).toBe(200);
    expect(revoked.body).toMatchObject({
      id: cameraKeyId,
      revokedAt: expect.any(String) as unknown,
    });

    const after = await call('POST', '/api/v1/yard/arrivals', { apiKey: cameraKey, body: arrival });
    expect(after.status).toBe(401);
    expect(after.headers.get('content-type')).toMatch(/^application\/problem\+json/);
    expect(after.body).toMatchObject({ status: 401, code: 'AUTH.INVALID_API_KEY' });
    const spare = await call('POST', '/api/v1/yard/arrivals', { apiKey: spareKey, body: arrival });
    expect(spare.status).toBe(503);

    // Revoking again changes nothing; the list shows the revocation.
    const again = await call('POST', `/api/v1/admin/api-keys/${cameraKeyId}/revoke`, {
      token: admin,
    });
    expect(again.status).toBe(200);
    expect(again.body['revokedAt']).toBe(revoked.body['revokedAt']);
    const listed = await call('GET', '/api/v1/admin/api-keys', { token: admin });
    const entry = (listed.body['items'] as Record<string, unknown>[]).find(
      (item) => item['id'] === cameraKeyId,
    );
    expect(entry?.['revokedAt']).toBe(revoked.body['revokedAt']);
  });

  it('answers 404 for an unknown key and 403 to anyone but ADMIN', async () => {
    const admin = await login('admin-keys-test');
    const unknown = await call(
      'POST',
      '/api/v1/admin/api-keys/00000000-0000-7000-8000-000000000000/revoke',
      { token: admin },
    );
    expect(unknown.status).toBe(404);
    expect(unknown.body).toMatchObject({ code: 'AUTH.API_KEY_NOT_FOUND' });
    expect(
      (await call('POST', '/api/v1/admin/api-keys/not-a-uuid/revoke', { token: admin })).status,
    ).toBe(404);
    const yard = await call('POST', `/api/v1/admin/api-keys/${cameraKeyId}/revoke`, {
      token: await login('yard1'),
    });
    expect(yard.status).toBe(403);
  });
});
