import { Inject, Injectable } from '@nestjs/common';
import { Redis } from 'ioredis';
import type { LogisticsQueueConfig } from '../../logistics-queue.config';
import { QUEUE_CONFIG } from '../../logistics-queue.tokens';
import type { GateRate } from '../domain/eta';
import { CLASSES_IN_ORDER } from '../domain/queue-order';
import type { PriorityClass } from '../domain/yard';
import { LivePositions, type LiveTruck } from '../application/live-positions.port';
import type { PositionView, TruckRecord } from '../application/position-view';

/** The pub/sub channel of a gate's position changes (read by the gateway's SSE stream). */
export function positionsChannel(gateCode: string): string {
  return `cuakhau:queue:${gateCode}`;
}

/** A published change of one truck: its view plus the message type, shape version and time. */
export interface PositionMessage extends PositionView {
  readonly type: 'queue.position';
  readonly version: 1;
  readonly at: string;
}

/**
 * Published once per change of a gate that may move other trucks (an arrival, a call, a
 * departure, a no-show, a lane opened or closed): every driver of the gate re-reads their
 * position (the gateway re-reads on any message of the channel).
 */
export interface QueueMovedMessage {
  readonly type: 'queue.moved';
  readonly version: 1;
  readonly gateCode: string;
  readonly at: string;
}

/** Seconds a departed / removed truck's last record stays readable. */
const GONE_TTL_SECONDS = 24 * 3600;

/**
 * One round trip, one atomic read: the record, and for a waiting truck the gate's rate, its
 * rank in its class and the sizes of the classes called before it. Empty when the record is
 * missing; rate '' when the gate or the truck's place in its set is missing (inconsistent).
 * KEYS[1] the record; ARGV: key prefix, shipment id, the classes in call order. The gate's
 * keys are named from the record (one Redis, no cluster slots to respect).
 */
const READ_SCRIPT = `
local fields = redis.call('HMGET', KEYS[1], 'record', 'gate', 'class', 'status')
local record = fields[1]
if not record then return {} end
if fields[4] ~= 'WAITING' then return {record} end
local gate = ARGV[1] .. ':gate:' .. fields[2]
local rate = redis.call('GET', gate .. ':rate')
if not rate then return {record, ''} end
local rank = redis.call('ZRANK', gate .. ':class:' .. fields[3], ARGV[2])
if not rank then return {record, ''} end
local result = {record, rate, rank}
for i = 3, #ARGV do
  if ARGV[i] == fields[3] then break end
  result[#result + 1] = redis.call('ZCARD', gate .. ':class:' .. ARGV[i])
end
return result
`;

type ReadReply = [] | [string] | [string, string] | [string, string, number, ...number[]];

interface ScriptedRedis extends Redis {
  queuePosition(
    key: string,
    prefix: string,
    shipmentId: string,
    ...classes: string[]
  ): Promise<ReadReply>;
}

type ScriptedPipeline = ReturnType<Redis['pipeline']> & {
  queuePosition(key: string, prefix: string, shipmentId: string, ...classes: string[]): unknown;
};

const NO_RATE: GateRate = { known: false };

/**
 * Live positions in Redis (nothing here is the source of truth; rebuilt from PostgreSQL):
 * - `<prefix>:truck:<shipmentId>` — hash: `record` (JSON {@link TruckRecord}), `gate`,
 *   `class`, `status` (no TTL while in the yard; 24 h after it left);
 * - `<prefix>:gate:<gate>:class:<class>` — sorted set of the class's waiting trucks, score =
 *   queued time (epoch ms), ties by shipment id: exactly the queue order of PostgreSQL;
 * - `<prefix>:gate:<gate>:rate` — the gate's call rate (JSON); its absence = gate not built;
 * - changes PUBLISHed on `cuakhau:queue:<gate>`: {@link PositionMessage}, {@link QueueMovedMessage}.
 * A call is one record written and one ZREM: no other truck's key is touched.
 */
@Injectable()
export class RedisLivePositions extends LivePositions {
  private readonly prefix: string;
  private readonly redis: ScriptedRedis;
  /** The last rate text read per gate and its parsed value (most reads see the same text). */
  private readonly rates = new Map<string, { text: string; rate: GateRate }>();

  constructor(redis: Redis, @Inject(QUEUE_CONFIG) config: LogisticsQueueConfig) {
    super();
    this.prefix = config.QUEUE_REDIS_PREFIX;
    if (!('queuePosition' in redis)) {
      redis.defineCommand('queuePosition', { numberOfKeys: 1, lua: READ_SCRIPT });
    }
    this.redis = redis as ScriptedRedis;
  }

  private truckKey(shipmentId: string): string {
    return `${this.prefix}:truck:${shipmentId}`;
  }

  private classKey(gateCode: string, priorityClass: PriorityClass): string {
    return `${this.prefix}:gate:${gateCode}:class:${priorityClass}`;
  }

  private rateKey(gateCode: string): string {
    return `${this.prefix}:gate:${gateCode}:rate`;
  }

