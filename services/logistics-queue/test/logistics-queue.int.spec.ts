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
/** Short, so that a Redis flush is repaired while the service keeps running. */
const RESYNC_INTERVAL_MS = 500;
const REDIS_PREFIX = 'cuakhau-lq';
const { QueueEntryStatus, UnmatchedReason } = queueServiceV1;

describe('logistics queue (real PostgreSQL + Redis + Kafka)', () => {
  let queue: QueueUnderTest;
  let topic: { messages: TopicMessage[]; stop(): Promise<void> };

  beforeAll(async () => {
    queue = await startQueueUnderTest('int', NO_SHOW_AFTER_MS, {
      resyncIntervalMs: RESYNC_INTERVAL_MS,
    });
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

      // Each arrival publishes the arriving truck's own view, then one "queue moved" for the
      // others of the gate (the gateway re-reads every open stream of the gate on it).
      const messages = await eventually(() => {
        const own = published.filter((message) => message['shipmentId'] === perishable.id);
        const moved = published.filter(
          (message) => message['type'] === 'queue.moved' && message['gateCode'] === 'ORDER',
        );
        if (own.length === 0 || moved.length < 3) throw new Error('not all published yet');
        return published;
      });
      expect(messages.find((message) => message['shipmentId'] === regular.id)).toMatchObject({
        type: 'queue.position',
        version: 1,
        gateCode: 'ORDER',
        status: 'WAITING',
        priorityClass: 'REGULAR',
        position: 1,
      });
      const perishableAt = messages.findIndex((message) => message['shipmentId'] === perishable.id);
      expect(messages[perishableAt]).toMatchObject({
        type: 'queue.position',
        status: 'WAITING',
        priorityClass: 'PERISHABLE',
        position: 1,
        explanation: { zh: '第1位：前面没有车辆；您的类别：生鲜货物（优先）' },
      });
      expect(messages.slice(perishableAt + 1)).toContainEqual(
        expect.objectContaining({ type: 'queue.moved', version: 1, gateCode: 'ORDER' }),
      );
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
    // The live store follows the crossing's commit (LISTEN/NOTIFY), a moment after the lane.
    await eventually(async () => {
      const gone = await queue.client.getPosition({ shipmentId: first.shipmentId });
      expect(gone.position?.status).toBe(QueueEntryStatus.QUEUE_ENTRY_STATUS_DEPARTED);
    });
    const next = await queue.client.callNext({ laneId: first.laneId });
    expect(calls.map((call) => call.shipmentId)).not.toContain(next.shipmentId);
  });

  it('100 concurrent call-next over 10 lanes never call a truck twice; a second wave after the crossings calls 10 other trucks', async () => {
    const lanes = await addLanes('HUNDRED', 10);
    const trucks = Array.from({ length: 30 }, () => newShipment('HUNDRED'));
    await publish(queue.kafka, [
      ...trucks.map((t) => registered(t)),
      ...trucks.map((t) => cleared(t)),
    ]);
    await clearedInYard(...trucks);
    await Promise.all(trucks.map((truck) => queue.client.recordArrival(manual(truck))));

    async function wave(label: string): Promise<queueServiceV1.CallNextResponse[]> {
      const order = await queue.client.listQueue({ gateCode: 'HUNDRED' });
      const firstTen = order.positions
        .filter((position) => position.status === QueueEntryStatus.QUEUE_ENTRY_STATUS_WAITING)
        .slice(0, 10)
        .map((position) => position.shipmentId);
      const outcomes = await Promise.allSettled(
        Array.from({ length: 100 }, (_, index) =>
          queue.client.callNext({ laneId: lanes[index % 10], actor: `${label}-op${index}` }),
        ),
      );
      const calls = outcomes.flatMap((outcome) =>
        outcome.status === 'fulfilled' ? [outcome.value] : [],
      );
      expect(calls).toHaveLength(10);
      // Each lane got exactly one truck, and 10 different trucks: the first 10 of the queue.
      expect(new Set(calls.map((call) => call.laneId))).toEqual(new Set(lanes));
      expect(new Set(calls.map((call) => call.shipmentId)).size).toBe(10);
      expect([...calls.map((call) => call.shipmentId)].sort()).toEqual([...firstTen].sort());
      const refusals = outcomes.flatMap((outcome) =>
        outcome.status === 'rejected' ? [codedErrorFromGrpc(outcome.reason)?.code] : [],
      );
      expect(refusals).toHaveLength(90);
      expect(new Set(refusals)).toEqual(new Set(['QUEUE.LANE_BUSY']));
      return calls;
    }

    const first = await wave('w1');
    const { rows: busy } = await queue.pool.query<{ id: string; shipment_id: string }>(
      `SELECT l.id, c.shipment_id FROM lanes l JOIN calls c ON c.id = l.busy_call_id
       WHERE l.gate_code = 'HUNDRED'`,
    );
    expect(new Map(busy.map((lane) => [lane.id, lane.shipment_id]))).toEqual(
      new Map(first.map((call) => [call.laneId, call.shipmentId])),
    );

    const byId = new Map(trucks.map((truck) => [truck.id, truck]));
    await publish(
      queue.kafka,
      first.map((call) => {
        const truck = byId.get(call.shipmentId);
        if (truck === undefined) throw new Error(`unknown truck ${call.shipmentId}`);
        return crossed(truck, call.laneId);
      }),
    );
    await eventually(async () => {
      const { lanes: listed } = await queue.client.listLanes({ gateCode: 'HUNDRED' });
      expect(listed.map((lane) => lane.busyShipmentId)).toEqual(lanes.map(() => ''));
    });

    const second = await wave('w2');
    const firstIds = new Set(first.map((call) => call.shipmentId));
    expect(second.filter((call) => firstIds.has(call.shipmentId))).toEqual([]);

    const { rows } = await queue.pool.query<{ shipment_id: string; n: string }>(
      `SELECT shipment_id, count(*) AS n FROM calls WHERE gate_code = 'HUNDRED' GROUP BY shipment_id`,
    );
    expect(rows).toHaveLength(20);
    expect(rows.filter((row) => Number(row.n) !== 1)).toEqual([]);
    const { rows: departed } = await queue.pool.query<{ shipment_id: string }>(
      `SELECT shipment_id FROM queue_entries WHERE gate_code = 'HUNDRED' AND status = 'DEPARTED'`,
    );
    expect(departed.map((row) => row.shipment_id).sort()).toEqual([...firstIds].sort());

    const truckCalled = await eventually(() => {
      const found = topic.messages.filter(
        (message) => message.type === 'cuakhau.queue.v1.TruckCalled' && byId.has(message.key),
      );
      if (found.length < 20) throw new Error(`${found.length} TruckCalled so far`);
      return found;
    });
    expect(truckCalled).toHaveLength(20);
    expect(new Set(truckCalled.map((message) => message.key)).size).toBe(20);
  });

  it('Redis flushed while the service keeps running: the resync rebuilds every position and timer from PostgreSQL, none lost', async () => {
    const waiting = [
      newShipment('FLUSH'),
      newShipment('FLUSH'),
      newShipment('FLUSH'),
      newShipment('FLUSH'),
    ];
    const perishable = waiting[3];
    if (perishable === undefined) throw new Error('no truck');
    const [laneId] = await addLanes('FLUSHT', 1);
    const called = newShipment('FLUSHT');
    await publish(queue.kafka, [
      ...waiting.map((t) => registered(t, t === perishable ? { hsCode: '03021400' } : {})),
      registered(called),
      cleared(called),
    ]);
    await known(...waiting, called);
    await clearedInYard(called);
    for (const truck of [...waiting, called]) await queue.client.recordArrival(manual(truck));
    const call = await queue.client.callNext({ laneId });
    expect(call.shipmentId).toBe(called.id);

    const redis = new Redis(queue.redisUrl);
    try {
      const snapshot = async (): Promise<{
        order: Record<string, string[]>;
        views: Record<string, unknown>;
      }> => {
        const order: Record<string, string[]> = {};
        for (const priorityClass of ['PERISHABLE', 'ON_SLOT', 'REGULAR']) {
          order[priorityClass] = await redis.zrange(
            `${REDIS_PREFIX}:gate:FLUSH:class:${priorityClass}`,
            0,
            -1,
          );
        }
        const views: Record<string, unknown> = {};
        for (const truck of waiting) {
          const text = await redis.hget(`${REDIS_PREFIX}:truck:${truck.id}`, 'record');
          views[truck.id] = text === null ? null : (JSON.parse(text) as unknown);
        }
        return { order, views };
      };
      // Redis holds the order (perishable first, then by arrival) and the call's timer.
      const before = await eventually(async () => {
        const current = await snapshot();
        expect(current.order).toEqual({
          PERISHABLE: [perishable.id],
          ON_SLOT: [],
          REGULAR: waiting.slice(0, 3).map((truck) => truck.id),
        });
        expect(Object.values(current.views)).not.toContain(null);
        return current;
      });
      const calledRecord = await redis.hget(`${REDIS_PREFIX}:truck:${called.id}`, 'record');
      expect(JSON.parse(calledRecord ?? '{}')).toMatchObject({ status: 'CALLED', laneId });
      const { rows: pending } = await queue.pool.query<{ id: string }>(
        `SELECT id FROM calls WHERE shipment_id = $1 AND outcome = 'PENDING'`,
        [called.id],
      );
      const timerKey = `${REDIS_PREFIX}:no-show:${pending[0]?.id ?? 'none'}`;
      expect(await redis.exists(timerKey)).toBe(1);

      await redis.flushall();
      expect(await redis.dbsize()).toBe(0);

      // No read goes through the service here (a read miss would rebuild the gate by itself):
      // only the periodic resync can bring these back.
      const after = await eventually(async () => {
        const current = await snapshot();
        expect(current).toEqual(before);
        return current;
      });
      expect(after.views[perishable.id]).toMatchObject({
        priorityClass: 'PERISHABLE',
        status: 'WAITING',
      });
      const rebuilt = await queue.client.getPosition({ shipmentId: waiting[2]?.id ?? '' });
      expect(rebuilt.position).toMatchObject({
        position: 4,
        explanation: { en: '4th: 1 perishable and 2 regular trucks ahead; your class: regular' },
      });

      // The pending call's timer was rebuilt too: the no-show fires, exactly once.
      const noShow = await eventually(
        () => {
          const found = topic.messages.filter(
            (message) =>
              message.type === 'cuakhau.queue.v1.TruckNoShow' && message.key === called.id,
          );
          if (found.length === 0) throw new Error('no TruckNoShow yet');
          return found;
        },
        { timeoutMs: 30_000 },
      );
      expect(noShow[0]?.data).toMatchObject({ laneId, noShowCount: 1, requeued: true });
      await eventually(async () => {
        const text = await redis.hget(`${REDIS_PREFIX}:truck:${called.id}`, 'record');
        expect(JSON.parse(text ?? '{}')).toMatchObject({ status: 'WAITING', noShowCount: 1 });
        expect(await redis.zrank(`${REDIS_PREFIX}:gate:FLUSHT:class:REGULAR`, called.id)).toBe(0);
      });
      const { rows } = await queue.pool.query<{ outcome: string }>(
        'SELECT outcome FROM calls WHERE shipment_id = $1',
        [called.id],
      );
      expect(rows).toEqual([{ outcome: 'NO_SHOW' }]);
      expect(
        topic.messages.filter(
          (message) => message.type === 'cuakhau.queue.v1.TruckNoShow' && message.key === called.id,
        ),
      ).toHaveLength(1);
    } finally {
      redis.disconnect();
    }
  });

  it('Redis flushed: the views of a departed and a called truck come back from PostgreSQL', async () => {
    const [laneA, laneB] = await addLanes('GONE', 2);
    const departed = newShipment('GONE');
    const called = newShipment('GONE');
    const waiting = newShipment('GONE');
    await publish(queue.kafka, [
      ...[departed, called, waiting].map((t) => registered(t)),
      cleared(departed),
      cleared(called),
    ]);
    await known(departed, called, waiting);
    await clearedInYard(departed, called);
    for (const truck of [departed, called, waiting]) {
      await queue.client.recordArrival(manual(truck));
    }
    const first = await queue.client.callNext({ laneId: laneA });
    expect(first.shipmentId).toBe(departed.id);
    await publish(queue.kafka, [crossed(departed, first.laneId)]);
    await eventually(async () => {
      const answer = await queue.client.getPosition({ shipmentId: departed.id });
      expect(answer.position?.status).toBe(QueueEntryStatus.QUEUE_ENTRY_STATUS_DEPARTED);
    });
    const second = await queue.client.callNext({ laneId: laneB });
    expect(second.shipmentId).toBe(called.id);
    // The call's live view is written just after CallNext answers: let it land first.
    await eventually(async () => {
      const answer = await queue.client.getPosition({ shipmentId: called.id });
      expect(answer.position?.status).toBe(QueueEntryStatus.QUEUE_ENTRY_STATUS_CALLED);
    });

    const redis = new Redis(queue.redisUrl);
    try {
      // Flushed until nothing from the settling call (view, no-show timer) lands after it.
      await eventually(async () => {
        await redis.flushall();
        expect(await redis.dbsize()).toBe(0);
      });
      // The departed truck is no longer in the yard: no resync brings it back, the read does.
      const gone = await queue.client.getPosition({ shipmentId: departed.id });
      expect(gone.position).toMatchObject({
        status: QueueEntryStatus.QUEUE_ENTRY_STATUS_DEPARTED,
        position: 0,
        explanation: { en: 'The truck has crossed the gate' },
      });
      expect(await redis.ttl(`${REDIS_PREFIX}:truck:${departed.id}`)).toBeGreaterThan(0);
      const stillCalled = await queue.client.getPosition({ shipmentId: called.id });
      expect(stillCalled.position).toMatchObject({
        status: QueueEntryStatus.QUEUE_ENTRY_STATUS_CALLED,
        laneId: laneB,
        explanation: { en: `Called: drive to lane ${laneB}` },
      });
      const third = await queue.client.getPosition({ shipmentId: waiting.id });
      expect(third.position).toMatchObject({
        status: QueueEntryStatus.QUEUE_ENTRY_STATUS_WAITING,
        position: 1,
      });
    } finally {
      redis.disconnect();
    }
  });

  it('a called truck that does not cross is a no-show once, even after Redis lost everything and the service restarted', async () => {
    const [laneId] = await addLanes('NOSHOW', 1);
    const truck = newShipment('NOSHOW');
    await publish(queue.kafka, [registered(truck), cleared(truck)]);
    await clearedInYard(truck);
    await queue.client.recordArrival(manual(truck));
    const call = await queue.client.callNext({ laneId });
    expect(call.shipmentId).toBe(truck.id);
    // The call's live view and no-show timer are written just after CallNext answers.
    await eventually(async () => {
      const answer = await queue.client.getPosition({ shipmentId: truck.id });
      expect(answer.position?.status).toBe(QueueEntryStatus.QUEUE_ENTRY_STATUS_CALLED);
    });

    const redis = new Redis(queue.redisUrl);
    // Flushed until nothing from the settling call lands after it.
    await eventually(async () => {
      await redis.flushall();
      expect(await redis.dbsize()).toBe(0);
    });
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
