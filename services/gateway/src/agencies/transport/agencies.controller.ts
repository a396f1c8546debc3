import { randomUUID } from 'node:crypto';
import { Body, Controller, Get, Headers, HttpCode, Param, Post, Query } from '@nestjs/common';
import { ApiBearerAuth, ApiBody, ApiHeader, ApiQuery, ApiTags } from '@nestjs/swagger';
import { CodedError } from '@cuakhau/platform';
import type { Principal } from '../../auth/domain/access-rules';
import { Allow, CurrentPrincipal } from '../../auth/transport/auth.decorators';
import { openApiSchemaOf } from '../../docs/zod-openapi';
import { parseInput } from '../../http/request-validation';
import {
  AgencyCases,
  officerActor,
  type CasePage,
  type CaseView,
} from '../application/agency-cases';
import { agencyScopeOf, caseNotFoundCode } from '../domain/agency-scope';
import {
  channelBody,
  crossingBody,
  decisionBody,
  inspectionBody,
  labResultBody,
  listCasesQuery,
  sampleBody,
} from './agency.dto';

const OFFICERS = ['CUSTOMS_OFFICER', 'BORDER_GUARD_OFFICER', 'QUARANTINE_OFFICER'] as const;
const IDEMPOTENCY_HEADER = {
  name: 'Idempotency-Key',
  required: false,
  description: 'same key + same body within 24 h → the first answer again',
};
const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

/** The request id a service uses to recognise a retried write (the Idempotency-Key if any). */
function requestIdOf(idempotencyKey: string | undefined): string {
  return idempotencyKey === undefined || idempotencyKey.trim() === ''
    ? randomUUID()
    : idempotencyKey.trim().slice(0, 200);
}

/**
 * Officers' work lists and decisions (`/agencies/{agency}/…`): own agency and own gate from
 * the token; supervisors of the gate read; a case of another gate answers 404.
 */
@ApiTags('agencies')
@ApiBearerAuth()
@Controller('api/v1/agencies')
export class AgenciesController {
  constructor(private readonly cases: AgencyCases) {}

  @Post('border-guard/crossings')
  @HttpCode(200)
  @Allow(['BORDER_GUARD_OFFICER'])
  @ApiBody({ schema: openApiSchemaOf(crossingBody) })
  @ApiHeader(IDEMPOTENCY_HEADER)
  async recordCrossing(
    @Body() body: unknown,
    @CurrentPrincipal() principal: Principal,
  ): Promise<CaseView> {
    const scope = agencyScopeOf(principal, 'border-guard', 'write');
    const input = parseInput(crossingBody, body, 'crossing');
    return this.cases.recordCrossing(scope, input.shipmentId, officerActor(principal));
  }

  @Get(':agency/cases')
  @Allow([...OFFICERS, 'SUPERVISOR'])
  @ApiQuery({ name: 'status', required: false, description: 'comma-separated case statuses' })
  @ApiQuery({ name: 'limit', required: false })
  @ApiQuery({ name: 'cursor', required: false })
  async list(
    @Param('agency') agency: string,
    @Query() query: unknown,
    @CurrentPrincipal() principal: Principal,
  ): Promise<CasePage> {
    const scope = agencyScopeOf(principal, agency, 'read');
    return this.cases.list(scope, parseInput(listCasesQuery(scope.agency), query, 'query'));
  }

  @Get(':agency/cases/:shipmentId')
  @Allow([...OFFICERS, 'SUPERVISOR'])
  async get(
    @Param('agency') agency: string,
    @Param('shipmentId') shipmentId: string,
    @CurrentPrincipal() principal: Principal,
  ): Promise<CaseView> {
    const scope = agencyScopeOf(principal, agency, 'read');
    return this.cases.get(scope, validShipmentId(shipmentId, caseNotFoundCode(scope.agency)));
  }

