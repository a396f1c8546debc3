import { randomBytes, randomUUID } from 'node:crypto';
import * as os from 'node:os';
import * as path from 'node:path';
import {
  credentials,
  loadPackageDefinition,
  type Client,
  type ServiceClientConstructor,
  type ServiceError,
} from '@grpc/grpc-js';
import { Kafka, logLevel, type KafkaMessage } from 'kafkajs';
import {
  borderGuardServiceV1,
  commonV1,
  EVENTS,
  grpcPackageDefinition,
  TOPICS,
} from '@cuakhau/contracts';
import { createFreshDatabase } from '@cuakhau/local-infra';
import {
  encodeEvent,
  headersAsText,
  outgoing,
  parseBrokers,
  type EnvelopeHeaders,
  type OutgoingEvent,
} from '@cuakhau/messaging';
import { codedErrorFromGrpc, type CodedError, type RunningService } from '@cuakhau/platform';
import { Pool } from 'pg';
import type { Observable } from 'rxjs';
import { loadBorderGuardConfig } from '../../src/border-guard.config';
import { BORDER_GUARD_PROTO, startBorderGuard } from '../../src/border-guard.service';
import { freePort } from '@cuakhau/testing';

export const KAFKA_BROKERS = process.env.KAFKA_BROKERS ?? '127.0.0.1:9092';
const SERVER_URL = process.env.DATABASE_URL ?? 'postgres://postgres@127.0.0.1:5432/postgres';

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
  key: string | null;
  value: string | null;
  headers: EnvelopeHeaders;
}

