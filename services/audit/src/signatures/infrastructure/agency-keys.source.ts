import {
  credentials,
  loadPackageDefinition,
  type Client,
  type ServiceClientConstructor,
} from '@grpc/grpc-js';
import { Inject, Injectable, type OnApplicationShutdown } from '@nestjs/common';
import { grpcPackageDefinition } from '@cuakhau/contracts';
import { SIGNATURE_ALGORITHM, type PublishedKey } from '@cuakhau/signing';
import type { AuditConfig } from '../../audit.config';
import { AUDIT_CONFIG } from '../../audit.tokens';
import type { AgencyName } from '../../clearance/domain/clearance-steps';

const SERVICES: Record<AgencyName, { proto: string; service: string }> = {
  customs: {
    proto: 'cuakhau/customs/v1/customs_service.proto',
    service: 'cuakhau.customs.v1.CustomsService',
  },
  'border-guard': {
    proto: 'cuakhau/border_guard/v1/border_guard_service.proto',
    service: 'cuakhau.border_guard.v1.BorderGuardService',
  },
  quarantine: {
    proto: 'cuakhau/quarantine/v1/quarantine_service.proto',
    service: 'cuakhau.quarantine.v1.QuarantineService',
  },
};

interface KeysClient extends Client {
  listSigningKeys(
    request: object,
    options: { deadline: Date },
    callback: (error: Error | null, response?: { keys?: PublishedKey[] }) => void,
  ): void;
}

/**
 * The agencies' published decision keys: fetched with each agency's gRPC `ListSigningKeys`,
 * cached for AUDIT_KEY_CACHE_SECONDS and fetched again at once for an unknown key id (a
 * rotation). With AUDIT_USE_STATIC_AGENCY_KEYS the configured map is used instead (tests).
 */
@Injectable()
export class AgencyKeysSource implements OnApplicationShutdown {
  private readonly cache = new Map<AgencyName, { keys: PublishedKey[]; fetchedAt: number }>();
  private readonly clients = new Map<AgencyName, KeysClient>();

  constructor(@Inject(AUDIT_CONFIG) private readonly config: AuditConfig) {}

  async keys(agency: AgencyName, refresh: boolean): Promise<readonly PublishedKey[]> {
    if (this.config.AUDIT_USE_STATIC_AGENCY_KEYS) {
      return (this.config.AUDIT_STATIC_AGENCY_KEYS[agency] ?? []).map((key) => ({
        keyId: key.keyId,
        algorithm: SIGNATURE_ALGORITHM,
        publicKeyPem: key.publicKeyPem,
      }));
    }
    const cached = this.cache.get(agency);
    const fresh =
      cached !== undefined &&
      Date.now() - cached.fetchedAt < this.config.AUDIT_KEY_CACHE_SECONDS * 1000;
    if (cached !== undefined && fresh && !refresh) return cached.keys;
    const keys = await this.fetch(agency);
    this.cache.set(agency, { keys, fetchedAt: Date.now() });
    return keys;
  }

  onApplicationShutdown(): void {
    for (const client of this.clients.values()) client.close();
  }

  private fetch(agency: AgencyName): Promise<PublishedKey[]> {
    const client = this.client(agency);
    return new Promise((resolve, reject) => {
      client.listSigningKeys({}, { deadline: new Date(Date.now() + 3_000) }, (error, response) => {
        if (error !== null) {
          reject(error);
          return;
        }
        resolve(
          (response?.keys ?? []).map((key) => ({
            keyId: key.keyId,
            algorithm: SIGNATURE_ALGORITHM,
            publicKeyPem: key.publicKeyPem,
          })),
        );
      });
    });
  }

  private client(agency: AgencyName): KeysClient {
    const existing = this.clients.get(agency);
    if (existing !== undefined) return existing;
    const { proto, service } = SERVICES[agency];
    const loaded = loadPackageDefinition(grpcPackageDefinition(proto));
    let node: unknown = loaded;
    for (const part of service.split('.')) node = (node as Record<string, unknown>)[part];
    const Constructor = node as ServiceClientConstructor;
    const url = {
      customs: this.config.CUSTOMS_GRPC_URL,
      'border-guard': this.config.BORDER_GUARD_GRPC_URL,
      quarantine: this.config.QUARANTINE_GRPC_URL,
    }[agency];
    const client = new Constructor(url, credentials.createInsecure()) as unknown as KeysClient;
    this.clients.set(agency, client);
    return client;
  }
}
