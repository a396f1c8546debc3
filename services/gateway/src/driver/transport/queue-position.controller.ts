import { createHash } from 'node:crypto';
import { Controller, Get, Headers, Inject, OnModuleDestroy, Query, Req, Res } from '@nestjs/common';
import { ApiOkResponse, ApiQuery, ApiTags } from '@nestjs/swagger';
import type { FastifyReply } from 'fastify';
import type { Logger } from 'pino';
import { z } from 'zod';
import { CodedError } from '@cuakhau/platform';
import { Public, type GatewayRequest } from '../../auth/transport/auth.decorators';
import type { GatewayConfig } from '../../gateway.config';
import { GATEWAY_CONFIG, GATEWAY_LOGGER } from '../../gateway.tokens';
import { parseInput } from '../../http/request-validation';
import { ReadQueuePositionHandler } from '../application/read-queue-position.handler';
import type { QueuePositionView } from '../domain/queue-position';
import { QueueUpdatesSubscriber } from '../infrastructure/queue-updates.subscriber';

const positionQuery = z
  .object({
    plate: z.string().trim().min(1).max(20),
    passCode: z.string().trim().min(1).max(40),
  })
  .strict();

const positionSchema = {
  type: 'object',
  properties: {
    shipmentId: { type: 'string' },
    gateCode: { type: 'string' },
    status: { type: 'string' },
    position: { type: 'integer', nullable: true },
    explanation: { type: 'string', description: 'in English' },
    explanations: {
      type: 'object',
      description: 'the explanation in Vietnamese, English and Simplified Chinese',
      properties: { vi: { type: 'string' }, en: { type: 'string' }, zh: { type: 'string' } },
    },
    etaMinutes: { type: 'integer', nullable: true },
    lane: { type: 'string', nullable: true },
  },
};

/** An SSE event id: the same view always has the same id (Last-Event-ID skips a repeat). */
export function eventIdOf(view: QueuePositionView): string {
  return createHash('sha256').update(JSON.stringify(view)).digest('hex').slice(0, 16);
}

/** The driver's view without an account: plate + pass code. */
@ApiTags('driver')
@Controller('api/v1/queue')
@Public()
export class QueuePositionController implements OnModuleDestroy {
  private readonly openStreams = new Set<() => void>();

  constructor(
    private readonly readPosition: ReadQueuePositionHandler,
    private readonly updates: QueueUpdatesSubscriber,
    @Inject(GATEWAY_CONFIG) private readonly config: GatewayConfig,
    @Inject(GATEWAY_LOGGER) private readonly logger: Logger,
  ) {}

  @Get('position')
  @ApiQuery({ name: 'plate', required: true })
  @ApiQuery({ name: 'passCode', required: true })
  @ApiOkResponse({ schema: positionSchema })
  async position(
    @Query() query: unknown,
    @Req() request: GatewayRequest,
  ): Promise<QueuePositionView> {
    const input = parseInput(positionQuery, query, 'query');
    return this.readPosition.execute({ ...input, clientIp: request.ip });
  }

  /**
   * `text/event-stream`: the current view at once (unless Last-Event-ID names it), then
   * every change, re-read on each message of the gate's queue channel and every
   * SSE_REFRESH_MS; a `: heartbeat` comment every SSE_HEARTBEAT_MS.
   */
  @Get('position/stream')
  @ApiQuery({ name: 'plate', required: true })
  @ApiQuery({ name: 'passCode', required: true })
  @ApiOkResponse({ description: 'text/event-stream of `position` events' })
  async stream(
    @Query() query: unknown,
    @Req() request: GatewayRequest,
    @Res() reply: FastifyReply,
    @Headers('last-event-id') lastEventId: string | undefined,
  ): Promise<void> {
    const input = parseInput(positionQuery, query, 'query');
    const read = () => this.readPosition.execute({ ...input, clientIp: request.ip });
    const first = await read();

    reply.hijack();
    const raw = reply.raw;
    raw.writeHead(200, {
      'content-type': 'text/event-stream; charset=utf-8',
      'cache-control': 'no-cache, no-transform',
      connection: 'keep-alive',
      'x-accel-buffering': 'no',
    });
    raw.write('retry: 3000\n\n');
    let lastSent = lastEventId;
    let closed = false;
    const send = (view: QueuePositionView): void => {
      const id = eventIdOf(view);
      if (closed || id === lastSent) return;
      lastSent = id;
      raw.write(`id: ${id}\nevent: position\ndata: ${JSON.stringify(view)}\n\n`);
    };
    let refreshing = false;
    const refresh = async (): Promise<void> => {
      if (closed || refreshing) return;
      refreshing = true;
      try {
        send(await read());
      } catch (error) {
        if (error instanceof CodedError && error.kind === 'NOT_FOUND') {
          raw.write(`event: gone\ndata: ${JSON.stringify({ code: error.code })}\n\n`);
          close();
        } else {
          this.logger.warn({ err: error }, 'driver stream refresh failed');
        }
      } finally {
        refreshing = false;
      }
    };
    const refreshNow = (): void => void refresh();
    const heartbeat = setInterval(() => raw.write(': heartbeat\n\n'), this.config.SSE_HEARTBEAT_MS);
    const poll = setInterval(refreshNow, this.config.SSE_REFRESH_MS);
    const stop = await this.updates.subscribe(first.gateCode, refreshNow);
    const close = (): void => {
      if (closed) return;
      closed = true;
      clearInterval(heartbeat);
      clearInterval(poll);
      void stop();
      raw.end();
    };
    this.openStreams.add(close);
    raw.on('close', () => {
      this.openStreams.delete(close);
      close();
    });
    send(first);
  }

  /** Ends every open stream, so that the server can close. */
  onModuleDestroy(): void {
    for (const close of [...this.openStreams]) close();
    this.openStreams.clear();
  }
}
