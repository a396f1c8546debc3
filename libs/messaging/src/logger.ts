/**
 * The minimal structured logger the messaging layer writes to. A pino logger satisfies it
 * (`logger.info({ ...fields }, 'message')`), so does the no-op default.
 */
export interface MessagingLogger {
  info(fields: Record<string, unknown>, message: string): void;
  warn(fields: Record<string, unknown>, message: string): void;
  error(fields: Record<string, unknown>, message: string): void;
}

export const noopLogger: MessagingLogger = {
  info: () => undefined,
  warn: () => undefined,
  error: () => undefined,
};

/** One line of text for a log field or a dead-letter header, whatever was thrown. */
export function describeError(error: unknown): string {
  if (error instanceof Error) return `${error.name}: ${error.message}`;
  return String(error);
}
