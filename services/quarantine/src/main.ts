import 'reflect-metadata';
import { loadQuarantineConfig } from './quarantine.config';
import { startQuarantine } from './quarantine.service';

// The only place that hands process.env to the configuration.
startQuarantine(loadQuarantineConfig(process.env)).catch((error: unknown) => {
  process.stderr.write(
    `quarantine failed to start: ${error instanceof Error ? error.stack : String(error)}\n`,
  );
  process.exit(1);
});
