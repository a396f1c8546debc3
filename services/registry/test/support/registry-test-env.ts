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
import { commonV1, grpcPackageDefinition, registryServiceV1, TOPICS } from '@cuakhau/contracts';
import { createFreshDatabase } from '@cuakhau/local-infra';
import {
  encodeEvent,
  headersAsText,
  parseBrokers,
  type EnvelopeHeaders,
  type OutgoingEvent,
} from '@cuakhau/messaging';
import { codedErrorFromGrpc, type CodedError, type RunningService } from '@cuakhau/platform';
import { loadRegistryConfig } from '../../src/registry.config';
import { REGISTRY_PROTO, startRegistry } from '../../src/registry.service';
import { freePort } from '@cuakhau/testing';

export const KAFKA_BROKERS = process.env.KAFKA_BROKERS ?? '127.0.0.1:9092';
const SERVER_URL = process.env.DATABASE_URL ?? 'postgres://postgres@127.0.0.1:5432/postgres';

/** Topics the registry consumes. */
export const CONSUMED_TOPICS = [
  TOPICS.customs,
  TOPICS.borderGuard,
  TOPICS.quarantine,
  TOPICS.queue,
];

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
  const groupId = uniqueName('registry_test_reader');
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

/** A promise-based RegistryService client over the same codecs the server uses. */
export class RegistryClient {
  private readonly client: Client;

  constructor(address: string) {
    const loaded = loadPackageDefinition(grpcPackageDefinition(REGISTRY_PROTO));
    const registry = (loaded['cuakhau'] as Record<string, Record<string, Record<string, unknown>>>)[
      'registry'
    ]?.['v1']?.['RegistryService'] as ServiceClientConstructor;
    this.client = new registry(address, credentials.createInsecure());
  }

  register(
    request: Partial<registryServiceV1.RegisterRequest>,
  ): Promise<registryServiceV1.RegisterResponse> {
    return this.call('register', request);
  }

  get(request: Partial<registryServiceV1.GetRequest>): Promise<registryServiceV1.GetResponse> {
    return this.call('get', request);
  }

  list(request: Partial<registryServiceV1.ListRequest>): Promise<registryServiceV1.ListResponse> {
    return this.call('list', request);
  }

  amend(
    request: Partial<registryServiceV1.AmendRequest>,
  ): Promise<registryServiceV1.AmendResponse> {
    return this.call('amend', request);
  }

  cancel(
    request: Partial<registryServiceV1.CancelRequest>,
  ): Promise<registryServiceV1.CancelResponse> {
    return this.call('cancel', request);
  }

  reissuePass(
    request: Partial<registryServiceV1.ReissuePassRequest>,
  ): Promise<registryServiceV1.ReissuePassResponse> {
    return this.call('reissuePass', request);
  }

  lookupByPlateAndPass(
    request: Partial<registryServiceV1.LookupByPlateAndPassRequest>,
  ): Promise<registryServiceV1.LookupByPlateAndPassResponse> {
    return this.call('lookupByPlateAndPass', request);
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
    return failureOf(error);
  }
  throw new Error('the call succeeded; a failure was expected');
}

/** The gRPC status and CodedError of an error a call was rejected with. */
export function failureOf(error: unknown): { status: number; error: CodedError | undefined } {
  return { status: (error as ServiceError).code, error: codedErrorFromGrpc(error) };
}

export interface RegistryUnderTest {
  readonly service: RunningService;
  readonly client: RegistryClient;
  readonly pool: Pool;
  readonly kafka: Kafka;
  readonly databaseUrl: string;
  stop(): Promise<void>;
}

/** The registry in-process on a fresh database, its consumer group starting at the topics' end. */
export async function startRegistryUnderTest(name: string): Promise<RegistryUnderTest> {
  const database = uniqueName(`registry_${name}`);
  const databaseUrl = await createFreshDatabase(SERVER_URL, database);
  const groupId = uniqueName('registry_test');
  const kafka = testKafka(groupId);
  await startGroupAtEnd(kafka, groupId, CONSUMED_TOPICS);
  const config = loadRegistryConfig({
    DATABASE_URL: databaseUrl,
    KAFKA_BROKERS,
    HTTP_PORT: '0',
    GRPC_PORT: String(await freePort()),
    LOG_LEVEL: process.env.REGISTRY_TEST_LOG_LEVEL ?? 'warn',
    REGISTRY_CONSUMER_GROUP: groupId,
    REGISTRY_CONSUMER_MAX_ATTEMPTS: '2',
    NODE_ENV: 'test',
  });
  const service = await startRegistry(config);
  const client = new RegistryClient(service.grpcUrl ?? '');
  const pool = new Pool({ connectionString: databaseUrl, max: 2 });
  return {
    service,
    client,
    pool,
    kafka,
    databaseUrl,
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

/** A valid Register request (DESIGN.md §5) arriving in two days; override what a test needs. */
export function registerRequest(
  overrides: Partial<registryServiceV1.RegisterRequest> = {},
): Partial<registryServiceV1.RegisterRequest> {
  return {
    organisationId: 'org-1',
    gateCode: 'MONGCAI',
    direction: commonV1.Direction.DIRECTION_EXPORT,
    declarationNumber: randomDeclarationNumber(),
    plannedArrival: new Date(Date.now() + 2 * 24 * 3_600_000).toISOString(),
    vehicle: { plate: '14C-123.45', trailerPlate: '14R-006.78', country: 'VN' },
    driver: {
      name: 'Nguyễn Văn An',
      documentNumber: 'C1234567',
      nationality: 'VN',
      phone: '+84912345678',
    },
    goods: [
      {
        hsCode: '08109010',
        description: 'Vải tươi / fresh lychee',
        quantity: 20000,
        unit: 'KGM',
        grossKg: 21000,
        valueUsd: 18000,
        origin: 'VN',
      },
    ],
    documents: [{ type: 'PHYTO_CERT', number: 'KD-2026-0001' }],
    actor: { kind: commonV1.ActorKind.ACTOR_KIND_TRADER, id: 'trader1', displayName: 'Trader One' },
    ...overrides,
  };
}

export function randomDeclarationNumber(): string {
  return String(100_000_000_000 + (randomBytes(6).readUIntBE(0, 6) % 899_999_999_999));
}

/** A random valid Vietnamese plate, e.g. `29C-123.45`. */
export function randomPlate(): string {
  const digits = String(10_000 + (randomBytes(3).readUIntBE(0, 3) % 89_999));
  return `29C-${digits.slice(0, 3)}.${digits.slice(3)}`;
}
