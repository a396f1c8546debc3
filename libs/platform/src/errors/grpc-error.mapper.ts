import { Metadata, status as GrpcStatus } from '@grpc/grpc-js';
import {
  CodedError,
  ERROR_KINDS,
  ErrorKind,
  FieldProblem,
  grpcStatusFor,
  kindForGrpcStatus,
} from './coded-error';

/** Metadata keys a CodedError travels with over gRPC. */
export const ERROR_CODE_METADATA = 'error-code';
export const ERROR_KIND_METADATA = 'error-kind';
export const ERROR_FIELDS_METADATA = 'error-fields';

/** The shape grpc-js sends as a status: `code`, `details`, `metadata`. */
export interface GrpcStatusError {
  readonly code: GrpcStatus;
  readonly message: string;
  readonly details: string;
  readonly metadata: Metadata;
}

/** Encodes a CodedError as the status object a gRPC server handler fails with. */
export function grpcErrorFromCoded(error: CodedError): GrpcStatusError {
  const metadata = new Metadata();
  metadata.set(ERROR_CODE_METADATA, error.code);
  metadata.set(ERROR_KIND_METADATA, error.kind);
  if (error.fields.length > 0) {
    metadata.set(ERROR_FIELDS_METADATA, JSON.stringify(error.fields));
  }
  return {
    code: grpcStatusFor(error.kind),
    message: error.message,
    details: error.message,
    metadata,
  };
}

/**
 * Rebuilds the CodedError a server sent (for gRPC clients such as the gateway).
 * Returns undefined for anything that is not a coded failure (INTERNAL, UNKNOWN, a
 * non-gRPC error): the caller treats those as internal errors.
 */
export function codedErrorFromGrpc(error: unknown): CodedError | undefined {
  if (error instanceof CodedError) {
    return error;
  }
  if (!isGrpcServiceError(error)) {
    return undefined;
  }
  const metadata = error.metadata instanceof Metadata ? error.metadata : undefined;
  const code = firstString(metadata, ERROR_CODE_METADATA);
  const sentKind = firstString(metadata, ERROR_KIND_METADATA);
  const kind = isErrorKind(sentKind) ? sentKind : kindForGrpcStatus(error.code);
  if (kind === undefined) {
    return undefined;
  }
  const message =
    typeof error.details === 'string' && error.details.length > 0 ? error.details : error.message;
  try {
    return new CodedError(code ?? `GRPC.${GrpcStatus[error.code]}`, kind, message, {
      fields: parseFields(firstString(metadata, ERROR_FIELDS_METADATA)),
      cause: error,
    });
  } catch {
    // A malformed code from the other side: keep the kind, drop the code.
    return new CodedError(`GRPC.${GrpcStatus[error.code]}`, kind, message, { cause: error });
  }
}

interface GrpcServiceErrorLike {
  code: GrpcStatus;
  message: string;
  details?: unknown;
  metadata?: unknown;
}

function isGrpcServiceError(error: unknown): error is GrpcServiceErrorLike {
  return (
    typeof error === 'object' &&
    error !== null &&
    'code' in error &&
    typeof error.code === 'number' &&
    GrpcStatus[error.code] !== undefined &&
    'message' in error &&
    typeof error.message === 'string'
  );
}

function isErrorKind(value: string | undefined): value is ErrorKind {
  return value !== undefined && (ERROR_KINDS as readonly string[]).includes(value);
}

function firstString(metadata: Metadata | undefined, key: string): string | undefined {
  const value = metadata?.get(key)[0];
  return typeof value === 'string' ? value : undefined;
}

function parseFields(json: string | undefined): FieldProblem[] {
  if (json === undefined) {
    return [];
  }
  try {
    const parsed: unknown = JSON.parse(json);
    if (!Array.isArray(parsed)) {
      return [];
    }
    return parsed
      .filter(isFieldProblem)
      .map(({ field, code, message }) => ({ field, code, message }));
  } catch {
    return [];
  }
}

function isFieldProblem(value: unknown): value is FieldProblem {
  return (
    typeof value === 'object' &&
    value !== null &&
    'field' in value &&
    typeof value.field === 'string' &&
    'code' in value &&
    typeof value.code === 'string' &&
    'message' in value &&
    typeof value.message === 'string'
  );
}
