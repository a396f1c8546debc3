/**
 * Name matching for the watch list, for real Vietnamese and Chinese-pinyin names.
 *
 * 1. Fold: Unicode NFD, combining marks dropped (Nguyễn → nguyen), Đ/đ → d (it is a letter of
 *    its own, not a D with a mark, so NFD leaves it), lower case, anything but letters and
 *    digits becomes a space, whitespace collapsed.
 * 2. Tokens are compared order-insensitively (family name first or last) and syllable-split
 *    insensitively ("Xiao Ming" = "Xiaoming"): adjacent tokens of the longer name may be
 *    joined until both names have as many tokens, then the best one-to-one pairing is taken.
 *    Names whose letters (spaces aside) differ in number by more than 1 (+1 per 12 letters)
 *    never match: a dropped middle name is a different name for the screening.
 * 3. Each pair of tokens is scored with Jaro–Winkler; the name's score is the mean weighted
 *    by token length. A match needs score ≥ NAME_MATCH_THRESHOLD and every pair ≥
 *    TOKEN_FLOOR: a dropped or added final letter (An / Anh) passes, a different letter in a
 *    short given name (Wei / Wen, Lan / Lam) does not.
 * 4. Two tokens are only compared at all (otherwise they score 0) when they are a spelling
 *    variant of each other in the plain sense (`tokensMayPair`): lengths differ by at most one
 *    letter, and they start with the same three letters or are one edit apart (a letter
 *    inserted, dropped, replaced, or two neighbours swapped). Jaro–Winkler alone also accepts
 *    scrambles no clerk would write (abcdef / bacdfe: 0.889, not one trigram in common);
 *    with this gate every match can be found through an index (name-index-keys.ts) instead of
 *    scoring the whole list.
 */
export const NAME_MATCH_THRESHOLD = 0.9;
export const TOKEN_FLOOR = 0.88;

/** Names with more tokens than this are compared in sorted order (no permutations). */
const MAX_PERMUTED_TOKENS = 6;

export function foldName(name: string): string {
  return name
    .normalize('NFD')
    .replace(/\p{M}+/gu, '')
    .replace(/[Đđ]/g, 'd')
    .toLowerCase()
    .replace(/[^a-z0-9]+/g, ' ')
    .trim();
}

export function nameTokens(name: string): string[] {
  const folded = foldName(name);
  return folded === '' ? [] : folded.split(' ');
}

/** Jaro–Winkler similarity in [0, 1] (prefix scale 0.1, prefix up to 4). */
export function jaroWinkler(a: string, b: string): number {
  if (a === b) return 1;
  if (a.length === 0 || b.length === 0) return 0;
  const window = Math.max(0, Math.floor(Math.max(a.length, b.length) / 2) - 1);
  const aMatched = new Array<boolean>(a.length).fill(false);
  const bMatched = new Array<boolean>(b.length).fill(false);
  let matches = 0;
  for (let i = 0; i < a.length; i += 1) {
    const from = Math.max(0, i - window);
    const to = Math.min(b.length - 1, i + window);
    for (let j = from; j <= to; j += 1) {
      if (!bMatched[j] && a[i] === b[j]) {
        aMatched[i] = true;
        bMatched[j] = true;
        matches += 1;
        break;
      }
    }
  }
  if (matches === 0) return 0;
  let transpositions = 0;
  let k = 0;
  for (let i = 0; i < a.length; i += 1) {
    if (!aMatched[i]) continue;
    while (!bMatched[k]) k += 1;
    if (a[i] !== b[k]) transpositions += 1;
    k += 1;
  }
  const jaro =
    (matches / a.length + matches / b.length + (matches - transpositions / 2) / matches) / 3;
  let prefix = 0;
  while (prefix < Math.min(4, a.length, b.length) && a[prefix] === b[prefix]) prefix += 1;
  return jaro + prefix * 0.1 * (1 - jaro);
}

export interface NameSimilarity {
  /** Length-weighted mean Jaro–Winkler of the best token pairing, in [0, 1]. */
  readonly score: number;
  /** The weakest token pair of that pairing. */
  readonly weakestToken: number;
  readonly matches: boolean;
}

const NO_MATCH: NameSimilarity = { score: 0, weakestToken: 0, matches: false };

