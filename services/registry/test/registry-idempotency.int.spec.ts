import { randomUUID } from 'node:crypto';
import { status as GrpcStatus } from '@grpc/grpc-js';
import { EVENTS, TOPICS } from '@cuakhau/contracts';
import { uuidv7 } from '@cuakhau/messaging';
import { eventually } from '@cuakhau/testing';
import {
  MAX_BATCH,
  MAX_BATCHES_IN_FLIGHT,
  RegistrationBatcher,
  type RegistrationOutcome,
} from '../src/shipments/application/registration-batcher';
import { commandMeta } from '../src/shipments/application/command-meta';
import { eventsFor } from '../src/shipments/application/shipment-events';
import { decide } from '../src/shipments/domain/state-machine';
import { validRegistration } from '../src/shipments/domain/shipment.fixtures';
import { ShipmentRepository } from '../src/shipments/infrastructure/shipment.repository';
import {
  failureOf,
  grpcFailure,
  randomDeclarationNumber,
  readTopicsFromNow,
  registerRequest,
  startRegistryUnderTest,
  type ReadMessage,
  type RegistryUnderTest,
} from './support/registry-test-env';

jest.setTimeout(60_000);

describe('idempotent Register and grouped writes (real PostgreSQL + Kafka)', () => {
  let registry: RegistryUnderTest;
  let topic: { messages: ReadMessage[]; stop(): Promise<void> };

  beforeAll(async () => {
    registry = await startRegistryUnderTest('idempotency');
    topic = await readTopicsFromNow(registry.kafka, [TOPICS.registry]);
  });

  afterAll(async () => {
    await topic?.stop();
    await registry?.stop();
  });

  /** Rows stored under this organisation's key. */
  async function rowsWithKey(organisationId: string, key: string): Promise<string[]> {
    const result = await registry.pool.query<{ id: string }>(
      'SELECT id FROM shipments WHERE organisation_id = $1 AND idempotency_key = $2',
      [organisationId, key],
    );
    return result.rows.map((row) => row.id);
  }

  /**
   * The ShipmentRegistered messages of `id` once the outbox has drained up to a marker
   * registered afterwards: the relay publishes in outbox order, so when the marker's event is
   * on the topic, every event written before it is too — a second ShipmentRegistered of `id`
   * would be seen here.
   */
  async function registeredEventsOf(id: string): Promise<ReadMessage[]> {
    const marker = await registry.client.register(registerRequest());
    await eventually(() => {
      if (!topic.messages.some((message) => message.key === marker.shipment?.id)) {
        throw new Error('marker not published yet');
      }
    });
    const outbox = await registry.pool.query<{ count: string }>(
      'SELECT count(*) FROM messaging_outbox WHERE message_key = $1',
      [id],
    );
    expect(outbox.rows[0]?.count).toBe('0');
    return topic.messages.filter(
      (message) => message.key === id && message.headers.ce_type === EVENTS.shipmentRegistered.type,
    );
  }

  it('answers a retry with the same key and request with the first shipment: one row, one event', async () => {
    const key = randomUUID();
    const request = registerRequest({ idempotencyKey: key });
    const first = await registry.client.register(request);
    const retry = await registry.client.register(request);

    expect(first.passCode).toMatch(/^[0-9A-Z]{4}-[0-9A-Z]{4}-[0-9A-Z]{4}$/);
    expect(retry.shipment?.id).toBe(first.shipment?.id);
    expect(retry.shipment?.declarationNumber).toBe(request.declarationNumber);
    // The clear code is given out once; a replay carries none (ReissuePass issues a new one).
    expect(retry.passCode).toBe('');
    expect(await rowsWithKey('org-1', key)).toEqual([first.shipment?.id]);
    expect(await registeredEventsOf(first.shipment?.id ?? '')).toHaveLength(1);

    // The first code still works: the replay changed nothing.
    const found = await registry.client.lookupByPlateAndPass({
      plate: '14C-123.45',
      passCode: first.passCode,
    });
    expect(found.shipment?.shipmentId).toBe(first.shipment?.id);
  });

  it('registers once when five identical calls with one key race each other', async () => {
    const key = randomUUID();
    const request = registerRequest({ idempotencyKey: key });
    const answers = await Promise.all([1, 2, 3, 4, 5].map(() => registry.client.register(request)));
    const ids = new Set(answers.map((answer) => answer.shipment?.id));
    expect(ids.size).toBe(1);
    const [id] = [...ids];
    expect(answers.filter((answer) => answer.passCode !== '')).toHaveLength(1);
    expect(await rowsWithKey('org-1', key)).toEqual([id]);
    expect(await registeredEventsOf(id ?? '')).toHaveLength(1);
  });

  it('refuses the same key with a different request (FAILED_PRECONDITION, stable code), concurrently too', async () => {
    const key = randomUUID();
    const first = await registry.client.register(registerRequest({ idempotencyKey: key }));
    const reused = await grpcFailure(
      registry.client.register(registerRequest({ idempotencyKey: key })),
    );
    expect(reused.status).toBe(GrpcStatus.FAILED_PRECONDITION);
    expect(reused.error?.code).toBe('REGISTRY.IDEMPOTENCY_KEY_REUSED');
    expect(reused.error?.message).toContain(first.shipment?.id ?? '?');

    // Two different requests racing with one fresh key: exactly one is registered.
    const raced = randomUUID();
    const outcomes = await Promise.allSettled([
      registry.client.register(registerRequest({ idempotencyKey: raced })),
      registry.client.register(registerRequest({ idempotencyKey: raced })),
    ]);
    expect(outcomes.filter((outcome) => outcome.status === 'fulfilled')).toHaveLength(1);
    const rejected = outcomes.find((outcome) => outcome.status === 'rejected');
    const failure = failureOf(rejected?.status === 'rejected' ? rejected.reason : undefined);
    expect(failure.error?.code).toBe('REGISTRY.IDEMPOTENCY_KEY_REUSED');
    expect(await rowsWithKey('org-1', raced)).toHaveLength(1);
  });

  it('scopes a key to its organisation and validates it', async () => {
    const key = randomUUID();
    const mine = await registry.client.register(registerRequest({ idempotencyKey: key }));
    const theirs = await registry.client.register(
      registerRequest({ idempotencyKey: key, organisationId: 'org-2' }),
    );
    expect(theirs.shipment?.id).not.toBe(mine.shipment?.id);
    expect(theirs.passCode).not.toBe('');

    const invalid = await grpcFailure(
      registry.client.register(registerRequest({ idempotencyKey: 'k'.repeat(201) })),
    );
    expect(invalid.status).toBe(GrpcStatus.INVALID_ARGUMENT);
    expect(invalid.error?.fields.map((field) => `${field.field} ${field.code}`)).toEqual([
      'idempotencyKey REGISTRY.IDEMPOTENCY_KEY_INVALID',
    ]);
  });

  it('refuses a duplicate declaration in a group without failing the others', async () => {
    const declarationNumber = randomDeclarationNumber();
    const requests = Array.from({ length: 12 }, (_, n) =>
      registerRequest(n === 5 || n === 9 ? { declarationNumber } : {}),
    );
    const outcomes = await Promise.allSettled(
      requests.map((request) => registry.client.register(request)),
    );
    const failures = outcomes.flatMap((outcome) =>
      outcome.status === 'rejected' ? [failureOf(outcome.reason).error?.code] : [],
    );
    expect(failures).toEqual(['REGISTRY.DECLARATION_DUPLICATE']);
    expect(outcomes.filter((outcome) => outcome.status === 'fulfilled')).toHaveLength(11);
  });

  it('retries a failed group one by one, so that only the faulty registration fails', async () => {
    // Straight to the batcher, past validation: a gate that does not exist fails its whole
    // group's INSERT (foreign key), not only its own row.
    const batcher = registry.service.app.get(RegistrationBatcher);
    const repository = registry.service.app.get(ShipmentRepository);
    const groupSizes: number[] = [];
    const insertNew = repository.insertNew.bind(repository);
    const spy = jest.spyOn(repository, 'insertNew').mockImplementation((manager, rows) => {
      groupSizes.push(rows.length);
      return insertNew(manager, rows);
    });
    const pending = (gateCode: string) => {
      const decided = decide(null, {
        type: 'RegisterShipment',
        meta: commandMeta('trader:trader1'),
        data: {
          shipmentId: uuidv7(),
          organisationId: 'org-group',
          registration: validRegistration({
            gateCode,
            declarationNumber: randomDeclarationNumber(),
          }),
          passCodeHash: 'a'.repeat(64),
        },
      });
      if (!decided.ok) throw new Error(decided.error.message);
      return { shipment: decided.value.state, events: eventsFor(null, decided.value) };
    };
    // Submitted in one tick: the first MAX_BATCHES_IN_FLIGHT go alone, the rest form a group.
    const count = MAX_BATCHES_IN_FLIGHT + 6;
    expect(count).toBeLessThanOrEqual(MAX_BATCH);
    const registrations = Array.from({ length: count }, (_, n) =>
      pending(n === count - 2 ? 'NOWHERE' : 'MONGCAI'),
    );
    const outcomes = await Promise.allSettled(
      registrations.map((registration) => batcher.submit(registration)),
    ).finally(() => spy.mockRestore());
    // MAX_BATCHES_IN_FLIGHT alone, one group of 6 that failed, then its 6 again one by one.
    expect(groupSizes).toEqual([
      ...Array.from({ length: MAX_BATCHES_IN_FLIGHT }, () => 1),
      6,
      ...Array.from({ length: 6 }, () => 1),
    ]);
    const created = outcomes.filter(
      (outcome): outcome is PromiseFulfilledResult<RegistrationOutcome> =>
        outcome.status === 'fulfilled' && outcome.value.kind === 'created',
    );
    expect(created).toHaveLength(count - 1);
    const failed = outcomes[count - 2];
    expect(failed?.status).toBe('rejected');
    expect(failureOf(failed?.status === 'rejected' ? failed.reason : undefined).error?.code).toBe(
      'REGISTRY.GATE_UNKNOWN',
    );
    const stored = await registry.pool.query<{ count: string }>(
      'SELECT count(*) FROM shipments WHERE organisation_id = $1',
      ['org-group'],
    );
    expect(stored.rows[0]?.count).toBe(String(count - 1));
    expect(await registeredEventsOf(registrations[count - 2]?.shipment.id ?? '')).toEqual([]);
  });
});
