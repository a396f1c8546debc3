import {
  credentials,
  loadPackageDefinition,
  Metadata,
  type Client,
  type ServiceClientConstructor,
  type ServiceError,
} from '@grpc/grpc-js';
import { grpcPackageDefinition } from '@cuakhau/contracts';
import { codedErrorFromGrpc } from '@cuakhau/platform';

type Unary = (
  request: unknown,
  metadata: Metadata,
  options: { deadline: Date },
  callback: (error: ServiceError | null, response?: unknown) => void,
) => void;

/**
 * A promise-based client of one gRPC service over the generated codecs. Every call has a
 * deadline, so a stopped service fails fast (UNAVAILABLE / DEADLINE_EXCEEDED → 503);
 * failures come back as the CodedError the service sent.
 */
export class GrpcServiceClient {
  private readonly client: Client;

  constructor(
    protoFile: string,
    serviceName: string,
    address: string,
    private readonly deadlineMs: number,
  ) {
    const loaded = loadPackageDefinition(grpcPackageDefinition(protoFile));
    const constructor = serviceName
      .split('.')
      .reduce<unknown>(
        (node, part) =>
          typeof node === 'object' && node !== null
            ? (node as Record<string, unknown>)[part]
            : undefined,
        loaded,
      );
    if (typeof constructor !== 'function') {
      throw new Error(`no gRPC service ${serviceName} in ${protoFile}`);
    }
    this.client = new (constructor as ServiceClientConstructor)(
      address,
      credentials.createInsecure(),
    );
  }

  call<Response>(method: string, request: unknown): Promise<Response> {
    const unary = (this.client as unknown as Record<string, Unary | undefined>)[method];
    if (unary === undefined) return Promise.reject(new Error(`no gRPC method ${method}`));
    return new Promise<Response>((resolve, reject) => {
      unary.call(
        this.client,
        request,
        new Metadata(),
        { deadline: new Date(Date.now() + this.deadlineMs) },
        (error, response) => {
          if (error !== null) reject(codedErrorFromGrpc(error) ?? error);
          else resolve(response as Response);
        },
      );
    });
  }

  close(): void {
    this.client.close();
  }
}
