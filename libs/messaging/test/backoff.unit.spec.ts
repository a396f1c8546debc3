import { backoffDelay, DEFAULT_RETRY_POLICY, delay, retrySchedule } from '../src';

describe('backoff', () => {
  it('defaults to 5 tries waiting 100, 200, 400, 800 ms', () => {
    expect(retrySchedule(DEFAULT_RETRY_POLICY)).toEqual([100, 200, 400, 800]);
  });

  it('doubles and caps at maxDelayMs', () => {
    const policy = { initialDelayMs: 100, maxDelayMs: 1_000, factor: 2 };
    expect([1, 2, 3, 4, 5, 6].map((attempt) => backoffDelay(policy, attempt))).toEqual([
      100, 200, 400, 800, 1_000, 1_000,
    ]);
  });

  it('has no wait for a single try', () => {
    expect(retrySchedule({ ...DEFAULT_RETRY_POLICY, maxAttempts: 1 })).toEqual([]);
  });

  it('stops waiting when aborted', async () => {
    const controller = new AbortController();
    const started = Date.now();
    const waiting = delay(60_000, controller.signal);
    controller.abort();
    await waiting;
    expect(Date.now() - started).toBeLessThan(1_000);
  });
});
