import { Inject, Injectable } from '@nestjs/common';
import type { queueServiceV1, registryServiceV1 } from '@cuakhau/contracts';
import { CodedError } from '@cuakhau/platform';
import type { GatewayConfig } from '../../gateway.config';
import { GATEWAY_CONFIG } from '../../gateway.tokens';
import { RegistryClient } from '../../shipments/infrastructure/registry.client';
import { statusName } from '../../shipments/transport/shipment.mapper';
import { lookupKeyOf, type QueueEntryState } from '../domain/driver-lookup';
import { DriverPassGuard, isNoMatch, tooManyGuesses } from './driver-pass.guard';
import { positionView, type QueuePositionView, type QueueStanding } from '../domain/queue-position';
import { DriverViewCache, type CachedLookup } from '../infrastructure/driver-view.cache';
import { PositionBatcher } from '../infrastructure/position-batcher';
import { QueueUpdatesSubscriber } from '../infrastructure/queue-updates.subscriber';

interface DriverCommand {
  readonly plate: string;
  readonly passCode: string;
  readonly clientIp: string;
}

/**
 * The driver's view from plate + pass code. A wrong pass code answers exactly like an
 * unknown plate (404), and wrong guesses are counted per address (429 past the limit).
 *
 * What the registry and the queue answered is kept a short while (DriverViewCache), only
 * for a plate + pass code the registry matched and only while the gate's change channel is
 * heard, so a polling driver costs no gRPC call and a change is seen at once. Concurrent
 * reads of the same thing share one gRPC call, and an entry near the end of its life is
 * read again in the background (it is still within its TTL meanwhile), so that busy
 * drivers never all wait on the registry at once.
 */
@Injectable()
export class ReadQueuePositionHandler {
  private readonly lookupsInFlight = new Map<
    string,
    Promise<registryServiceV1.LookupByPlateAndPassResponse>
  >();
  private readonly standingsInFlight = new Map<string, Promise<QueueStanding | undefined>>();

  constructor(
    private readonly registry: RegistryClient,
    private readonly positions: PositionBatcher,
    private readonly pass: DriverPassGuard,
    private readonly cache: DriverViewCache,
    private readonly updates: QueueUpdatesSubscriber,
    @Inject(GATEWAY_CONFIG) private readonly config: GatewayConfig,
  ) {}

  async execute(command: DriverCommand): Promise<QueuePositionView> {
    const lookupKey = lookupKeyOf(command.plate, command.passCode);
    let summary = this.cache.lookup(lookupKey);
    if (summary !== undefined) {
      // A pair the registry matched a moment ago: only an address this process saw go over
      // the limit is refused (no Redis round trip). Only wrong guesses raise the counter,
      // and they are never answered from here: they reach the registry and Redis below.
      const wait = this.cache.blockedFor(command.clientIp);
      if (wait !== undefined) throw tooManyGuesses(wait);
      if (this.cache.lookupDue(lookupKey)) this.refreshLookup(command, lookupKey);
    } else {
      summary = await this.lookup(command, lookupKey);
    }
    return positionView(summary, await this.standingOf(summary));
  }

  private async lookup(command: DriverCommand, lookupKey: string): Promise<CachedLookup> {
    const mark = this.cache.mark();
    const summary = await this.pass.match(
      command.clientIp,
      async () => (await this.registryLookup(command, lookupKey)).shipment,
      (retryAfterSeconds) => this.cache.rememberBlocked(command.clientIp, retryAfterSeconds),
    );
    const found = lookupOf(summary);
    if (await this.watching(found.gateCode)) this.cache.rememberLookup(lookupKey, found, mark);
    return found;
  }

  /** Reads a kept pair again in the background; a pair the registry no longer matches goes. */
  private refreshLookup(command: DriverCommand, lookupKey: string): void {
    if (this.lookupsInFlight.has(lookupKey)) return;
    const mark = this.cache.mark();
    this.registryLookup(command, lookupKey).then(
      async ({ shipment }) => {
        if (shipment === undefined) return this.cache.forgetLookup(lookupKey);
        const found = lookupOf(shipment);
        if (await this.watching(found.gateCode)) this.cache.rememberLookup(lookupKey, found, mark);
      },
      (error: unknown) => {
        // Unreachable registry: the entry simply runs out.
        if (isNoMatch(error)) this.cache.forgetLookup(lookupKey);
      },
    );
  }

