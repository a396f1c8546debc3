import type { InfrastructureEndpoints } from '@cuakhau/local-infra';
import { SERVICES, grpcUrlVariable, grpcUrls, httpPortOf, serviceEnv } from './services';

const endpoints: InfrastructureEndpoints = {
  databaseUrl: 'postgres://postgres@127.0.0.1:5432/postgres',
  serviceDatabaseUrls: {
    gateway: 'postgres://postgres@127.0.0.1:5432/cuakhau_gateway',
    registry: 'postgres://postgres@127.0.0.1:5432/cuakhau_registry',
    customs: 'postgres://postgres@127.0.0.1:5432/cuakhau_customs',
    'border-guard': 'postgres://postgres@127.0.0.1:5432/cuakhau_border_guard',
    quarantine: 'postgres://postgres@127.0.0.1:5432/cuakhau_quarantine',
    'logistics-queue': 'postgres://postgres@127.0.0.1:5432/cuakhau_logistics_queue',
    audit: 'postgres://postgres@127.0.0.1:5432/cuakhau_audit',
  },
  redisUrl: 'redis://127.0.0.1:6379',
  kafkaBrokers: ['127.0.0.1:9092'],
  sources: { postgres: 'local', redis: 'local', kafka: 'local' },
  startedPostgres: false,
  startedRedis: false,
  startedKafka: false,
};

function service(name: string): (typeof SERVICES)[number] {
  const found = SERVICES.find((candidate) => candidate.name === name);
  if (!found) throw new Error(`no service ${name}`);
  return found;
}

describe('service table', () => {
  it('gives every service distinct ports', () => {
    const ports = SERVICES.flatMap((s) => [s.httpPort, ...(s.grpcPort ? [s.grpcPort] : [])]);
    expect(new Set(ports).size).toBe(ports.length);
  });

  it('names gRPC URL variables after the service', () => {
    expect(grpcUrlVariable('border-guard')).toBe('BORDER_GUARD_GRPC_URL');
    expect(grpcUrls()).toMatchObject({
      REGISTRY_GRPC_URL: '127.0.0.1:50051',
      LOGISTICS_QUEUE_GRPC_URL: '127.0.0.1:50055',
      AUDIT_GRPC_URL: '127.0.0.1:50056',
    });
    expect(grpcUrls()).not.toHaveProperty('GATEWAY_GRPC_URL');
  });

  it('lets PORT move the gateway only', () => {
    expect(httpPortOf(service('gateway'), { PORT: '9000' })).toBe(9000);
    expect(httpPortOf(service('gateway'), {})).toBe(8080);
    expect(httpPortOf(service('customs'), { PORT: '9000' })).toBe(3002);
  });

  it("hands a service its own database, its ports and everyone's gRPC address", () => {
    const env = serviceEnv(service('customs'), endpoints, { KAFKA_BROKERS: '127.0.0.1:9092' }, {});
    expect(env).toMatchObject({
      DATABASE_URL: 'postgres://postgres@127.0.0.1:5432/cuakhau_customs',
      HTTP_PORT: '3002',
      GRPC_PORT: '50052',
      KAFKA_BROKERS: '127.0.0.1:9092',
      REGISTRY_GRPC_URL: '127.0.0.1:50051',
    });
    expect(serviceEnv(service('gateway'), endpoints, {}, {})).not.toHaveProperty('GRPC_PORT');
  });
});