/** Reads what is published on `topic` from now on; `messages` fills in the background. */
export async function readTopicFromNow(
  kafka: Kafka,
  topic: string,
): Promise<{ messages: ReadMessage[]; stop(): Promise<void> }> {
  const groupId = uniqueName('border_guard_test_reader');
  await startGroupAtEnd(kafka, groupId, [topic]);
  const messages: ReadMessage[] = [];
  const consumer = kafka.consumer({ groupId, maxWaitTimeInMs: 100 });
  await consumer.connect();
  await consumer.subscribe({ topics: [topic], fromBeginning: true });
  await consumer.run({
    eachMessage: ({ message }: { message: KafkaMessage }) => {
      messages.push({
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
): Promise<void> {
  const producer = kafka.producer({ allowAutoTopicCreation: false });
  await producer.connect();
  try {
    for (const event of events.map((item) => encodeEvent(item))) {
      await producer.send({
        topic: event.topic,
        acks: -1,
        messages: [{ key: event.key, value: event.value, headers: event.headers }],
      });
    }
  } finally {
    await producer.disconnect();
  }
}

type Unary = (
  request: unknown,
  callback: (error: ServiceError | null, response?: unknown) => void,
) => void;

type Api = borderGuardServiceV1.BorderGuardServiceController;
type Req<M extends keyof Api> = Partial<Parameters<Api[M]>[0]>;
type Res<M extends keyof Api> = Exclude<Awaited<ReturnType<Api[M]>>, Observable<unknown>>;

/** A promise-based BorderGuardService client over the same codecs the server uses. */
export class BorderGuardClient {
  private readonly client: Client;

  constructor(address: string) {
    const loaded = loadPackageDefinition(grpcPackageDefinition(BORDER_GUARD_PROTO));
    const service = (loaded['cuakhau'] as Record<string, Record<string, Record<string, unknown>>>)[
      'border_guard'
    ]?.['v1']?.['BorderGuardService'] as ServiceClientConstructor;
    this.client = new service(address, credentials.createInsecure());
  }

  call<M extends keyof Api>(method: M, request: Req<M>): Promise<Res<M>> {
    const unary = (this.client as unknown as Record<string, Unary>)[method];
    if (unary === undefined) throw new Error(`no method ${String(method)}`);
    return new Promise((resolve, reject) => {
      unary.call(this.client, request, (error, response) => {
        if (error !== null) reject(error);
        else resolve(response as Res<M>);
      });
    });
  }

  close(): void {
    this.client.close();
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

/** The gRPC status and CodedError of an error a call was rejected with. */
export function failureOf(error: unknown): { status: number; error: CodedError | undefined } {
  return { status: (error as ServiceError).code, error: codedErrorFromGrpc(error) };
}

export interface BorderGuardUnderTest {
  readonly service: RunningService;
  readonly client: BorderGuardClient;
  readonly kafka: Kafka;
  readonly pool: Pool;
  stop(): Promise<void>;
}

/** The border guard in-process on a fresh database, its group starting at the topics' end. */
export async function startBorderGuardUnderTest(name: string): Promise<BorderGuardUnderTest> {
  const database = uniqueName(`border_guard_${name}`);
  const databaseUrl = await createFreshDatabase(SERVER_URL, database);
  const groupId = uniqueName('border_guard_test');
  const kafka = testKafka(groupId);
  await startGroupAtEnd(kafka, groupId, [TOPICS.registry, TOPICS.queue]);
  const config = loadBorderGuardConfig({
    DATABASE_URL: databaseUrl,
    KAFKA_BROKERS,
    HTTP_PORT: '0',
    GRPC_PORT: String(await freePort()),
    LOG_LEVEL: process.env.BORDER_GUARD_TEST_LOG_LEVEL ?? 'warn',
    BORDER_GUARD_CONSUMER_GROUP: groupId,
    BORDER_GUARD_CONSUMER_MAX_ATTEMPTS: '2',
    BORDER_GUARD_SIGNING_KEY_DIR: path.join(os.tmpdir(), uniqueName('border_guard_keys')),
    DATABASE_POOL_SIZE: '5',
    NODE_ENV: 'test',
  });
  const service = await startBorderGuard(config);
  const client = new BorderGuardClient(service.grpcUrl ?? '');
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
      const admin = new Pool({ connectionString: SERVER_URL, max: 1 });
      await admin.query(`DROP DATABASE IF EXISTS ${database} WITH (FORCE)`).catch(() => undefined);
      await admin.end();
    },
  };
}

export const REGISTRY_SOURCE = '/cuakhau/registry';

/** A ShipmentRegistered as the registry publishes it; the plate 14C-123.45 has a demo permit. */
export function registered(
  overrides: { driverName?: string; documentNumber?: string; plate?: string; id?: string } = {},
): { shipmentId: string; event: OutgoingEvent<unknown> } {
  const shipmentId = randomUUID();
  const plate = overrides.plate ?? '14C-123.45';
  return {
    shipmentId,
    event: outgoing({
      contract: EVENTS.shipmentRegistered,
      key: shipmentId,
      source: REGISTRY_SOURCE,
      ...(overrides.id === undefined ? {} : { id: overrides.id }),
      message: {
        shipmentId,
        organisationId: 'org-1',
        gateCode: 'MONGCAI',
        direction: commonV1.Direction.DIRECTION_EXPORT,
        declarationNumber: '305123456780',
        plannedArrival: new Date(Date.now() + 2 * 86_400_000).toISOString(),
        vehicle: { plate, trailerPlate: '', country: 'VN' },
        normalisedPlate: plate.toUpperCase().replace(/[^A-Z0-9]/g, ''),
        driver: {
          name: overrides.driverName ?? 'Lê Thị Hoa',
          documentNumber: overrides.documentNumber ?? 'C7654321',
          nationality: 'VN',
          phone: '+84912345678',
        },
        goods: [],
        documents: [],
        version: 1,
        registeredAt: new Date().toISOString(),
        registeredBy: {
          kind: commonV1.ActorKind.ACTOR_KIND_TRADER,
          id: 'trader1',
          displayName: '',
        },
      },
    }),
  };
}

export function truckCalled(shipmentId: string, laneId: string): OutgoingEvent<unknown> {
  return outgoing({
    contract: EVENTS.truckCalled,
    key: shipmentId,
    source: '/cuakhau/logistics-queue',
    message: {
      shipmentId,
      laneId,
      calledAt: new Date().toISOString(),
      deadline: new Date(Date.now() + 600_000).toISOString(),
      gateCode: 'MONGCAI',
      plate: '14C12345',
    },
  });
}

export const OFFICER: commonV1.Actor = {
  kind: commonV1.ActorKind.ACTOR_KIND_OFFICER,
  id: 'borderguard1',
  displayName: 'Officer One',
};
