/** Where one piece of infrastructure comes from, in order of preference. */
export type InfraSource = 'environment' | 'testcontainers' | 'local';
export type InfraComponent = 'postgres' | 'redis' | 'kafka';

const ENV_VARIABLE: Record<InfraComponent, string> = {
  postgres: 'DATABASE_URL',
  redis: 'REDIS_URL',
  kafka: 'KAFKA_BROKERS',
};

/** TESTCONTAINERS=1 forces containers, TESTCONTAINERS=0 forbids them, else: Docker answers. */
export function wantsTestcontainers(env: NodeJS.ProcessEnv, dockerAnswers: boolean): boolean {
  if (env.TESTCONTAINERS === '1' || env.TESTCONTAINERS === 'true') return true;
  if (env.TESTCONTAINERS === '0' || env.TESTCONTAINERS === 'false') return false;
  return dockerAnswers;
}

/**
 * Environment variable → testcontainers → local servers. KAFKA_BROKERS handed down by
 * this tool together with CUAKHAU_LOCAL_KAFKA=1 still means the local broker (so it is
 * restarted if a failure test left it stopped).
 */
export function chooseSource(
  component: InfraComponent,
  env: NodeJS.ProcessEnv,
  dockerAnswers: boolean,
): InfraSource {
  const localKafka = component === 'kafka' && env.CUAKHAU_LOCAL_KAFKA === '1';
  if (env[ENV_VARIABLE[component]]?.trim() && !localKafka) return 'environment';
  if (localKafka) return 'local';
  return wantsTestcontainers(env, dockerAnswers) ? 'testcontainers' : 'local';
}

/** Is `docker info` worth asking? Only when TESTCONTAINERS is unset and it would matter. */
export function needsDockerProbe(env: NodeJS.ProcessEnv): boolean {
  if (['0', '1', 'true', 'false'].includes(env.TESTCONTAINERS ?? '')) return false;
  return (['postgres', 'redis', 'kafka'] as const).some(
    (component) => chooseSource(component, env, true) === 'testcontainers',
  );
}

/** KAFKA_BROKERS="a:9092, b:9092" → ["a:9092", "b:9092"]. */
export function parseBrokers(value: string): string[] {
  return value
    .split(',')
    .map((broker) => broker.trim())
    .filter((broker) => broker.length > 0);
}
