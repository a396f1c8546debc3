import { spawn, type ChildProcess } from 'node:child_process';
import { randomBytes, randomUUID } from 'node:crypto';
import {
  credentials,
  loadPackageDefinition,
  type Client,
  type ServiceClientConstructor,
  type ServiceError,
} from '@grpc/grpc-js';
import { Redis } from 'ioredis';
import { Kafka, logLevel } from 'kafkajs';
import { Pool } from 'pg';
import { EVENTS, grpcPackageDefinition, queueServiceV1, TOPICS } from '@cuakhau/contracts';
import { createFreshDatabase } from '@cuakhau/local-infra';
import { encodeEvent, parseBrokers, type OutgoingEvent } from '@cuakhau/messaging';
import type { RunningService } from '@cuakhau/platform';
import { loadLogisticsQueueConfig } from '../../src/logistics-queue.config';
import { QUEUE_PROTO, startLogisticsQueue } from '../../src/logistics-queue.service';
import { freePort } from '@cuakhau/testing';

export const KAFKA_BROKERS = process.env.KAFKA_BROKERS ?? '127.0.0.1:9092';
const SERVER_URL = process.env.DATABASE_URL ?? 'postgres://postgres@127.0.0.1:5432/postgres';

export function uniqueName(prefix: string): string {
  return `${prefix}_${Date.now().toString(36)}_${randomBytes(3).toString('hex')}`;
}

/** A private, diskless redis-server for this test file: FLUSHALL here touches no one else. */
export async function startPrivateRedis(): Promise<{ url: string; stop(): Promise<void> }> {
  const port = await freePort();
  const child: ChildProcess = spawn(
    'redis-server',
    ['--port', String(port), '--bind', '127.0.0.1', '--save', '', '--appendonly', 'no'],
    { stdio: 'ignore' },
  );
  const url = `redis://127.0.0.1:${port}`;
  const deadline = Date.now() + 10_000;
  for (;;) {
    const probe = new Redis(url, {
      lazyConnect: true,
      maxRetriesPerRequest: 0,
      retryStrategy: () => null,
    });
    try {
      await probe.connect();
      await probe.ping();
      probe.disconnect();
      break;
    } catch (error) {
      probe.disconnect();
      if (Date.now() > deadline) throw error;
      await new Promise((resolve) => setTimeout(resolve, 50));
    }
  }
  return {
    url,
    stop: () =>
      new Promise((resolve) => {
        child.once('exit', () => resolve());
        child.kill('SIGTERM');
      }),
  };
}

async function startGroupAtEnd(
  kafka: Kafka,
  groupId: string,
  topics: readonly string[],
): Promise<void> {
  const admin = kafka.admin();
  await admin.connect();
  try {
    for (const topic of topics) {
      const ends = await admin.fetchTopicOffsets(topic);
      await admin.setOffsets({
        groupId,
        topic,
        partitions: ends.map((end) => ({ partition: end.partition, offset: end.high })),
      });
    }
  } finally {
    await admin.disconnect();
  }
}

/** Publishes events exactly as another service's relay would. */
export async function publish(
  kafka: Kafka,
  events: readonly OutgoingEvent<unknown>[],
): Promise<void> {
  const producer = kafka.producer({ allowAutoTopicCreation: false });
  await producer.connect();
  try {
    // One send per run of consecutive events on the same topic: the order of each key is kept.
    const encoded = events.map((outgoing) => encodeEvent(outgoing));
    for (let start = 0; start < encoded.length;) {
      const topic = encoded[start]?.topic;
      let end = start;
      while (end < encoded.length && encoded[end]?.topic === topic) end += 1;
      await producer.send({
        topic: topic ?? '',
        acks: -1,
        messages: encoded
          .slice(start, end)
          .map((event) => ({ key: event.key, value: event.value, headers: event.headers })),
      });
      start = end;
    }
  } finally {
    await producer.disconnect();
  }
}

type Unary = (
  request: unknown,
  callback: (error: ServiceError | null, response?: unknown) => void,
) => void;

/** A promise-based QueueService client. */
export class QueueClient {
  private readonly client: Client;

  constructor(address: string) {
    const loaded = loadPackageDefinition(grpcPackageDefinition(QUEUE_PROTO));
    const ctor = (loaded['cuakhau'] as Record<string, Record<string, Record<string, unknown>>>)[
      'queue'
    ]?.['v1']?.['QueueService'] as ServiceClientConstructor;
    this.client = new ctor(address, credentials.createInsecure());
  }

