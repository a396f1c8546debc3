/** Exponential backoff: `initialDelayMs · factor^n`, capped at `maxDelayMs`. */
export interface BackoffPolicy {
  initialDelayMs: number;
  maxDelayMs: number;
  factor: number;
}

/** Handler retries of the inbox consumer: 5 tries, waiting 100, 200, 400, 800 ms between them. */
export interface RetryPolicy extends BackoffPolicy {
  /** Total tries of a handler before the message goes to the dead-letter topic (≥ 1). */
  maxAttempts: number;
}

export const DEFAULT_RETRY_POLICY: RetryPolicy = Object.freeze({
  maxAttempts: 5,
  initialDelayMs: 100,
  maxDelayMs: 5_000,
  factor: 2,
});

/** The wait after failed attempt number `attempt` (1-based). */
export function backoffDelay(policy: BackoffPolicy, attempt: number): number {
  const exponent = Math.max(0, attempt - 1);
  return Math.min(policy.maxDelayMs, Math.round(policy.initialDelayMs * policy.factor ** exponent));
}

/** The waits between the tries of a {@link RetryPolicy}: `maxAttempts - 1` delays. */
export function retrySchedule(policy: RetryPolicy): number[] {
  return Array.from({ length: Math.max(0, policy.maxAttempts - 1) }, (_, index) =>
    backoffDelay(policy, index + 1),
  );
}

/** Waits `ms`, or less if `signal` aborts first (stop() must never wait out a long backoff). */
export function delay(ms: number, signal?: AbortSignal): Promise<void> {
  return new Promise((resolve) => {
    if (signal?.aborted) {
      resolve();
      return;
    }
    const timer = setTimeout(done, ms);
    function done(): void {
      clearTimeout(timer);
      signal?.removeEventListener('abort', done);
      resolve();
    }
    signal?.addEventListener('abort', done, { once: true });
  });
}
