import { nameTokens } from './name-matching';

/**
 * Index keys that find every watch-list name the matcher could accept without scoring the
 * whole list (stored in `watch_list_entries.name_keys`, GIN index).
 *
 * Why it is complete. A name match (name-matching.ts) pairs every token of the name with fewer
 * tokens with one "unit" of the other name — a token, or a run of adjacent tokens joined
 * ("xiao ming" → "xiaoming") — and needs every pair to score > 0, so every pair passes
 * `tokensMayPair`: lengths within one letter, and either
 *   (a) the same first three letters — both units carry the key `p<length>:<first three>`,
 *       queried at the unit's length −1, ±0, +1; or
 *   (b) one edit apart, with different first three letters, so the edit touches one of the
 *       first four positions. Units are stored with `x:<unit>` and `d<i>:<unit minus letter
 *       i>`; a screened unit asks for the stored keys of each kind of edit: a letter dropped
 *       (`x:` of itself minus a letter), added (`d<i>:` of itself), replaced at i (`d<i>:` of
 *       itself minus letter i) or two neighbours swapped at i, i+1 (`d<i±1>:` of itself minus
 *       letter i). Edits Jaro–Winkler can never accept are not keyed (fewer, shorter posting
 *       lists): on units of 2 letters or fewer any, on 3 letters all but the last letter
 *       added or dropped (window 0: only aligned letters match), a replaced letter below 5
 *       letters ((2(n−1)/n + 1)/3 with a common prefix under 3 stays below 0.88), a swap
 *       below 4. The unit test checks this exhaustively on every letter pattern up to 7 letters.
 * Entry units are tagged S (one token) or R (a run); a query token looks for the units of
 * the pairs it can be in: itself against an entry token or run (S, R), or a run of the
 * query's tokens that contains it against an entry token (S). An entry the matcher accepts
 * therefore shares a key with every query token's list: the query asks for all of them (AND),
 * which is what makes it selective. The repository adds the matcher's own length rule
 * (`nameLetterCount`); the keys only pre-select, the matcher decides.
 *
 * Changing these keys or `tokensMayPair` needs a migration that recomputes `name_keys`.
 */
export function nameIndexKeys(name: string): string[] {
  const tokens = nameTokens(name);
  const keys = new Set<string>();
  for (let from = 0; from < tokens.length; from += 1) {
    for (let to = from; to < tokens.length; to += 1) {
      const tag = from === to ? 'S' : 'R';
      for (const key of storedUnitKeys(tokens.slice(from, to + 1).join(''))) keys.add(tag + key);
    }
  }
  return [...keys].sort();
}

/**
 * What a screened name asks for: one list of keys per token; an entry must share a key with
 * each list. No list at all for a name with no letters.
 */
export function nameQueryKeys(name: string): string[][] {
  const tokens = nameTokens(name);
  return tokens.map((_, index) => {
    const keys = new Set<string>();
    for (let from = 0; from <= index; from += 1) {
      for (let to = index; to < tokens.length; to += 1) {
        const single = from === to;
        for (const key of queriedUnitKeys(tokens.slice(from, to + 1).join(''))) {
          keys.add(`S${key}`);
          if (single) keys.add(`R${key}`);
        }
      }
    }
    return [...keys].sort();
  });
}

/** The letters of a name (spaces aside), as the matcher's length rule counts them. */
export function nameLetterCount(name: string): number {
  return nameTokens(name).join('').length;
}

/** Positions whose deletion a unit of `length` letters is keyed by (see `storedUnitKeys`). */
function deletable(length: number): number[] {
  if (length <= 2) return [];
  if (length === 3) return [2];
  return [0, 1, 2, 3];
}

const without = (unit: string, at: number): string => unit.slice(0, at) + unit.slice(at + 1);

/** The keys a watch-list unit is stored with. */
function storedUnitKeys(unit: string): string[] {
  return [
    `p${unit.length}:${unit.slice(0, 3)}`,
    `x:${unit}`,
    ...deletable(unit.length).map((at) => `d${at}:${without(unit, at)}`),
  ];
}

/** The stored keys a screened unit looks for (one per way of being a spelling variant). */
function queriedUnitKeys(unit: string): string[] {
  const length = unit.length;
  const keys = [`x:${unit}`];
  for (const offset of [-1, 0, 1]) {
    if (length + offset >= 1) keys.push(`p${length + offset}:${unit.slice(0, 3)}`);
  }
  // The stored unit has one letter more, inserted at `at`.
  for (const at of deletable(length + 1)) keys.push(`d${at}:${unit}`);
  for (const at of deletable(length)) {
    const shorter = without(unit, at);
    // The stored unit has one letter less, dropped at `at`.
    keys.push(`x:${shorter}`);
    // Same length: a letter replaced at `at` (Jaro–Winkler ≥ 0.88 needs 5 letters or more),
    // or neighbours swapped at `at`, `at` ± 1 (4 letters or more).
    if (length >= 5) keys.push(`d${at}:${shorter}`);
    if (at + 1 <= 3) keys.push(`d${at + 1}:${shorter}`);
    if (at >= 1) keys.push(`d${at - 1}:${shorter}`);
  }
  return keys;
}