  recordArrival(
    r: Partial<queueServiceV1.RecordArrivalRequest>,
  ): Promise<queueServiceV1.RecordArrivalResponse> {
    return this.call('recordArrival', r);
  }
  listUnmatched(
    r: Partial<queueServiceV1.ListUnmatchedRequest>,
  ): Promise<queueServiceV1.ListUnmatchedResponse> {
    return this.call('listUnmatched', r);
  }
  confirmUnmatched(
    r: Partial<queueServiceV1.ConfirmUnmatchedRequest>,
  ): Promise<queueServiceV1.ConfirmUnmatchedResponse> {
    return this.call('confirmUnmatched', r);
  }
  dismissUnmatched(
    r: Partial<queueServiceV1.DismissUnmatchedRequest>,
  ): Promise<queueServiceV1.DismissUnmatchedResponse> {
    return this.call('dismissUnmatched', r);
  }
  listQueue(
    r: Partial<queueServiceV1.ListQueueRequest>,
  ): Promise<queueServiceV1.ListQueueResponse> {
    return this.call('listQueue', r);
  }
  getPosition(
    r: Partial<queueServiceV1.GetPositionRequest>,
  ): Promise<queueServiceV1.GetPositionResponse> {
    return this.call('getPosition', r);
  }
  getPositions(
    r: Partial<queueServiceV1.GetPositionsRequest>,
  ): Promise<queueServiceV1.GetPositionsResponse> {
    return this.call('getPositions', r);
  }
  listLanes(
    r: Partial<queueServiceV1.ListLanesRequest>,
  ): Promise<queueServiceV1.ListLanesResponse> {
    return this.call('listLanes', r);
  }
  setLaneOpen(
    r: Partial<queueServiceV1.SetLaneOpenRequest>,
  ): Promise<queueServiceV1.SetLaneOpenResponse> {
    return this.call('setLaneOpen', r);
  }
  callNext(r: Partial<queueServiceV1.CallNextRequest>): Promise<queueServiceV1.CallNextResponse> {
    return this.call('callNext', r);
  }

  close(): void {
    this.client.close();
  }

  private call<Response>(method: string, request: unknown): Promise<Response> {
    const unary = (this.client as unknown as Record<string, Unary>)[method];
    if (unary === undefined) throw new Error(`no method ${method}`);
    return new Promise((resolve, reject) => {
      unary.call(this.client, request, (error, response) => {
        if (error !== null) reject(error);
        else resolve(response as Response);
      });
    });
  }
}

export interface QueueUnderTest {
  service: RunningService;
  readonly client: QueueClient;
  readonly pool: Pool;
  readonly kafka: Kafka;
  readonly redisUrl: string;
  restart(): Promise<void>;
  stop(): Promise<void>;
}

/** The queue in-process on a fresh database and a private Redis, its group at the topics' end. */
export async function startQueueUnderTest(
  name: string,
  noShowAfterMs: number,
  options: { resyncIntervalMs?: number } = {},
): Promise<QueueUnderTest> {
  const database = uniqueName(`queue_${name}`);
  const databaseUrl = await createFreshDatabase(SERVER_URL, database);
  const redis = await startPrivateRedis();
  const groupId = uniqueName('queue_test');
  const kafka = new Kafka({
    clientId: groupId,
    brokers: parseBrokers(KAFKA_BROKERS),
    logLevel: logLevel.NOTHING,
  });
  await startGroupAtEnd(kafka, groupId, [TOPICS.registry, TOPICS.borderGuard]);
  const grpcPort = await freePort();
  const config = loadLogisticsQueueConfig({
    DATABASE_URL: databaseUrl,
    KAFKA_BROKERS,
    REDIS_URL: redis.url,
    HTTP_PORT: '0',
    GRPC_PORT: String(grpcPort),
    LOG_LEVEL: process.env.QUEUE_TEST_LOG_LEVEL ?? 'warn',
    QUEUE_CONSUMER_GROUP: groupId,
    QUEUE_NO_SHOW_AFTER_MS: String(noShowAfterMs),
    QUEUE_RESYNC_INTERVAL_MS: String(options.resyncIntervalMs ?? 60_000),
    QUEUE_MAX_NO_SHOWS: '2',
    DATABASE_POOL_SIZE: '12',
    NODE_ENV: 'test',
  });
  const env: QueueUnderTest = {
    service: await startLogisticsQueue(config),
    client: new QueueClient(`127.0.0.1:${grpcPort}`),
    pool: new Pool({ connectionString: databaseUrl, max: 2 }),
    kafka,
    redisUrl: redis.url,
    restart: async () => {
      await env.service.close();
      env.service = await startLogisticsQueue(config);
    },
    stop: async () => {
      env.client.close();
      await env.pool.end();
      await env.service.close();
      await redis.stop();
      const admin = new Pool({ connectionString: SERVER_URL, max: 1 });
      await admin.query(`DROP DATABASE IF EXISTS ${database} WITH (FORCE)`).catch(() => undefined);
      await admin.end();
    },
  };
  return env;
}

