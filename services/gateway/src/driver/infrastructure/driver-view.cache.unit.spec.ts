import type { GatewayConfig } from '../../gateway.config';
import type { QueueStanding } from '../domain/queue-position';
import { DriverViewCache } from './driver-view.cache';

const config = (ttlMs: number, max = 100): GatewayConfig =>
  ({ DRIVER_CACHE_TTL_MS: ttlMs, DRIVER_CACHE_MAX_ENTRIES: max }) as unknown as GatewayConfig;

const lookup = { shipmentId: 's-1', gateCode: 'MONGCAI', status: 'CLEARED' };
const standing: QueueStanding = {
  state: 'WAITING',
  position: 2,
  etaMinutes: 6,
  lane: null,
  explanation: { vi: 'thứ 2', en: '2nd', zh: '第2' },
};

describe('DriverViewCache', () => {
  it('keeps a matched lookup and the standing for the TTL, then forgets them', () => {
    const cache = new DriverViewCache(config(2_000));
    cache.rememberLookup('k', lookup, cache.mark(), 1_000);
    cache.rememberStanding('s-1', standing, cache.mark(), 1_000);
    expect(cache.lookup('k', 2_999)).toEqual(lookup);
    expect(cache.standing('s-1', 2_999)).toEqual({ standing });
    expect(cache.lookupDue('k', 2_000)).toBe(false);
    expect(cache.lookupDue('k', 2_600)).toBe(true);
    expect(cache.lookup('k', 3_000)).toBeUndefined();
    expect(cache.standing('s-1', 3_000)).toBeUndefined();
  });

  it('drops everything about a shipment on forget (pass reissued, queue change)', () => {
    const cache = new DriverViewCache(config(60_000));
    cache.rememberLookup('k', lookup, cache.mark());
    cache.rememberLookup('other', { ...lookup, shipmentId: 's-2' }, cache.mark());
    cache.rememberStanding('s-1', standing, cache.mark());
    cache.forget('s-1');
    expect(cache.lookup('k')).toBeUndefined();
    expect(cache.standing('s-1')).toBeUndefined();
    expect(cache.lookup('other')).toEqual({ ...lookup, shipmentId: 's-2' });
  });

  it('does not keep what a read found when the shipment changed while it was reading', () => {
    const cache = new DriverViewCache(config(60_000));
    const mark = cache.mark();
    cache.forget('s-1'); // e.g. the pass is reissued while the registry answers the old one
    cache.rememberLookup('k', lookup, mark);
    cache.rememberStanding('s-1', standing, mark);
    expect(cache.lookup('k')).toBeUndefined();
    expect(cache.standing('s-1')).toBeUndefined();
    // Another shipment's change does not matter to this read.
    const next = cache.mark();
    cache.forget('s-9');
    cache.rememberLookup('k', lookup, next);
    expect(cache.lookup('k')).toEqual(lookup);
  });

  it('keeps nothing after clear() for reads begun before it, and nothing at TTL 0', () => {
    const cache = new DriverViewCache(config(60_000));
    const mark = cache.mark();
    cache.clear();
    cache.rememberLookup('k', lookup, mark);
    expect(cache.lookup('k')).toBeUndefined();
    const off = new DriverViewCache(config(0));
    off.rememberLookup('k', lookup, off.mark());
    expect(off.lookup('k')).toBeUndefined();
  });

  it('holds at most the configured number of entries, the oldest going first', () => {
    const cache = new DriverViewCache(config(60_000, 2));
    for (const id of ['a', 'b', 'c']) {
      cache.rememberLookup(id, { ...lookup, shipmentId: id }, cache.mark());
    }
    expect(cache.lookup('a')).toBeUndefined();
    expect(cache.lookup('b')).toBeDefined();
    expect(cache.lookup('c')).toBeDefined();
  });

  it('remembers addresses that went over the wrong-guess limit until their wait ends', () => {
    const cache = new DriverViewCache(config(2_000));
    cache.rememberBlocked('10.0.0.1', 30, 1_000);
    expect(cache.blockedFor('10.0.0.1', 1_000)).toBe(30);
    expect(cache.blockedFor('10.0.0.1', 21_500)).toBe(10);
    expect(cache.blockedFor('10.0.0.1', 31_000)).toBeUndefined();
    expect(cache.blockedFor('10.0.0.2', 1_000)).toBeUndefined();
  });
});
