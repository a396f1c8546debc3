import { Redis } from 'ioredis';
import { queueServiceV1, queueV1, TOPICS } from '@cuakhau/contracts';
import { codedErrorFromGrpc } from '@cuakhau/platform';
import { eventually } from '@cuakhau/testing';
import { ApplyNoShowHandler } from '../src/yard/application/apply-no-show.handler';
import {
  cleared,
  crossed,
  newShipment,
  publish,
  readTopicFromNow,
  registered,
  startQueueUnderTest,
  type QueueUnderTest,
  type TestShipment,
  type TopicMessage,
} from './support/queue-test-env';

jest.setTimeout(90_000);

const NO_SHOW_AFTER_MS = 4_000;
const { QueueEntryStatus, UnmatchedReason } = queueServiceV1;

describe('logistics queue (real PostgreSQL + Redis + Kafka)', () => {
  let queue: QueueUnderTest;
  let topic: { messages: TopicMessage[]; stop(): Promise<void> };

  beforeAll(async () => {
    queue = await startQueueUnderTest('int', NO_SHOW_AFTER_MS);
    topic = await readTopicFromNow(queue.kafka, TOPICS.queue);
  });

  afterAll(async () => {
    await topic?.stop();
    await queue?.stop();
  });

  async function known(...shipments: TestShipment[]): Promise<void> {
    await eventually(async () => {
      const { rows } = await queue.pool.query<{ n: string }>(
        'SELECT count(*) AS n FROM shipments WHERE id = ANY($1::uuid[])',
        [shipments.map((shipment) => shipment.id)],
      );
      expect(Number(rows[0]?.n)).toBe(shipments.length);
    });
  }

  async function clearedInYard(...shipments: TestShipment[]): Promise<void> {
    await eventually(async () => {
      const { rows } = await queue.pool.query<{ n: string }>(
        'SELECT count(*) AS n FROM shipments WHERE cleared AND id = ANY($1::uuid[])',
        [shipments.map((shipment) => shipment.id)],
      );
      expect(Number(rows[0]?.n)).toBe(shipments.length);
    });
  }

  async function addLanes(gateCode: string, count: number): Promise<string[]> {
    const ids = Array.from({ length: count }, (_, index) => `${gateCode}-L${index + 1}`);
    for (const id of ids) {
      await queue.pool.query(
        `INSERT INTO lanes (id, gate_code, name, direction, capabilities, open) VALUES ($1, $2, $1, 'EXPORT', '{}', true)`,
        [id, gateCode],
      );
    }
    return ids;
  }

  const manual = (shipment: TestShipment) => ({
    gateCode: shipment.gateCode,
    plate: shipment.plate,
    source: queueV1.ArrivalSource.ARRIVAL_SOURCE_MANUAL,
  });

  it('matches arrivals to one shipment of the gate; low-confidence, unknown and ambiguous plates go to the unmatched list', async () => {
    const truck = newShipment('ARRIVE');
    const twinA = newShipment('ARRIVE');
    const twinB = { ...newShipment('ARRIVE'), plate: twinA.plate.replace('-', ' ') };
    await publish(queue.kafka, [registered(truck), registered(twinA), registered(twinB)]);
    await known(truck, twinA, twinB);

    const blurry = await queue.client.recordArrival({
      ...manual(truck),
      source: queueV1.ArrivalSource.ARRIVAL_SOURCE_ANPR,
      cameraId: 'cam-1',
      confidence: 0.4,
    });
    expect(blurry.matched).toBe(false);
    expect(blurry.unmatched?.reason).toBe(UnmatchedReason.UNMATCHED_REASON_LOW_CONFIDENCE);
    expect(blurry.unmatched?.candidateShipmentIds).toEqual([truck.id]);

    const first = await queue.client.recordArrival({
      ...manual(truck),
      plate: truck.plate.toLowerCase().replace('-', ' '),
    });
    expect(first).toMatchObject({ matched: true, shipmentId: truck.id, duplicate: false });
    const again = await queue.client.recordArrival(manual(truck));
    expect(again).toMatchObject({ matched: true, shipmentId: truck.id, duplicate: true });

    const ambiguous = await queue.client.recordArrival(manual(twinA));
    expect(ambiguous.matched).toBe(false);
    expect(ambiguous.unmatched?.reason).toBe(UnmatchedReason.UNMATCHED_REASON_AMBIGUOUS);
    expect([...(ambiguous.unmatched?.candidateShipmentIds ?? [])].sort()).toEqual(
      [twinA.id, twinB.id].sort(),
    );
    const unknown = await queue.client.recordArrival({ ...manual(truck), plate: '99Z-999.99' });
    expect(unknown.unmatched?.reason).toBe(UnmatchedReason.UNMATCHED_REASON_NO_SHIPMENT);

    const listed = await queue.client.listUnmatched({ gateCode: 'ARRIVE' });
    expect(listed.arrivals.map((arrival) => arrival.id).sort()).toEqual(
      [blurry.unmatched?.id, ambiguous.unmatched?.id, unknown.unmatched?.id].sort(),
    );

    const confirmed = await queue.client.confirmUnmatched({
      unmatchedId: ambiguous.unmatched?.id ?? '',
      shipmentId: twinB.id,
      actor: 'yard1',
    });
    expect(confirmed.arrival?.shipmentId).toBe(twinB.id);
    await queue.client.dismissUnmatched({
      unmatchedId: unknown.unmatched?.id ?? '',
      actor: 'yard1',
    });
    const failure = await queue.client
      .confirmUnmatched({ unmatchedId: unknown.unmatched?.id ?? '', shipmentId: truck.id })
      .then(() => undefined, codedErrorFromGrpc);
    expect(failure?.code).toBe('QUEUE.UNMATCHED_ALREADY_RESOLVED');

    const arrived = await eventually(() => {
      const found = topic.messages.filter(
        (message) => message.type === 'cuakhau.queue.v1.TruckArrived',
      );
      const keys = found.map((message) => message.key);
      if (!keys.includes(truck.id) || !keys.includes(twinB.id)) throw new Error('not yet');
      return found;
    });
    expect(arrived.filter((message) => message.key === truck.id)).toHaveLength(1);
    expect(arrived.some((message) => message.key === twinA.id)).toBe(false);
  });

  it('orders the queue perishable → on-slot → regular, explains each place and publishes it on Redis pub/sub', async () => {
    const subscriber = new Redis(queue.redisUrl);
    const published: Record<string, unknown>[] = [];
    subscriber.on('message', (_channel: string, text: string) => {
      published.push(JSON.parse(text) as Record<string, unknown>);
    });
    await subscriber.subscribe('cuakhau:queue:ORDER');
    try {
      const regular = newShipment('ORDER');
      const onSlot = newShipment('ORDER');
      const perishable = newShipment('ORDER');
      await publish(queue.kafka, [
        registered(regular),
        registered(onSlot, { plannedArrival: new Date() }),
        registered(perishable, { hsCode: '08109010' }),
      ]);
      await known(regular, onSlot, perishable);
      for (const truck of [regular, onSlot, perishable]) {
        await queue.client.recordArrival(manual(truck));
      }
      const listed = await queue.client.listQueue({ gateCode: 'ORDER' });
      expect(listed.positions.map((position) => position.shipmentId)).toEqual([
        perishable.id,
        onSlot.id,
        regular.id,
      ]);
      const last = await queue.client.getPosition({ shipmentId: regular.id });
      expect(last.position).toMatchObject({
        status: QueueEntryStatus.QUEUE_ENTRY_STATUS_WAITING,
        position: 3,
        explanation: {
          en: '3rd: 1 perishable and 1 on-slot trucks ahead; your class: regular',
        },
      });
      expect(last.position?.explanation?.vi).toContain('Thứ 3');
      // No lane at this gate: no ETA is invented.
      expect(last.position?.eta).toMatchObject({ known: false, basis: { en: 'No lane is open' } });

      const latest = await eventually(() => {
        const mine = published.filter((message) => message['shipmentId'] === regular.id);
        const final = mine[mine.length - 1];
        if (final?.['position'] !== 3) throw new Error('position 3 not published yet');
        return final;
      });
      expect(latest).toMatchObject({
        type: 'queue.position',
        version: 1,
        gateCode: 'ORDER',
        status: 'WAITING',
        priorityClass: 'REGULAR',
      });
    } finally {
      subscriber.disconnect();
    }
  });

  it('10 parallel call-next on 2 free lanes with 3 cleared trucks make exactly 2 calls of 2 different trucks; a crossing frees the lane', async () => {
    const lanes = await addLanes('RACE', 2);
    const trucks = [newShipment('RACE'), newShipment('RACE'), newShipment('RACE')];
    await publish(queue.kafka, [
      ...trucks.map((t) => registered(t)),
      ...trucks.map((t) => cleared(t)),
    ]);
    await clearedInYard(...trucks);
    for (const truck of trucks) await queue.client.recordArrival(manual(truck));

    const outcomes = await Promise.allSettled(
      Array.from({ length: 10 }, (_, index) =>
        queue.client.callNext({ laneId: lanes[index % 2], actor: `op${index}` }),
      ),
    );
    const calls = outcomes.flatMap((outcome) =>
      outcome.status === 'fulfilled' ? [outcome.value] : [],
    );
    expect(calls).toHaveLength(2);
    expect(new Set(calls.map((call) => call.shipmentId)).size).toBe(2);
    expect(new Set(calls.map((call) => call.laneId))).toEqual(new Set(lanes));
    const refusals = outcomes.flatMap((outcome) =>
      outcome.status === 'rejected' ? [codedErrorFromGrpc(outcome.reason)?.code] : [],
    );
    expect(new Set(refusals)).toEqual(new Set(['QUEUE.LANE_BUSY']));

    const first = calls[0];
    if (first === undefined) throw new Error('no call');
    const firstTruck = trucks.find((truck) => truck.id === first.shipmentId);
    if (firstTruck === undefined) throw new Error('unknown truck');
    await publish(queue.kafka, [crossed(firstTruck, first.laneId)]);
    await eventually(async () => {
      const { lanes: listed } = await queue.client.listLanes({ gateCode: 'RACE' });
      expect(listed.find((lane) => lane.id === first.laneId)?.busyShipmentId).toBe('');
    });
    const gone = await queue.client.getPosition({ shipmentId: first.shipmentId });
    expect(gone.position?.status).toBe(QueueEntryStatus.QUEUE_ENTRY_STATUS_DEPARTED);
    const next = await queue.client.callNext({ laneId: first.laneId });
    expect(calls.map((call) => call.shipmentId)).not.toContain(next.shipmentId);
  });

  it('a called truck that does not cross is a no-show once, even after Redis lost everything and the service restarted', async () => {
    const [laneId] = await addLanes('NOSHOW', 1);
    const truck = newShipment('NOSHOW');
    await publish(queue.kafka, [registered(truck), cleared(truck)]);
    await clearedInYard(truck);
    await queue.client.recordArrival(manual(truck));
    const call = await queue.client.callNext({ laneId });
    expect(call.shipmentId).toBe(truck.id);

    const redis = new Redis(queue.redisUrl);
    await redis.flushall();
    expect(await redis.dbsize()).toBe(0);
    redis.disconnect();
    await queue.restart();

    const noShow = await eventually(
      () => {
        const found = topic.messages.filter(
          (message) => message.type === 'cuakhau.queue.v1.TruckNoShow' && message.key === truck.id,
        );
        if (found.length === 0) throw new Error('no TruckNoShow yet');
        return found;
      },
      { timeoutMs: 30_000 },
    );
    expect(noShow[0]?.data).toMatchObject({ laneId, noShowCount: 1, requeued: true });

    const handler = queue.service.app.get(ApplyNoShowHandler);
    const { rows } = await queue.pool.query<{ id: string }>(
      'SELECT id FROM calls WHERE shipment_id = $1',
      [truck.id],
    );
    expect(await handler.execute(rows[0]?.id ?? '')).toEqual({
      kind: 'IGNORE',
      why: 'ALREADY_NO_SHOW',
    });

    const position = await eventually(async () => {
      const answer = await queue.client.getPosition({ shipmentId: truck.id });
      expect(answer.position?.status).toBe(QueueEntryStatus.QUEUE_ENTRY_STATUS_WAITING);
      return answer.position;
    });
    expect(position).toMatchObject({ position: 1, noShowCount: 1 });
    const { lanes } = await queue.client.listLanes({ gateCode: 'NOSHOW' });
    expect(lanes[0]?.busyShipmentId).toBe('');
    // Still exactly one no-show after the duplicate attempt.
    await new Promise((resolve) => setImmediate(resolve));
    expect(
      topic.messages.filter(
        (message) => message.type === 'cuakhau.queue.v1.TruckNoShow' && message.key === truck.id,
      ),
    ).toHaveLength(1);
  });
});
