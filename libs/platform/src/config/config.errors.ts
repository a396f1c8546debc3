/** One environment variable that failed validation; the value itself is never kept. */
export interface ConfigProblem {
  readonly variable: string;
  readonly problem: string;
}

/**
 * Thrown by `loadConfig` when the environment does not satisfy a service's schema.
 * The message lists every bad variable on one line; values are never echoed, so a
 * secret in a malformed URL cannot leak into logs.
 */
export class ConfigError extends Error {
  override readonly name = 'ConfigError';
  readonly code = 'PLATFORM.INVALID_CONFIGURATION';

  constructor(readonly problems: readonly ConfigProblem[]) {
    super(
      `Invalid configuration (${problems.length} problem${problems.length === 1 ? '' : 's'}): ` +
        problems.map(({ variable, problem }) => `${variable}: ${problem}`).join('; '),
    );
  }
}
