import { credentials, loadPackageDefinition, Metadata, ServiceError, status } from '@grpc/grpc-js';
import { loadSync } from '@grpc/proto-loader';
import { Redis } from 'ioredis';
import { Kafka, logLevel } from 'kafkajs';
import { z } from 'zod';
import {
  CodedError,
  ERROR_KINDS,
  KafkaReadinessCheck,
  PlatformConfig,
  PostgresReadinessCheck,
  RedisReadinessCheck,
  RunningService,
  bootstrapService,
  codedErrorFromGrpc,
  createDataSource,
  databaseConfig,
  grpcStatusFor,
  kafkaConfig,
  loadConfig,
  redisConfig,
} from '../src';
import { eventually } from '@cuakhau/testing';
import { LogCapture } from './fixtures/log-capture';
import { freePort } from './fixtures/net';
import { PROBE_PACKAGE, PROBE_PROTO } from './fixtures/probe.grpc-controller';
import {
  ProbeClients,
  ProbeClientsModule,
  ProbeLifecycleCounter,
  ProbeServiceModule,
} from './fixtures/probe.module';

const env = loadConfig(
  z.object({
    ...databaseConfig('postgres').shape,
    ...redisConfig().shape,
    ...kafkaConfig('platform-test').shape,
  }),
);

async function platformConfig(grpcPort?: number): Promise<PlatformConfig> {
  return {
    HTTP_PORT: await freePort(),
    HTTP_HOST: '127.0.0.1',
    GRPC_PORT: grpcPort,
    GRPC_HOST: '127.0.0.1',
    LOG_LEVEL: 'info',
    OTEL_TRACES_EXPORTER: 'none',
    OTEL_SERVICE_NAME: 'platform-probe',
  };
}

async function clientsFor(redisUrl: string): Promise<ProbeClients> {
  const dataSource = createDataSource({
    url: env.DATABASE_URL,
    entities: [],
    migrations: [],
    name: 'platform-probe',
  });
  await dataSource.initialize();
  return {
    dataSource,
    redis: new Redis(redisUrl, { maxRetriesPerRequest: 1, lazyConnect: false }),
    kafka: new Kafka({
      clientId: 'platform-probe',
      brokers: [...env.KAFKA_BROKERS],
      logLevel: logLevel.NOTHING,
      connectionTimeout: 800,
      retry: { retries: 0 },
    }),
  };
}

async function closeClients({ dataSource, redis }: ProbeClients): Promise<void> {
  redis.disconnect();
  if (dataSource.isInitialized) {
    await dataSource.destroy();
  }
}

interface ProbeClient {
  Fail(
    request: { kind: string },
    callback: (error: ServiceError | null, response?: { answer: string }) => void,
  ): void;
  close(): void;
}

function probeClient(url: string): ProbeClient {
  const definition = loadPackageDefinition(loadSync(PROBE_PROTO, { keepCase: false }));
  const pkg = definition.cuakhau as unknown as {
    platform: {
      probe: {
        v1: {
          ProbeService: new (
            url: string,
            creds: ReturnType<typeof credentials.createInsecure>,
          ) => ProbeClient;
        };
      };
    };
  };
  return new pkg.platform.probe.v1.ProbeService(url, credentials.createInsecure());
}

function callFail(client: ProbeClient, kind: string): Promise<{ answer: string }> {
  return new Promise((resolve, reject) => {
    client.Fail({ kind }, (error, response) =>
      error ? reject(error) : resolve(response ?? { answer: '' }),
    );
  });
}

async function failureOf(client: ProbeClient, kind: string): Promise<ServiceError> {
  try {
    await callFail(client, kind);
  } catch (error) {
    return error as ServiceError;
  }
  throw new Error(`Fail(${kind}) succeeded`);
}

