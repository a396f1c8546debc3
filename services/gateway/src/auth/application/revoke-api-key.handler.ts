import { Injectable } from '@nestjs/common';
import { CodedError } from '@cuakhau/platform';
import { ApiKeyRepository, type ApiKeyRecord } from '../infrastructure/api-key.repository';

/**
 * ADMIN revokes a camera API key. The guard reads the key on every request, so the very
 * next call with it answers 401. Revoking a revoked key changes nothing (same answer).
 */
@Injectable()
export class RevokeApiKeyHandler {
  constructor(private readonly apiKeys: ApiKeyRepository) {}

  async execute(command: { keyId: string }): Promise<ApiKeyRecord> {
    const revoked = UUID.test(command.keyId) ? await this.apiKeys.revoke(command.keyId) : undefined;
    if (revoked === undefined) {
      throw new CodedError('AUTH.API_KEY_NOT_FOUND', 'NOT_FOUND', 'no such API key');
    }
    return revoked;
  }
}

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;
