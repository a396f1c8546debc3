import { Body, Controller, Get, HttpCode, Param, Post, Query } from '@nestjs/common';
import { ApiBearerAuth, ApiBody, ApiHeader, ApiQuery, ApiSecurity, ApiTags } from '@nestjs/swagger';
import type { queueV1 } from '@cuakhau/contracts';
import { CodedError } from '@cuakhau/platform';
import type { Principal } from '../../auth/domain/access-rules';
import { Allow, CurrentPrincipal } from '../../auth/transport/auth.decorators';
import { withShortEnums } from '../../agencies/domain/short-enums';
import { openApiSchemaOf } from '../../docs/zod-openapi';
import { QueueClient } from '../../driver/infrastructure/queue.client';
import { parseInput } from '../../http/request-validation';
import { yardGateOf } from '../domain/yard-scope';
import { arrivalBody, confirmUnmatchedBody, laneOpenBody } from './yard.dto';

const IDEMPOTENCY_HEADER = {
  name: 'Idempotency-Key',
  required: false,
  description: 'same key + same body within 24 h → the first answer again',
};

type Json = Record<string, unknown>;

function json(value: object | undefined): Json {
  return (withShortEnums(value ?? {}) as Json) ?? {};
}

/** Who acts, as the queue service records it. */
function actorOf(principal: Principal): string {
  return principal.kind === 'user' ? principal.username : `api-key:${principal.name}`;
}

/** ADMIN without a gate acts at every gate. */
function isUnboundAdmin(principal: Principal): boolean {
  return (
    principal.kind === 'user' && principal.role === 'ADMIN' && principal.gateCode === undefined
  );
}

/**
 * The yard of the caller's gate (from the token or the camera key, never the request):
 * arrivals, the queue, the unmatched list, lanes and calls.
 */
@ApiTags('yard')
@ApiBearerAuth()
@Controller('api/v1/yard')
export class YardController {
  constructor(private readonly queue: QueueClient) {}

  @Post('arrivals')
  @Allow(['YARD_OPERATOR'], 'yard:arrivals')
  @ApiSecurity('api-key')
  @ApiBody({ schema: openApiSchemaOf(arrivalBody) })
  @ApiHeader(IDEMPOTENCY_HEADER)
  async recordArrival(
    @Body() body: unknown,
    @CurrentPrincipal() principal: Principal,
  ): Promise<Json> {
    const input = parseInput(arrivalBody, body, 'arrival');
    const gateCode = yardGateOf(principal, input.gateCode);
    const answer = await this.queue.recordArrival({
      gateCode,
      plate: input.plate,
      source: `ARRIVAL_SOURCE_${input.source}` as queueV1.ArrivalSource,
      cameraId: input.cameraId ?? '',
      confidence: input.confidence ?? 0,
      shipmentId: input.shipmentId ?? '',
    });
    return {
      matched: answer.matched,
      shipmentId: answer.shipmentId === '' ? null : answer.shipmentId,
      duplicate: answer.duplicate,
      unmatched: answer.unmatched === undefined ? null : json(answer.unmatched),
    };
  }

  @Get('queue')
  @Allow(['YARD_OPERATOR', 'SUPERVISOR'])
  @ApiQuery({ name: 'gateCode', required: false, description: 'ADMIN only' })
  async listQueue(
    @Query('gateCode') gateCode: string | undefined,
    @CurrentPrincipal() principal: Principal,
  ): Promise<Json> {
    const { positions } = await this.queue.listQueue({ gateCode: yardGateOf(principal, gateCode) });
    return { items: positions.map(json) };
  }

  @Get('unmatched')
  @Allow(['YARD_OPERATOR', 'SUPERVISOR'])
  @ApiQuery({ name: 'gateCode', required: false, description: 'ADMIN only' })
  async listUnmatched(
    @Query('gateCode') gateCode: string | undefined,
    @CurrentPrincipal() principal: Principal,
  ): Promise<Json> {
    const { arrivals } = await this.queue.listUnmatched({
      gateCode: yardGateOf(principal, gateCode),
    });
    return { items: arrivals.map(json) };
  }

