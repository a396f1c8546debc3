import { describeError, noopLogger, type MessagingLogger } from './logger';

export interface Stoppable {
  stop(): Promise<void>;
}

export interface ShutdownOptions {
  signals?: readonly NodeJS.Signals[];
  logger?: MessagingLogger;
  /** Called after everything stopped (default: `process.exit(0)`, or 1 if a stop failed). */
  exit?: (code: number) => void;
}

/**
 * Stops the given relays/consumers in order on SIGTERM or SIGINT (each finishes its batch in
 * flight and commits), then exits. @returns a function that removes the signal listeners.
 */
export function stopOnSignals(
  stoppables: readonly Stoppable[],
  {
    signals = ['SIGTERM', 'SIGINT'],
    logger = noopLogger,
    exit = (code) => process.exit(code),
  }: ShutdownOptions = {},
): () => void {
  let stopping = false;
  const onSignal = (signal: NodeJS.Signals): void => {
    if (stopping) return;
    stopping = true;
    logger.info({ signal }, 'shutting down messaging');
    void (async () => {
      let code = 0;
      for (const stoppable of stoppables) {
        try {
          await stoppable.stop();
        } catch (error) {
          code = 1;
          logger.error({ error: describeError(error) }, 'stopping failed');
        }
      }
      exit(code);
    })();
  };
  for (const signal of signals) process.on(signal, onSignal);
  return () => {
    for (const signal of signals) process.off(signal, onSignal);
  };
}
