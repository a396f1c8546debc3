import { Controller, Get, HttpCode, Inject, Res } from '@nestjs/common';
import type { FastifyReply } from 'fastify';
import { ReadinessCheck } from './readiness-check';

/** Each check gets this long to answer before it counts as down. */
export const READINESS_TIMEOUT_MS = 1_000;

/** The list of checks the service wired (a symbol token, never a string). */
export const READINESS_CHECKS = Symbol('READINESS_CHECKS');

export type CheckStatus =
  { status: 'up'; durationMs: number } | { status: 'down'; durationMs: number; error: string };

export interface ReadinessReport {
  status: 'ready' | 'unavailable';
  checks: Record<string, CheckStatus>;
}

@Controller('health')
export class HealthController {
  constructor(@Inject(READINESS_CHECKS) private readonly checks: readonly ReadinessCheck[]) {}

  /** The process runs and serves HTTP: always 200. */
  @Get('live')
  @HttpCode(200)
  live(): { status: 'live' } {
    return { status: 'live' };
  }

  /** 200 when every dependency answered within READINESS_TIMEOUT_MS, else 503 naming the failed ones. */
  @Get('ready')
  async ready(@Res({ passthrough: true }) reply: FastifyReply): Promise<ReadinessReport> {
    const results = await Promise.all(
      this.checks.map(async (check) => [check.name, await runCheck(check)] as const),
    );
    const report: ReadinessReport = {
      status: results.every(([, result]) => result.status === 'up') ? 'ready' : 'unavailable',
      checks: Object.fromEntries(results),
    };
    void reply.status(report.status === 'ready' ? 200 : 503);
    return report;
  }
}

async function runCheck(check: ReadinessCheck): Promise<CheckStatus> {
  const started = Date.now();
  let timer: NodeJS.Timeout | undefined;
  const timeout = new Promise<never>((_, reject) => {
    timer = setTimeout(
      () => reject(new Error(`no answer within ${READINESS_TIMEOUT_MS} ms`)),
      READINESS_TIMEOUT_MS,
    );
  });
  try {
    await Promise.race([check.check(), timeout]);
    return { status: 'up', durationMs: Date.now() - started };
  } catch (error) {
    return {
      status: 'down',
      durationMs: Date.now() - started,
      error: error instanceof Error ? error.message : String(error),
    };
  } finally {
    clearTimeout(timer);
  }
}