  @Post('unmatched/:id/confirm')
  @HttpCode(200)
  @Allow(['YARD_OPERATOR'])
  @ApiBody({ schema: openApiSchemaOf(confirmUnmatchedBody) })
  @ApiHeader(IDEMPOTENCY_HEADER)
  async confirmUnmatched(
    @Param('id') id: string,
    @Body() body: unknown,
    @CurrentPrincipal() principal: Principal,
  ): Promise<Json> {
    const input = parseInput(confirmUnmatchedBody, body, 'confirmation');
    await this.unmatchedOfGate(principal, id);
    const { arrival } = await this.queue.confirmUnmatched({
      unmatchedId: id,
      shipmentId: input.shipmentId,
      actor: actorOf(principal),
    });
    return json(arrival);
  }

  @Post('unmatched/:id/dismiss')
  @HttpCode(200)
  @Allow(['YARD_OPERATOR'])
  @ApiHeader(IDEMPOTENCY_HEADER)
  async dismissUnmatched(
    @Param('id') id: string,
    @CurrentPrincipal() principal: Principal,
  ): Promise<Json> {
    await this.unmatchedOfGate(principal, id);
    const { arrival } = await this.queue.dismissUnmatched({
      unmatchedId: id,
      actor: actorOf(principal),
    });
    return json(arrival);
  }

  @Get('lanes')
  @Allow(['YARD_OPERATOR', 'SUPERVISOR'])
  @ApiQuery({ name: 'gateCode', required: false, description: 'ADMIN only' })
  async listLanes(
    @Query('gateCode') gateCode: string | undefined,
    @CurrentPrincipal() principal: Principal,
  ): Promise<Json> {
    const { lanes } = await this.queue.listLanes({ gateCode: yardGateOf(principal, gateCode) });
    return { items: lanes.map(json) };
  }

  @Post('lanes/:laneId/open')
  @HttpCode(200)
  @Allow(['YARD_OPERATOR'])
  @ApiBody({ schema: openApiSchemaOf(laneOpenBody) })
  async setLaneOpen(
    @Param('laneId') laneId: string,
    @Body() body: unknown,
    @CurrentPrincipal() principal: Principal,
  ): Promise<Json> {
    const input = parseInput(laneOpenBody, body, 'lane');
    await this.laneOfGate(principal, laneId);
    const { lane } = await this.queue.setLaneOpen({
      laneId,
      open: input.open,
      actor: actorOf(principal),
    });
    return json(lane);
  }

  @Post('lanes/:laneId/call-next')
  @HttpCode(200)
  @Allow(['YARD_OPERATOR'])
  @ApiHeader(IDEMPOTENCY_HEADER)
  async callNext(
    @Param('laneId') laneId: string,
    @CurrentPrincipal() principal: Principal,
  ): Promise<Json> {
    await this.laneOfGate(principal, laneId);
    const called = await this.queue.callNext({ laneId, actor: actorOf(principal) });
    return {
      shipmentId: called.shipmentId,
      plate: called.plate,
      laneId: called.laneId,
      calledAt: called.calledAt ?? null,
      deadline: called.deadline ?? null,
    };
  }

  /** A lane of another gate does not exist for this caller. */
  private async laneOfGate(principal: Principal, laneId: string): Promise<void> {
    if (isUnboundAdmin(principal)) return;
    const { lanes } = await this.queue.listLanes({ gateCode: yardGateOf(principal, undefined) });
    if (!lanes.some((lane) => lane.id === laneId)) {
      throw new CodedError('QUEUE.LANE_NOT_FOUND', 'NOT_FOUND', 'no such lane at your gate');
    }
  }

  /** An unmatched arrival of another gate (or already resolved) is not this caller's. */
  private async unmatchedOfGate(principal: Principal, id: string): Promise<void> {
    if (isUnboundAdmin(principal)) return;
    const { arrivals } = await this.queue.listUnmatched({
      gateCode: yardGateOf(principal, undefined),
    });
    if (!arrivals.some((arrival) => arrival.id === id)) {
      throw new CodedError(
        'QUEUE.UNMATCHED_NOT_FOUND',
        'NOT_FOUND',
        'no open unmatched arrival with this id at your gate',
      );
    }
  }
}
