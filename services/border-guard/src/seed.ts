import 'reflect-metadata';
import { createDataSource, ensureDatabaseExists, runMigrations } from '@cuakhau/platform';
import { loadBorderGuardConfig } from './border-guard.config';
import { BORDER_GUARD_MIGRATIONS } from './database/border-guard.migrations';
import { DEMO_WATCH_LIST, seedDemoWatchList } from './demo/demo-watch-list';

/** `npm start` runs this before the border guard: the demo watch list (never in production). */
async function main(): Promise<void> {
  const config = loadBorderGuardConfig(process.env);
  if (config.NODE_ENV === 'production') {
    throw new Error('the demo seed refuses to run with NODE_ENV=production');
  }
  await ensureDatabaseExists(config.DATABASE_URL);
  const dataSource = createDataSource({
    url: config.DATABASE_URL,
    entities: [],
    migrations: BORDER_GUARD_MIGRATIONS,
    name: 'border-guard-seed',
    poolSize: 2,
  });
  await runMigrations(dataSource);
  try {
    const added = await seedDemoWatchList(dataSource);
    const persons = DEMO_WATCH_LIST.filter((entry) => entry.subject === 'PERSON')
      .map((entry) => `${entry.fullName} (${entry.documentNumber})`)
      .join(', ');
    const plates = DEMO_WATCH_LIST.filter((entry) => entry.subject === 'VEHICLE')
      .map((entry) => entry.plate)
      .join(', ');
    process.stdout.write(
      `border-guard demo watch list (a driver or truck matching one goes on HOLD): ${persons}; ` +
        `plate ${plates}${added.length > 0 ? ` — added now: ${added.join(', ')}` : ''}\n`,
    );
  } finally {
    await dataSource.destroy();
  }
}

main().catch((error: unknown) => {
  process.stderr.write(
    `border-guard seed failed: ${error instanceof Error ? error.message : String(error)}\n`,
  );
  process.exit(1);
});
