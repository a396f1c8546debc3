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

  constructor(
    private readonly checkOpen: CheckOpenShipmentsHandler,
    private readonly retention: EnforceRetentionHandler,
    private readonly dailyRoot: SignDailyRootHandler,
    @Inject(AUDIT_CONFIG) private readonly config: AuditConfig,
    @Inject(AUDIT_LOGGER) private readonly logger: Logger,
  ) {}

  onApplicationBootstrap(): void {
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

  onApplicationShutdown(): void {
    for (const timer of this.timers) clearInterval(timer);
  }

  private every(ms: number, job: string, run: () => Promise<unknown>): void {
    let running = false;
    const timer = setInterval(() => {
      if (running) return;
      running = true;
      run()
        .then((result) => this.logger.debug({ job, result }, 'audit job done'))
        .catch((error: unknown) =>
          this.logger.warn({ job, error: String(error) }, 'audit job failed'),
        )
        .finally(() => {
          running = false;
        });
    }, ms);
    timer.unref();
    this.timers.push(timer);
  }
}
