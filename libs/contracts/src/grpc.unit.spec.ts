import { loadSync, type ServiceDefinition } from '@grpc/proto-loader';
import * as fs from 'node:fs';
import * as path from 'node:path';
import * as commonV1 from './generated/cuakhau/common/v1/common';
import * as registryServiceV1 from './generated/cuakhau/registry/v1/registry_service';
import {
  GRPC_SERVICE_FILES,
  PROTO_ROOT,
  grpcLoaderOptions,
  grpcPackageDefinition,
  protoFile,
} from './grpc';

const REGISTRY_PROTO = 'cuakhau/registry/v1/registry_service.proto';

function service(definition: Record<string, unknown>, name: string): ServiceDefinition {
  return definition[name] as ServiceDefinition;
}

function protoFilesUnder(dir: string): string[] {
  return fs
    .readdirSync(dir, { withFileTypes: true, recursive: true })
    .filter((entry) => entry.isFile() && entry.name.endsWith('.proto'))
    .map((entry) => path.relative(dir, path.join(entry.parentPath, entry.name)))
    .sort();
}

describe('gRPC loading', () => {
  it('points at the repository proto/ folder and refuses unknown files', () => {
    expect(fs.existsSync(path.join(PROTO_ROOT, 'cuakhau', 'common', 'v1', 'common.proto'))).toBe(
      true,
    );
    expect(protoFile(REGISTRY_PROTO)).toBe(path.join(PROTO_ROOT, REGISTRY_PROTO));
    expect(() => protoFile('cuakhau/nope/v1/nope.proto')).toThrow(/No contract/);
    expect(() => protoFile('../package.json')).toThrow(/No contract/);
  });

  it('has generated codecs for every service contract in proto/', () => {
    const withServices = protoFilesUnder(PROTO_ROOT).filter((file) =>
      /^\s*service\s+\w+/m.test(fs.readFileSync(path.join(PROTO_ROOT, file), 'utf8')),
    );
    expect([...GRPC_SERVICE_FILES].sort()).toEqual(withServices);
    for (const file of withServices) expect(() => grpcPackageDefinition(file)).not.toThrow();
  });

  it('serialises with the generated types and stays wire-compatible with proto-loader', () => {
    const ours = service(
      grpcPackageDefinition(REGISTRY_PROTO),
      'cuakhau.registry.v1.RegistryService',
    );
    const plain = service(
      loadSync(protoFile(REGISTRY_PROTO), grpcLoaderOptions()),
      'cuakhau.registry.v1.RegistryService',
    );
    const get = ours['Get'];
    const plainGet = plain['Get'];
    if (!get || !plainGet) throw new Error('Get is missing from RegistryService');

    const response: registryServiceV1.GetResponse = {
      shipment: registryServiceV1.Shipment.fromPartial({
        id: 's-1',
        plannedArrival: '2026-12-01T01:30:00.000Z',
        status: commonV1.ShipmentStatus.SHIPMENT_STATUS_CLEARED,
        goods: [{ hsCode: '08109010', quantity: 1.5 }],
        version: 7,
        timeline: [
          {
            step: registryServiceV1.TimelineStep.TIMELINE_STEP_REGISTERED,
            at: '2026-11-30T10:00:00.000Z',
          },
        ],
      }),
    };
    const bytes = get.responseSerialize(response);
    expect(get.responseDeserialize(bytes)).toEqual(response);

    // The same bytes read by plain proto-loader (protobufjs): standard protobuf on the wire.
    expect(plainGet.responseDeserialize(bytes)).toMatchObject({
      shipment: {
        id: 's-1',
        plannedArrival: { seconds: '1796088600', nanos: 0 },
        status: 'SHIPMENT_STATUS_CLEARED',
        goods: [{ hsCode: '08109010', quantity: 1.5 }],
        version: 7,
        timeline: [{ step: 'TIMELINE_STEP_REGISTERED' }],
      },
    });
  });

  it('fills defaults when a handler returns a partial message', () => {
    const ours = service(
      grpcPackageDefinition(REGISTRY_PROTO),
      'cuakhau.registry.v1.RegistryService',
    );
    const register = ours['Register'];
    if (!register) throw new Error('Register is missing from RegistryService');
    const decoded = register.responseDeserialize(
      register.responseSerialize({ passCode: 'ABC123' }),
    ) as registryServiceV1.RegisterResponse;
    expect(decoded).toEqual({ shipment: undefined, passCode: 'ABC123' });
    const request = register.requestDeserialize(
      register.requestSerialize({ organisationId: 'org-1' }),
    ) as registryServiceV1.RegisterRequest;
    expect(request.goods).toEqual([]);
    expect(request.plannedArrival).toBeUndefined();
  });
});
