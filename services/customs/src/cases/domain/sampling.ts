/**
 * The deterministic random source of customs sampling. A seed (any string, recorded with
 * the assessment) is hashed with cyrb128 into 128 bits that start an sfc32 generator
 * (both public-domain, by bryc, and chosen because they are tiny, fast and well mixed);
 * the first output after a warm-up is the draw, a number in [0, 1). The same seed gives
 * the same draw on every machine and in every release that keeps `SAMPLING_ALGORITHM`,
 * so any sampling outcome can be re-derived from what the case recorded.
 *
 * No `Math.random`, no clock: the caller chooses the seed.
 */

/** Recorded with every draw; a different algorithm must get a different name. */
export const SAMPLING_ALGORITHM = 'cyrb128-sfc32-v1';

/** sfc32 outputs thrown away before the draw, so that similar seeds give unrelated draws. */
const WARM_UP = 15;

/** The default seed of a shipment's assessment: its id and the rule-set version. */
export function samplingSeed(shipmentId: string, ruleSetVersion: number): string {
  return `${shipmentId}/rule-set-${ruleSetVersion}`;
}

/** The draw in [0, 1) that `seed` always gives. */
export function samplingDraw(seed: string): number {
  const next = randomSequence(seed);
  for (let index = 0; index < WARM_UP; index += 1) {
    next();
  }
  return next();
}

/** An endless deterministic sequence of numbers in [0, 1) for `seed`. */
export function randomSequence(seed: string): () => number {
  const [a, b, c, d] = cyrb128(seed);
  return sfc32(a, b, c, d);
}

/** 128-bit string hash (four unsigned 32-bit words) over the UTF-16 code units of `text`. */
export function cyrb128(text: string): readonly [number, number, number, number] {
  let h1 = 1779033703;
  let h2 = 3144134277;
  let h3 = 1013904242;
  let h4 = 2773480762;
  for (let index = 0; index < text.length; index += 1) {
    const k = text.charCodeAt(index);
    h1 = h2 ^ Math.imul(h1 ^ k, 597399067);
    h2 = h3 ^ Math.imul(h2 ^ k, 2869860233);
    h3 = h4 ^ Math.imul(h3 ^ k, 951274213);
    h4 = h1 ^ Math.imul(h4 ^ k, 2716044179);
  }
  h1 = Math.imul(h3 ^ (h1 >>> 18), 597399067);
  h2 = Math.imul(h4 ^ (h2 >>> 22), 2869860233);
  h3 = Math.imul(h1 ^ (h3 >>> 17), 951274213);
  h4 = Math.imul(h2 ^ (h4 >>> 19), 2716044179);
  h1 ^= h2 ^ h3 ^ h4;
  h2 ^= h1;
  h3 ^= h1;
  h4 ^= h1;
  return [h1 >>> 0, h2 >>> 0, h3 >>> 0, h4 >>> 0];
}

/** Small Fast Counting generator (Chris Doty-Humphrey's sfc32), 32-bit state words. */
export function sfc32(seedA: number, seedB: number, seedC: number, seedD: number): () => number {
  let a = seedA | 0;
  let b = seedB | 0;
  let c = seedC | 0;
  let d = seedD | 0;
  return () => {
    const t = (((a + b) | 0) + d) | 0;
    d = (d + 1) | 0;
    a = b ^ (b >>> 9);
    b = (c + (c << 3)) | 0;
    c = (c << 21) | (c >>> 11);
    c = (c + t) | 0;
    return (t >>> 0) / 4294967296;
  };
}
