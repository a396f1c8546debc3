import { createUuidV7Generator, isUuidV7, uuidv7, uuidV7Timestamp } from '../src';

describe('UUIDv7', () => {
  it('has the version 7 and variant 10 bits and the current millisecond', () => {
    const before = Date.now();
    const id = uuidv7();
    const after = Date.now();
    expect(id).toMatch(/^[0-9a-f]{8}-[0-9a-f]{4}-7[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/);
    expect(isUuidV7(id)).toBe(true);
    expect(uuidV7Timestamp(id)).toBeGreaterThanOrEqual(before);
    expect(uuidV7Timestamp(id)).toBeLessThanOrEqual(after);
  });

  it('puts the 48-bit millisecond timestamp first', () => {
    const generate = createUuidV7Generator(() => 0x0123456789ab);
    expect(generate().startsWith('01234567-89ab-7')).toBe(true);
  });

  it('is strictly increasing within one millisecond', () => {
    const generate = createUuidV7Generator(() => 1_700_000_000_000);
    const ids = Array.from({ length: 10_000 }, () => generate());
    expect(new Set(ids).size).toBe(ids.length);
    expect([...ids].sort()).toEqual(ids);
    for (const id of ids) expect(isUuidV7(id)).toBe(true);
    expect(uuidV7Timestamp(ids[ids.length - 1] ?? '')).toBe(1_700_000_000_000);
  });

  it('never goes backwards when the clock does', () => {
    const times = [5_000, 5_001, 4_000, 4_999, 5_002];
    const generate = createUuidV7Generator(() => times.shift() ?? 5_002);
    const ids = Array.from({ length: 5 }, () => generate());
    expect([...ids].sort()).toEqual(ids);
    expect(ids.map(uuidV7Timestamp)).toEqual([5_000, 5_001, 5_001, 5_001, 5_002]);
  });

  it('rejects other UUID versions', () => {
    expect(isUuidV7('123e4567-e89b-42d3-a456-426614174000')).toBe(false);
    expect(isUuidV7('0190a6c8-7d2e-7c3b-c000-000000000000')).toBe(false); // variant 110
  });
});
