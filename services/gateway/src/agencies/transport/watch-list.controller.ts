import { Body, Controller, Delete, Get, HttpCode, Param, Post, Query } from '@nestjs/common';
import { ApiBearerAuth, ApiBody, ApiHeader, ApiQuery, ApiTags } from '@nestjs/swagger';
import { borderGuardV1 } from '@cuakhau/contracts';
import type { Principal } from '../../auth/domain/access-rules';
import { Allow, CurrentPrincipal } from '../../auth/transport/auth.decorators';
import { openApiSchemaOf } from '../../docs/zod-openapi';
import { parseInput } from '../../http/request-validation';
import { officerActor } from '../application/agency-cases';
import {
  assertWatchListAccess,
  WATCH_LIST_EDITORS,
  WATCH_LIST_READERS,
} from '../domain/watch-list-access';
import { withShortEnums } from '../domain/short-enums';
import { BorderGuardClient } from '../infrastructure/agency.clients';
import { watchListEndBody, watchListEntryBody, watchListQuery } from './agency.dto';

type Json = Record<string, unknown>;

const IDEMPOTENCY_HEADER = {
  name: 'Idempotency-Key',
  required: false,
  description: 'same key + same body within 24 h → the first answer again',
};

function json(value: object | undefined): Json {
  return (withShortEnums(value ?? {}) as Json) ?? {};
}

/**
 * The border guard's watch list (national, not per gate): border-guard officers and
 * supervisors read it; supervisors add, expire and remove entries. The border-guard
 * service checks no roles, so this controller does.
 */
@ApiTags('agencies')
@ApiBearerAuth()
@Controller('api/v1/agencies/border-guard/watch-list')
export class WatchListController {
  constructor(private readonly borderGuard: BorderGuardClient) {}

  @Get()
  @Allow(WATCH_LIST_READERS)
  @ApiQuery({ name: 'includeInactive', required: false, enum: ['true', 'false'] })
  async list(@Query() query: unknown, @CurrentPrincipal() principal: Principal): Promise<Json> {
    assertWatchListAccess(principal, 'read');
    const input = parseInput(watchListQuery, query, 'query');
    const { entries } = await this.borderGuard.listWatchListEntries({
      includeInactive: input.includeInactive,
    });
    return { items: entries.map(json) };
  }

  @Post()
  @Allow(WATCH_LIST_EDITORS)
  @ApiBody({ schema: openApiSchemaOf(watchListEntryBody) })
  @ApiHeader(IDEMPOTENCY_HEADER)
  async add(@Body() body: unknown, @CurrentPrincipal() principal: Principal): Promise<Json> {
    assertWatchListAccess(principal, 'write');
    const input = parseInput(watchListEntryBody, body, 'watch-list entry');
    const { entry } = await this.borderGuard.addWatchListEntry({
      entry: {
        entryId: '',
        subject: `WATCH_LIST_SUBJECT_${input.subject}` as borderGuardV1.WatchListSubject,
        fullName: input.fullName,
        documentNumber: input.documentNumber,
        nationality: input.nationality ?? '',
        dateOfBirth: input.dateOfBirth ?? '',
        plate: input.plate,
        reason: input.reason,
        ...(input.expiresAt === undefined
          ? {}
          : { expiresAt: new Date(input.expiresAt).toISOString() }),
      },
      actor: officerActor(principal),
    });
    return json(entry);
  }

  @Post(':entryId/expire')
  @HttpCode(200)
  @Allow(WATCH_LIST_EDITORS)
  @ApiBody({ schema: openApiSchemaOf(watchListEndBody) })
  @ApiHeader(IDEMPOTENCY_HEADER)
  async expire(
    @Param('entryId') entryId: string,
    @Body() body: unknown,
    @CurrentPrincipal() principal: Principal,
  ): Promise<Json> {
    assertWatchListAccess(principal, 'write');
    const input = parseInput(watchListEndBody, body, 'expiry');
    const { entry } = await this.borderGuard.expireWatchListEntry({
      entryId,
      reason: input.reason,
      actor: officerActor(principal),
    });
    return json(entry);
  }

  @Delete(':entryId')
  @HttpCode(200)
  @Allow(WATCH_LIST_EDITORS)
  @ApiBody({ schema: openApiSchemaOf(watchListEndBody) })
  @ApiHeader(IDEMPOTENCY_HEADER)
  async remove(
    @Param('entryId') entryId: string,
    @Body() body: unknown,
    @CurrentPrincipal() principal: Principal,
  ): Promise<Json> {
    assertWatchListAccess(principal, 'write');
    const input = parseInput(watchListEndBody, body, 'removal');
    const { entry } = await this.borderGuard.removeWatchListEntry({
      entryId,
      reason: input.reason,
      actor: officerActor(principal),
    });
    return json(entry);
  }
}