  @Post(':agency/cases/:shipmentId/decision')
  @HttpCode(200)
  @Allow(OFFICERS)
  @ApiBody({ schema: openApiSchemaOf(decisionBody) })
  @ApiHeader(IDEMPOTENCY_HEADER)
  async decide(
    @Param('agency') agency: string,
    @Param('shipmentId') shipmentId: string,
    @Body() body: unknown,
    @Headers('idempotency-key') idempotencyKey: string | undefined,
    @CurrentPrincipal() principal: Principal,
  ): Promise<CaseView> {
    const scope = agencyScopeOf(principal, agency, 'write');
    const input = parseInput(decisionBody, body, 'decision');
    return this.cases.decide(
      scope,
      validShipmentId(shipmentId, caseNotFoundCode(scope.agency)),
      input,
      officerActor(principal),
      requestIdOf(idempotencyKey),
    );
  }

  @Post('customs/cases/:shipmentId/inspection')
  @HttpCode(200)
  @Allow(['CUSTOMS_OFFICER'])
  @ApiBody({ schema: openApiSchemaOf(inspectionBody) })
  @ApiHeader(IDEMPOTENCY_HEADER)
  async recordInspection(
    @Param('shipmentId') shipmentId: string,
    @Body() body: unknown,
    @Headers('idempotency-key') idempotencyKey: string | undefined,
    @CurrentPrincipal() principal: Principal,
  ): Promise<CaseView> {
    const scope = agencyScopeOf(principal, 'customs', 'write');
    const input = parseInput(inspectionBody, body, 'inspection');
    return this.cases.recordInspection(
      scope,
      validShipmentId(shipmentId, 'CUSTOMS.CASE_NOT_FOUND'),
      input,
      officerActor(principal),
      requestIdOf(idempotencyKey),
    );
  }

  @Post('customs/cases/:shipmentId/channel')
  @HttpCode(200)
  @Allow(['CUSTOMS_OFFICER'])
  @ApiBody({ schema: openApiSchemaOf(channelBody) })
  @ApiHeader(IDEMPOTENCY_HEADER)
  async changeChannel(
    @Param('shipmentId') shipmentId: string,
    @Body() body: unknown,
    @Headers('idempotency-key') idempotencyKey: string | undefined,
    @CurrentPrincipal() principal: Principal,
  ): Promise<CaseView> {
    const scope = agencyScopeOf(principal, 'customs', 'write');
    const input = parseInput(channelBody, body, 'channel change');
    return this.cases.changeChannel(
      scope,
      validShipmentId(shipmentId, 'CUSTOMS.CASE_NOT_FOUND'),
      input,
      officerActor(principal),
      requestIdOf(idempotencyKey),
    );
  }

  @Post('quarantine/cases/:shipmentId/samples')
  @HttpCode(200)
  @Allow(['QUARANTINE_OFFICER'])
  @ApiBody({ schema: openApiSchemaOf(sampleBody) })
  @ApiHeader(IDEMPOTENCY_HEADER)
  async recordSample(
    @Param('shipmentId') shipmentId: string,
    @Body() body: unknown,
    @CurrentPrincipal() principal: Principal,
  ): Promise<CaseView> {
    const scope = agencyScopeOf(principal, 'quarantine', 'write');
    const input = parseInput(sampleBody, body, 'sample');
    return this.cases.recordSample(
      scope,
      validShipmentId(shipmentId, 'QUARANTINE.CASE_NOT_FOUND'),
      input,
      officerActor(principal),
    );
  }

  @Post('quarantine/cases/:shipmentId/samples/:sampleId/result')
  @HttpCode(200)
  @Allow(['QUARANTINE_OFFICER'])
  @ApiBody({ schema: openApiSchemaOf(labResultBody) })
  @ApiHeader(IDEMPOTENCY_HEADER)
  async recordLabResult(
    @Param('shipmentId') shipmentId: string,
    @Param('sampleId') sampleId: string,
    @Body() body: unknown,
    @CurrentPrincipal() principal: Principal,
  ): Promise<CaseView> {
    const scope = agencyScopeOf(principal, 'quarantine', 'write');
    const input = parseInput(labResultBody, body, 'lab result');
    return this.cases.recordLabResult(
      scope,
      validShipmentId(shipmentId, 'QUARANTINE.CASE_NOT_FOUND'),
      sampleId,
      input,
      officerActor(principal),
    );
  }
}

/** A malformed id is simply not found (and never reaches the service). */
function validShipmentId(id: string, notFoundCode: string): string {
  if (!UUID.test(id)) throw new CodedError(notFoundCode, 'NOT_FOUND', 'no such case');
  return id;
}
