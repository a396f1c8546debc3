import { randomBytes } from 'node:crypto';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { TOPIC_PARTITIONS, allTopics } from '@cuakhau/contracts';
import { Kafka, logLevel } from 'kafkajs';
import { INFRA_HINTS, InfraError } from './infra.errors';
import { CACHE_DIR, REPO_ROOT, RUN_DIR, displayPath, logFilePath } from './paths';
import {
  commandExists,
  firstErrorSinceStart,
  isPortOpen,
  readLivePid,
  runCommand,
  spawnDetached,
  stopRecordedProcess,
  tailFile,
  waitUntil,
  withFileLock,
} from './process-control';

export const KAFKA_VERSION = '4.1.1';
export const LOCAL_KAFKA_HOST = '127.0.0.1';
export const LOCAL_KAFKA_PORT = 9092;
export const LOCAL_KAFKA_CONTROLLER_PORT = 9093;
export const LOCAL_KAFKA_BROKERS: readonly string[] = [`${LOCAL_KAFKA_HOST}:${LOCAL_KAFKA_PORT}`];
/** Set (to "1") for child processes when the brokers in KAFKA_BROKERS are the local broker. */
export const LOCAL_KAFKA_ENV = 'CUAKHAU_LOCAL_KAFKA';

const PROCESS_NAME = 'kafka';
const KAFKA_DIR = path.join(RUN_DIR, 'kafka');
const DATA_DIR = path.join(KAFKA_DIR, 'data');
const CLUSTER_ID_FILE = path.join(KAFKA_DIR, 'cluster-id');
const PROPERTIES_FILE = path.join(KAFKA_DIR, 'server.properties');
const LIBS_DIR = path.join(CACHE_DIR, 'kafka', `libs-${KAFKA_VERSION}`);
const LIBS_MARKER = path.join(LIBS_DIR, '.complete');
const POM = path.join(REPO_ROOT, 'deploy', 'local', 'kafka', 'pom.xml');
const LOG4J_CONFIG = path.join(REPO_ROOT, 'deploy', 'local', 'kafka', 'log4j2.yaml');
const START_TIMEOUT_MS = 90_000;
const STOP_GRACE_MS = 20_000;

type Log = (line: string) => void;
const silent: Log = () => undefined;

/**
 * True when the Kafka in use is the local broker this tool runs (no KAFKA_BROKERS, or
 * KAFKA_BROKERS handed down by the tool together with CUAKHAU_LOCAL_KAFKA=1), so tests
 * may stop and start it.
 */
export function isLocalKafkaManaged(env: NodeJS.ProcessEnv = process.env): boolean {
  return env[LOCAL_KAFKA_ENV] === '1' || !env.KAFKA_BROKERS?.trim();
}

/** server.properties of the single-node KRaft broker (broker and controller in one JVM). */
export function kafkaServerProperties(dataDir: string): string {
  const host = LOCAL_KAFKA_HOST;
  const properties: Record<string, string | number | boolean> = {
    'process.roles': 'broker,controller',
    'node.id': 1,
    'controller.quorum.voters': `1@${host}:${LOCAL_KAFKA_CONTROLLER_PORT}`,
    listeners: `PLAINTEXT://${host}:${LOCAL_KAFKA_PORT},CONTROLLER://${host}:${LOCAL_KAFKA_CONTROLLER_PORT}`,
    'advertised.listeners': `PLAINTEXT://${host}:${LOCAL_KAFKA_PORT}`,
    'controller.listener.names': 'CONTROLLER',
    'listener.security.protocol.map': 'CONTROLLER:PLAINTEXT,PLAINTEXT:PLAINTEXT',
    'inter.broker.listener.name': 'PLAINTEXT',
    'log.dirs': dataDir,
    'num.partitions': TOPIC_PARTITIONS,
    'offsets.topic.replication.factor': 1,
    'transaction.state.log.replication.factor': 1,
    'transaction.state.log.min.isr': 1,
    'share.coordinator.state.topic.replication.factor': 1,
    'share.coordinator.state.topic.min.isr': 1,
    'group.initial.rebalance.delay.ms': 0,
    'auto.create.topics.enable': false,
  };
  return Object.entries(properties)
    .map(([key, value]) => `${key}=${String(value)}`)
    .join('\n')
    .concat('\n');
}

/** The major version in the output of `java -version` ("17.0.2" → 17, "1.8.0" → 8). */
export function parseJavaMajor(versionOutput: string): number | undefined {
  const match = /version "(\d+)(?:\.(\d+))?/.exec(versionOutput);
  if (!match?.[1]) return undefined;
  const first = Number(match[1]);
  return first === 1 && match[2] ? Number(match[2]) : first;
}

