import { HttpException } from '@nestjs/common';
import {
  CodedError,
  codedErrorFromGrpc,
  type ErrorKind,
  type FieldProblem,
} from '@cuakhau/platform';
import { HttpProblemError } from './http-problem.error';

/** RFC 9457 problem details with the stable `code` and, for validation, the failing fields. */
export interface ProblemDocument {
  readonly type: string;
  readonly title: string;
  readonly status: number;
  readonly detail: string;
  readonly instance: string;
  readonly code: string;
  readonly errors?: readonly FieldProblem[];
}

export interface ProblemResponse {
  readonly status: number;
  readonly headers: Readonly<Record<string, string>>;
  readonly body: ProblemDocument;
  /** True when the cause is ours (a bug, a broken dependency): log it with its stack. */
  readonly unexpected: boolean;
}

export const PROBLEM_CONTENT_TYPE = 'application/problem+json';
/** Seconds a client should wait before retrying a call to an unavailable service. */
export const UNAVAILABLE_RETRY_AFTER_SECONDS = 5;

const TITLES: Readonly<Record<number, string>> = {
  400: 'Bad Request',
  401: 'Unauthorized',
  403: 'Forbidden',
  404: 'Not Found',
  405: 'Method Not Allowed',
  409: 'Conflict',
  413: 'Content Too Large',
  415: 'Unsupported Media Type',
  422: 'Unprocessable Content',
  428: 'Precondition Required',
  429: 'Too Many Requests',
  500: 'Internal Server Error',
  502: 'Bad Gateway',
  503: 'Service Unavailable',
};

/** The problem type URI of a code, e.g. `urn:cuakhau:problem:registry.shipment-not-found`. */
export function problemTypeOf(code: string): string {
  return `urn:cuakhau:problem:${code.toLowerCase().replace(/_/g, '-')}`;
}

/** HTTP status of an error kind as the gateway answers it (FAILED_PRECONDITION → 409). */
export function gatewayStatusFor(kind: ErrorKind): number {
  switch (kind) {
    case 'NOT_FOUND':
      return 404;
    case 'CONFLICT':
    case 'PRECONDITION_FAILED':
      // An illegal transition (cancel after the call, amend after arrival) is a conflict
      // with the shipment's current state.
      return 409;
    case 'INVALID':
      return 400;
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

/** The one mapping from anything a request can fail with to a problem+json answer. */
export function problemFor(error: unknown, instance: string): ProblemResponse {
  if (error instanceof HttpProblemError) {
    return build(error.status, error.code, error.message, instance, {
      fields: error.options.fields,
      retryAfterSeconds: error.options.retryAfterSeconds,
    });
  }
  const coded = codedErrorFromGrpc(error);
  if (coded !== undefined) {
    return fromCoded(coded, instance);
  }
  if (error instanceof HttpException) {
    const status = error.getStatus();
    if (status === 404) {
      return build(404, 'GATEWAY.ROUTE_NOT_FOUND', 'no such route', instance);
    }
    if (status < 500) {
      const known = clientErrorOf(status, error.message);
      return build(status, known.code, known.detail, instance);
    }
  }
  const framework = frameworkClientError(error);
  if (framework !== undefined) {
    return build(framework.status, framework.code, framework.detail, instance);
  }
  if (isGrpcError(error)) {
    // INTERNAL / UNKNOWN / UNIMPLEMENTED from a service: its failure, not the client's.
    return build(502, 'GATEWAY.UPSTREAM_FAILED', 'a service behind the gateway failed', instance, {
      unexpected: true,
    });
  }
  return build(500, 'GATEWAY.INTERNAL', 'internal error', instance, { unexpected: true });
}

function fromCoded(error: CodedError, instance: string): ProblemResponse {
  const status = gatewayStatusFor(error.kind);
  if (status === 503 && error.code.startsWith('GRPC.')) {
    // A transport failure (service stopped, deadline passed): say so without its internals.
    return build(
      503,
      'GATEWAY.SERVICE_UNAVAILABLE',
      'a service behind the gateway is unavailable; retry later',
      instance,
      { retryAfterSeconds: UNAVAILABLE_RETRY_AFTER_SECONDS },
    );
  }
  return build(status, error.code, error.message, instance, {
    fields: error.fields,
    retryAfterSeconds: status === 503 ? UNAVAILABLE_RETRY_AFTER_SECONDS : undefined,
  });
}

function build(
  status: number,
  code: string,
  detail: string,
  instance: string,
  options: {
    fields?: readonly FieldProblem[] | undefined;
    retryAfterSeconds?: number | undefined;
    unexpected?: boolean;
  } = {},
): ProblemResponse {
  const headers: Record<string, string> = { 'content-type': PROBLEM_CONTENT_TYPE };
  if (options.retryAfterSeconds !== undefined) {
    headers['retry-after'] = String(Math.max(1, Math.ceil(options.retryAfterSeconds)));
  }
  const fields = options.fields ?? [];
  return {
    status,
    headers,
    unexpected: options.unexpected ?? false,
    body: {
      type: problemTypeOf(code),
      title: TITLES[status] ?? 'Error',
      status,
      detail,
      instance,
      code,
      ...(fields.length > 0 ? { errors: fields } : {}),
    },
  };
}

/** Fastify's own 4xx refusals (body parsing, media type, body size). */
function frameworkClientError(
  error: unknown,
): { status: number; code: string; detail: string } | undefined {
  if (typeof error !== 'object' || error === null) return undefined;
  const record = error as Record<string, unknown>;
  const status = record['statusCode'];
  const code = typeof record['code'] === 'string' ? record['code'] : '';
  if (typeof status !== 'number' || status < 400 || status >= 500) {
    return error instanceof SyntaxError
      ? { status: 400, code: 'GATEWAY.MALFORMED_JSON', detail: 'the body is not valid JSON' }
      : undefined;
  }
  return clientErrorOf(status, code.startsWith('FST_ERR_CTP') ? 'JSON' : '');
}

/** Stable codes for the framework's 4xx refusals. */
function clientErrorOf(
  status: number,
  message: string,
): { status: number; code: string; detail: string } {
  switch (status) {
    case 413:
      return { status, code: 'GATEWAY.BODY_TOO_LARGE', detail: 'the request body is too large' };
    case 415:
      return {
        status,
        code: 'GATEWAY.UNSUPPORTED_MEDIA_TYPE',
        detail: 'send application/json',
      };
    case 400:
      return /json/i.test(message)
        ? { status, code: 'GATEWAY.MALFORMED_JSON', detail: 'the body is not valid JSON' }
        : { status, code: 'GATEWAY.BAD_REQUEST', detail: 'the request is malformed' };
    default:
      return { status, code: `GATEWAY.HTTP_${status}`, detail: 'the request was refused' };
  }
}

function isGrpcError(error: unknown): boolean {
  return (
    typeof error === 'object' &&
    error !== null &&
    'code' in error &&
    typeof error.code === 'number' &&
    'metadata' in error
  );
}
