import { randomBytes } from 'node:crypto';
import {
  credentials,
  loadPackageDefinition,
  type Client,
  type ServiceClientConstructor,
  type ServiceError,
} from '@grpc/grpc-js';
import { Kafka, logLevel, type KafkaMessage } from 'kafkajs';
import { Pool } from 'pg';
import { commonV1, EVENTS, grpcPackageDefinition, registryV1, TOPICS } from '@cuakhau/contracts';
import { createFreshDatabase } from '@cuakhau/local-infra';
import {
  encodeEvent,
  headersAsText,
  parseBrokers,
  uuidv7,
  type EnvelopeHeaders,
} from '@cuakhau/messaging';
import { codedErrorFromGrpc, type CodedError, type RunningService } from '@cuakhau/platform';
import { loadCustomsConfig } from '../../src/customs.config';
import { CUSTOMS_PROTO, startCustoms } from '../../src/customs.service';
import { freePort } from '@cuakhau/testing';

export const KAFKA_BROKERS = process.env.KAFKA_BROKERS ?? '127.0.0.1:9092';
const SERVER_URL = process.env.DATABASE_URL ?? 'postgres://postgres@127.0.0.1:5432/postgres';
export const TEST_SAMPLING_SECRET = 'customs-int-test-sampling-secret-0123456789';

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
  key: string | null;
  value: string | null;
  headers: EnvelopeHeaders;
}

/** Reads what is published on `topics` from now on; `messages` fills in the background. */
export async function readTopicsFromNow(
  kafka: Kafka,
  topics: readonly string[],
): Promise<{ messages: ReadMessage[]; stop(): Promise<void> }> {
  const groupId = uniqueName('customs_test_reader');
  await startGroupAtEnd(kafka, groupId, topics);
  const messages: ReadMessage[] = [];
  const consumer = kafka.consumer({ groupId, maxWaitTimeInMs: 100 });
  await consumer.connect();
  await consumer.subscribe({ topics: [...topics], fromBeginning: true });
  await consumer.run({
    eachMessage: ({ topic, message }: { topic: string; message: KafkaMessage }) => {
      messages.push({
        topic,
        key: message.key?.toString('utf8') ?? null,
        value: message.value?.toString('utf8') ?? null,
        headers: headersAsText(message.headers),
      });
      return Promise.resolve();
    },
  });
  return { messages, stop: () => consumer.disconnect() };
}

/** Publishes registry events exactly as the registry's relay would; returns their ids. */
export async function publishRegistry(
  kafka: Kafka,
  events: readonly {
    contract: 'registered' | 'amended' | 'cancelled';
    message: unknown;
    id?: string;
  }[],
): Promise<string[]> {
  const producer = kafka.producer({ allowAutoTopicCreation: false });
  await producer.connect();
  try {
    const ids: string[] = [];
    for (const event of events) {
      const contract =
        event.contract === 'registered'
          ? EVENTS.shipmentRegistered
          : event.contract === 'amended'
            ? EVENTS.shipmentAmended
            : EVENTS.shipmentCancelled;
      const message = event.message as { shipmentId: string };
      const encoded = encodeEvent({
        contract: contract as typeof EVENTS.shipmentRegistered,
        key: message.shipmentId,
        source: '/cuakhau/registry',
        message: event.message as registryV1.ShipmentRegistered,
        ...(event.id === undefined ? {} : { id: event.id }),
      });
      await producer.send({
        topic: TOPICS.registry,
        acks: -1,
        messages: [{ key: encoded.key, value: encoded.value, headers: encoded.headers }],
      });
      ids.push(encoded.id);
    }
    return ids;
  } finally {
    await producer.disconnect();
  }
}

type Unary = (
  request: unknown,
  callback: (error: ServiceError | null, response?: unknown) => void,
) => void;

/** A promise-based CustomsService client over the same codecs the server uses. */
export class CustomsClient {
  private readonly client: Client;

  constructor(address: string) {
    const loaded = loadPackageDefinition(grpcPackageDefinition(CUSTOMS_PROTO));
    const service = (loaded['cuakhau'] as Record<string, Record<string, Record<string, unknown>>>)[
      'customs'
    ]?.['v1']?.['CustomsService'] as ServiceClientConstructor;
    this.client = new service(address, credentials.createInsecure());
  }

