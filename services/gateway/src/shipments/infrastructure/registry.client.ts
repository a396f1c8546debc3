import { Inject, Injectable, OnModuleDestroy } from '@nestjs/common';
import { registryServiceV1 } from '@cuakhau/contracts';
import type { GatewayConfig } from '../../gateway.config';
import { GATEWAY_CONFIG } from '../../gateway.tokens';
import { GrpcServiceClient } from '../../grpc/grpc-service.client';

export const REGISTRY_PROTO = 'cuakhau/registry/v1/registry_service.proto';

type Req<T> = Partial<T>;

/** The registry's gRPC RegistryService, with the gateway's deadline on every call. */
@Injectable()
export class RegistryClient implements OnModuleDestroy {
  private readonly grpc: GrpcServiceClient;

  constructor(@Inject(GATEWAY_CONFIG) config: GatewayConfig) {
    this.grpc = new GrpcServiceClient(
      REGISTRY_PROTO,
      'cuakhau.registry.v1.RegistryService',
      config.REGISTRY_GRPC_URL,
      config.GRPC_DEADLINE_MS,
    );
  }

  register(
    request: Req<registryServiceV1.RegisterRequest>,
  ): Promise<registryServiceV1.RegisterResponse> {
    return this.grpc.call('register', request);
  }

  get(request: Req<registryServiceV1.GetRequest>): Promise<registryServiceV1.GetResponse> {
    return this.grpc.call('get', request);
  }

  list(request: Req<registryServiceV1.ListRequest>): Promise<registryServiceV1.ListResponse> {
    return this.grpc.call('list', request);
  }

  amend(request: Req<registryServiceV1.AmendRequest>): Promise<registryServiceV1.AmendResponse> {
    return this.grpc.call('amend', request);
  }

  cancel(request: Req<registryServiceV1.CancelRequest>): Promise<registryServiceV1.CancelResponse> {
    return this.grpc.call('cancel', request);
  }

  reissuePass(
    request: Req<registryServiceV1.ReissuePassRequest>,
  ): Promise<registryServiceV1.ReissuePassResponse> {
    return this.grpc.call('reissuePass', request);
  }

  lookupByPlateAndPass(
    request: Req<registryServiceV1.LookupByPlateAndPassRequest>,
  ): Promise<registryServiceV1.LookupByPlateAndPassResponse> {
    return this.grpc.call('lookupByPlateAndPass', request);
  }

  onModuleDestroy(): void {
    this.grpc.close();
  }
}
