import { Controller, Get, Query, Res } from '@nestjs/common';
import { ApiBearerAuth, ApiProduces, ApiQuery, ApiTags } from '@nestjs/swagger';
import type { FastifyReply } from 'fastify';
import type { Principal } from '../../auth/domain/access-rules';
import { Allow, CurrentPrincipal } from '../../auth/transport/auth.decorators';
import { parseInput } from '../../http/request-validation';
import {
  readerOf,
  SupervisorReads,
  type ClearanceTimesReport,
} from '../application/supervisor-reads';
import { clearanceTimesCsv, clearanceTimesFileName } from '../domain/report-period';
import { supervisedGateOf } from '../domain/supervision-scope';
import { clearanceTimesQuery, slaBreachesQuery, slowestShipmentsQuery } from './supervision.dto';

const PERIOD_QUERIES = [
  {
    name: 'from',
    required: false,
    description: 'YYYY-MM-DD or ISO date-time; default to − 7 days',
  },
  { name: 'to', required: false, description: 'YYYY-MM-DD or ISO date-time; default now' },
  { name: 'gateCode', required: false, description: 'ADMIN only' },
  { name: 'gate', required: false, description: 'same as gateCode (own gate for a supervisor)' },
] as const;

/** Clearance-time reports of the supervisor's own gate (read-only; the gate from the token). */
@ApiTags('reports')
@ApiBearerAuth()
@Controller('api/v1/reports')
export class ReportsController {
  constructor(private readonly reads: SupervisorReads) {}

  @Get('clearance-times')
  @Allow(['SUPERVISOR'])
  @ApiQuery(PERIOD_QUERIES[0])
  @ApiQuery(PERIOD_QUERIES[1])
  @ApiQuery(PERIOD_QUERIES[2])
  @ApiQuery({ name: 'groupBy', required: false, enum: ['agency', 'step', 'day', 'hour'] })
  async clearanceTimes(
    @Query() query: unknown,
    @CurrentPrincipal() principal: Principal,
  ): Promise<ClearanceTimesReport> {
    return this.report(query, principal);
  }

  @Get('clearance-times.csv')
  @Allow(['SUPERVISOR'])
  @ApiProduces('text/csv')
  @ApiQuery(PERIOD_QUERIES[0])
  @ApiQuery(PERIOD_QUERIES[1])
  @ApiQuery(PERIOD_QUERIES[2])
  @ApiQuery({ name: 'groupBy', required: false, enum: ['agency', 'step', 'day', 'hour'] })
  async clearanceTimesCsv(
    @Query() query: unknown,
    @CurrentPrincipal() principal: Principal,
    @Res() reply: FastifyReply,
  ): Promise<void> {
    const report = await this.report(query, principal);
    const fileName = clearanceTimesFileName(report.gateCode, {
      from: new Date(report.from),
      to: new Date(report.to),
    });
    await reply
      .status(200)
      .header('content-type', 'text/csv; charset=utf-8')
      .header('cache-control', 'no-store')
      .header('content-disposition', `attachment; filename="${fileName}"`)
      .send(clearanceTimesCsv(report.rows));
  }

  @Get('slowest-shipments')
  @Allow(['SUPERVISOR'])
  @ApiQuery(PERIOD_QUERIES[0])
  @ApiQuery(PERIOD_QUERIES[1])
  @ApiQuery(PERIOD_QUERIES[2])
  @ApiQuery({ name: 'limit', required: false, description: '1–100, default 10' })
  async slowestShipments(
    @Query() query: unknown,
    @CurrentPrincipal() principal: Principal,
  ): Promise<Record<string, unknown>> {
    const input = parseInput(slowestShipmentsQuery(), query, 'query');
    const gateCode = supervisedGateOf(principal, input.gateCode);
    return this.reads.slowestShipments(gateCode, input, input.limit, readerOf(principal));
  }

  @Get('sla-breaches')
  @Allow(['SUPERVISOR'])
  @ApiQuery(PERIOD_QUERIES[2])
  @ApiQuery({ name: 'limit', required: false, description: '1–1000, default 100' })
  async slaBreaches(
    @Query() query: unknown,
    @CurrentPrincipal() principal: Principal,
  ): Promise<Record<string, unknown>> {
    const input = parseInput(slaBreachesQuery, query, 'query');
    return this.reads.slaBreaches(
      supervisedGateOf(principal, input.gateCode),
      input.limit,
      readerOf(principal),
    );
  }

  private async report(query: unknown, principal: Principal): Promise<ClearanceTimesReport> {
    const input = parseInput(clearanceTimesQuery(), query, 'query');
    const gateCode = supervisedGateOf(principal, input.gateCode);
    return this.reads.clearanceTimes(gateCode, input, input.groupBy, readerOf(principal));
  }
}
