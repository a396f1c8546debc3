import {
  Inject,
  Injectable,
  type OnApplicationBootstrap,
  type OnApplicationShutdown,
} from '@nestjs/common';
import type { Logger } from 'pino';
import type { LogisticsQueueConfig } from '../../logistics-queue.config';
import { QUEUE_CONFIG, QUEUE_LOGGER } from '../../logistics-queue.tokens';
import { YardRepository } from '../infrastructure/yard.repository';
import { LivePositionsProjector } from './live-positions.projector';
import { CLASSES_IN_ORDER } from '../domain/queue-order';
import { LivePositions, NoShowTimers } from './live-positions.port';

/**
 * Redis keeps nothing that PostgreSQL does not: at start, and every QUEUE_RESYNC_INTERVAL_MS,
 * every PENDING call's no-show timer is scheduled again (BullMQ ignores a job id it already
 * holds, so nothing is doubled; the no-show handler is idempotent, so nothing fires twice).
 * At start every gate's positions are rewritten; afterwards a gate is rewritten when Redis
 * lost it or when its class sets no longer hold as many waiting trucks as PostgreSQL (a
 * missed notification), so that a quiet resync costs one count per gate, not a rewrite.
 */
@Injectable()
export class YardResyncLifecycle implements OnApplicationBootstrap, OnApplicationShutdown {
  private timer: NodeJS.Timeout | undefined;
  private running: Promise<void> | undefined;
  private started: Promise<void> | undefined;
  private stopped = false;

  constructor(
    private readonly repository: YardRepository,
    private readonly timers: NoShowTimers,
    private readonly projector: LivePositionsProjector,
    private readonly live: LivePositions,
    @Inject(QUEUE_CONFIG) private readonly config: LogisticsQueueConfig,
    @Inject(QUEUE_LOGGER) private readonly logger: Logger,
  ) {}

  /** Idempotent: a hybrid Nest app (HTTP + gRPC) calls the bootstrap hooks twice. */
  onApplicationBootstrap(): Promise<void> {
    this.started ??= this.start();
    return this.started;
  }

  async onApplicationShutdown(): Promise<void> {
    this.stopped = true;
    await this.started?.catch(() => undefined);
    if (this.timer !== undefined) clearInterval(this.timer);
    this.timer = undefined;
    await this.running;
  }

  private async start(): Promise<void> {
    await this.resync(true);
    if (this.stopped) return;
    this.timer = setInterval(() => {
      if (this.stopped) return;
      this.running ??= this.resync()
        .then(() => undefined)
        .catch((error: unknown) => this.logger.warn({ err: error }, 'yard resync failed'))
        .finally(() => {
          this.running = undefined;
        });
    }, this.config.QUEUE_RESYNC_INTERVAL_MS);
    this.timer.unref();
  }

  /** Re-derives the timers and (every gate's when `all`, else the lost or drifted) positions. */
  async resync(all = false): Promise<{ timers: number; gates: number }> {
    const reader = this.repository.reader;
    const pending = await this.repository.pendingCalls(reader);
    for (const call of pending) await this.timers.schedule(call.id, call.deadline);
    const gates = await this.repository.gates(reader);
    let rebuilt = 0;
    for (const gateCode of gates) {
      if (all || !(await this.inStep(gateCode))) {
        await this.projector.apply({ gateCode, full: true });
        rebuilt += 1;
      }
    }
    return { timers: pending.length, gates: rebuilt };
  }

  /** Whether the live store still has the gate with as many waiting trucks per class. */
  private async inStep(gateCode: string): Promise<boolean> {
    if (!(await this.live.hasGate(gateCode))) return false;
    const [stored, source] = await Promise.all([
      this.live.waitingPerClass(gateCode),
      this.repository.waitingPerClass(this.repository.reader, gateCode),
    ]);
    return CLASSES_IN_ORDER.every(
      (priorityClass) => (stored[priorityClass] ?? 0) === (source.get(priorityClass) ?? 0),
    );
  }
}
