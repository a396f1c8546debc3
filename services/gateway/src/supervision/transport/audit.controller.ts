import { Controller, Get, Query } from '@nestjs/common';
import { ApiBearerAuth, ApiQuery, ApiTags } from '@nestjs/swagger';
import type { Principal } from '../../auth/domain/access-rules';
import { Allow, CurrentPrincipal } from '../../auth/transport/auth.decorators';
import { parseInput } from '../../http/request-validation';
import {
  readerOf,
  SupervisorReads,
  type AuditPage,
  type ChainCheck,
} from '../application/supervisor-reads';
import { supervisedGateOf } from '../domain/supervision-scope';
import { auditEntriesQuery } from './supervision.dto';

/**
 * The tamper-evident audit trail for supervisors (read-only; every read is logged by the
 * audit service with the supervisor's account). Personal data arrives masked.
 */
@ApiTags('audit')
@ApiBearerAuth()
@Controller('api/v1/audit')
export class AuditController {
  constructor(private readonly reads: SupervisorReads) {}

  @Get()
  @Allow(['SUPERVISOR'])
  @ApiQuery({ name: 'shipmentId', required: true })
  @ApiQuery({ name: 'afterSeq', required: false, description: 'the nextAfterSeq of a page' })
  @ApiQuery({ name: 'limit', required: false, description: '1–1000, default 200' })
  async entries(
    @Query() query: unknown,
    @CurrentPrincipal() principal: Principal,
  ): Promise<AuditPage> {
    const input = parseInput(auditEntriesQuery, query, 'query');
    return this.reads.auditEntries(gateOfReader(principal), input, readerOf(principal));
  }

  @Get('verify')
  @Allow(['SUPERVISOR'])
  async verify(@CurrentPrincipal() principal: Principal): Promise<ChainCheck> {
    gateOfReader(principal);
    return this.reads.verifyChain(readerOf(principal));
  }
}

/** The reader's gate (an account without one reads nothing); undefined for an unbound ADMIN. */
function gateOfReader(principal: Principal): string | undefined {
  const unboundAdmin =
    principal.kind === 'user' && principal.role === 'ADMIN' && principal.gateCode === undefined;
  return unboundAdmin ? undefined : supervisedGateOf(principal, undefined);
}
