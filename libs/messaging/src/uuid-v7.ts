import { randomFillSync } from 'node:crypto';

/**
 * UUID version 7 (RFC 9562 §5.7): a 48-bit Unix millisecond timestamp, the version nibble 7,
 * the variant bits 10, then random bits. Ids made by one generator are strictly increasing
 * (as strings and as bytes) even within one millisecond or when the clock steps back: the
 * 12-bit `rand_a` field plus the top bits of `rand_b` serve as a counter (method 1 of §6.2),
 * and the timestamp is never allowed to go backwards.
 */
export type UuidV7Generator = () => string;

const COUNTER_BITS = 42; // 12 bits of rand_a + 30 high bits of rand_b
const COUNTER_MAX = 2 ** COUNTER_BITS - 1;

/** Random bytes drawn from the CSPRNG 4 KiB at a time (one call per 1,024 ids, not one each). */
const RANDOM_POOL_BYTES = 4_096;

export function createUuidV7Generator(now: () => number = Date.now): UuidV7Generator {
  let lastMs = -1;
  let counter = 0;
  const pool = Buffer.allocUnsafe(RANDOM_POOL_BYTES);
  let poolOffset = RANDOM_POOL_BYTES;
  const random4 = (): Buffer => {
    if (poolOffset + 4 > RANDOM_POOL_BYTES) {
      randomFillSync(pool);
      poolOffset = 0;
    }
    poolOffset += 4;
    return pool.subarray(poolOffset - 4, poolOffset);
  };
  return () => {
    let ms = now();
    if (ms > lastMs) {
      lastMs = ms;
      // Start the counter at a random value with its top bit clear, leaving room to count up.
      counter = Math.floor(Math.random() * 2 ** (COUNTER_BITS - 1));
    } else {
      ms = lastMs;
      counter += 1;
      if (counter > COUNTER_MAX) {
        // Counter exhausted within one millisecond: borrow the next millisecond.
        lastMs += 1;
        ms = lastMs;
        counter = 0;
      }
    }
    return formatUuidV7(ms, counter, random4());
  };
}

function formatUuidV7(ms: number, counter: number, random: Buffer): string {
  const bytes = Buffer.alloc(16);
  bytes.writeUIntBE(ms, 0, 6);
  const randA = Math.floor(counter / 2 ** 30); // high 12 bits of the counter
  const counterLow = counter % 2 ** 30; // low 30 bits
  bytes[6] = 0x70 | (randA >> 8);
  bytes[7] = randA & 0xff;
  // rand_b: variant 10, then the 30 low counter bits, then 32 random bits.
  bytes[8] = 0x80 | ((counterLow >>> 24) & 0x3f);
  bytes[9] = (counterLow >>> 16) & 0xff;
  bytes[10] = (counterLow >>> 8) & 0xff;
  bytes[11] = counterLow & 0xff;
  random.copy(bytes, 12, 0, 4);
  const hex = bytes.toString('hex');
  return `${hex.slice(0, 8)}-${hex.slice(8, 12)}-${hex.slice(12, 16)}-${hex.slice(16, 20)}-${hex.slice(20)}`;
}

/** The process-wide generator used for event ids. */
export const uuidv7: UuidV7Generator = createUuidV7Generator();

const UUID_V7_PATTERN = /^[0-9a-f]{8}-[0-9a-f]{4}-7[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/;

export function isUuidV7(value: string): boolean {
  return UUID_V7_PATTERN.test(value);
}

/** The millisecond timestamp embedded in a UUIDv7. */
export function uuidV7Timestamp(id: string): number {
  return parseInt(id.replace(/-/g, '').slice(0, 12), 16);
}
