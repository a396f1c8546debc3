import { randomBytes } from 'node:crypto';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import * as path from 'node:path';
import {
  credentials,
  loadPackageDefinition,
  type Client,
  type ServiceClientConstructor,
  type ServiceError,
} from '@grpc/grpc-js';
import { Kafka, logLevel, type KafkaMessage } from 'kafkajs';
import { Pool } from 'pg';
import { grpcPackageDefinition, quarantineServiceV1, TOPICS } from '@cuakhau/contracts';
import { createFreshDatabase } from '@cuakhau/local-infra';
import {
  encodeEvent,
  headersAsText,
  parseBrokers,
  type EnvelopeHeaders,
  type OutgoingEvent,
} from '@cuakhau/messaging';
import { codedErrorFromGrpc, type CodedError, type RunningService } from '@cuakhau/platform';
import { loadQuarantineConfig } from '../../src/quarantine.config';
import { QUARANTINE_PROTO, startQuarantine } from '../../src/quarantine.service';
import { freePort } from '@cuakhau/testing';

export const KAFKA_BROKERS = process.env.KAFKA_BROKERS ?? '127.0.0.1:9092';
const SERVER_URL = process.env.DATABASE_URL ?? 'postgres://postgres@127.0.0.1:5432/postgres';

/** Topics quarantine consumes. */
export const CONSUMED_TOPICS = [TOPICS.registry];

export function uniqueName(prefix: string): string {
  return `${prefix}_${Date.now().toString(36)}_${randomBytes(3).toString('hex')}`;
}

export function testKafka(clientId: string): Kafka {
  return new Kafka({ clientId, brokers: parseBrokers(KAFKA_BROKERS), logLevel: logLevel.NOTHING });
}

