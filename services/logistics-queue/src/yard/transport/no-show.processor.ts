import {
  Inject,
  Injectable,
  type OnApplicationBootstrap,
  type OnApplicationShutdown,
} from '@nestjs/common';
import { Worker } from 'bullmq';
import { Redis } from 'ioredis';
import type { Logger } from 'pino';
import type { LogisticsQueueConfig } from '../../logistics-queue.config';
import { QUEUE_CONFIG, QUEUE_LOGGER } from '../../logistics-queue.tokens';
import { ApplyNoShowHandler } from '../application/apply-no-show.handler';
import { NO_SHOW_QUEUE, type NoShowJob } from '../infrastructure/bullmq-no-show.timers';

/** The BullMQ worker of the no-show timers: maps the job to the no-show use case. */
@Injectable()
export class NoShowProcessor implements OnApplicationBootstrap, OnApplicationShutdown {
  private worker: Worker<NoShowJob> | undefined;
  private connection: Redis | undefined;
  private closed: Promise<void> | undefined;

  constructor(
    private readonly applyNoShow: ApplyNoShowHandler,
    @Inject(QUEUE_CONFIG) private readonly config: LogisticsQueueConfig,
    @Inject(QUEUE_LOGGER) private readonly logger: Logger,
  ) {}

  /**
   * Idempotent: a hybrid Nest app (HTTP + gRPC) calls the bootstrap hooks twice, and a second
   * worker would be left running (reconnecting forever) after shutdown.
   */
  onApplicationBootstrap(): void {
    if (this.worker !== undefined || this.closed !== undefined) return;
    this.connection = new Redis(this.config.REDIS_URL, { maxRetriesPerRequest: null });
    this.worker = new Worker<NoShowJob>(
      NO_SHOW_QUEUE,
      async (job) => {
        const result = await this.applyNoShow.execute(job.data.callId);
        if (result.kind === 'IGNORE' && result.why === 'NOT_DUE') {
          // Fired early (clock skew): a fresh timer with a new id is not needed, retry later.
          throw new Error(`call ${job.data.callId} is not due yet`);
        }
        return result.kind;
      },
      { connection: this.connection, prefix: this.config.QUEUE_REDIS_PREFIX, concurrency: 4 },
    );
    this.worker.on('failed', (job, error) =>
      this.logger.warn({ err: error, callId: job?.data.callId }, 'no-show job failed'),
    );
    this.worker.on('error', (error) => this.logger.warn({ err: error }, 'no-show worker error'));
  }

  onApplicationShutdown(): Promise<void> {
    this.closed ??= this.close();
    return this.closed;
  }

  private async close(): Promise<void> {
    const { worker, connection } = this;
    try {
      await worker?.close(true);
    } finally {
      connection?.disconnect();
    }
  }
}
