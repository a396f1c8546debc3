import type { queueServiceV1 } from '@cuakhau/contracts';
import { CodedError } from '@cuakhau/platform';
import { MAX_POSITIONS_PER_BATCH, PositionBatcher } from './position-batcher';
import type { QueueClient } from './queue.client';

type Answer = (ids: readonly string[]) => Promise<queueServiceV1.GetPositionsResponse>;

/** A QueueClient whose GetPositions answers from a list of shipments in the queue. */
class FakeQueue {
  readonly calls: string[][] = [];
  answer: Answer;

  constructor(inQueue: readonly string[]) {
    this.answer = (ids) =>
      Promise.resolve({
        positions: ids.filter((id) => inQueue.includes(id)).map((id) => positionOf(id)),
        notInQueue: ids.filter((id) => !inQueue.includes(id)),
      });
  }

  getPositions(
    request: Partial<queueServiceV1.GetPositionsRequest>,
  ): Promise<queueServiceV1.GetPositionsResponse> {
    const ids = [...(request.shipmentIds ?? [])];
    this.calls.push(ids);
    return this.answer(ids);
  }
}

function positionOf(shipmentId: string): queueServiceV1.QueuePosition {
  return {
    shipmentId,
    gateCode: 'G1',
    plate: `P-${shipmentId}`,
    status: 'QUEUE_ENTRY_STATUS_WAITING' as queueServiceV1.QueueEntryStatus,
    position: Number(shipmentId.replace(/\D/g, '')) + 1,
    priorityClass: 'PRIORITY_CLASS_REGULAR' as queueServiceV1.PriorityClass,
    laneId: '',
    cleared: false,
    noShowCount: 0,
  };
}

function batcherOver(queue: FakeQueue): PositionBatcher {
  return new PositionBatcher(queue as unknown as QueueClient);
}

async function settled<T>(promise: Promise<T>): Promise<{ value?: T; error?: unknown }> {
  try {
    return { value: await promise };
  } catch (error) {
    return { error };
  }
}

describe('PositionBatcher', () => {
  it('sends the reads asked in one turn of the event loop as one GetPositions, each asker getting its own position', async () => {
    const queue = new FakeQueue(['s0', 's1', 's2', 's3', 's4']);
    const batcher = batcherOver(queue);
    const asked = ['s3', 's0', 's4', 's1', 's2'];
    const answers = await Promise.all(asked.map((id) => batcher.position(id)));
    expect(queue.calls).toEqual([asked]);
    expect(answers.map((answer) => answer.shipmentId)).toEqual(asked);
    expect(answers.map((answer) => answer.position)).toEqual([4, 1, 5, 2, 3]);
  });

  it('maps the answer by id, whatever order the queue lists the positions in', async () => {
    const queue = new FakeQueue(['s1', 's2']);
    queue.answer = (ids) =>
      Promise.resolve({ positions: [...ids].reverse().map(positionOf), notInQueue: [] });
    const batcher = batcherOver(queue);
    const [first, second] = await Promise.all([batcher.position('s1'), batcher.position('s2')]);
    expect([first.shipmentId, second.shipmentId]).toEqual(['s1', 's2']);
  });

  it('sends a shipment asked twice once and answers both askers', async () => {
    const queue = new FakeQueue(['s1']);
    const batcher = batcherOver(queue);
    const [first, second] = await Promise.all([batcher.position('s1'), batcher.position('s1')]);
    expect(queue.calls).toEqual([['s1']]);
    expect(first).toEqual(second);
  });

  it('sends a lone read at the next turn as a one-id batch, and a later read as another', async () => {
    const queue = new FakeQueue(['s1', 's2']);
    const batcher = batcherOver(queue);
    await batcher.position('s1');
    await batcher.position('s2');
    expect(queue.calls).toEqual([['s1'], ['s2']]);
  });

  it('rejects a shipment not in the queue with the NOT_FOUND CodedError GetPosition gives, the others resolved', async () => {
    const queue = new FakeQueue(['s1']);
    const batcher = batcherOver(queue);
    const [known, unknown] = await Promise.all([
      settled(batcher.position('s1')),
      settled(batcher.position('ghost')),
    ]);
    expect(known.value?.shipmentId).toBe('s1');
    expect(unknown.error).toBeInstanceOf(CodedError);
    expect(unknown.error).toMatchObject({
      code: 'QUEUE.SHIPMENT_NOT_IN_QUEUE',
      kind: 'NOT_FOUND',
      message: 'shipment ghost has not arrived at a yard',
    });
    expect(queue.calls).toEqual([['s1', 'ghost']]);
  });

  it('rejects every asker of a failed call with that same error', async () => {
    const queue = new FakeQueue([]);
    const unavailable = new CodedError('GRPC.UNAVAILABLE', 'UNAVAILABLE', 'queue down');
    queue.answer = () => Promise.reject(unavailable);
    const batcher = batcherOver(queue);
    const outcomes = await Promise.all(
      ['s1', 's2', 's1', 's3'].map((id) => settled(batcher.position(id))),
    );
    expect(outcomes).toHaveLength(4);
    outcomes.forEach((outcome) => expect(outcome.error).toBe(unavailable));
    expect(queue.calls).toHaveLength(1);
  });

  it('rejects an asker the answer forgot with a plain (internal) error', async () => {
    const queue = new FakeQueue(['s1']);
    queue.answer = () => Promise.resolve({ positions: [], notInQueue: [] });
    const outcome = await settled(batcherOver(queue).position('s1'));
    expect(outcome.error).toBeInstanceOf(Error);
    expect(outcome.error).not.toBeInstanceOf(CodedError);
  });

  it(`splits the reads of one turn into batches of ${MAX_POSITIONS_PER_BATCH}, the first leaving at once`, async () => {
    const ids = Array.from({ length: 2 * MAX_POSITIONS_PER_BATCH + 50 }, (_, index) => `s${index}`);
    const queue = new FakeQueue(ids);
    const batcher = batcherOver(queue);
    const asks = ids.slice(0, MAX_POSITIONS_PER_BATCH).map((id) => batcher.position(id));
    // The 200th id sent the batch without waiting for the next turn.
    expect(queue.calls).toHaveLength(1);
    asks.push(...ids.slice(MAX_POSITIONS_PER_BATCH).map((id) => batcher.position(id)));
    const answers = await Promise.all(asks);
    expect(queue.calls.map((call) => call.length)).toEqual([
      MAX_POSITIONS_PER_BATCH,
      MAX_POSITIONS_PER_BATCH,
      50,
    ]);
    expect(queue.calls.flat()).toEqual(ids);
    expect(answers.map((answer) => answer.shipmentId)).toEqual(ids);
  });
});
