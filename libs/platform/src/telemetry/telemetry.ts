import { Attributes, SpanStatusCode, context, propagation, trace } from '@opentelemetry/api';
import {
  CompositePropagator,
  W3CBaggagePropagator,
  W3CTraceContextPropagator,
} from '@opentelemetry/core';
import { NodeSDK } from '@opentelemetry/sdk-node';
import {
  AlwaysOnSampler,
  ConsoleSpanExporter,
  NoopSpanProcessor,
  ParentBasedSampler,
  SimpleSpanProcessor,
  SpanProcessor,
} from '@opentelemetry/sdk-trace-base';
import type { TracesExporter } from '../config/platform.config';

export interface TelemetryOptions {
  readonly serviceName: string;
  /** `none` still creates real spans and trace ids (for logs and propagation), it only exports nothing. */
  readonly exporter: TracesExporter;
}

/** Flushes and unregisters everything `startTelemetry` set up. */
export type ShutdownTelemetry = () => Promise<void>;

const PLATFORM_TRACER = '@cuakhau/platform';

/**
 * Starts OpenTelemetry for this process: a tracer provider with the chosen exporter and
 * the W3C trace-context + baggage propagators registered globally, so that
 * `propagation.inject/extract` (HTTP, gRPC metadata, Kafka headers) carry the context.
 * Call it first, before anything creates spans. Everything is configured in code:
 * no OTEL_* variable is read here (they come through `telemetryConfig`).
 */
export function startTelemetry({ serviceName, exporter }: TelemetryOptions): ShutdownTelemetry {
  const sdk = new NodeSDK({
    serviceName,
    autoDetectResources: false,
    textMapPropagator: new CompositePropagator({
      propagators: [new W3CTraceContextPropagator(), new W3CBaggagePropagator()],
    }),
    sampler: new ParentBasedSampler({ root: new AlwaysOnSampler() }),
    spanProcessors: [spanProcessorFor(exporter)],
    metricReaders: [],
    logRecordProcessors: [],
    instrumentations: [],
  });
  sdk.start();
  let stopped = false;
  return async () => {
    if (stopped) {
      return;
    }
    stopped = true;
    await sdk.shutdown();
    // Unregister the globals so that a later start (tests, restarts) can register again.
    trace.disable();
    propagation.disable();
    context.disable();
  };
}

function spanProcessorFor(exporter: TracesExporter): SpanProcessor {
  switch (exporter) {
    case 'none':
      return new NoopSpanProcessor();
    case 'console':
      return new SimpleSpanProcessor(new ConsoleSpanExporter());
    default: {
      const unknownExporter: never = exporter;
      throw new TypeError(`unknown traces exporter ${String(unknownExporter)}`);
    }
  }
}

/**
 * Runs `fn` inside a new active span: ended when `fn` settles, marked as an error (with
 * the exception recorded) when it throws, and re-throwing what it threw.
 */
export async function withSpan<T>(
  name: string,
  fn: () => Promise<T> | T,
  attributes?: Attributes,
): Promise<T> {
  return trace.getTracer(PLATFORM_TRACER).startActiveSpan(name, { attributes }, async (span) => {
    try {
      return await fn();
    } catch (error) {
      span.recordException(error instanceof Error ? error : String(error));
      span.setStatus({
        code: SpanStatusCode.ERROR,
        message: error instanceof Error ? error.message : undefined,
      });
      throw error;
    } finally {
      span.end();
    }
  });
}
