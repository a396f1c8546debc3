import * as net from 'node:net';
import { InfraError } from './infra.errors';

/**
 * The few parts of testcontainers 11 used here. The package is optional (Docker is not
 * on every machine): it is loaded lazily, only in this branch, by a non-literal import.
 */
interface StartedContainer {
  getHost(): string;
  getMappedPort(port: number): number;
}
interface GenericContainerBuilder {
  withEnvironment(env: Record<string, string>): GenericContainerBuilder;
  withExposedPorts(
    ...ports: (number | { container: number; host: number })[]
  ): GenericContainerBuilder;
  withCommand(command: string[]): GenericContainerBuilder;
  withWaitStrategy(strategy: unknown): GenericContainerBuilder;
  withReuse(): GenericContainerBuilder;
  start(): Promise<StartedContainer>;
}
interface TestcontainersModule {
  GenericContainer: new (image: string) => GenericContainerBuilder;
  Wait: { forLogMessage(message: string | RegExp, times?: number): unknown };
}

export const TESTCONTAINERS_PACKAGE = 'testcontainers';

export async function loadTestcontainers(): Promise<TestcontainersModule | undefined> {
  const specifier: string = TESTCONTAINERS_PACKAGE;
  try {
    return (await import(specifier)) as TestcontainersModule;
  } catch {
    return undefined;
  }
}

export const TESTCONTAINERS_MISSING =
  'TESTCONTAINERS=1 but the testcontainers package is not installed: npm install -D testcontainers@11, or unset TESTCONTAINERS to use local servers';

function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = net.createServer();
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const address = server.address();
      const port = typeof address === 'object' && address ? address.port : 0;
      server.close(() => resolve(port));
    });
  });
}

export async function startPostgresContainer(tc: TestcontainersModule): Promise<string> {
  const container = await new tc.GenericContainer('postgres:15')
    .withEnvironment({ POSTGRES_HOST_AUTH_METHOD: 'trust' })
    .withExposedPorts(5432)
    .withWaitStrategy(tc.Wait.forLogMessage('database system is ready to accept connections', 2))
    .withReuse()
    .start();
  return `postgres://postgres@${container.getHost()}:${container.getMappedPort(5432)}/postgres`;
}

export async function startRedisContainer(tc: TestcontainersModule): Promise<string> {
  const container = await new tc.GenericContainer('redis:7')
    .withCommand(['redis-server', '--save', '', '--appendonly', 'no'])
    .withExposedPorts(6379)
    .withWaitStrategy(tc.Wait.forLogMessage('Ready to accept connections'))
    .withReuse()
    .start();
  return `redis://${container.getHost()}:${container.getMappedPort(6379)}`;
}

/** Kafka must advertise the port clients use, so host and container port are the same. */
export async function startKafkaContainer(tc: TestcontainersModule): Promise<string[]> {
  const port = await freePort();
  if (port === 0) throw new InfraError('testcontainers: no free port for Kafka');
  const container = await new tc.GenericContainer('apache/kafka:4.1.1')
    .withEnvironment({
      KAFKA_NODE_ID: '1',
      KAFKA_PROCESS_ROLES: 'broker,controller',
      KAFKA_CONTROLLER_QUORUM_VOTERS: '1@localhost:9093',
      KAFKA_LISTENERS: `PLAINTEXT://0.0.0.0:${port},CONTROLLER://0.0.0.0:9093`,
      KAFKA_ADVERTISED_LISTENERS: `PLAINTEXT://127.0.0.1:${port}`,
      KAFKA_CONTROLLER_LISTENER_NAMES: 'CONTROLLER',
      KAFKA_LISTENER_SECURITY_PROTOCOL_MAP: 'CONTROLLER:PLAINTEXT,PLAINTEXT:PLAINTEXT',
      KAFKA_INTER_BROKER_LISTENER_NAME: 'PLAINTEXT',
      KAFKA_NUM_PARTITIONS: '6',
      KAFKA_OFFSETS_TOPIC_REPLICATION_FACTOR: '1',
      KAFKA_TRANSACTION_STATE_LOG_REPLICATION_FACTOR: '1',
      KAFKA_TRANSACTION_STATE_LOG_MIN_ISR: '1',
      KAFKA_SHARE_COORDINATOR_STATE_TOPIC_REPLICATION_FACTOR: '1',
      KAFKA_SHARE_COORDINATOR_STATE_TOPIC_MIN_ISR: '1',
      KAFKA_GROUP_INITIAL_REBALANCE_DELAY_MS: '0',
      KAFKA_AUTO_CREATE_TOPICS_ENABLE: 'false',
    })
    .withExposedPorts({ container: port, host: port })
    .withWaitStrategy(tc.Wait.forLogMessage(/Kafka Server started/))
    .withReuse()
    .start();
  return [`${container.getHost()}:${port}`];
}
