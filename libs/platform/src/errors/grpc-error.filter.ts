import { ArgumentsHost, Catch, RpcExceptionFilter } from '@nestjs/common';
import { RpcException } from '@nestjs/microservices';
import { Metadata, status as GrpcStatus } from '@grpc/grpc-js';
import type { Logger } from 'pino';
import { Observable, throwError } from 'rxjs';
import { CodedError } from './coded-error';
import { GrpcStatusError, codedErrorFromGrpc, grpcErrorFromCoded } from './grpc-error.mapper';

const INTERNAL_MESSAGE = 'internal error';

/**
 * The one place a gRPC server maps failures to statuses: a CodedError becomes its kind's
 * status with `error-code` / `error-kind` / `error-fields` metadata; anything else is
 * logged with its stack and answered INTERNAL without leaking a word of it.
 */
@Catch()
export class GrpcErrorFilter implements RpcExceptionFilter<unknown> {
  constructor(private readonly logger: Logger) {}

  catch(exception: unknown, host: ArgumentsHost): Observable<never> {
    const coded = exception instanceof RpcException ? codedFromRpcException(exception) : undefined;
    if (exception instanceof CodedError || coded !== undefined) {
      return throwError(() =>
        new RpcException(grpcErrorFromCoded(coded ?? (exception as CodedError))).getError(),
      );
    }
    this.logger.error(
      { err: exception, handler: describeHandler(host) },
      'unhandled error in gRPC handler',
    );
    const internal: GrpcStatusError = {
      code: GrpcStatus.INTERNAL,
      message: INTERNAL_MESSAGE,
      details: INTERNAL_MESSAGE,
      metadata: new Metadata(),
    };
    return throwError(() => internal);
  }
}

function codedFromRpcException(exception: RpcException): CodedError | undefined {
  const inner = exception.getError();
  return typeof inner === 'object' && inner !== null && 'metadata' in inner
    ? codedErrorFromGrpc(inner)
    : undefined;
}

function describeHandler(host: ArgumentsHost): string | undefined {
  const args = host.getArgs<unknown[]>();
  const call = args[2];
  return hasPath(call) ? call.getPath() : undefined;
}

/** grpc-js server calls know their method path (`/package.Service/Method`). */
function hasPath(call: unknown): call is { getPath(): string } {
  return (
    typeof call === 'object' &&
    call !== null &&
    'getPath' in call &&
    typeof call.getPath === 'function'
  );
}
