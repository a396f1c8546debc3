import 'reflect-metadata';
import { loadGatewayConfig } from './gateway.config';
import { startGateway } from './gateway.service';

// The only place that hands process.env to the configuration.
startGateway(loadGatewayConfig(process.env)).catch((error: unknown) => {
  process.stderr.write(
    `gateway failed to start: ${error instanceof Error ? error.stack : String(error)}\n`,
  );
  process.exit(1);
});
