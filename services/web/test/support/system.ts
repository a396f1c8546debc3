import { randomBytes } from 'node:crypto';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { Pool } from 'pg';
import { createFreshDatabase, startConsumerGroupsAtTheEnd } from '@cuakhau/local-infra';
import { freePort, spawnTsProcess, type TsProcess } from '@cuakhau/testing';

/**
 * The services the web app's journeys need, each a child process on real PostgreSQL (fresh
 * databases), Redis and Kafka (fresh consumer groups), and the gateway serving the built web
 * app — the pattern of services/gateway/test/whole-flow.e2e.spec.ts.
 */
const SERVER_URL = process.env.DATABASE_URL ?? 'postgres://postgres@127.0.0.1:5432/postgres';
const KAFKA_BROKERS = process.env.KAFKA_BROKERS ?? '127.0.0.1:9092';
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

export interface RunningSystem {
  /** The gateway: web app at `/`, API at `/api/v1`. */
  readonly baseUrl: string;
  /** The seeded yard camera's API key (arrivals at MONGCAI). */
  readonly cameraKey: string;
  /** What each process printed so far, by name (written next to the screenshots on a failure). */
  outputs(): Record<string, string>;
  stop(): Promise<void>;
}

function grpcUrlVariable(name: ServiceName): string {
  return `${name === 'logistics-queue' ? 'LOGISTICS_QUEUE' : name.toUpperCase().replace(/-/g, '_')}_GRPC_URL`;
}

/** Starts the system and resolves once every service has printed ` started: http`. */
export async function startSystem(webDistDir: string): Promise<RunningSystem> {
  const run = `web_${Date.now().toString(36)}_${randomBytes(3).toString('hex')}`;
  const children: TsProcess[] = [];
  const names: string[] = [];
  const databases: string[] = [];
  const stop = async (): Promise<void> => {
    await Promise.all(children.map((child) => child.stop(5_000).catch(() => undefined)));
    const admin = new Pool({ connectionString: SERVER_URL, max: 1 });
    for (const database of databases) {
      await admin.query(`DROP DATABASE IF EXISTS ${database} WITH (FORCE)`).catch(() => undefined);
    }
    await admin.end();
  };
  try {
    const grpcPorts = new Map<ServiceName, number>();
    for (const name of SERVICES) grpcPorts.set(name, await freePort());
    const groups = SERVICES.map((name) => `${run}_${name}`);
    await startConsumerGroupsAtTheEnd(KAFKA_BROKERS.split(','), groups);
    const common = {
      NODE_ENV: 'test',
      KAFKA_BROKERS,
      LOG_LEVEL: 'info',
      ...Object.fromEntries(
        SERVICES.map((name) => [grpcUrlVariable(name), `127.0.0.1:${grpcPorts.get(name) ?? 0}`]),
      ),
    };
    for (const [index, name] of SERVICES.entries()) {
      const database = `${run}_${name.replace(/-/g, '_')}`;
      databases.push(database);
      names.push(name);
      children.push(
        spawnTsProcess(`services/${name}/src/main.ts`, {
          env: {
            ...common,
            DATABASE_URL: await createFreshDatabase(SERVER_URL, database),
            HTTP_PORT: String(await freePort()),
            GRPC_PORT: String(grpcPorts.get(name) ?? 0),
            KAFKA_CLIENT_ID: `${run}-${name}`,
            [CONSUMER_GROUP_VARIABLE[name]]: groups[index] ?? name,
            QUEUE_REDIS_PREFIX: `${run}-lq`,
          },
        }),
      );
    }
    const gatewayDatabase = `${run}_gateway`;
    databases.push(gatewayDatabase);
    const gatewayEnv = {
      ...common,
      DATABASE_URL: await createFreshDatabase(SERVER_URL, gatewayDatabase),
      HTTP_PORT: String(await freePort()),
      RUN_DIR: fs.mkdtempSync(path.join(os.tmpdir(), 'cuakhau-web-e2e-')),
      REDIS_KEY_PREFIX: `${run}:gw:`,
      SSE_REFRESH_MS: '1000',
      WEB_DIST_DIR: webDistDir,
    };
    const seed = spawnTsProcess('services/gateway/src/seed.ts', { env: gatewayEnv });
    names.push('gateway-seed');
    children.push(seed);
    const seeded = await seed.exited;
    if (seeded.code !== 0) throw new Error(`the gateway seed failed:\n${seed.output()}`);
    const cameraKey = /X-API-Key[^:]*: (ck_\S+)/.exec(seed.output())?.[1];
    if (cameraKey === undefined) throw new Error(`no camera key in the seed's output`);
    const gateway = spawnTsProcess('services/gateway/src/main.ts', { env: gatewayEnv });
    names.push('gateway');
    children.push(gateway);
    await Promise.all(
      [...children.slice(0, SERVICES.length), gateway].map((child) =>
        child.waitForOutput(/ started: http/, 60_000),
      ),
    );
    const outputs = (): Record<string, string> =>
      Object.fromEntries(children.map((child, index) => [names[index] ?? 'child', child.output()]));
    return { baseUrl: `http://127.0.0.1:${gatewayEnv.HTTP_PORT}`, cameraKey, outputs, stop };
  } catch (error) {
    await stop();
    throw error;
  }
}
