export interface EventuallyOptions {
  /** Give up after this many milliseconds (default 30 s). */
  timeoutMs?: number;
  /** Wait between attempts (default 50 ms). */
  intervalMs?: number;
}

/**
 * Retries `check` until it stops throwing (or returns a value), then returns that value.
 * The way tests await asynchronous outcomes: never a fixed sleep.
 */
export async function eventually<T>(
  check: () => T | Promise<T>,
  { timeoutMs = 30_000, intervalMs = 50 }: EventuallyOptions = {},
): Promise<T> {
  const deadline = Date.now() + timeoutMs;
  let lastError: unknown;
  for (;;) {
    try {
      return await check();
    } catch (error) {
      lastError = error;
    }
    if (Date.now() >= deadline) {
      const reason = lastError instanceof Error ? lastError.message : String(lastError);
      const failure = new Error(`eventually(): gave up after ${timeoutMs} ms: ${reason}`);
      failure.cause = lastError;
      throw failure;
    }
    await new Promise((resolve) => setTimeout(resolve, intervalMs));
  }
}
