import { trace } from '@opentelemetry/api';
import pino, { DestinationStream, Logger } from 'pino';
import type { LogLevel } from '../config/platform.config';

export type { Logger } from 'pino';

/**
 * A JSON logger for one service: every line carries `service`, and — when a span is
 * active — `trace_id` and `span_id`, so a log line can be found from a trace and back.
 */
export function createLogger(
  name: string,
  level: LogLevel = 'info',
  destination?: DestinationStream,
): Logger {
  return pino(
    {
      name,
      level,
      base: { service: name, pid: process.pid },
      timestamp: pino.stdTimeFunctions.isoTime,
      formatters: { level: (label) => ({ level: label }) },
      mixin: traceFields,
      serializers: { err: pino.stdSerializers.err },
    },
    // Synchronous: the last lines before a SIGTERM exit must not be lost.
    destination ?? pino.destination({ dest: 1, sync: true }),
  );
}

function traceFields(): { trace_id?: string; span_id?: string; trace_flags?: string } {
  const span = trace.getActiveSpan();
  if (span === undefined) {
    return {};
  }
  const { traceId, spanId, traceFlags } = span.spanContext();
  return {
    trace_id: traceId,
    span_id: spanId,
    trace_flags: traceFlags.toString(16).padStart(2, '0'),
  };
}
