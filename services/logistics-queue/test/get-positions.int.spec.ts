import { randomUUID } from 'node:crypto';
import type { ServiceError } from '@grpc/grpc-js';
import { Redis } from 'ioredis';
import { queueServiceV1, queueV1 } from '@cuakhau/contracts';
import { codedErrorFromGrpc } from '@cuakhau/platform';
import { eventually } from '@cuakhau/testing';
import {
  cleared,
  newShipment,
  publish,
  registered,
  startQueueUnderTest,
  type QueueUnderTest,
  type TestShipment,
} from './support/queue-test-env';

jest.setTimeout(90_000);

const REDIS_PREFIX = 'cuakhau-lq';
const { QueueEntryStatus } = queueServiceV1;

describe('GetPositions (real PostgreSQL + Redis + Kafka)', () => {
  let queue: QueueUnderTest;

  beforeAll(async () => {
    queue = await startQueueUnderTest('positions', 600_000);
  });

  afterAll(async () => {
    await queue?.stop();
  });

  async function inYardDatabase(column: 'true' | 'cleared', ...trucks: TestShipment[]) {
    await eventually(async () => {
      const { rows } = await queue.pool.query<{ n: string }>(
        `SELECT count(*) AS n FROM shipments WHERE ${column} AND id = ANY($1::uuid[])`,
        [trucks.map((truck) => truck.id)],
      );
      expect(Number(rows[0]?.n)).toBe(trucks.length);
    });
  }

  async function refusal(shipmentIds: string[]): Promise<ServiceError> {
    try {
      await queue.client.getPositions({ shipmentIds });
    } catch (error) {
      return error as ServiceError;
    }
    throw new Error('GetPositions accepted the request');
  }

  it('answers several trucks in one call exactly as GetPosition does one by one, a lost record rebuilt, the unknown apart', async () => {
    const gateCode = 'BATCH';
    await queue.pool.query(
      `INSERT INTO lanes (id, gate_code, name, direction, capabilities, open) VALUES ($1, $2, $1, 'EXPORT', '{}', true)`,
      ['BATCH-L1', gateCode],
    );
    const called = newShipment(gateCode);
    const regular = newShipment(gateCode);
    const onSlot = newShipment(gateCode);
    const perishable = newShipment(gateCode);
    const lost = newShipment(gateCode);
    const trucks = [called, regular, onSlot, perishable, lost];
    await publish(queue.kafka, [
      registered(called),
      registered(regular),
      registered(onSlot, { plannedArrival: new Date() }),
      registered(perishable, { hsCode: '08109010' }),
      registered(lost),
      cleared(called),
    ]);
    await inYardDatabase('true', ...trucks);
    await inYardDatabase('cleared', called);
    for (const truck of trucks) {
      await queue.client.recordArrival({
        gateCode,
        plate: truck.plate,
        source: queueV1.ArrivalSource.ARRIVAL_SOURCE_MANUAL,
      });
    }
    const call = await queue.client.callNext({ laneId: 'BATCH-L1' });
    expect(call.shipmentId).toBe(called.id);
    await eventually(async () => {
      const answer = await queue.client.getPosition({ shipmentId: called.id });
      expect(answer.position?.status).toBe(QueueEntryStatus.QUEUE_ENTRY_STATUS_CALLED);
    });

    const redis = new Redis(queue.redisUrl);
    try {
      const lostKey = `${REDIS_PREFIX}:truck:${lost.id}`;
      expect(await redis.del(lostKey)).toBe(1);
      const unknown = randomUUID();
      // Not a UUID: not in any yard either (it used to fail PostgreSQL's uuid cast: INTERNAL).
      const malformed = 'not-a-shipment-id';
      const asked = [
        regular.id,
        unknown,
        called.id,
        lost.id,
        malformed,
        perishable.id,
        regular.id,
        onSlot.id,
      ];

      const batch = await queue.client.getPositions({ shipmentIds: asked });

      expect(batch.notInQueue).toEqual([unknown, malformed]);
      expect(batch.positions.map((position) => position.shipmentId)).toEqual([
        regular.id,
        called.id,
        lost.id,
        perishable.id,
        onSlot.id,
      ]);
      // The lost record was written back from PostgreSQL.
      expect(await redis.hget(lostKey, 'status')).toBe('WAITING');
      const oneByOne = [];
      for (const shipmentId of [regular.id, called.id, lost.id, perishable.id, onSlot.id]) {
        oneByOne.push((await queue.client.getPosition({ shipmentId })).position);
      }
      expect(batch.positions).toEqual(oneByOne);
      expect(batch.positions.map((position) => [position.status, position.position])).toEqual([
        [QueueEntryStatus.QUEUE_ENTRY_STATUS_WAITING, 3],
        [QueueEntryStatus.QUEUE_ENTRY_STATUS_CALLED, 0],
        [QueueEntryStatus.QUEUE_ENTRY_STATUS_WAITING, 4],
        [QueueEntryStatus.QUEUE_ENTRY_STATUS_WAITING, 1],
        [QueueEntryStatus.QUEUE_ENTRY_STATUS_WAITING, 2],
      ]);
      const alone = await queue.client
        .getPosition({ shipmentId: unknown })
        .catch((error: ServiceError) => codedErrorFromGrpc(error));
      expect(alone).toMatchObject({ code: 'QUEUE.SHIPMENT_NOT_IN_QUEUE' });
      const malformedAlone = await queue.client
        .getPosition({ shipmentId: malformed })
        .catch((error: ServiceError) => codedErrorFromGrpc(error));
      expect(malformedAlone).toMatchObject({ code: 'QUEUE.SHIPMENT_NOT_IN_QUEUE' });
    } finally {
      redis.disconnect();
    }
  });

  it('refuses 0 and 501 ids with INVALID_ARGUMENT on the field shipmentIds', async () => {
    const none = await refusal([]);
    expect(codedErrorFromGrpc(none)).toMatchObject({
      code: 'QUEUE.VALIDATION_FAILED',
      kind: 'INVALID',
      fields: [{ field: 'shipmentIds', code: 'REQUIRED' }],
    });
    const tooMany = await refusal(Array.from({ length: 501 }, () => randomUUID()));
    expect(codedErrorFromGrpc(tooMany)).toMatchObject({
      code: 'QUEUE.VALIDATION_FAILED',
      kind: 'INVALID',
      fields: [{ field: 'shipmentIds', code: 'TOO_MANY' }],
    });
    expect([none.code, tooMany.code]).toEqual([3, 3]);
  });
});
