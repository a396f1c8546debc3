import { Inject, Injectable } from '@nestjs/common';
import type { GatewayConfig } from '../../gateway.config';
import { GATEWAY_CONFIG } from '../../gateway.tokens';
import type { QueueStanding } from '../domain/queue-position';

/** What the registry confirmed for a plate + pass code: whose pass it is, and its status then. */
export interface CachedLookup {
  readonly shipmentId: string;
  readonly gateCode: string;
  readonly status: string;
}

interface Timed<T> {
  readonly value: T;
  readonly expiresAt: number;
}

/**
 * The driver view's short-lived memory (in this process), so that a driver polling the
 * position does not cost a registry and a queue gRPC call each time:
 * - plate + pass-code hash → the shipment the registry matched, with its status;
 * - shipment → the queue's standing.
 * An entry lives DRIVER_CACHE_TTL_MS at most, and is dropped as soon as the shipment
 * changes: on every message of the gate's queue channel naming it, and when a trader
 * cancels, amends or reissues the pass (announced to every gateway through Redis, see
 * DriverViewChanges). A reissued pass code therefore stops working at once; a wrong pass
 * code is never cached and still goes to the registry (404, counted by the limiter).
 *
 * A read that started before a change must not store what it read: `mark()` is taken
 * before the gRPC calls and `remember*` stores nothing if that shipment was forgotten
 * (or everything cleared) since.
 */
@Injectable()
export class DriverViewCache {
  private epoch = 0;
  /** The epoch of the last `clear()`, and of the last `forget()` of each shipment. */
  private clearedAt = 0;
  private readonly changedAt = new Map<string, number>();
  private readonly lookups = new Map<string, Timed<CachedLookup>>();
  private readonly keysOfShipment = new Map<string, Set<string>>();
  private readonly standings = new Map<string, Timed<QueueStanding | undefined>>();
  /** Addresses this process saw go over the wrong-guess limit, until when (ms). */
  private readonly blockedUntil = new Map<string, number>();
  private readonly ttlMs: number;
  private readonly maxEntries: number;

  constructor(@Inject(GATEWAY_CONFIG) config: GatewayConfig) {
    this.ttlMs = config.DRIVER_CACHE_TTL_MS;
    this.maxEntries = config.DRIVER_CACHE_MAX_ENTRIES;
  }

  /** The change counter before a read; hand it back to `remember*`. */
  mark(): number {
    return this.epoch;
  }

  lookup(key: string, now = Date.now()): CachedLookup | undefined {
    const entry = this.lookups.get(key);
    if (entry === undefined) return undefined;
    if (entry.expiresAt > now) return entry.value;
    this.dropLookup(key, entry.value.shipmentId);
    return undefined;
  }

  /** Whether a kept lookup is in the last quarter of its life (read it again in the background). */
  lookupDue(key: string, now = Date.now()): boolean {
    const entry = this.lookups.get(key);
    return entry !== undefined && entry.expiresAt - now < this.ttlMs / 4;
  }

  /** The registry no longer matches this plate + pass code. */
  forgetLookup(key: string): void {
    const entry = this.lookups.get(key);
    if (entry !== undefined) this.dropLookup(key, entry.value.shipmentId);
  }

  rememberLookup(key: string, value: CachedLookup, mark: number, now = Date.now()): void {
    if (this.changedSince(value.shipmentId, mark)) return;
    if (this.lookups.size >= this.maxEntries) this.evictOldestLookup();
    this.lookups.set(key, { value, expiresAt: now + this.ttlMs });
    let keys = this.keysOfShipment.get(value.shipmentId);
    if (keys === undefined) {
      keys = new Set();
      this.keysOfShipment.set(value.shipmentId, keys);
    }
    keys.add(key);
  }

  /** `{ standing }` when known (the standing itself may be undefined: not in the queue). */
  standing(
    shipmentId: string,
    now = Date.now(),
  ): { standing: QueueStanding | undefined } | undefined {
    const entry = this.standings.get(shipmentId);
    if (entry === undefined) return undefined;
    if (entry.expiresAt > now) return { standing: entry.value };
    this.standings.delete(shipmentId);
    return undefined;
  }

  standingDue(shipmentId: string, now = Date.now()): boolean {
    const entry = this.standings.get(shipmentId);
    return entry !== undefined && entry.expiresAt - now < this.ttlMs / 4;
  }

  rememberStanding(
    shipmentId: string,
    standing: QueueStanding | undefined,
    mark: number,
    now = Date.now(),
  ): void {
    if (this.changedSince(shipmentId, mark)) return;
    if (this.standings.size >= this.maxEntries) {
      const oldest = this.standings.keys().next();
      if (oldest.done !== true) this.standings.delete(oldest.value);
    }
    this.standings.set(shipmentId, { value: standing, expiresAt: now + this.ttlMs });
  }

  /** Seconds this address must still wait, as far as this process has seen (no Redis call). */
  blockedFor(address: string, now = Date.now()): number | undefined {
    const until = this.blockedUntil.get(address);
    if (until === undefined) return undefined;
    if (until > now) return Math.max(1, Math.ceil((until - now) / 1_000));
    this.blockedUntil.delete(address);
    return undefined;
  }

  rememberBlocked(address: string, retryAfterSeconds: number, now = Date.now()): void {
    if (this.blockedUntil.size >= this.maxEntries) {
      const oldest = this.blockedUntil.keys().next();
      if (oldest.done !== true) this.blockedUntil.delete(oldest.value);
    }
    this.blockedUntil.set(address, now + retryAfterSeconds * 1_000);
  }

  /** The shipment changed: everything known about it is dropped, reads in flight are not kept. */
  forget(shipmentId: string): void {
    this.epoch += 1;
    this.changedAt.delete(shipmentId);
    if (this.changedAt.size >= this.maxEntries) {
      // Only reads in flight (a gRPC deadline at most) look at these: the oldest can go.
      const oldest = this.changedAt.keys().next();
      if (oldest.done !== true) this.changedAt.delete(oldest.value);
    }
    this.changedAt.set(shipmentId, this.epoch);
    this.standings.delete(shipmentId);
    for (const key of this.keysOfShipment.get(shipmentId) ?? []) this.lookups.delete(key);
    this.keysOfShipment.delete(shipmentId);
  }

  /** Everything is dropped (e.g. the change messages may have been missed). */
  clear(): void {
    this.epoch += 1;
    this.clearedAt = this.epoch;
    this.changedAt.clear();
    this.lookups.clear();
    this.keysOfShipment.clear();
    this.standings.clear();
  }

  private changedSince(shipmentId: string, mark: number): boolean {
    return (
      this.ttlMs === 0 || this.clearedAt > mark || (this.changedAt.get(shipmentId) ?? 0) > mark
    );
  }

  private evictOldestLookup(): void {
    const oldest = this.lookups.entries().next();
    if (oldest.done === true) return;
    const [key, entry] = oldest.value;
    this.dropLookup(key, entry.value.shipmentId);
  }

  private dropLookup(key: string, shipmentId: string): void {
    this.lookups.delete(key);
    const keys = this.keysOfShipment.get(shipmentId);
    keys?.delete(key);
    if (keys?.size === 0) this.keysOfShipment.delete(shipmentId);
  }
}
