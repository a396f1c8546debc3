import { randomUUID } from 'node:crypto';
import { Client } from 'pg';
import { DataSource } from 'typeorm';
import { z } from 'zod';
import {
  TypeOrmTransactionRunner,
  createDataSource,
  createLogger,
  databaseConfig,
  ensureDatabaseExists,
  loadConfig,
  runMigrations,
} from '../src';
import {
  AddProbeCreatedAt1700000000002,
  BrokenMigration1700000000003,
  CreateProbeTable1700000000001,
} from './fixtures/migrations';
import { LogCapture } from './fixtures/log-capture';

const { DATABASE_URL } = loadConfig(z.object(databaseConfig('postgres').shape));

function urlOfDatabase(database: string): string {
  const url = new URL(DATABASE_URL);
  url.pathname = `/${database}`;
  return url.toString();
}

async function onServer<T>(work: (client: Client) => Promise<T>): Promise<T> {
  const client = new Client({ connectionString: urlOfDatabase('postgres') });
  await client.connect();
  try {
    return await work(client);
  } finally {
    await client.end();
  }
}

describe('persistence on a real PostgreSQL', () => {
  const database = `cuakhau_platform_test_${randomUUID().replace(/-/g, '').slice(0, 12)}`;
  const url = urlOfDatabase(database);
  const dataSources: DataSource[] = [];

  function dataSourceWith(
    migrations: Parameters<typeof createDataSource>[0]['migrations'],
  ): DataSource {
    const dataSource = createDataSource({
      url,
      entities: [],
      migrations,
      name: 'platform-test',
      logger: createLogger('platform-test', 'silent'),
    });
    dataSources.push(dataSource);
    return dataSource;
  }

  afterAll(async () => {
    for (const dataSource of dataSources) {
      if (dataSource.isInitialized) {
        await dataSource.destroy();
      }
    }
    await onServer((client) => client.query(`drop database if exists "${database}"`));
  });

  it('creates the service database once, and reports it exists afterwards', async () => {
    expect(await ensureDatabaseExists(url)).toBe(true);
    expect(await ensureDatabaseExists(url)).toBe(false);

    const found = await onServer((client) =>
      client.query('select datname from pg_database where datname = $1', [database]),
    );
    expect(found.rows).toEqual([{ datname: database }]);
  });

  it('refuses a database name it cannot quote safely', async () => {
    await expect(ensureDatabaseExists(urlOfDatabase('Robert"; drop'))).rejects.toThrow(TypeError);
  });

  it('never synchronises the schema or migrates on its own', () => {
    const dataSource = dataSourceWith([CreateProbeTable1700000000001]);

    expect(dataSource.options.synchronize).toBe(false);
    expect(dataSource.options.migrationsRun).toBe(false);
  });

  it('rolls every pending migration back when one of them fails', async () => {
    const dataSource = dataSourceWith([
      CreateProbeTable1700000000001,
      AddProbeCreatedAt1700000000002,
      BrokenMigration1700000000003,
    ]);

    await expect(runMigrations(dataSource)).rejects.toThrow(/table_that_does_not_exist/);

    const tables = await dataSource.query<unknown[]>(
      "select table_name from information_schema.tables where table_schema = 'public' and table_name in ('probe', 'half_done')",
    );
    expect(tables).toEqual([]);
  });

  it('applies pending migrations in order, logs them, and then has nothing left to do', async () => {
    const logs = new LogCapture();
    const logger = createLogger('platform-test', 'info', logs);
    const dataSource = dataSourceWith([
      CreateProbeTable1700000000001,
      AddProbeCreatedAt1700000000002,
    ]);

    expect(await runMigrations(dataSource, logger)).toEqual([
      'CreateProbeTable1700000000001',
      'AddProbeCreatedAt1700000000002',
    ]);
    expect(await runMigrations(dataSource, logger)).toEqual([]);

    const columns = await dataSource.query<{ column_name: string }[]>(
      "select column_name from information_schema.columns where table_name = 'probe' order by ordinal_position",
    );
    expect(columns.map((column) => column.column_name)).toEqual(['id', 'note', 'created_at']);
    expect(logs.lines()).toEqual([
      expect.objectContaining({
        msg: 'applied 2 migration(s)',
        migrations: ['CreateProbeTable1700000000001', 'AddProbeCreatedAt1700000000002'],
      }),
      expect.objectContaining({ msg: 'database schema up to date', count: 0 }),
    ]);
  });

  it('commits the work of a transaction that succeeds', async () => {
    const dataSource = dataSources[dataSources.length - 1] as DataSource;
    const runner = new TypeOrmTransactionRunner(dataSource);

    const result = await runner.inTransaction(async (manager) => {
      await manager.query('insert into probe (id, note) values ($1, $2)', ['kept', 'committed']);
      return 'done';
    });

    expect(result).toBe('done');
    expect(await dataSource.query('select note from probe where id = $1', ['kept'])).toEqual([
      { note: 'committed' },
    ]);
  });

  it('rolls back everything a transaction wrote when its work throws', async () => {
    const dataSource = dataSources[dataSources.length - 1] as DataSource;
    const runner = new TypeOrmTransactionRunner(dataSource);

    await expect(
      runner.inTransaction(async (manager) => {
        await manager.query('insert into probe (id, note) values ($1, $2)', ['lost-1', 'first']);
        await manager.query('insert into probe (id, note) values ($1, $2)', ['lost-2', 'second']);
        throw new Error('the use case failed after writing');
      }),
    ).rejects.toThrow('the use case failed after writing');

    expect(await dataSource.query("select id from probe where id like 'lost-%'")).toEqual([]);
  });
});
