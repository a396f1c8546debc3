import * as fs from 'node:fs';
import * as path from 'node:path';
import {
  loadSync,
  type MethodDefinition,
  type Options,
  type PackageDefinition,
  type ServiceDefinition,
} from '@grpc/proto-loader';
import * as auditService from './generated/cuakhau/audit/v1/audit_service';
import * as feedbackService from './generated/cuakhau/audit/v1/feedback_service';
import * as queueService from './generated/cuakhau/queue/v1/queue_service';
import * as quarantineService from './generated/cuakhau/quarantine/v1/quarantine_service';
import * as borderGuardService from './generated/cuakhau/border_guard/v1/border_guard_service';
import * as customsService from './generated/cuakhau/customs/v1/customs_service';
import * as registryService from './generated/cuakhau/registry/v1/registry_service';

/** Absolute path of the repository's `proto/` folder, the include root of every contract. */
export const PROTO_ROOT: string = path.resolve(__dirname, '..', '..', '..', 'proto');

/** Absolute path of a contract, e.g. `protoFile('cuakhau/registry/v1/registry_service.proto')`. */
export function protoFile(relative: string): string {
  const file = path.resolve(PROTO_ROOT, relative);
  if (!file.startsWith(PROTO_ROOT + path.sep) || !fs.existsSync(file)) {
    throw new Error(`No contract "${relative}" under ${PROTO_ROOT}`);
  }
  return file;
}

/**
 * @grpc/proto-loader options matching the generated TypeScript: lowerCamel keys, int64 as
 * strings, enums as their names, defaults filled, oneof names set, `proto/` as include root.
 * A fresh object each call (NestJS keeps a reference to what it is given).
 */
export function grpcLoaderOptions(): Options & { includeDirs: string[] } {
  return {
    keepCase: false,
    longs: String,
    enums: String,
    defaults: true,
    oneofs: true,
    includeDirs: [PROTO_ROOT],
  };
}

/** The binary codec half of a ts-proto `MessageFns<T>`. */
interface BinaryCodec {
  encode(message: unknown): { finish(): Uint8Array };
  decode(input: Uint8Array): unknown;
  fromPartial(object: unknown): unknown;
}

function isBinaryCodec(value: unknown): value is BinaryCodec {
  if (typeof value !== 'object' || value === null) return false;
  return ['encode', 'decode', 'fromPartial'].every(
    (key) => typeof (value as Record<string, unknown>)[key] === 'function',
  );
}

/** Generated modules of the gRPC service contracts; add a line when a service is added. */
const GENERATED_SERVICE_MODULES: readonly Record<string, unknown>[] = [
  customsService,
  registryService,
  borderGuardService,
  queueService,
  quarantineService,
  auditService,
  feedbackService,
];

/** Every message of the service contracts by proto full name, e.g. `cuakhau.registry.v1.GetRequest`. */
const SERVICE_MESSAGE_CODECS: ReadonlyMap<string, BinaryCodec> = new Map(
  GENERATED_SERVICE_MODULES.flatMap((module) => {
    const pkg = module['protobufPackage'];
    if (typeof pkg !== 'string') return [];
    return Object.entries(module)
      .filter((entry): entry is [string, BinaryCodec] => isBinaryCodec(entry[1]))
      .map(([name, codec]) => [`${pkg}.${name}`, codec] as const);
  }),
);

/** Proto files whose services have generated codecs (relative to PROTO_ROOT). */
export const GRPC_SERVICE_FILES: readonly string[] = GENERATED_SERVICE_MODULES.map((module) =>
  String(module['protobufFileName']),
);

function codecFor(fullName: string, method: string): BinaryCodec {
  const codec = SERVICE_MESSAGE_CODECS.get(fullName);
  if (!codec) {
    throw new Error(
      `No generated codec for ${fullName} (method ${method}); list its generated module in libs/contracts/src/grpc.ts`,
    );
  }
  return codec;
}

function withCodecs(
  method: MethodDefinition<object, object>,
  request: BinaryCodec,
  response: BinaryCodec,
): MethodDefinition<object, object> {
  return {
    ...method,
    requestSerialize: (value) => Buffer.from(request.encode(request.fromPartial(value)).finish()),
    requestDeserialize: (bytes) => request.decode(bytes) as object,
    responseSerialize: (value) =>
      Buffer.from(response.encode(response.fromPartial(value)).finish()),
    responseDeserialize: (bytes) => response.decode(bytes) as object,
  };
}

function isServiceDefinition(value: unknown): value is ServiceDefinition {
  return typeof value === 'object' && value !== null && !('format' in value);
}

/**
 * A gRPC package definition for NestJS (`options.packageDefinition`) or grpc-js whose
 * messages are (de)serialised by the generated ts-proto codecs, so that handlers and
 * clients see exactly the generated types: timestamps as RFC 3339 strings, int64 and enums
 * as strings, unset message fields `undefined`, every repeated field an array.
 * Requests follow buf's STANDARD names: `<package>.<Method>Request` / `<Method>Response`.
 *
 *   packageDefinition: grpcPackageDefinition('cuakhau/registry/v1/registry_service.proto')
 */
export function grpcPackageDefinition(...relativeFiles: string[]): PackageDefinition {
  const loaded = loadSync(relativeFiles.map(protoFile), grpcLoaderOptions());
  const definition: PackageDefinition = {};
  for (const [name, entry] of Object.entries(loaded)) {
    if (!isServiceDefinition(entry)) {
      definition[name] = entry;
      continue;
    }
    const pkg = name.slice(0, name.lastIndexOf('.'));
    const service: ServiceDefinition = {};
    for (const [methodName, method] of Object.entries(entry)) {
      service[methodName] = withCodecs(
        method,
        codecFor(`${pkg}.${methodName}Request`, `${name}/${methodName}`),
        codecFor(`${pkg}.${methodName}Response`, `${name}/${methodName}`),
      );
    }
    definition[name] = service;
  }
  return definition;
}
