import { Inject, Injectable, type OnApplicationShutdown } from '@nestjs/common';
import { Queue } from 'bullmq';
import { Redis } from 'ioredis';
import type { LogisticsQueueConfig } from '../../logistics-queue.config';
import { QUEUE_CONFIG } from '../../logistics-queue.tokens';
import { NoShowTimers } from '../application/live-positions.port';

export const NO_SHOW_QUEUE = 'no-show';

export interface NoShowJob {
  readonly callId: string;
}

/** No-show timers as BullMQ delayed jobs, job id = call id (adding an existing id is a no-op). */
@Injectable()
export class BullMqNoShowTimers extends NoShowTimers implements OnApplicationShutdown {
  readonly queue: Queue<NoShowJob>;
  private readonly connection: Redis;

  constructor(@Inject(QUEUE_CONFIG) config: LogisticsQueueConfig) {
    super();
    this.connection = new Redis(config.REDIS_URL, { maxRetriesPerRequest: null });
    this.queue = new Queue<NoShowJob>(NO_SHOW_QUEUE, {
      connection: this.connection,
      prefix: config.QUEUE_REDIS_PREFIX,
    });
  }

  async schedule(callId: string, deadline: Date): Promise<void> {
    await this.queue.add(
      NO_SHOW_QUEUE,
      { callId },
      {
        jobId: callId,
        delay: Math.max(0, deadline.getTime() - Date.now()),
        removeOnComplete: true,
        removeOnFail: 1000,
        attempts: 5,
        backoff: { type: 'exponential', delay: 500 },
      },
    );
  }

  async onApplicationShutdown(): Promise<void> {
    await this.queue.close();
    this.connection.disconnect();
  }
}
