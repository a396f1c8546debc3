import 'reflect-metadata';
import { loadCustomsConfig } from './customs.config';
import { startCustoms } from './customs.service';

// The only place that hands process.env to the configuration.
startCustoms(loadCustomsConfig(process.env)).catch((error: unknown) => {
  process.stderr.write(
    `customs failed to start: ${error instanceof Error ? error.stack : String(error)}\n`,
  );
  process.exit(1);
});