  /** One registry call per plate + pass code at a time, shared by whoever asks meanwhile. */
  private registryLookup(
    command: DriverCommand,
    lookupKey: string,
  ): Promise<registryServiceV1.LookupByPlateAndPassResponse> {
    let flight = this.lookupsInFlight.get(lookupKey);
    if (flight === undefined) {
      flight = this.registry
        .lookupByPlateAndPass({ plate: command.plate, passCode: command.passCode })
        .finally(() => this.lookupsInFlight.delete(lookupKey));
      this.lookupsInFlight.set(lookupKey, flight);
    }
    return flight;
  }

  /**
   * The queue's own answer; undefined when the truck is not in the queue or the queue
   * service cannot answer (the driver then sees the registry status and its explanation).
   */
  private async standingOf(summary: CachedLookup): Promise<QueueStanding | undefined> {
    const cached = this.cache.standing(summary.shipmentId);
    if (cached === undefined) return this.queueStanding(summary);
    if (this.cache.standingDue(summary.shipmentId)) {
      this.queueStanding(summary).catch(() => undefined);
    }
    return cached.standing;
  }

  /** One queue call per shipment at a time; what it answered is kept (see DriverViewCache). */
  private queueStanding(summary: CachedLookup): Promise<QueueStanding | undefined> {
    const { shipmentId } = summary;
    let flight = this.standingsInFlight.get(shipmentId);
    if (flight === undefined) {
      const mark = this.cache.mark();
      flight = this.readStanding(shipmentId)
        .then(async (answer) => {
          if (answer.keep && (await this.watching(summary.gateCode))) {
            this.cache.rememberStanding(shipmentId, answer.standing, mark);
          }
          return answer.standing;
        })
        .finally(() => this.standingsInFlight.delete(shipmentId));
      this.standingsInFlight.set(shipmentId, flight);
    }
    return flight;
  }

  private async readStanding(
    shipmentId: string,
  ): Promise<{ standing: QueueStanding | undefined; keep: boolean }> {
    try {
      return { standing: standingOf(await this.positions.position(shipmentId)), keep: true };
    } catch (error) {
      if (!(error instanceof CodedError)) throw error;
      // Not in the queue (yet) is an answer worth keeping: the arrival is announced on the
      // gate's channel. A queue that cannot answer is asked again next time.
      return { standing: undefined, keep: error.kind === 'NOT_FOUND' };
    }
  }

  /** Whether the gate's changes are heard (subscribing the first time); else nothing is kept. */
  private async watching(gateCode: string): Promise<boolean> {
    if (this.config.DRIVER_CACHE_TTL_MS === 0) return false;
    if (this.updates.isWatching(gateCode)) return true;
    try {
      await this.updates.watch(gateCode);
      return true;
    } catch {
      return false;
    }
  }
}

function lookupOf(summary: registryServiceV1.ShipmentSummary): CachedLookup {
  return {
    shipmentId: summary.shipmentId,
    gateCode: summary.gateCode,
    status: statusName(summary.status),
  };
}

function standingOf(position: queueServiceV1.QueuePosition): QueueStanding {
  return {
    state: entryState(position.status),
    position: position.position > 0 ? position.position : null,
    etaMinutes: position.eta?.known === true ? position.eta.minutes : null,
    lane: position.laneId === '' ? null : position.laneId,
    explanation: {
      vi: position.explanation?.vi ?? '',
      en: position.explanation?.en || position.explanation?.vi || '',
      zh: position.explanation?.zh ?? '',
    },
  };
}

function entryState(status: queueServiceV1.QueueEntryStatus | string): QueueEntryState {
  switch (String(status).replace(/^QUEUE_ENTRY_STATUS_/, '')) {
    case 'WAITING':
      return 'WAITING';
    case 'CALLED':
      return 'CALLED';
    case 'DEPARTED':
      return 'DEPARTED';
    case 'REMOVED':
      return 'REMOVED';
    default:
      return 'UNKNOWN';
  }
}
