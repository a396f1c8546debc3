import 'reflect-metadata';
import { loadRegistryConfig } from './registry.config';
import { startRegistry } from './registry.service';

// The only place that hands process.env to the configuration.
startRegistry(loadRegistryConfig(process.env)).catch((error: unknown) => {
  process.stderr.write(
    `registry failed to start: ${error instanceof Error ? error.stack : String(error)}\n`,
  );
  process.exit(1);
});