/** A Kafka cluster id: 16 random bytes in URL-safe base64, never starting with "-". */
export function newClusterId(): string {
  for (;;) {
    const id = randomBytes(16).toString('base64url');
    if (!id.startsWith('-')) return id;
  }
}

async function checkJava(): Promise<void> {
  if (!commandExists('java')) throw new InfraError(INFRA_HINTS.java);
  const { output } = await runCommand('java', ['-version']);
  const major = parseJavaMajor(output);
  if (major !== undefined && major < 17) throw new InfraError(INFRA_HINTS.javaTooOld(major));
}

/** Fetches the broker's jars with Maven into .cache/kafka/libs-<version>, once. */
async function ensureKafkaJars(log: Log): Promise<void> {
  if (fs.existsSync(LIBS_MARKER)) return;
  if (!commandExists('mvn')) throw new InfraError(INFRA_HINTS.maven);
  log(
    `kafka: fetching Kafka ${KAFKA_VERSION} jars from Maven Central into ${displayPath(LIBS_DIR)}`,
  );
  const result = await runCommand('mvn', ['-q', '-B', '-f', POM, 'package'], { cwd: REPO_ROOT });
  if (result.code !== 0) {
    const last = result.output.trim().split('\n').slice(-3).join(' | ');
    throw new InfraError(
      `kafka: Maven could not fetch the Kafka jars (${last}); check network access to Maven Central or set KAFKA_BROKERS`,
    );
  }
  fs.writeFileSync(LIBS_MARKER, `${new Date().toISOString()}\n`);
}

function classPath(): string {
  return `${LIBS_DIR}/*`;
}

function javaArgs(mainClass: string, extra: string[], heap = '-Xmx512m'): string[] {
  return [
    heap,
    '-Djava.awt.headless=true',
    `-Dlog4j2.configurationFile=${LOG4J_CONFIG}`,
    '-cp',
    classPath(),
    mainClass,
    ...extra,
  ];
}

/** Formats the KRaft storage once; the cluster id is kept in .run/kafka/cluster-id. */
async function ensureStorage(log: Log): Promise<void> {
  fs.mkdirSync(DATA_DIR, { recursive: true });
  fs.writeFileSync(PROPERTIES_FILE, kafkaServerProperties(DATA_DIR));
  if (fs.existsSync(path.join(DATA_DIR, 'meta.properties'))) return;
  let clusterId = fs.existsSync(CLUSTER_ID_FILE)
    ? fs.readFileSync(CLUSTER_ID_FILE, 'utf8').trim()
    : '';
  if (!clusterId) {
    clusterId = newClusterId();
    fs.writeFileSync(CLUSTER_ID_FILE, `${clusterId}\n`);
  }
  log(`kafka: formatting storage in ${displayPath(DATA_DIR)} (cluster ${clusterId})`);
  const result = await runCommand(
    'java',
    javaArgs(
      'kafka.tools.StorageTool',
      ['format', '-t', clusterId, '-c', PROPERTIES_FILE, '--ignore-formatted'],
      '-Xmx256m',
    ),
    { cwd: REPO_ROOT },
  );
  if (result.code !== 0) {
    const last = result.output.trim().split('\n').slice(-2).join(' | ');
    throw new InfraError(
      `kafka: formatting the storage failed (${last}); delete ${displayPath(KAFKA_DIR)} and retry`,
    );
  }
}

function newKafka(brokers: readonly string[]): Kafka {
  return new Kafka({
    clientId: 'cuakhau-local-infra',
    brokers: [...brokers],
    logLevel: logLevel.NOTHING,
    connectionTimeout: 1_000,
    requestTimeout: 5_000,
    retry: { retries: 0 },
  });
}

/** True when a Kafka admin client can describe the cluster. */
export async function kafkaAnswers(brokers: readonly string[]): Promise<boolean> {
  const admin = newKafka(brokers).admin();
  try {
    await admin.connect();
    const cluster = await admin.describeCluster();
    return cluster.brokers.length > 0 && cluster.controller !== null;
  } catch {
    return false;
  } finally {
    await admin.disconnect().catch(() => undefined);
  }
}

function localPortOpen(): Promise<boolean> {
  return isPortOpen(LOCAL_KAFKA_HOST, LOCAL_KAFKA_PORT);
}