  async replaceGate(
    gateCode: string,
    records: readonly TruckRecord[],
    rate: GateRate,
  ): Promise<void> {
    const multi = this.redis.multi();
    for (const priorityClass of CLASSES_IN_ORDER) {
      const key = this.classKey(gateCode, priorityClass);
      multi.del(key);
      const members = records.filter(
        (record) => record.status === 'WAITING' && record.priorityClass === priorityClass,
      );
      if (members.length > 0) {
        multi.zadd(key, ...members.flatMap((record) => [record.queuedAt, record.shipmentId]));
      }
    }
    for (const record of records) this.writeRecord(multi, record);
    multi.set(this.rateKey(gateCode), JSON.stringify(rate));
    await multi.exec();
  }

  async update(
    gateCode: string,
    records: readonly TruckRecord[],
    rate: GateRate | undefined,
  ): Promise<void> {
    const multi = this.redis.multi();
    for (const record of records) {
      for (const priorityClass of CLASSES_IN_ORDER) {
        multi.zrem(this.classKey(gateCode, priorityClass), record.shipmentId);
      }
      if (record.status === 'WAITING') {
        multi.zadd(
          this.classKey(gateCode, record.priorityClass),
          record.queuedAt,
          record.shipmentId,
        );
      }
      this.writeRecord(multi, record);
    }
    if (rate !== undefined) multi.set(this.rateKey(gateCode), JSON.stringify(rate));
    await multi.exec();
  }

  private writeRecord(multi: ReturnType<Redis['multi']>, record: TruckRecord): void {
    const key = this.truckKey(record.shipmentId);
    multi.hset(key, {
      record: JSON.stringify(record),
      gate: record.gateCode,
      class: record.priorityClass,
      status: record.status,
    });
    if (record.status === 'DEPARTED' || record.status === 'REMOVED') {
      multi.expire(key, GONE_TTL_SECONDS);
    } else {
      multi.persist(key);
    }
  }

  async hasGate(gateCode: string): Promise<boolean> {
    return (await this.redis.exists(this.rateKey(gateCode))) === 1;
  }

  async waitingPerClass(gateCode: string): Promise<Record<string, number>> {
    const counts: Record<string, number> = {};
    const sizes = await Promise.all(
      CLASSES_IN_ORDER.map((priorityClass) =>
        this.redis.zcard(this.classKey(gateCode, priorityClass)),
      ),
    );
    CLASSES_IN_ORDER.forEach((priorityClass, index) => {
      counts[priorityClass] = sizes[index] ?? 0;
    });
    return counts;
  }

  async read(shipmentId: string): Promise<LiveTruck | undefined> {
    const reply = await this.redis.queuePosition(
      this.truckKey(shipmentId),
      this.prefix,
      shipmentId,
      ...CLASSES_IN_ORDER,
    );
    return this.liveTruckOf(reply);
  }

  /** One pipeline of the read script, one call per truck: a single round trip. */
  async readMany(shipmentIds: readonly string[]): Promise<(LiveTruck | undefined)[]> {
    if (shipmentIds.length === 0) return [];
    const pipeline = this.redis.pipeline() as ScriptedPipeline;
    for (const shipmentId of shipmentIds) {
      pipeline.queuePosition(
        this.truckKey(shipmentId),
        this.prefix,
        shipmentId,
        ...CLASSES_IN_ORDER,
      );
    }
    const replies = (await pipeline.exec()) ?? [];
    return shipmentIds.map((_, index) => {
      const [error, reply] = replies[index] ?? [new Error('no reply'), undefined];
      return error === null ? this.liveTruckOf(reply as ReadReply) : undefined;
    });
  }

  private liveTruckOf(reply: ReadReply): LiveTruck | undefined {
    const [recordText, rateText, rank, ...before] = reply;
    if (recordText === undefined) return undefined;
    const record = JSON.parse(recordText) as TruckRecord;
    if (rateText === undefined) return { record, standing: undefined, rate: NO_RATE };
    if (rateText === '' || rank === undefined) return undefined;
    const waitingPerClass: Record<PriorityClass, number> = {
      PERISHABLE: 0,
      ON_SLOT: 0,
      REGULAR: 0,
    };
    before.forEach((size, index) => {
      const priorityClass = CLASSES_IN_ORDER[index];
      if (priorityClass !== undefined) waitingPerClass[priorityClass] = size;
    });
    return {
      record,
      standing: { rankInClass: rank, waitingPerClass },
      rate: this.rateOf(record.gateCode, rateText),
    };
  }

  private rateOf(gateCode: string, text: string): GateRate {
    const cached = this.rates.get(gateCode);
    if (cached?.text === text) return cached.rate;
    const rate = JSON.parse(text) as GateRate;
    this.rates.set(gateCode, { text, rate });
    return rate;
  }

  async announce(gateCode: string, views: readonly PositionView[], moved: boolean): Promise<void> {
    if (views.length === 0 && !moved) return;
    const at = new Date().toISOString();
    const channel = positionsChannel(gateCode);
    const pipeline = this.redis.pipeline();
    for (const view of views) {
      const message: PositionMessage = { type: 'queue.position', version: 1, ...view, at };
      pipeline.publish(channel, JSON.stringify(message));
    }
    if (moved) {
      const message: QueueMovedMessage = { type: 'queue.moved', version: 1, gateCode, at };
      pipeline.publish(channel, JSON.stringify(message));
    }
    await pipeline.exec();
  }
}
