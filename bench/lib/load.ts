/** What a load phase measured: operations done, wall time and the latency of each. */
export interface Measured {
  count: number;
  elapsedMs: number;
  latencies: number[];
  /** Operations that threw (not counted in `count` nor `latencies`). */
  failures: number;
}

/**
 * Runs `work(i)` with `concurrency` in flight until `maxCount` operations started or
 * `durationMs` passed, whichever comes first; records the latency of each successful one.
 */
export async function driveFor(
  options: { concurrency: number; durationMs: number; maxCount?: number },
  work: (i: number) => Promise<void>,
): Promise<Measured> {
  const latencies: number[] = [];
  const maxCount = options.maxCount ?? Number.POSITIVE_INFINITY;
  let next = 0;
  let failures = 0;
  const started = performance.now();
  const deadline = started + options.durationMs;
  await Promise.all(
    Array.from({ length: options.concurrency }, async () => {
      while (next < maxCount && performance.now() < deadline) {
        const i = next;
        next += 1;
        const began = performance.now();
        try {
          await work(i);
          latencies.push(performance.now() - began);
        } catch {
          failures += 1;
        }
      }
    }),
  );
  return { count: latencies.length, elapsedMs: performance.now() - started, latencies, failures };
}
