import 'reflect-metadata';
import { loadAuditConfig } from './audit.config';
import { startAudit } from './audit.service';

// The only place that hands process.env to the configuration.
startAudit(loadAuditConfig(process.env)).catch((error: unknown) => {
  process.stderr.write(
    `audit failed to start: ${error instanceof Error ? error.stack : String(error)}\n`,
  );
  process.exit(1);
});
