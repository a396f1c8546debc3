import {
  Body,
  Controller,
  Get,
  Headers,
  HttpCode,
  Param,
  Patch,
  Post,
  Query,
  Res,
} from '@nestjs/common';
import { ApiBearerAuth, ApiBody, ApiHeader, ApiQuery, ApiTags } from '@nestjs/swagger';
import type { FastifyReply } from 'fastify';
import { commonV1 } from '@cuakhau/contracts';
import { CodedError } from '@cuakhau/platform';
import type { Principal } from '../../auth/domain/access-rules';
import { Allow, CurrentPrincipal } from '../../auth/transport/auth.decorators';
import { openApiSchemaOf } from '../../docs/zod-openapi';
import { DriverViewChanges } from '../../driver/infrastructure/driver-view.changes';
import { parseInput } from '../../http/request-validation';
import { AmendShipmentHandler } from '../application/amend-shipment.handler';
import { versionToExpect } from '../application/current-version';
import { traderContextOf } from '../application/trader-context';
import { RegistryClient } from '../infrastructure/registry.client';
import {
  cancelShipmentBody,
  listShipmentsQuery,
  patchShipmentBody,
  registerShipmentBody,
  reissuePassBody,
  shipmentIdParam,
  versionFromIfMatch,
} from './shipment.dto';
import { shipmentView, traderDataFromBody } from './shipment.mapper';

const IDEMPOTENCY_HEADER = {
  name: 'Idempotency-Key',
  required: false,
  description: 'same key + same body within 24 h → the first answer again',
};

/** The trader's shipments (own organisation only) over the registry's gRPC API. */
@ApiTags('shipments')
@ApiBearerAuth()
@Controller('api/v1/shipments')
@Allow(['TRADER'])
export class ShipmentsController {
  constructor(
    private readonly registry: RegistryClient,
    private readonly amendShipment: AmendShipmentHandler,
    private readonly driverViews: DriverViewChanges,
  ) {}

  @Post()
  @ApiBody({ schema: openApiSchemaOf(registerShipmentBody) })
  @ApiHeader(IDEMPOTENCY_HEADER)
  async register(
    @Body() body: unknown,
    @CurrentPrincipal() principal: Principal,
  ): Promise<Record<string, unknown>> {
    const input = parseInput(registerShipmentBody, body, 'shipment');
    const context = traderContextOf(principal);
    const { shipment, passCode } = await this.registry.register({
      organisationId: context.organisationId,
      actor: context.actor,
      ...traderDataFromBody(input),
    });
    return { ...shipmentView(shipment), passCode };
  }

  @Get()
  @ApiQuery({ name: 'status', required: false, description: 'comma-separated statuses' })
  @ApiQuery({ name: 'limit', required: false })
  @ApiQuery({ name: 'cursor', required: false })
  @ApiQuery({ name: 'gateCode', required: false })
  async list(
    @Query() query: unknown,
    @CurrentPrincipal() principal: Principal,
  ): Promise<Record<string, unknown>> {
    const input = parseInput(listShipmentsQuery, query, 'query');
    const context = traderContextOf(principal);
    const page = await this.registry.list({
      organisationId: context.organisationId,
      statuses: input.status.map(
        (status) => `SHIPMENT_STATUS_${status}` as commonV1.ShipmentStatus,
      ),
      gateCode: input.gateCode ?? '',
      ...(input.plannedArrivalFrom === undefined
        ? {}
        : { plannedArrivalFrom: input.plannedArrivalFrom }),
      ...(input.plannedArrivalTo === undefined ? {} : { plannedArrivalTo: input.plannedArrivalTo }),
      pageSize: input.limit,
      pageToken: input.cursor ?? '',
    });
    return {
      items: page.shipments.map(shipmentView),
      nextCursor: page.nextPageToken === '' ? null : page.nextPageToken,
    };
  }

