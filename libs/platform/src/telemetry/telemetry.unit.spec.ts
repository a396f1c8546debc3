import { context, propagation, trace } from '@opentelemetry/api';
import { startTelemetry, withSpan } from './telemetry';

describe('startTelemetry', () => {
  let stopTelemetry: () => Promise<void>;

  beforeAll(() => {
    stopTelemetry = startTelemetry({ serviceName: 'telemetry-test', exporter: 'none' });
  });

  afterAll(async () => {
    await stopTelemetry();
  });

  it('injects W3C traceparent and baggage, and extracts them back', async () => {
    const carrier: Record<string, string> = {};
    const sent = await withSpan('publish', () => {
      const withBaggage = propagation.setBaggage(
        context.active(),
        propagation.createBaggage({ shipment: { value: 's-42' } }),
      );
      propagation.inject(withBaggage, carrier);
      return trace.getActiveSpan()?.spanContext();
    });

    expect(carrier.traceparent).toBe(`00-${sent?.traceId}-${sent?.spanId}-01`);
    expect(carrier.baggage).toBe('shipment=s-42');

    const extracted = propagation.extract(context.active(), carrier);
    expect(trace.getSpanContext(extracted)).toMatchObject({
      traceId: sent?.traceId,
      isRemote: true,
    });
    expect(propagation.getBaggage(extracted)?.getEntry('shipment')?.value).toBe('s-42');

    // A span started under the extracted context continues the same trace.
    const child = await context.with(extracted, () =>
      withSpan('consume', () => trace.getActiveSpan()?.spanContext()),
    );
    expect(child?.traceId).toBe(sent?.traceId);
    expect(child?.spanId).not.toBe(sent?.spanId);
  });

  it('withSpan re-throws and ends the span when the work fails', async () => {
    await expect(
      withSpan('fails', () => {
        throw new Error('nope');
      }),
    ).rejects.toThrow('nope');
    expect(trace.getActiveSpan()).toBeUndefined();
  });
});