/** How similar two names are (see the module comment for the rule). */
export function nameSimilarity(left: string, right: string): NameSimilarity {
  const a = nameTokens(left);
  const b = nameTokens(right);
  if (a.length === 0 || b.length === 0) return NO_MATCH;
  const lengthA = a.join('').length;
  const lengthB = b.join('').length;
  if (Math.abs(lengthA - lengthB) > maxLengthDifference(Math.max(lengthA, lengthB))) {
    return NO_MATCH;
  }
  const [shorter, longer] = a.length <= b.length ? [a, b] : [b, a];
  let best: { score: number; weakest: number } = { score: 0, weakest: 0 };
  for (const grouped of groupings(longer, shorter.length)) {
    const candidate = bestPairing(shorter, grouped);
    if (
      candidate.score > best.score ||
      (candidate.score === best.score && candidate.weakest > best.weakest)
    ) {
      best = candidate;
    }
  }
  const score = round(best.score);
  const weakestToken = round(best.weakest);
  return {
    score,
    weakestToken,
    matches: score >= NAME_MATCH_THRESHOLD && weakestToken >= TOKEN_FLOOR,
  };
}

/** Letters a name may gain or lose and still match: 1, plus 1 per 12 letters. */
function maxLengthDifference(letters: number): number {
  return 1 + Math.floor(letters / 12);
}

/** Every way of joining adjacent tokens so that `tokens` becomes `count` tokens. */
function groupings(tokens: readonly string[], count: number): string[][] {
  if (count === tokens.length) return [[...tokens]];
  if (count === 1) return [[tokens.join('')]];
  const out: string[][] = [];
  for (let take = 1; take <= tokens.length - count + 1; take += 1) {
    const head = tokens.slice(0, take).join('');
    for (const rest of groupings(tokens.slice(take), count - 1)) out.push([head, ...rest]);
  }
  return out;
}

function bestPairing(
  a: readonly string[],
  b: readonly string[],
): { score: number; weakest: number } {
  if (a.length > MAX_PERMUTED_TOKENS) return pairScore([...a].sort(), [...b].sort());
  let best = { score: 0, weakest: 0 };
  for (const permutation of permutations(b)) {
    const candidate = pairScore(a, permutation);
    if (
      candidate.score > best.score ||
      (candidate.score === best.score && candidate.weakest > best.weakest)
    ) {
      best = candidate;
    }
  }
  return best;
}

/**
 * Whether two folded tokens (or tokens joined from adjacent ones) may be paired: lengths within
 * one letter, and the same first three letters or at most one edit apart (see rule 4).
 * name-index-keys.ts relies on exactly this: change both together, and the stored keys with a
 * migration.
 */
export function tokensMayPair(a: string, b: string): boolean {
  if (Math.abs(a.length - b.length) > 1) return false;
  return a.slice(0, 3) === b.slice(0, 3) || withinOneEdit(a, b);
}

/** Optimal-string-alignment distance ≤ 1: equal, or one insertion, deletion, substitution or swap of neighbours. */
export function withinOneEdit(a: string, b: string): boolean {
  if (a === b) return true;
  const [short, long] = a.length <= b.length ? [a, b] : [b, a];
  if (long.length - short.length > 1) return false;
  let i = 0;
  while (i < short.length && short[i] === long[i]) i += 1;
  if (short.length < long.length) return short.slice(i) === long.slice(i + 1);
  if (short.slice(i + 1) === long.slice(i + 1)) return true;
  return (
    i + 1 < short.length &&
    short[i] === long[i + 1] &&
    short[i + 1] === long[i] &&
    short.slice(i + 2) === long.slice(i + 2)
  );
}

function pairScore(a: readonly string[], b: readonly string[]): { score: number; weakest: number } {
  let weighted = 0;
  let weights = 0;
  let weakest = 1;
  a.forEach((token, index) => {
    const other = b[index] ?? '';
    const similarity = tokensMayPair(token, other) ? jaroWinkler(token, other) : 0;
    const weight = Math.max(token.length, other.length);
    weighted += similarity * weight;
    weights += weight;
    weakest = Math.min(weakest, similarity);
  });
  return { score: weights === 0 ? 0 : weighted / weights, weakest };
}

function* permutations(items: readonly string[]): Generator<string[]> {
  if (items.length <= 1) {
    yield [...items];
    return;
  }
  for (let i = 0; i < items.length; i += 1) {
    const rest = [...items.slice(0, i), ...items.slice(i + 1)];
    for (const tail of permutations(rest)) yield [items[i] ?? '', ...tail];
  }
}

function round(value: number): number {
  return Math.round(value * 1000) / 1000;
}
