import { Inject, Injectable, OnModuleDestroy } from '@nestjs/common';
import { Redis } from 'ioredis';
import type { Logger } from 'pino';
import type { GatewayConfig } from '../../gateway.config';
import { GATEWAY_CONFIG, GATEWAY_LOGGER } from '../../gateway.tokens';
import { DriverViewCache } from './driver-view.cache';

type Listener = (message: string) => void;

/** The Redis channel on which gateways announce that a trader changed a shipment's pass. */
export function driverChangesChannel(config: GatewayConfig): string {
  return `${config.REDIS_KEY_PREFIX}driver:changed`;
}

/**
 * One Redis subscriber connection shared by every open driver stream and the driver view's
 * cache: listeners per gate on the logistics-queue's channel `cuakhau:queue:<gate>`, and the
 * gateways' own `<prefix>driver:changed` channel. Every message first drops what the
 * DriverViewCache holds about the shipment it names, then reaches the listeners, so that a
 * stream re-reading on a message never reads the view from before it.
 */
@Injectable()
export class QueueUpdatesSubscriber implements OnModuleDestroy {
  private subscriber: Redis | undefined;
  private readonly listeners = new Map<string, Set<Listener>>();
  /** Channels kept subscribed for the cache, whether or not a stream listens. */
  private readonly watched = new Set<string>();
  private readonly watching = new Map<string, Promise<void>>();

  constructor(
    @Inject(Redis) private readonly redis: Redis,
    private readonly cache: DriverViewCache,
    @Inject(GATEWAY_CONFIG) private readonly config: GatewayConfig,
    @Inject(GATEWAY_LOGGER) private readonly logger: Logger,
  ) {}

  /** Calls `listener` on every message of the gate's channel until the returned stop. */
  async subscribe(gateCode: string, listener: Listener): Promise<() => Promise<void>> {
    const channel = this.channelOf(gateCode);
    const subscriber = this.connection();
    let set = this.listeners.get(channel);
    if (set === undefined) {
      set = new Set();
      this.listeners.set(channel, set);
      if (!this.watched.has(channel)) await subscriber.subscribe(channel);
    }
    set.add(listener);
    return async () => {
      const current = this.listeners.get(channel);
      current?.delete(listener);
      if (current !== undefined && current.size === 0) {
        this.listeners.delete(channel);
        if (!this.watched.has(channel)) {
          await subscriber.unsubscribe(channel).catch(() => undefined);
        }
      }
    };
  }

  /** Whether the cache hears every change of this gate (so that it may keep its views). */
  isWatching(gateCode: string): boolean {
    return this.watched.has(this.channelOf(gateCode));
  }

  /** Subscribes, for good, to the gate's channel and to the gateways' change announcements. */
  watch(gateCode: string): Promise<void> {
    const channel = this.channelOf(gateCode);
    let pending = this.watching.get(channel);
    if (pending === undefined) {
      const subscriber = this.connection();
      const changes = driverChangesChannel(this.config);
      pending = subscriber.subscribe(channel, changes).then(
        () => {
          this.watched.add(channel);
          this.watched.add(changes);
        },
        (error: unknown) => {
          this.watching.delete(channel);
          throw error;
        },
      );
      this.watching.set(channel, pending);
    }
    return pending;
  }

  async onModuleDestroy(): Promise<void> {
    const subscriber = this.subscriber;
    this.subscriber = undefined;
    this.watched.clear();
    this.watching.clear();
    if (subscriber !== undefined) await subscriber.quit().catch(() => subscriber.disconnect());
  }

  private channelOf(gateCode: string): string {
    return `${this.config.QUEUE_CHANNEL_PREFIX}${gateCode}`;
  }

  private connection(): Redis {
    if (this.subscriber === undefined) {
      const subscriber = this.redis.duplicate();
      subscriber.on('message', (channel: string, message: string) => {
        this.forgetNamedShipment(message);
        for (const listener of this.listeners.get(channel) ?? []) listener(message);
      });
      subscriber.on('error', (error: Error) => {
        this.logger.warn({ err: error }, 'queue updates subscriber error');
      });
      // Messages sent while the connection was down are lost: start the cache afresh.
      subscriber.on('ready', () => this.cache.clear());
      this.subscriber = subscriber;
    }
    return this.subscriber;
  }

  /** A queue position message (JSON with `shipmentId`) or a change announcement (the id). */
  private forgetNamedShipment(message: string): void {
    let shipmentId: unknown = message;
    if (message.startsWith('{')) {
      try {
        shipmentId = (JSON.parse(message) as { shipmentId?: unknown }).shipmentId;
      } catch {
        shipmentId = undefined;
      }
    }
    if (typeof shipmentId === 'string' && shipmentId !== '') this.cache.forget(shipmentId);
    else this.cache.clear();
  }
}
