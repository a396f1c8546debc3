import { Body, Controller, Get, HttpCode, Param, Post, Query, Req } from '@nestjs/common';
import { ApiBearerAuth, ApiBody, ApiHeader, ApiQuery, ApiTags } from '@nestjs/swagger';
import { CodedError } from '@cuakhau/platform';
import type { Principal } from '../../auth/domain/access-rules';
import {
  Allow,
  CurrentPrincipal,
  Public,
  type GatewayRequest,
} from '../../auth/transport/auth.decorators';
import { openApiSchemaOf } from '../../docs/zod-openapi';
import { parseInput } from '../../http/request-validation';
import { periodQuery } from '../../supervision/domain/report-period';
import { FeedbackDesk, type FeedbackPage, type ResponseTimes } from '../application/feedback-desk';
import type { FeedbackView } from '../application/feedback-view';
import {
  answerBody,
  driverFeedbackBody,
  driverFeedbackQuery,
  feedbackIdParam,
  listFeedbackQuery,
  responseTimesQuery,
  traderFeedbackBody,
} from './feedback.dto';

const IDEMPOTENCY_HEADER = {
  name: 'Idempotency-Key',
  required: false,
  description: 'same key + same body within 24 h → the first answer again',
};

const READERS = [
  'TRADER',
  'CUSTOMS_OFFICER',
  'BORDER_GUARD_OFFICER',
  'QUARANTINE_OFFICER',
  'YARD_OPERATOR',
  'SUPERVISOR',
] as const;
const ANSWERERS = [
  'CUSTOMS_OFFICER',
  'BORDER_GUARD_OFFICER',
  'QUARANTINE_OFFICER',
  'YARD_OPERATOR',
] as const;

/**
 * The feedback channel: traders and drivers leave feedback or a complaint on a shipment,
 * the agency concerned answers once, supervisors read their gate's items and response times.
 */
@ApiTags('feedback')
@Controller('api/v1/feedback')
export class FeedbackController {
  constructor(private readonly desk: FeedbackDesk) {}

  @Post()
  @Allow(['TRADER'])
  @ApiBearerAuth()
  @ApiBody({ schema: openApiSchemaOf(traderFeedbackBody) })
  @ApiHeader(IDEMPOTENCY_HEADER)
  async submit(
    @Body() body: unknown,
    @CurrentPrincipal() principal: Principal,
  ): Promise<FeedbackView> {
    const { shipmentId, ...text } = parseInput(traderFeedbackBody, body, 'feedback');
    return this.desk.submitAsTrader(principal, shipmentId, text);
  }

  @Post('driver')
  @Public()
  @ApiBody({ schema: openApiSchemaOf(driverFeedbackBody) })
  @ApiHeader(IDEMPOTENCY_HEADER)
  async submitAsDriver(
    @Body() body: unknown,
    @Req() request: GatewayRequest,
  ): Promise<FeedbackView> {
    const { plate, passCode, ...text } = parseInput(driverFeedbackBody, body, 'feedback');
    return this.desk.submitAsDriver({ plate, passCode, clientIp: request.ip }, text);
  }

  @Get('driver')
  @Public()
  @ApiQuery({ name: 'plate', required: true })
  @ApiQuery({ name: 'passCode', required: true })
  async listAsDriver(
    @Query() query: unknown,
    @Req() request: GatewayRequest,
  ): Promise<FeedbackPage> {
    const input = parseInput(driverFeedbackQuery, query, 'query');
    return this.desk.listForDriver({ ...input, clientIp: request.ip });
  }

  @Get()
  @Allow(READERS)
  @ApiBearerAuth()
  @ApiQuery({ name: 'status', required: false, enum: ['open', 'answered'] })
  @ApiQuery({
    name: 'agency',
    required: false,
    enum: ['customs', 'border-guard', 'quarantine', 'yard'],
  })
  @ApiQuery({ name: 'shipmentId', required: false })
  @ApiQuery({ name: 'gateCode', required: false, description: 'ADMIN only' })
  @ApiQuery({ name: 'limit', required: false, description: '1–200, default 50' })
  @ApiQuery({ name: 'cursor', required: false })
  async list(
    @Query() query: unknown,
    @CurrentPrincipal() principal: Principal,
  ): Promise<FeedbackPage> {
    const input = parseInput(listFeedbackQuery, query, 'query');
    return this.desk.list(
      principal,
      {
        status: input.status,
        agency: input.agency,
        shipmentId: input.shipmentId,
        gateCode: input.gateCode,
      },
      { limit: input.limit, cursor: input.cursor },
    );
  }

  @Get('response-times')
  @Allow(['SUPERVISOR'])
  @ApiBearerAuth()
  @ApiQuery({
    name: 'from',
    required: false,
    description: 'YYYY-MM-DD or ISO; default to − 7 days',
  })
  @ApiQuery({ name: 'to', required: false, description: 'YYYY-MM-DD or ISO; default now' })
  @ApiQuery({ name: 'gateCode', required: false, description: 'ADMIN only' })
  async responseTimes(
    @Query() query: unknown,
    @CurrentPrincipal() principal: Principal,
  ): Promise<ResponseTimes> {
    const input = parseInput(responseTimesQuery, query, 'query');
    const period = parseInput(periodQuery(), { from: input.from, to: input.to }, 'query');
    return this.desk.responseTimes(principal, input.gateCode, period);
  }

  @Post(':id/answer')
  @HttpCode(200)
  @Allow(ANSWERERS)
  @ApiBearerAuth()
  @ApiBody({ schema: openApiSchemaOf(answerBody) })
  @ApiHeader(IDEMPOTENCY_HEADER)
  async answer(
    @Param('id') id: string,
    @Body() body: unknown,
    @CurrentPrincipal() principal: Principal,
  ): Promise<FeedbackView> {
    if (!feedbackIdParam.safeParse(id).success) {
      throw new CodedError('FEEDBACK.NOT_FOUND', 'NOT_FOUND', 'no such feedback item');
    }
    const input = parseInput(answerBody, body, 'answer');
    return this.desk.answer(principal, id, input.answer);
  }
}
