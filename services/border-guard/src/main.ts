import 'reflect-metadata';
import { loadBorderGuardConfig } from './border-guard.config';
import { startBorderGuard } from './border-guard.service';

// The only place that hands process.env to the configuration.
startBorderGuard(loadBorderGuardConfig(process.env)).catch((error: unknown) => {
  process.stderr.write(
    `border-guard failed to start: ${error instanceof Error ? error.stack : String(error)}\n`,
  );
  process.exit(1);
});
