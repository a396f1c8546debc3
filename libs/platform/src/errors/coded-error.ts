import { status as GrpcStatus } from '@grpc/grpc-js';

/** What kind of failure an error is; each transport maps a kind to its own status once. */
export const ERROR_KINDS = [
  'NOT_FOUND',
  'CONFLICT',
  'INVALID',
  'PRECONDITION_FAILED',
  'UNAUTHENTICATED',
  'FORBIDDEN',
  'UNAVAILABLE',
] as const;
export type ErrorKind = (typeof ERROR_KINDS)[number];

/** One problem with one input field (validation errors). */
export interface FieldProblem {
  readonly field: string;
  readonly code: string;
  readonly message: string;
}

/** A stable, dotted, upper-case code such as `REGISTRY.SHIPMENT_NOT_FOUND`. */
export const ERROR_CODE_PATTERN = /^[A-Z][A-Z0-9_]*(\.[A-Z][A-Z0-9_]*)+$/;

/**
 * An expected failure with a stable code. Domain and application code throw (or return)
 * these; transports map `kind` to HTTP / gRPC status, never the other way round.
 */
export class CodedError extends Error {
  override readonly name: string = 'CodedError';
  readonly fields: readonly FieldProblem[];

  constructor(
    readonly code: string,
    readonly kind: ErrorKind,
    message: string,
    options: { fields?: readonly FieldProblem[]; cause?: unknown } = {},
  ) {
    super(message, options.cause === undefined ? undefined : { cause: options.cause });
    if (!ERROR_CODE_PATTERN.test(code)) {
      throw new TypeError(`error code "${code}" is not of the form AREA.UPPER_SNAKE_CASE`);
    }
    this.fields = Object.freeze([...(options.fields ?? [])]);
  }
}

/** The gRPC status a kind of error travels with. */
export function grpcStatusFor(kind: ErrorKind): GrpcStatus {
  switch (kind) {
    case 'NOT_FOUND':
      return GrpcStatus.NOT_FOUND;
    case 'CONFLICT':
      return GrpcStatus.ABORTED;
    case 'INVALID':
      return GrpcStatus.INVALID_ARGUMENT;
    case 'PRECONDITION_FAILED':
      return GrpcStatus.FAILED_PRECONDITION;
    case 'UNAUTHENTICATED':
      return GrpcStatus.UNAUTHENTICATED;
    case 'FORBIDDEN':
      return GrpcStatus.PERMISSION_DENIED;
    case 'UNAVAILABLE':
      return GrpcStatus.UNAVAILABLE;
    default: {
      const unknownKind: never = kind;
      throw new TypeError(`unknown error kind ${String(unknownKind)}`);
    }
  }
}

/** The HTTP status a kind of error is answered with (the gateway's problem+json). */
export function httpStatusFor(kind: ErrorKind): number {
  switch (kind) {
    case 'NOT_FOUND':
      return 404;
    case 'CONFLICT':
      return 409;
    case 'INVALID':
      return 400;
    case 'PRECONDITION_FAILED':
      return 412;
    case 'UNAUTHENTICATED':
      return 401;
    case 'FORBIDDEN':
      return 403;
    case 'UNAVAILABLE':
      return 503;
    default: {
      const unknownKind: never = kind;
      throw new TypeError(`unknown error kind ${String(unknownKind)}`);
    }
  }
}

/** The kind a gRPC status stands for when no `error-code` came with it (undefined: internal). */
export function kindForGrpcStatus(code: GrpcStatus): ErrorKind | undefined {
  switch (code) {
    case GrpcStatus.NOT_FOUND:
      return 'NOT_FOUND';
    case GrpcStatus.ABORTED:
    case GrpcStatus.ALREADY_EXISTS:
      return 'CONFLICT';
    case GrpcStatus.INVALID_ARGUMENT:
    case GrpcStatus.OUT_OF_RANGE:
      return 'INVALID';
    case GrpcStatus.FAILED_PRECONDITION:
      return 'PRECONDITION_FAILED';
    case GrpcStatus.UNAUTHENTICATED:
      return 'UNAUTHENTICATED';
    case GrpcStatus.PERMISSION_DENIED:
      return 'FORBIDDEN';
    case GrpcStatus.UNAVAILABLE:
    case GrpcStatus.DEADLINE_EXCEEDED:
    case GrpcStatus.RESOURCE_EXHAUSTED:
    case GrpcStatus.CANCELLED:
      return 'UNAVAILABLE';
    case GrpcStatus.OK:
    case GrpcStatus.UNKNOWN:
    case GrpcStatus.UNIMPLEMENTED:
    case GrpcStatus.INTERNAL:
    case GrpcStatus.DATA_LOSS:
      return undefined;
    default:
      return undefined;
  }
}
