import { trace } from '@opentelemetry/api';
import { Writable } from 'node:stream';
import { startTelemetry, withSpan } from '../telemetry/telemetry';
import { createLogger } from './logger';
import { PinoNestLogger } from './pino-nest.logger';

function capture(): { stream: Writable; lines: () => Record<string, unknown>[] } {
  const chunks: string[] = [];
  const stream = new Writable({
    write(chunk: Buffer, _encoding, callback) {
      chunks.push(chunk.toString('utf8'));
      callback();
    },
  });
  return {
    stream,
    lines: () =>
      chunks
        .join('')
        .split('\n')
        .filter((line) => line.length > 0)
        .map((line) => JSON.parse(line) as Record<string, unknown>),
  };
}

describe('createLogger', () => {
  let stopTelemetry: () => Promise<void>;

  beforeAll(() => {
    stopTelemetry = startTelemetry({ serviceName: 'logger-test', exporter: 'none' });
  });

  afterAll(async () => {
    await stopTelemetry();
  });

  it('writes JSON lines with the service name and level', () => {
    const { stream, lines } = capture();
    const logger = createLogger('registry', 'info', stream);

    logger.info({ shipmentId: 's-1' }, 'shipment registered');
    logger.debug('not written at info');

    expect(lines()).toEqual([
      expect.objectContaining({
        service: 'registry',
        level: 'info',
        msg: 'shipment registered',
        shipmentId: 's-1',
      }),
    ]);
    expect(lines()[0]).not.toHaveProperty('trace_id');
  });

  it('adds the active trace id and span id to every line', async () => {
    const { stream, lines } = capture();
    const logger = createLogger('customs', 'debug', stream);

    const ids = await withSpan('decide', () => {
      logger.info('inside the span');
      logger.debug('still inside');
      const spanContext = trace.getActiveSpan()?.spanContext();
      return { traceId: spanContext?.traceId, spanId: spanContext?.spanId };
    });
    logger.info('after the span');

    const [inside, stillInside, after] = lines();
    expect(ids.traceId).toMatch(/^[0-9a-f]{32}$/);
    expect(ids.traceId).not.toBe('00000000000000000000000000000000');
    expect(inside).toMatchObject({ trace_id: ids.traceId, span_id: ids.spanId, trace_flags: '01' });
    expect(stillInside).toMatchObject({ trace_id: ids.traceId, span_id: ids.spanId });
    expect(after).not.toHaveProperty('trace_id');
  });

  it('adapts Nest logger calls, keeping the context and the stack', () => {
    const { stream, lines } = capture();
    const nest = new PinoNestLogger(createLogger('gateway', 'trace', stream));

    nest.log('Nest application successfully started', 'NestApplication');
    nest.error('boom', 'Error: boom\n    at somewhere', 'ExceptionsHandler');
    nest.warn({ detail: 1 }, 'Scanner');
    nest.verbose('verbose line');

    expect(lines()).toEqual([
      expect.objectContaining({
        level: 'info',
        msg: 'Nest application successfully started',
        context: 'NestApplication',
      }),
      expect.objectContaining({
        level: 'error',
        msg: 'boom',
        context: 'ExceptionsHandler',
        stack: 'Error: boom\n    at somewhere',
      }),
      expect.objectContaining({ level: 'warn', detail: 1, context: 'Scanner' }),
      expect.objectContaining({ level: 'trace', msg: 'verbose line' }),
    ]);
  });
});