describe('bootstrapService with real PostgreSQL, Redis and Kafka', () => {
  describe('a healthy service with gRPC', () => {
    const logs = new LogCapture();
    let clients: ProbeClients;
    let service: RunningService;
    let grpc: ProbeClient;
    let shutdownCalls = 0;

    beforeAll(async () => {
      clients = await clientsFor(env.REDIS_URL);
      service = await bootstrapService({
        name: 'platform-probe',
        module: ProbeServiceModule.forRoot(ProbeClientsModule.forRoot(clients)),
        config: await platformConfig(await freePort()),
        readiness: {
          imports: [ProbeClientsModule.forRoot(clients)],
          checks: [PostgresReadinessCheck, RedisReadinessCheck, KafkaReadinessCheck],
        },
        grpc: { package: PROBE_PACKAGE, protoPath: PROBE_PROTO },
        onShutdown: async () => {
          shutdownCalls += 1;
          await closeClients(clients);
        },
        logDestination: logs,
      });
      grpc = probeClient(service.grpcUrl ?? '');
    });

    afterAll(async () => {
      grpc.close();
      if (shutdownCalls === 0) {
        await service.close();
      }
    });

    it('runs each provider start-up hook once, although it also serves gRPC', () => {
      expect(ProbeLifecycleCounter.moduleInits).toBe(1);
      expect(ProbeLifecycleCounter.bootstraps).toBe(1);
    });

    it('logs one start line with its URLs', () => {
      const started = logs.lines().filter((line) => line.http !== undefined);

      expect(started).toEqual([
        expect.objectContaining({
          service: 'platform-probe',
          level: 'info',
          http: service.httpUrl,
          grpc: service.grpcUrl,
          msg: `platform-probe started: http ${service.httpUrl}, grpc ${service.grpcUrl}`,
        }),
      ]);
      expect(service.httpUrl).toMatch(/^http:\/\/127\.0\.0\.1:\d+$/);
    });

    it('answers /health/live with 200', async () => {
      const response = await fetch(`${service.httpUrl}/health/live`);

      expect(response.status).toBe(200);
      expect(await response.json()).toEqual({ status: 'live' });
    });

    it('answers /health/ready with 200 when PostgreSQL, Redis and Kafka all answer', async () => {
      const response = await fetch(`${service.httpUrl}/health/ready`);
      const body = (await response.json()) as {
        status: string;
        checks: Record<string, { status: string }>;
      };

      expect({ status: response.status, body }).toMatchObject({
        status: 200,
        body: {
          status: 'ready',
          checks: { postgres: { status: 'up' }, redis: { status: 'up' }, kafka: { status: 'up' } },
        },
      });
    });

    it('serves gRPC', async () => {
      expect(await callFail(grpc, '')).toEqual({ answer: 'ok' });
    });

    it.each(ERROR_KINDS)(
      'sends a %s CodedError as its gRPC status with error-code metadata',
      async (kind) => {
        const error = await failureOf(grpc, kind);

        expect(error.code).toBe(grpcStatusFor(kind));
        expect(error.details).toBe(`failed as ${kind}`);
        expect(error.metadata.get('error-code')).toEqual(['PROBE.TOLD_TO_FAIL']);
        const rebuilt = codedErrorFromGrpc(error);
        expect(rebuilt).toBeInstanceOf(CodedError);
        expect(rebuilt).toMatchObject({
          code: 'PROBE.TOLD_TO_FAIL',
          kind,
          fields: [{ field: 'kind', code: 'TOLD', message: 'told to fail' }],
        });
      },
    );

    it('answers an unexpected error with INTERNAL, leaking nothing, and logs its stack', async () => {
      const error = await failureOf(grpc, 'CRASH');

      expect(error.code).toBe(status.INTERNAL);
      expect(error.details).toBe('internal error');
      expect(JSON.stringify(error.metadata.getMap())).not.toContain('postgres://');
      expect(error.metadata).toBeInstanceOf(Metadata);
      expect(codedErrorFromGrpc(error)).toBeUndefined();
      const logged = await eventually(() => {
        const line = logs.lines().find((entry) => entry.msg === 'unhandled error in gRPC handler');
        if (line === undefined) {
          throw new Error('not logged yet');
        }
        return line;
      });
      expect(logged).toMatchObject({
        level: 'error',
        handler: '/cuakhau.platform.probe.v1.ProbeService/Fail',
        err: { message: expect.stringContaining('secret internal detail') as unknown },
      });
      expect((logged.err as { stack: string }).stack).toContain('probe.grpc-controller.ts');
    });

    it('on close (what SIGTERM triggers) stops HTTP and gRPC, runs onShutdown once, and logs it', async () => {
      expect(shutdownCalls).toBe(0);

      await service.close();

      expect(shutdownCalls).toBe(1);
      expect(clients.dataSource.isInitialized).toBe(false);
      await expect(fetch(`${service.httpUrl}/health/live`)).rejects.toThrow();
      const afterClose = await failureOf(grpc, '');
      expect(afterClose.code).toBe(status.UNAVAILABLE);
      expect(logs.lines().at(-1)).toMatchObject({
        service: 'platform-probe',
        msg: 'service stopped',
      });
    });
  });

  describe('a service whose Redis is down', () => {
    let clients: ProbeClients;
    let service: RunningService;

    beforeAll(async () => {
      clients = await clientsFor(`redis://127.0.0.1:${await freePort()}`);
      service = await bootstrapService({
        name: 'platform-probe-no-redis',
        module: ProbeClientsModule.forRoot(clients),
        config: await platformConfig(),
        readiness: {
          imports: [ProbeClientsModule.forRoot(clients)],
          checks: [PostgresReadinessCheck, RedisReadinessCheck, KafkaReadinessCheck],
        },
        onShutdown: () => closeClients(clients),
        logDestination: new LogCapture(),
      });
    });

    afterAll(async () => {
      await service.close();
    });

    it('stays live', async () => {
      expect((await fetch(`${service.httpUrl}/health/live`)).status).toBe(200);
    });

    it('answers /health/ready with 503 naming the failed check', async () => {
      const response = await fetch(`${service.httpUrl}/health/ready`);
      const body = (await response.json()) as {
        status: string;
        checks: Record<string, { status: string; error?: string; durationMs: number }>;
      };

      expect(response.status).toBe(503);
      expect(body.status).toBe('unavailable');
      expect(body.checks.postgres?.status).toBe('up');
      expect(body.checks.kafka?.status).toBe('up');
      expect(body.checks.redis).toMatchObject({
        status: 'down',
        error: expect.any(String) as unknown,
      });
      expect(body.checks.redis?.durationMs).toBeLessThan(2_000);
    });
  });
});