  call<Response>(method: string, request: unknown): Promise<Response> {
    const unary = (this.client as unknown as Record<string, Unary>)[method];
    if (unary === undefined) throw new Error(`no method ${method}`);
    return new Promise((resolve, reject) => {
      unary.call(this.client, request, (error, response) => {
        if (error !== null) reject(error);
        else resolve(response as Response);
      });
    });
  }

  close(): void {
    this.client.close();
  }
}

/** The gRPC status and CodedError of a call that must fail. */
export async function grpcFailure(
  call: Promise<unknown>,
): Promise<{ status: number; error: CodedError | undefined }> {
  try {
    await call;
  } catch (error) {
    return failureOf(error);
  }
  throw new Error('the call succeeded; a failure was expected');
}

/** The gRPC status and CodedError of an error a call was rejected with. */
export function failureOf(error: unknown): { status: number; error: CodedError | undefined } {
  return { status: (error as ServiceError).code, error: codedErrorFromGrpc(error) };
}

export interface CustomsUnderTest {
  readonly service: RunningService;
  readonly client: CustomsClient;
  readonly pool: Pool;
  readonly kafka: Kafka;
  stop(): Promise<void>;
}

/** Customs in-process on a fresh database, its consumer group starting at the topic's end. */
export async function startCustomsUnderTest(name: string): Promise<CustomsUnderTest> {
  const database = uniqueName(`customs_${name}`);
  const databaseUrl = await createFreshDatabase(SERVER_URL, database);
  const groupId = uniqueName('customs_test');
  const kafka = testKafka(groupId);
  await startGroupAtEnd(kafka, groupId, [TOPICS.registry]);
  const config = loadCustomsConfig({
    DATABASE_URL: databaseUrl,
    KAFKA_BROKERS,
    HTTP_PORT: '0',
    GRPC_PORT: String(await freePort()),
    LOG_LEVEL: process.env.CUSTOMS_TEST_LOG_LEVEL ?? 'warn',
    CUSTOMS_CONSUMER_GROUP: groupId,
    CUSTOMS_CONSUMER_MAX_ATTEMPTS: '2',
    CUSTOMS_SAMPLING_SECRET: TEST_SAMPLING_SECRET,
    NODE_ENV: 'test',
  });
  const service = await startCustoms(config);
  const client = new CustomsClient(service.grpcUrl ?? '');
  const pool = new Pool({ connectionString: databaseUrl, max: 2 });
  return {
    service,
    client,
    pool,
    kafka,
    stop: async () => {
      client.close();
      await pool.end();
      await service.close();
      const admin = new Pool({ connectionString: SERVER_URL, max: 1 });
      await admin.query(`DROP DATABASE IF EXISTS ${database} WITH (FORCE)`).catch(() => undefined);
      await admin.end();
    },
  };
}

/** A ShipmentRegistered payload: one goods line, VN origin, an invoice. */
export function registered(
  shipmentId: string,
  goods: Partial<commonV1.GoodsLine>,
  overrides: Partial<registryV1.ShipmentRegistered> = {},
): registryV1.ShipmentRegistered {
  return {
    shipmentId,
    organisationId: `org-${randomBytes(4).toString('hex')}`,
    gateCode: 'MONGCAI',
    direction: commonV1.Direction.DIRECTION_EXPORT,
    declarationNumber: String(
      100_000_000_000 + (randomBytes(5).readUIntBE(0, 5) % 899_999_999_999),
    ),
    plannedArrival: new Date(Date.now() + 86_400_000).toISOString(),
    vehicle: { plate: '14C-123.45', trailerPlate: '', country: 'VN' },
    normalisedPlate: '14C12345',
    driver: { name: 'Nguyễn Văn An', documentNumber: 'C1234567', nationality: 'VN', phone: '' },
    goods: [
      {
        hsCode: '94036090',
        description: 'Bàn ghế gỗ / wooden furniture',
        quantity: 120,
        unit: 'PCE',
        grossKg: 3000,
        valueUsd: 15000,
        origin: 'VN',
        ...goods,
      },
    ],
    documents: [{ type: 'INVOICE', number: 'INV-2026-0001' }],
    version: 1,
    registeredAt: new Date().toISOString(),
    registeredBy: { kind: commonV1.ActorKind.ACTOR_KIND_TRADER, id: 'trader1', displayName: '' },
    ...overrides,
  };
}

export { uuidv7 };
