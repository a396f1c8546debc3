import {
  Inject,
  Injectable,
  type OnApplicationBootstrap,
  type OnApplicationShutdown,
} from '@nestjs/common';
import type { Logger } from 'pino';
import type { AuditConfig } from '../../audit.config';
import { AUDIT_CONFIG, AUDIT_LOGGER } from '../../audit.tokens';
import { SignDailyRootHandler } from '../../audit-log/application/sign-daily-root.handler';
import {
  CheckOpenShipmentsHandler,
  EnforceRetentionHandler,
} from '../application/periodic-jobs.handler';

/** Timers of the periodic jobs: SLA check, retention, yesterday's signed root. */
@Injectable()
export class AuditJobsScheduler implements OnApplicationBootstrap, OnApplicationShutdown {
  private readonly timers: NodeJS.Timeout[] = [];
  private readonly inFlight = new Set<Promise<void>>();
  private stopped = false;

  constructor(
    private readonly checkOpen: CheckOpenShipmentsHandler,
    private readonly retention: EnforceRetentionHandler,
    private readonly dailyRoot: SignDailyRootHandler,
    @Inject(AUDIT_CONFIG) private readonly config: AuditConfig,
    @Inject(AUDIT_LOGGER) private readonly logger: Logger,
  ) {}

  /** Idempotent: a hybrid Nest app (HTTP + gRPC) calls the bootstrap hooks twice. */
  onApplicationBootstrap(): void {
    if (this.timers.length > 0 || this.stopped) return;
    this.every(this.config.AUDIT_SLA_CHECK_INTERVAL_MS, 'sla-check', () =>
      this.checkOpen.execute(),
    );
    this.every(this.config.AUDIT_RETENTION_INTERVAL_MS, 'retention', () =>
      this.retention.execute(),
    );
    this.every(this.config.AUDIT_ROOT_INTERVAL_MS, 'daily-root', () =>
      this.dailyRoot.execute(new Date(Date.now() - 86_400_000).toISOString().slice(0, 10)),
    );
  }

  /** Stops the timers and waits for the jobs in flight (they use the pool closed after). */
  async onApplicationShutdown(): Promise<void> {
    this.stopped = true;
    for (const timer of this.timers) clearInterval(timer);
    await Promise.all([...this.inFlight]);
  }

  private every(ms: number, job: string, run: () => Promise<unknown>): void {
    let running = false;
    const timer = setInterval(() => {
      if (running || this.stopped) return;
      running = true;
      const done: Promise<void> = run()
        .then((result) => this.logger.debug({ job, result }, 'audit job done'))
        .catch((error: unknown) =>
          this.logger.warn({ job, error: String(error) }, 'audit job failed'),
        )
        .finally(() => {
          running = false;
          this.inFlight.delete(done);
        });
      this.inFlight.add(done);
    }, ms);
    timer.unref();
    this.timers.push(timer);
  }
}