export interface TestShipment {
  readonly id: string;
  readonly plate: string;
  readonly gateCode: string;
}

/** A random valid Vietnamese plate as a person types it, e.g. `29C-123.45`. */
export function randomPlate(): string {
  const digits = String(10_000 + (randomBytes(3).readUIntBE(0, 3) % 89_999));
  return `29C-${digits.slice(0, 3)}.${digits.slice(3)}`;
}

export function normalised(plate: string): string {
  return plate.toUpperCase().replace(/[\s.-]/g, '');
}

/** ShipmentRegistered as the registry publishes it. */
export function registered(
  shipment: TestShipment,
  options: { hsCode?: string; plannedArrival?: Date; direction?: 'EXPORT' | 'IMPORT' } = {},
): OutgoingEvent<unknown> {
  return {
    contract: EVENTS.shipmentRegistered,
    key: shipment.id,
    source: '/cuakhau/registry',
    message: EVENTS.shipmentRegistered.fromJSON({
      shipmentId: shipment.id,
      organisationId: 'org-1',
      gateCode: shipment.gateCode,
      direction: options.direction === 'IMPORT' ? 'DIRECTION_IMPORT' : 'DIRECTION_EXPORT',
      declarationNumber: '305123456780',
      plannedArrival: (
        options.plannedArrival ?? new Date(Date.now() + 5 * 3_600_000)
      ).toISOString(),
      vehicle: { plate: shipment.plate, country: 'VN' },
      normalisedPlate: normalised(shipment.plate),
      goods: [
        {
          hsCode: options.hsCode ?? '85171200',
          description: 'phones',
          quantity: 1,
          unit: 'PCE',
          grossKg: 1000,
          valueUsd: 1,
          origin: 'VN',
        },
      ],
      version: 1,
      registeredAt: new Date().toISOString(),
    }),
  };
}

export function cleared(shipment: TestShipment, hsCode = '85171200'): OutgoingEvent<unknown> {
  return {
    contract: EVENTS.shipmentCleared,
    key: shipment.id,
    source: '/cuakhau/registry',
    message: EVENTS.shipmentCleared.fromJSON({
      shipmentId: shipment.id,
      gateCode: shipment.gateCode,
      normalisedPlate: normalised(shipment.plate),
      clearedAt: new Date().toISOString(),
      version: 5,
      hsCodes: [hsCode],
      direction: 'DIRECTION_EXPORT',
    }),
  };
}

export function crossed(shipment: TestShipment, laneId: string): OutgoingEvent<unknown> {
  return {
    contract: EVENTS.borderGuardCrossingRecorded,
    key: shipment.id,
    source: '/cuakhau/border-guard',
    message: EVENTS.borderGuardCrossingRecorded.fromJSON({
      shipmentId: shipment.id,
      gateCode: shipment.gateCode,
      plate: normalised(shipment.plate),
      direction: 'DIRECTION_EXPORT',
      laneId,
      crossedAt: new Date().toISOString(),
    }),
  };
}

export function newShipment(gateCode: string): TestShipment {
  return { id: randomUUID(), plate: randomPlate(), gateCode };
}

export interface TopicMessage {
  readonly key: string;
  readonly type: string;
  readonly data: Record<string, unknown>;
}

/** Reads what is published on `topic` from now on; `messages` fills in the background. */
export async function readTopicFromNow(
  kafka: Kafka,
  topic: string,
): Promise<{ messages: TopicMessage[]; stop(): Promise<void> }> {
  const groupId = uniqueName('queue_test_reader');
  await startGroupAtEnd(kafka, groupId, [topic]);
  const messages: TopicMessage[] = [];
  const consumer = kafka.consumer({ groupId, maxWaitTimeInMs: 100 });
  await consumer.connect();
  await consumer.subscribe({ topics: [topic], fromBeginning: true });
  await consumer.run({
    eachMessage: ({ message }) => {
      messages.push({
        key: message.key?.toString('utf8') ?? '',
        type: message.headers?.['ce_type']?.toString() ?? '',
        data: JSON.parse(message.value?.toString('utf8') ?? '{}') as Record<string, unknown>,
      });
      return Promise.resolve();
    },
  });
  return { messages, stop: () => consumer.disconnect() };
}

export { freePort };
