import { Metadata, status } from '@grpc/grpc-js';
import {
  CodedError,
  ERROR_KINDS,
  ErrorKind,
  grpcStatusFor,
  httpStatusFor,
  kindForGrpcStatus,
} from './coded-error';
import { codedErrorFromGrpc, grpcErrorFromCoded } from './grpc-error.mapper';

describe('CodedError', () => {
  it('keeps code, kind, message and fields', () => {
    const error = new CodedError('REGISTRY.SHIPMENT_INVALID', 'INVALID', 'shipment is invalid', {
      fields: [{ field: 'vehicle.plate', code: 'REQUIRED', message: 'plate is required' }],
    });

    expect(error).toBeInstanceOf(Error);
    expect(error.code).toBe('REGISTRY.SHIPMENT_INVALID');
    expect(error.kind).toBe('INVALID');
    expect(error.message).toBe('shipment is invalid');
    expect(error.fields).toEqual([
      { field: 'vehicle.plate', code: 'REQUIRED', message: 'plate is required' },
    ]);
  });

  it.each([
    'not_found',
    'REGISTRY',
    'REGISTRY.',
    'registry.SHIPMENT_NOT_FOUND',
    'REGISTRY.SHIPMENT-NOT-FOUND',
  ])('refuses the malformed code %s', (code) => {
    expect(() => new CodedError(code, 'NOT_FOUND', 'x')).toThrow(TypeError);
  });
});

describe('status mapping', () => {
  const expected: Record<ErrorKind, { grpc: status; http: number }> = {
    NOT_FOUND: { grpc: status.NOT_FOUND, http: 404 },
    CONFLICT: { grpc: status.ABORTED, http: 409 },
    INVALID: { grpc: status.INVALID_ARGUMENT, http: 400 },
    PRECONDITION_FAILED: { grpc: status.FAILED_PRECONDITION, http: 412 },
    UNAUTHENTICATED: { grpc: status.UNAUTHENTICATED, http: 401 },
    FORBIDDEN: { grpc: status.PERMISSION_DENIED, http: 403 },
    UNAVAILABLE: { grpc: status.UNAVAILABLE, http: 503 },
  };

  it('covers every kind', () => {
    expect(Object.keys(expected).sort()).toEqual([...ERROR_KINDS].sort());
  });

  it.each(ERROR_KINDS)('maps %s to its gRPC and HTTP status, and the gRPC status back', (kind) => {
    expect(grpcStatusFor(kind)).toBe(expected[kind].grpc);
    expect(httpStatusFor(kind)).toBe(expected[kind].http);
    expect(kindForGrpcStatus(grpcStatusFor(kind))).toBe(kind);
  });

  it.each([status.INTERNAL, status.UNKNOWN, status.UNIMPLEMENTED, status.DATA_LOSS])(
    'has no kind for gRPC status %d (internal errors)',
    (code) => {
      expect(kindForGrpcStatus(code)).toBeUndefined();
    },
  );

  it('rejects an unknown kind at run time', () => {
    expect(() => grpcStatusFor('TEAPOT' as ErrorKind)).toThrow('unknown error kind TEAPOT');
  });
});

describe('gRPC round trip', () => {
  it.each(ERROR_KINDS)('carries a %s error through status and metadata', (kind) => {
    const original = new CodedError('CUSTOMS.CASE_ALREADY_DECIDED', kind, 'case already decided', {
      fields: [{ field: 'decision', code: 'DUPLICATE', message: 'already decided' }],
    });

    const sent = grpcErrorFromCoded(original);
    expect(sent.code).toBe(grpcStatusFor(kind));
    expect(sent.metadata.get('error-code')).toEqual(['CUSTOMS.CASE_ALREADY_DECIDED']);
    expect(JSON.parse(String(sent.metadata.get('error-fields')[0]))).toEqual(original.fields);

    // What a grpc-js client sees: a ServiceError with code, details and metadata.
    const received = Object.assign(
      new Error(`${sent.code} ${status[sent.code]}: ${sent.details}`),
      {
        code: sent.code,
        details: sent.details,
        metadata: sent.metadata,
      },
    );
    const rebuilt = codedErrorFromGrpc(received);

    expect(rebuilt).toBeInstanceOf(CodedError);
    expect(rebuilt).toMatchObject({
      code: 'CUSTOMS.CASE_ALREADY_DECIDED',
      kind,
      message: 'case already decided',
      fields: original.fields,
    });
  });

  it('names a coded error by status when the server sent no code', () => {
    const received = Object.assign(new Error('5 NOT_FOUND: nope'), {
      code: status.NOT_FOUND,
      details: 'nope',
      metadata: new Metadata(),
    });

    expect(codedErrorFromGrpc(received)).toMatchObject({
      code: 'GRPC.NOT_FOUND',
      kind: 'NOT_FOUND',
      message: 'nope',
    });
  });

  it('leaves internal and non-gRPC errors to the caller', () => {
    const internal = Object.assign(new Error('13 INTERNAL: internal error'), {
      code: status.INTERNAL,
      details: 'internal error',
      metadata: new Metadata(),
    });

    expect(codedErrorFromGrpc(internal)).toBeUndefined();
    expect(codedErrorFromGrpc(new Error('boom'))).toBeUndefined();
    expect(codedErrorFromGrpc('boom')).toBeUndefined();
  });

  it('ignores malformed field metadata', () => {
    const metadata = new Metadata();
    metadata.set('error-code', 'REGISTRY.SHIPMENT_INVALID');
    metadata.set('error-fields', '{not json');
    const received = Object.assign(new Error('x'), {
      code: status.INVALID_ARGUMENT,
      details: 'x',
      metadata,
    });

    expect(codedErrorFromGrpc(received)?.fields).toEqual([]);
  });
});