/** Commits `groupId` at the current end of `topics`, so it reads only what comes next. */
export async function startGroupAtEnd(
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

export interface ReadMessage {
  topic: string;
  partition: number;
  key: string | null;
  value: string | null;
  headers: EnvelopeHeaders;
}

/** Reads what is published on `topics` from now on; `messages` fills in the background. */
export async function readTopicsFromNow(
  kafka: Kafka,
  topics: readonly string[],
): Promise<{ messages: ReadMessage[]; stop(): Promise<void> }> {
  const groupId = uniqueName('quarantine_test_reader');
  await startGroupAtEnd(kafka, groupId, topics);
  const messages: ReadMessage[] = [];
  const consumer = kafka.consumer({ groupId, maxWaitTimeInMs: 100 });
  await consumer.connect();
  await consumer.subscribe({ topics: [...topics], fromBeginning: true });
  await consumer.run({
    eachMessage: ({
      topic,
      partition,
      message,
    }: {
      topic: string;
      partition: number;
      message: KafkaMessage;
    }) => {
      messages.push({
        topic,
        partition,
        key: message.key?.toString('utf8') ?? null,
        value: message.value?.toString('utf8') ?? null,
        headers: headersAsText(message.headers),
      });
      return Promise.resolve();
    },
  });
  return { messages, stop: () => consumer.disconnect() };
}

/** Publishes events exactly as another service's relay would (CloudEvents binary mode). */
export async function publish(
  kafka: Kafka,
  events: readonly OutgoingEvent<unknown>[],
): Promise<string[]> {
  const producer = kafka.producer({ allowAutoTopicCreation: false });
  await producer.connect();
  try {
    const encoded = events.map((event) => encodeEvent(event));
    for (const event of encoded) {
      await producer.send({
        topic: event.topic,
        acks: -1,
        messages: [{ key: event.key, value: event.value, headers: event.headers }],
      });
    }
    return encoded.map((event) => event.id);
  } finally {
    await producer.disconnect();
  }
}

type Unary = (
  request: unknown,
  callback: (error: ServiceError | null, response?: unknown) => void,
) => void;

/** A promise-based QuarantineService client over the same codecs the server uses. */
export class QuarantineClient {
  private readonly client: Client;

  constructor(address: string) {
    const loaded = loadPackageDefinition(grpcPackageDefinition(QUARANTINE_PROTO));
    const service = (loaded['cuakhau'] as Record<string, Record<string, Record<string, unknown>>>)[
      'quarantine'
    ]?.['v1']?.['QuarantineService'] as ServiceClientConstructor;
    this.client = new service(address, credentials.createInsecure());
  }

  getCase(
    request: Partial<quarantineServiceV1.GetCaseRequest>,
  ): Promise<quarantineServiceV1.GetCaseResponse> {
    return this.call('getCase', request);
  }

  listCases(
    request: Partial<quarantineServiceV1.ListCasesRequest>,
  ): Promise<quarantineServiceV1.ListCasesResponse> {
    return this.call('listCases', request);
  }

  recordSample(
    request: Partial<quarantineServiceV1.RecordSampleRequest>,
  ): Promise<quarantineServiceV1.RecordSampleResponse> {
    return this.call('recordSample', request);
  }

  recordLabResult(
    request: Partial<quarantineServiceV1.RecordLabResultRequest>,
  ): Promise<quarantineServiceV1.RecordLabResultResponse> {
    return this.call('recordLabResult', request);
  }

  recordDecision(
    request: Partial<quarantineServiceV1.RecordDecisionRequest>,
  ): Promise<quarantineServiceV1.RecordDecisionResponse> {
    return this.call('recordDecision', request);
  }

  listControlledGoods(
    request: Partial<quarantineServiceV1.ListControlledGoodsRequest>,
  ): Promise<quarantineServiceV1.ListControlledGoodsResponse> {
    return this.call('listControlledGoods', request);
  }

  addControlledGoods(
    request: Partial<quarantineServiceV1.AddControlledGoodsRequest>,
  ): Promise<quarantineServiceV1.AddControlledGoodsResponse> {
    return this.call('addControlledGoods', request);
  }

  expireControlledGoods(
    request: Partial<quarantineServiceV1.ExpireControlledGoodsRequest>,
  ): Promise<quarantineServiceV1.ExpireControlledGoodsResponse> {
    return this.call('expireControlledGoods', request);
  }

  removeControlledGoods(
    request: Partial<quarantineServiceV1.RemoveControlledGoodsRequest>,
  ): Promise<quarantineServiceV1.RemoveControlledGoodsResponse> {
    return this.call('removeControlledGoods', request);
  }

  listSigningKeys(): Promise<quarantineServiceV1.ListSigningKeysResponse> {
    return this.call('listSigningKeys', {});
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

/** The gRPC status and the CodedError a failed call carries. */
export async function grpcFailure(
  call: Promise<unknown>,
): Promise<{ status: number; error: CodedError | undefined }> {
  try {
    await call;
  } catch (error) {
    return { status: (error as ServiceError).code, error: codedErrorFromGrpc(error) };
  }
  throw new Error('the call succeeded; a failure was expected');
}

export interface QuarantineUnderTest {
  readonly service: RunningService;
  readonly client: QuarantineClient;
  readonly kafka: Kafka;
  readonly pool: Pool;
  stop(): Promise<void>;
}

/** Quarantine in-process on a fresh database, its consumer group starting at the topic's end. */
export async function startQuarantineUnderTest(name: string): Promise<QuarantineUnderTest> {
  const database = uniqueName(`quarantine_${name}`);
  const databaseUrl = await createFreshDatabase(SERVER_URL, database);
  const groupId = uniqueName('quarantine_test');
  const kafka = testKafka(groupId);
  await startGroupAtEnd(kafka, groupId, CONSUMED_TOPICS);
  const keyDir = mkdtempSync(path.join(tmpdir(), 'quarantine-keys-'));
  const config = loadQuarantineConfig({
    DATABASE_URL: databaseUrl,
    KAFKA_BROKERS,
    HTTP_PORT: '0',
    GRPC_PORT: String(await freePort()),
    LOG_LEVEL: process.env.QUARANTINE_TEST_LOG_LEVEL ?? 'warn',
    QUARANTINE_CONSUMER_GROUP: groupId,
    QUARANTINE_CONSUMER_MAX_ATTEMPTS: '2',
    QUARANTINE_DEV_KEY_DIR: keyDir,
    NODE_ENV: 'test',
  });
  const service = await startQuarantine(config);
  const client = new QuarantineClient(service.grpcUrl ?? '');
  const pool = new Pool({ connectionString: databaseUrl, max: 2 });
  return {
    service,
    client,
    kafka,
    pool,
    stop: async () => {
      client.close();
      await pool.end();
      await service.close();
      rmSync(keyDir, { recursive: true, force: true });
      const admin = new Pool({ connectionString: SERVER_URL, max: 1 });
      await admin.query(`DROP DATABASE IF EXISTS ${database} WITH (FORCE)`).catch(() => undefined);
      await admin.end();
    },
  };
}
