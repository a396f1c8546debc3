import { Controller, Get, HttpCode, Param, Post } from '@nestjs/common';
import { ApiBearerAuth, ApiOkResponse, ApiTags } from '@nestjs/swagger';
import { RevokeApiKeyHandler } from '../application/revoke-api-key.handler';
import { ApiKeyRepository, type ApiKeyRecord } from '../infrastructure/api-key.repository';
import { Allow } from './auth.decorators';

const apiKeySchema = {
  type: 'object',
  properties: {
    id: { type: 'string', format: 'uuid' },
    name: { type: 'string' },
    gateCode: { type: 'string' },
    scopes: { type: 'array', items: { type: 'string' } },
    createdAt: { type: 'string', format: 'date-time' },
    revokedAt: { type: 'string', format: 'date-time', nullable: true },
  },
};

/** What an administrator sees of a key: never its hash. */
function apiKeyView(key: ApiKeyRecord): Record<string, unknown> {
  return {
    id: key.id,
    name: key.name,
    gateCode: key.gateCode,
    scopes: [...key.scopes],
    createdAt: key.createdAt.toISOString(),
    revokedAt: key.revokedAt?.toISOString() ?? null,
  };
}

/** Camera API keys (ADMIN only): list them, revoke one. */
@ApiTags('admin')
@ApiBearerAuth()
@Controller('api/v1/admin/api-keys')
@Allow(['ADMIN'])
export class ApiKeysController {
  constructor(
    private readonly apiKeys: ApiKeyRepository,
    private readonly revokeApiKey: RevokeApiKeyHandler,
  ) {}

  @Get()
  @ApiOkResponse({
    schema: { type: 'object', properties: { items: { type: 'array', items: apiKeySchema } } },
  })
  async list(): Promise<{ items: Record<string, unknown>[] }> {
    return { items: (await this.apiKeys.list()).map(apiKeyView) };
  }

  @Post(':keyId/revoke')
  @HttpCode(200)
  @ApiOkResponse({ schema: apiKeySchema })
  async revoke(@Param('keyId') keyId: string): Promise<Record<string, unknown>> {
    return apiKeyView(await this.revokeApiKey.execute({ keyId }));
  }
}
