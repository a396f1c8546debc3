import 'reflect-metadata';
import { loadLogisticsQueueConfig } from './logistics-queue.config';
import { startLogisticsQueue } from './logistics-queue.service';

// The only place that hands process.env to the configuration.
startLogisticsQueue(loadLogisticsQueueConfig(process.env)).catch((error: unknown) => {
  process.stderr.write(
    `logistics-queue failed to start: ${error instanceof Error ? error.stack : String(error)}\n`,
  );
  process.exit(1);
});