async function launchBroker(log: Log): Promise<void> {
  await checkJava();
  await ensureKafkaJars(log);
  await ensureStorage(log);
  const pid = spawnDetached({
    name: PROCESS_NAME,
    command: 'java',
    args: javaArgs('kafka.Kafka', [PROPERTIES_FILE]),
    cwd: REPO_ROOT,
  });
  log(`kafka: started broker (pid ${pid}), log in ${displayPath(logFilePath(PROCESS_NAME))}`);
  const ready = await waitUntil(
    async () => {
      if (readLivePid(PROCESS_NAME) === undefined) return true; // died: reported below
      return kafkaAnswers(LOCAL_KAFKA_BROKERS);
    },
    { timeoutMs: START_TIMEOUT_MS, intervalMs: 250 },
  );
  const logPath = displayPath(logFilePath(PROCESS_NAME));
  if (readLivePid(PROCESS_NAME) === undefined) {
    const cause =
      firstErrorSinceStart(logFilePath(PROCESS_NAME)) ?? tailFile(logFilePath(PROCESS_NAME), 1);
    throw new InfraError(`kafka: the broker exited during start-up (${cause}); see ${logPath}`);
  }
  if (!ready) {
    throw new InfraError(
      `kafka: the broker did not answer within ${START_TIMEOUT_MS / 1000} s; see ${logPath}`,
    );
  }
}

/**
 * Makes sure the local broker runs: reuses one that answers on 127.0.0.1:9092, else
 * fetches the jars (once), formats the storage (once) and starts it detached.
 * Returns whether this call started it.
 */
export async function ensureLocalKafka(log: Log = silent): Promise<{ started: boolean }> {
  if (await localPortOpen()) return reuseRunningBroker();
  return withFileLock(PROCESS_NAME, async () => {
    // Another process may have started it while we waited for the lock, or it is still
    // starting (the controller port binds before the broker port).
    if ((await localPortOpen()) || isLocalKafkaRunning()) return reuseRunningBroker();
    await launchBroker(log);
    return { started: true };
  });
}

async function reuseRunningBroker(): Promise<{ started: boolean }> {
  const answered = await waitUntil(() => kafkaAnswers(LOCAL_KAFKA_BROKERS), {
    timeoutMs: START_TIMEOUT_MS,
    intervalMs: 250,
  });
  if (!answered) {
    const pid = readLivePid(PROCESS_NAME);
    const logPath = displayPath(logFilePath(PROCESS_NAME));
    throw new InfraError(
      pid === undefined
        ? `kafka: something listens on ${LOCAL_KAFKA_BROKERS.join(',')} but does not answer as Kafka; stop it or set KAFKA_BROKERS`
        : `kafka: the local broker (pid ${pid}) does not answer within ${START_TIMEOUT_MS / 1000} s; see ${logPath}, then npm stop and retry`,
    );
  }
  return { started: false };
}

/** Starts the local broker again (after stopLocalKafka) and waits until it answers. */
export async function startLocalKafka(): Promise<void> {
  await ensureLocalKafka();
}

/**
 * Stops the local broker started by this tool: SIGTERM, wait until the port closes,
 * SIGKILL after 20 s. For failure tests ("the broker is down for a while").
 */
export async function stopLocalKafka(): Promise<void> {
  const stopped = await stopRecordedProcess(PROCESS_NAME, {
    graceMs: STOP_GRACE_MS,
    stopped: async () => !(await localPortOpen()),
  });
  if (!stopped && (await localPortOpen())) {
    throw new InfraError(
      `kafka: the broker on ${LOCAL_KAFKA_BROKERS.join(',')} was not started by this tool (no .run/kafka.pid); stop it yourself`,
    );
  }
}

/** True when the local broker recorded in .run/kafka.pid runs. */
export function isLocalKafkaRunning(): boolean {
  return readLivePid(PROCESS_NAME) !== undefined;
}

/** Creates every topic of the system that is missing (idempotent). */
export async function ensureKafkaTopics(
  brokers: readonly string[],
  log: Log = silent,
  topics: readonly string[] = allTopics(),
): Promise<string[]> {
  const admin = newKafka(brokers).admin();
  try {
    await admin.connect();
    const existing = new Set(await admin.listTopics());
    const missing = topics.filter((topic) => !existing.has(topic));
    if (missing.length === 0) return [];
    try {
      await admin.createTopics({
        waitForLeaders: true,
        topics: missing.map((topic) => ({
          topic,
          numPartitions: TOPIC_PARTITIONS,
          replicationFactor: 1,
        })),
      });
    } catch (error) {
      // Another process may have created them at the same moment: fine if they exist now.
      const now = new Set(await admin.listTopics());
      if (!missing.every((topic) => now.has(topic))) {
        const reason = error instanceof Error ? error.message : String(error);
        throw new InfraError(`kafka: could not create topics ${missing.join(', ')}: ${reason}`);
      }
    }
    log(`kafka: created ${missing.length} topic(s): ${missing.join(', ')}`);
    return missing;
  } catch (error) {
    if (error instanceof InfraError) throw error;
    const reason = error instanceof Error ? error.message : String(error);
    throw new InfraError(`kafka: cannot reach ${brokers.join(',')} to create topics (${reason})`);
  } finally {
    await admin.disconnect().catch(() => undefined);
  }
}
