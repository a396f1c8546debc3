import { BadRequestException, NotFoundException, PayloadTooLargeException } from '@nestjs/common';
import { Metadata, status } from '@grpc/grpc-js';
import { CodedError, ERROR_KINDS, type ErrorKind } from '@cuakhau/platform';
import { HttpProblemError } from './http-problem.error';
import { gatewayStatusFor, problemFor } from './problem.mapper';

function grpcError(code: status, errorCode?: string, fields?: unknown): Error {
  const metadata = new Metadata();
  if (errorCode !== undefined) metadata.set('error-code', errorCode);
  if (fields !== undefined) metadata.set('error-fields', JSON.stringify(fields));
  return Object.assign(new Error(`${code} ${status[code]}: boom`), {
    code,
    details: 'boom',
    metadata,
  });
}

describe('problemFor', () => {
  const expected: Record<ErrorKind, number> = {
    NOT_FOUND: 404,
    CONFLICT: 409,
    INVALID: 400,
    PRECONDITION_FAILED: 409,
    UNAUTHENTICATED: 401,
    FORBIDDEN: 403,
    UNAVAILABLE: 503,
  };

  it.each(ERROR_KINDS)('answers a %s CodedError with its status', (kind) => {
    expect(gatewayStatusFor(kind)).toBe(expected[kind]);
    const problem = problemFor(new CodedError('REGISTRY.SOMETHING', kind, 'said'), '/x');
    expect(problem.status).toBe(expected[kind]);
    expect(problem.body).toMatchObject({ code: 'REGISTRY.SOMETHING', status: expected[kind] });
    expect(problem.headers['content-type']).toBe('application/problem+json');
  });

  it.each([
    [status.NOT_FOUND, 'REGISTRY.SHIPMENT_NOT_FOUND', 404],
    [status.ALREADY_EXISTS, 'REGISTRY.DECLARATION_DUPLICATE', 409],
    [status.ABORTED, 'REGISTRY.VERSION_CONFLICT', 409],
    [status.INVALID_ARGUMENT, 'REGISTRY.VALIDATION_FAILED', 400],
    [status.FAILED_PRECONDITION, 'REGISTRY.ILLEGAL_TRANSITION', 409],
    [status.PERMISSION_DENIED, 'CUSTOMS.NOT_YOURS', 403],
    [status.UNAUTHENTICATED, 'AUTH.WHO', 401],
  ])('maps gRPC status %d (%s) to HTTP %d', (code, errorCode, http) => {
    const problem = problemFor(grpcError(code, errorCode), '/api/v1/shipments');
    expect(problem.status).toBe(http);
    expect(problem.body.code).toBe(errorCode);
    expect(problem.body.type).toBe(
      `urn:cuakhau:problem:${errorCode.toLowerCase().replace(/_/g, '-')}`,
    );
  });

  it.each([status.UNAVAILABLE, status.DEADLINE_EXCEEDED])(
    'answers gRPC %d with 503, Retry-After and no internals',
    (code) => {
      const problem = problemFor(grpcError(code), '/api/v1/shipments');
      expect(problem.status).toBe(503);
      expect(problem.headers['retry-after']).toBe('5');
      expect(problem.body.code).toBe('GATEWAY.SERVICE_UNAVAILABLE');
      expect(problem.body.detail).not.toContain('boom');
    },
  );

  it('carries the field list of a validation failure', () => {
    const fields = [{ field: 'vehicle.plate', code: 'INVALID', message: 'bad plate' }];
    const problem = problemFor(
      grpcError(status.INVALID_ARGUMENT, 'REGISTRY.VALIDATION_FAILED', fields),
      '/i',
    );
    expect(problem.body.errors).toEqual(fields);
  });

  it('answers INTERNAL from a service with 502 and logs it', () => {
    const problem = problemFor(grpcError(status.INTERNAL), '/i');
    expect(problem).toMatchObject({ status: 502, unexpected: true });
  });

  it.each([
    [new NotFoundException(), 404, 'GATEWAY.ROUTE_NOT_FOUND'],
    [new BadRequestException('Body is not valid JSON'), 400, 'GATEWAY.MALFORMED_JSON'],
    [new PayloadTooLargeException(), 413, 'GATEWAY.BODY_TOO_LARGE'],
    [
      Object.assign(new Error('x'), { statusCode: 415, code: 'FST_ERR_CTP_INVALID_MEDIA_TYPE' }),
      415,
      'GATEWAY.UNSUPPORTED_MEDIA_TYPE',
    ],
    [
      new HttpProblemError(429, 'AUTH.TOO_MANY_ATTEMPTS', 'wait', { retryAfterSeconds: 12.2 }),
      429,
      'AUTH.TOO_MANY_ATTEMPTS',
    ],
  ])('maps %p to %d %s', (error, http, code) => {
    const problem = problemFor(error, '/i');
    expect(problem.status).toBe(http);
    expect(problem.body.code).toBe(code);
  });

  it('gives Retry-After in whole seconds for 429', () => {
    const problem = problemFor(
      new HttpProblemError(429, 'AUTH.TOO_MANY_ATTEMPTS', 'wait', { retryAfterSeconds: 12.2 }),
      '/i',
    );
    expect(problem.headers['retry-after']).toBe('13');
  });

  it('hides anything unexpected behind a 500', () => {
    const problem = problemFor(new TypeError('secret detail'), '/i');
    expect(problem).toMatchObject({ status: 500, unexpected: true });
    expect(problem.body.detail).toBe('internal error');
  });
});