  @Get(':id')
  async get(
    @Param('id') id: string,
    @CurrentPrincipal() principal: Principal,
    @Res({ passthrough: true }) reply: FastifyReply,
  ): Promise<Record<string, unknown>> {
    const context = traderContextOf(principal);
    const { shipment } = await this.registry.get({
      shipmentId: validId(id),
      organisationId: context.organisationId,
    });
    void reply.header('etag', `"${shipment?.version ?? 0}"`);
    return shipmentView(shipment);
  }

  @Patch(':id')
  @ApiBody({ schema: openApiSchemaOf(patchShipmentBody) })
  @ApiHeader({ name: 'If-Match', required: false, description: 'the ETag (version) you read' })
  async amend(
    @Param('id') id: string,
    @Body() body: unknown,
    @Headers('if-match') ifMatch: string | undefined,
    @CurrentPrincipal() principal: Principal,
  ): Promise<Record<string, unknown>> {
    const patch = parseInput(patchShipmentBody, body, 'patch');
    const expectedVersion = patch.expectedVersion ?? versionFromIfMatch(ifMatch);
    if (expectedVersion === undefined || Number.isNaN(expectedVersion)) {
      throw new CodedError('GATEWAY.VALIDATION_FAILED', 'INVALID', 'say which version you amend', {
        fields: [
          {
            field: 'expectedVersion',
            code: 'REQUIRED',
            message: 'give expectedVersion in the body or the ETag in If-Match',
          },
        ],
      });
    }
    const shipment = await this.amendShipment.execute({
      context: traderContextOf(principal),
      shipmentId: validId(id),
      expectedVersion,
      patch,
    });
    // The plate may have changed: the driver view forgets what the old one matched.
    await this.driverViews.announce(validId(id));
    return shipmentView(shipment);
  }

  @Post(':id/cancel')
  @HttpCode(200)
  @ApiBody({ schema: openApiSchemaOf(cancelShipmentBody) })
  @ApiHeader(IDEMPOTENCY_HEADER)
  async cancel(
    @Param('id') id: string,
    @Body() body: unknown,
    @CurrentPrincipal() principal: Principal,
  ): Promise<Record<string, unknown>> {
    const input = parseInput(cancelShipmentBody, body, 'cancellation');
    const context = traderContextOf(principal);
    const shipmentId = validId(id);
    const { shipment } = await this.registry.cancel({
      shipmentId,
      organisationId: context.organisationId,
      expectedVersion: await versionToExpect(
        this.registry,
        context,
        shipmentId,
        input.expectedVersion,
      ),
      reason: input.reason,
      actor: context.actor,
    });
    await this.driverViews.announce(shipmentId);
    return shipmentView(shipment);
  }

  @Post(':id/pass')
  @HttpCode(200)
  @ApiBody({ schema: openApiSchemaOf(reissuePassBody), required: false })
  @ApiHeader(IDEMPOTENCY_HEADER)
  async reissuePass(
    @Param('id') id: string,
    @Body() body: unknown,
    @CurrentPrincipal() principal: Principal,
  ): Promise<Record<string, unknown>> {
    const input = parseInput(reissuePassBody, body ?? {}, 'request');
    const context = traderContextOf(principal);
    const shipmentId = validId(id);
    const response = await this.registry.reissuePass({
      shipmentId,
      organisationId: context.organisationId,
      expectedVersion: await versionToExpect(
        this.registry,
        context,
        shipmentId,
        input.expectedVersion,
      ),
      actor: context.actor,
    });
    // The old pass code stops opening the driver view at once, in every gateway.
    await this.driverViews.announce(shipmentId);
    return { ...shipmentView(response.shipment), passCode: response.passCode };
  }
}

/** A malformed id is simply not found (and never reaches the registry). */
function validId(id: string): string {
  if (!shipmentIdParam.safeParse(id).success) {
    throw new CodedError('REGISTRY.SHIPMENT_NOT_FOUND', 'NOT_FOUND', 'no such shipment');
  }
  return id;
}
