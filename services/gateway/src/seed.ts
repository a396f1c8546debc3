import 'reflect-metadata';
import { createDataSource, ensureDatabaseExists, runMigrations } from '@cuakhau/platform';
import { GATEWAY_MIGRATIONS } from './database/gateway.migrations';
import { DEMO_PASSWORD, DEMO_USERS, seedDemo } from './demo/demo-seed';
import { loadGatewayConfig } from './gateway.config';

/** `npm start` runs this before the gateway: demo accounts and the yard camera's API key. */
async function main(): Promise<void> {
  const config = loadGatewayConfig(process.env);
  if (config.NODE_ENV === 'production') {
    throw new Error('the demo seed refuses to run with NODE_ENV=production');
  }
  await ensureDatabaseExists(config.DATABASE_URL);
  const dataSource = createDataSource({
    url: config.DATABASE_URL,
    entities: [],
    migrations: GATEWAY_MIGRATIONS,
    name: 'gateway-seed',
    poolSize: 2,
  });
  await runMigrations(dataSource);
  try {
    const result = await seedDemo(dataSource, config.RUN_DIR);
    const lines = [
      `gateway demo accounts (password ${DEMO_PASSWORD}): ${DEMO_USERS.map((user) => user.username).join(', ')}` +
        (result.createdUsers.length > 0 ? ` — created now: ${result.createdUsers.join(', ')}` : ''),
      result.cameraKey === undefined
        ? 'yard camera API key: exists, but its clear text is not in .run/demo-camera-key (revoke and re-seed to get a new one)'
        : `yard camera API key (X-API-Key, gate MONGCAI, POST /api/v1/yard/arrivals): ${result.cameraKey}`,
    ];
    process.stdout.write(`${lines.join('\n')}\n`);
  } finally {
    await dataSource.destroy();
  }
}

main().catch((error: unknown) => {
  process.stderr.write(
    `gateway seed failed: ${error instanceof Error ? error.message : String(error)}\n`,
  );
  process.exit(1);
});
