import { dockerAnswers } from './docker';
import {
  chooseSource,
  needsDockerProbe,
  parseBrokers,
  type InfraSource,
} from './endpoint-selection';
import { InfraError } from './infra.errors';
import {
  LOCAL_KAFKA_BROKERS,
  LOCAL_KAFKA_ENV,
  ensureKafkaTopics,
  ensureLocalKafka,
  isLocalKafkaRunning,
  stopLocalKafka,
} from './kafka';
import {
  DEFAULT_DATABASE_URL,
  ensureLocalPostgres,
  ensureServiceDatabases,
  stopStartedPostgres,
  type ServiceName,
} from './postgres';
import { DEFAULT_REDIS_URL, ensureLocalRedis, stopStartedRedis } from './redis';
import {
  TESTCONTAINERS_MISSING,
  loadTestcontainers,
  startKafkaContainer,
  startPostgresContainer,
  startRedisContainer,
} from './testcontainers';

export interface InfrastructureEndpoints {
  /** The PostgreSQL server URL (its `postgres` database); services use `serviceDatabaseUrls`. */
  databaseUrl: string;
  /** One database per service, created if missing. */
  serviceDatabaseUrls: Record<ServiceName, string>;
  redisUrl: string;
  kafkaBrokers: string[];
  sources: { postgres: InfraSource; redis: InfraSource; kafka: InfraSource };
  /** What this call started (so a caller stops only that). */
  startedPostgres: boolean;
  startedRedis: boolean;
  startedKafka: boolean;
}

export interface EnsureInfrastructureOptions {
  log?: (line: string) => void;
  env?: NodeJS.ProcessEnv;
}

/**
 * Brings up PostgreSQL, Redis and Kafka: servers named by DATABASE_URL / REDIS_URL /
 * KAFKA_BROKERS, else containers (TESTCONTAINERS=1 or a Docker engine answers), else
 * local servers started by this tool. Creates the service databases and every topic.
 */
export async function ensureInfrastructure(
  options: EnsureInfrastructureOptions = {},
): Promise<InfrastructureEndpoints> {
  const log = options.log ?? (() => undefined);
  const env = options.env ?? process.env;
  const docker = needsDockerProbe(env) ? await dockerAnswers() : false;
  const sources = {
    postgres: chooseSource('postgres', env, docker),
    redis: chooseSource('redis', env, docker),
    kafka: chooseSource('kafka', env, docker),
  };
  const usesContainers = Object.values(sources).includes('testcontainers');
  const tc = usesContainers ? await loadTestcontainers() : undefined;
  if (usesContainers && tc === undefined) {
    if (env.TESTCONTAINERS === '1' || env.TESTCONTAINERS === 'true') {
      throw new InfraError(TESTCONTAINERS_MISSING);
    }
    log(
      'docker: an engine answers but testcontainers is not installed (npm install -D testcontainers@11); using local servers',
    );
    for (const key of ['postgres', 'redis', 'kafka'] as const) {
      if (sources[key] === 'testcontainers') sources[key] = 'local';
    }
  }

  const [postgres, redis, kafka] = await Promise.all([
    (async () => {
      if (sources.postgres === 'environment')
        return { url: env.DATABASE_URL ?? '', started: false };
      if (sources.postgres === 'testcontainers' && tc) {
        return { url: await startPostgresContainer(tc), started: false };
      }
      const { started } = await ensureLocalPostgres(DEFAULT_DATABASE_URL, log);
      return { url: DEFAULT_DATABASE_URL, started };
    })(),
    (async () => {
      if (sources.redis === 'environment') return { url: env.REDIS_URL ?? '', started: false };
      if (sources.redis === 'testcontainers' && tc) {
        return { url: await startRedisContainer(tc), started: false };
      }
      const { started } = await ensureLocalRedis(DEFAULT_REDIS_URL, log);
      return { url: DEFAULT_REDIS_URL, started };
    })(),
    (async () => {
      if (sources.kafka === 'environment') {
        return { brokers: parseBrokers(env.KAFKA_BROKERS ?? ''), started: false };
      }
      if (sources.kafka === 'testcontainers' && tc) {
        return { brokers: await startKafkaContainer(tc), started: false };
      }
      const { started } = await ensureLocalKafka(log);
      return { brokers: [...LOCAL_KAFKA_BROKERS], started };
    })(),
  ]);

  const [serviceDatabaseUrls] = await Promise.all([
    ensureServiceDatabases(postgres.url).catch((error: unknown) => {
      const reason = error instanceof Error ? error.message : String(error);
      throw new InfraError(
        `postgres: cannot create the service databases on ${postgres.url} (${reason})`,
      );
    }),
    ensureKafkaTopics(kafka.brokers, log),
  ]);

  return {
    databaseUrl: postgres.url,
    serviceDatabaseUrls,
    redisUrl: redis.url,
    kafkaBrokers: kafka.brokers,
    sources,
    startedPostgres: postgres.started,
    startedRedis: redis.started,
    startedKafka: kafka.started,
  };
}

/** The environment variables that hand these endpoints to child processes and test workers. */
export function infrastructureEnv(endpoints: InfrastructureEndpoints): Record<string, string> {
  const env: Record<string, string> = {
    DATABASE_URL: endpoints.databaseUrl,
    REDIS_URL: endpoints.redisUrl,
    KAFKA_BROKERS: endpoints.kafkaBrokers.join(','),
  };
  if (endpoints.sources.kafka === 'local') env[LOCAL_KAFKA_ENV] = '1';
  return env;
}

export interface StopScope {
  postgres?: boolean;
  redis?: boolean;
  kafka?: boolean;
}

/**
 * Stops what this tool started (pid files and markers in .run/), never a server the
 * machine runs by itself. `scope` narrows it (e.g. only what one `npm test` started).
 */
export async function stopStartedInfrastructure(
  scope: StopScope = { postgres: true, redis: true, kafka: true },
  log: (line: string) => void = () => undefined,
): Promise<void> {
  if (scope.kafka && isLocalKafkaRunning()) {
    await stopLocalKafka();
    log('kafka: stopped the local broker');
  }
  if (scope.redis && (await stopStartedRedis())) log('redis: stopped');
  if (scope.postgres && (await stopStartedPostgres())) log('postgres: stopped');
}
