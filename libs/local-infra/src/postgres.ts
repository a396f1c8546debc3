import * as fs from 'node:fs';
import { Client } from 'pg';
import { INFRA_HINTS, InfraError } from './infra.errors';
import { RUN_DIR } from './paths';
import { commandExists, runCommand, waitUntil, withFileLock } from './process-control';
import * as path from 'node:path';

export const DEFAULT_DATABASE_URL = 'postgres://postgres@127.0.0.1:5432/postgres';

/** One database per service (ADR: database per service). */
export const SERVICE_DATABASES = {
  gateway: 'cuakhau_gateway',
  registry: 'cuakhau_registry',
  customs: 'cuakhau_customs',
  'border-guard': 'cuakhau_border_guard',
  quarantine: 'cuakhau_quarantine',
  'logistics-queue': 'cuakhau_logistics_queue',
  audit: 'cuakhau_audit',
} as const;

export type ServiceName = keyof typeof SERVICE_DATABASES;

/** Marker that this tool started the machine's PostgreSQL cluster (holds the version). */
const STARTED_MARKER = path.join(RUN_DIR, 'postgres.started');

type Log = (line: string) => void;

/** The same server URL pointing at another database (query string kept). */
export function databaseUrlFor(serverUrl: string, databaseName: string): string {
  const url = new URL(serverUrl);
  url.pathname = `/${encodeURIComponent(databaseName)}`;
  return url.toString();
}

function quoteIdentifier(name: string): string {
  return `"${name.replace(/"/g, '""')}"`;
}

async function withClient<T>(url: string, work: (client: Client) => Promise<T>): Promise<T> {
  const client = new Client({ connectionString: url, connectionTimeoutMillis: 2_000 });
  client.on('error', () => undefined);
  await client.connect();
  try {
    return await work(client);
  } finally {
    await client.end().catch(() => undefined);
  }
}

export async function postgresAnswers(url: string): Promise<boolean> {
  try {
    await withClient(url, (client) => client.query('select 1'));
    return true;
  } catch {
    return false;
  }
}

function isAlreadyExists(error: unknown): boolean {
  const code = (error as { code?: string } | undefined)?.code;
  // 42P04 duplicate_database; 23505 when two processes create it at the same moment.
  return code === '42P04' || code === '23505';
}

/** Creates the database if it does not exist yet (safe to run concurrently). */
export async function ensureDatabase(serverUrl: string, name: string): Promise<string> {
  await withClient(serverUrl, async (client) => {
    const found = await client.query('select 1 from pg_database where datname = $1', [name]);
    if (found.rowCount) return;
    try {
      await client.query(`create database ${quoteIdentifier(name)}`);
    } catch (error) {
      if (!isAlreadyExists(error)) throw error;
    }
  });
  return databaseUrlFor(serverUrl, name);
}

/** Drops (forcing connections off) and creates a database; for tests. Returns its URL. */
export async function createFreshDatabase(serverUrl: string, name: string): Promise<string> {
  await withClient(serverUrl, async (client) => {
    await client.query(`drop database if exists ${quoteIdentifier(name)} with (force)`);
    await client.query(`create database ${quoteIdentifier(name)}`);
  });
  return databaseUrlFor(serverUrl, name);
}

/** Creates every service database that is missing; returns each service's URL. */
export async function ensureServiceDatabases(
  serverUrl: string,
): Promise<Record<ServiceName, string>> {
  const entries = await Promise.all(
    (Object.entries(SERVICE_DATABASES) as [ServiceName, string][]).map(
      async ([service, name]) => [service, await ensureDatabase(serverUrl, name)] as const,
    ),
  );
  return Object.fromEntries(entries) as Record<ServiceName, string>;
}

/** The installed cluster versions, newest first (from /etc/postgresql). */
function installedVersions(): string[] {
  try {
    return fs
      .readdirSync('/etc/postgresql')
      .filter((entry) => /^\d+$/.test(entry))
      .sort((a, b) => Number(b) - Number(a));
  } catch {
    return [];
  }
}

/**
 * Makes sure the local PostgreSQL answers at `url`, starting the machine's cluster with
 * pg_ctlcluster when it does not. Returns whether this call started it.
 */
export async function ensureLocalPostgres(url: string, log: Log): Promise<{ started: boolean }> {
  if (await postgresAnswers(url)) return { started: false };
  return withFileLock('postgres', async () => {
    if (await postgresAnswers(url)) return { started: false };
    return startPostgres(url, log);
  });
}

async function startPostgres(url: string, log: Log): Promise<{ started: boolean }> {
  const version = installedVersions()[0];
  if (version === undefined || !commandExists('pg_ctlcluster')) {
    throw new InfraError(INFRA_HINTS.postgres);
  }
  log(`postgres: starting cluster ${version}/main`);
  const result = await runCommand('pg_ctlcluster', [
    '--skip-systemctl-redirect',
    version,
    'main',
    'start',
  ]);
  if (result.code !== 0 && !/already running/i.test(result.output)) {
    const reason = result.output.trim().split('\n').slice(-1)[0] ?? '';
    throw new InfraError(
      `postgres: pg_ctlcluster ${version} main start failed (${reason}); set DATABASE_URL to use another server`,
    );
  }
  fs.mkdirSync(RUN_DIR, { recursive: true });
  fs.writeFileSync(STARTED_MARKER, `${version}\n`);
  if (!(await waitUntil(() => postgresAnswers(url), { timeoutMs: 30_000, intervalMs: 250 }))) {
    throw new InfraError(
      `postgres: started cluster ${version}/main but ${url} does not answer; see /var/log/postgresql`,
    );
  }
  return { started: true };
}

/** Stops the cluster only if this tool started it. */
export async function stopStartedPostgres(): Promise<boolean> {
  if (!fs.existsSync(STARTED_MARKER)) return false;
  const version = fs.readFileSync(STARTED_MARKER, 'utf8').trim();
  await runCommand('pg_ctlcluster', ['--skip-systemctl-redirect', version, 'main', 'stop']);
  fs.rmSync(STARTED_MARKER, { force: true });
  return true;
}
