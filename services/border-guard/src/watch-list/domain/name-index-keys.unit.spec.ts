import { nameIndexKeys, nameLetterCount, nameQueryKeys } from './name-index-keys';
import {
  jaroWinkler,
  nameSimilarity,
  nameTokens,
  TOKEN_FLOOR,
  tokensMayPair,
  withinOneEdit,
} from './name-matching';

/** What the repository asks: the entry shares a key with every list of the query. */
function preselected(query: string, entry: string): boolean {
  const keys = new Set(nameIndexKeys(entry));
  return nameQueryKeys(query).every((list) => list.some((key) => keys.has(key)));
}

/** What the matcher needs of a token pair: Jaro–Winkler ≥ TOKEN_FLOOR, as it rounds. */
function jaroWinklerAccepts(a: string, b: string): boolean {
  return Math.round(jaroWinkler(a, b) * 1000) / 1000 >= TOKEN_FLOOR;
}

/** Every pattern of equal and different letters of a word of `length` (a, ab, aa, aab, …). */
function letterPatterns(length: number): string[] {
  if (length === 0) return [''];
  const out: string[] = [];
  for (const prefix of letterPatterns(length - 1)) {
    const used = new Set(prefix).size;
    for (let letter = 0; letter <= used; letter += 1) out.push(prefix + 'abcdefgh'[letter]);
  }
  return out;
}

/** A letter inserted, dropped or replaced anywhere (an existing letter or a new one), or neighbours swapped. */
function singleEdits(word: string, alphabet = ''): Set<string> {
  const letters = alphabet === '' ? 'abcdefgh'.slice(0, new Set(word).size + 1) : alphabet;
  const edits = new Set<string>();
  for (let i = 0; i <= word.length; i += 1) {
    for (const letter of letters) {
      edits.add(word.slice(0, i) + letter + word.slice(i));
      if (i < word.length) edits.add(word.slice(0, i) + letter + word.slice(i + 1));
    }
    if (i < word.length) edits.add(word.slice(0, i) + word.slice(i + 1));
    if (i < word.length - 1)
      edits.add(word.slice(0, i) + word[i + 1] + word[i] + word.slice(i + 2));
  }
  edits.delete(word);
  edits.delete('');
  return edits;
}

function seeded(seed: number): () => number {
  let state = seed >>> 0;
  return () => {
    state = (state + 0x6d2b79f5) >>> 0;
    let t = state;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4_294_967_296;
  };
}

describe('tokensMayPair', () => {
  it.each([
    ['nguyen', 'nguyen', true],
    ['an', 'anh', true], // a final letter added
    ['nguyen', 'nguyenn', true],
    ['nguyen', 'mguyen', true], // first letter replaced
    ['hung', 'uhng', true], // first two swapped
    ['hung', 'khung', true], // a letter before
    ['xiaoming', 'xiaomnig', true], // same first three letters
    ['nguyen', 'nguyenvan', false], // three letters longer
    ['giang', 'gasng', false], // two edits, one in the first three letters
    ['abcdef', 'bacdfe', false], // a scramble Jaro–Winkler scores 0.889
  ])('%s / %s → %s', (a, b, expected) => {
    expect(tokensMayPair(a, b)).toBe(expected);
    expect(tokensMayPair(b, a)).toBe(expected);
  });

  it('withinOneEdit is the optimal-string-alignment distance ≤ 1', () => {
    expect(withinOneEdit('abc', 'abc')).toBe(true);
    expect(withinOneEdit('abc', 'abxc')).toBe(true);
    expect(withinOneEdit('abc', 'ac')).toBe(true);
    expect(withinOneEdit('abc', 'axc')).toBe(true);
    expect(withinOneEdit('abc', 'bac')).toBe(true);
    expect(withinOneEdit('abc', 'bca')).toBe(false);
    expect(withinOneEdit('abc', 'xbz')).toBe(false);
    expect(withinOneEdit('abc', 'abcde')).toBe(false);
  });
});

describe('name index keys', () => {
  it('one key list per token; nothing for a name with no letters', () => {
    const lists = nameQueryKeys('Nguyễn Văn An');
    expect(lists).toHaveLength(3);
    expect(lists[2]).toEqual(expect.arrayContaining(['Sx:an', 'Rx:an', 'Sx:vanan', 'Sp11:ngu']));
    expect(nameQueryKeys(' - ')).toEqual([]);
    expect(nameIndexKeys('')).toEqual([]);
    expect(nameIndexKeys('Nguyễn Văn An')).toEqual(
      expect.arrayContaining(['Sx:nguyen', 'Sp6:ngu', 'Rx:vanan', 'Rp11:ngu', 'Sd1:nuyen']),
    );
    expect(nameLetterCount('Nguyễn Văn An')).toBe(11);
  });

  it('every single edit Jaro–Winkler and tokensMayPair accept shares a key: all letter patterns up to 6 letters', () => {
    let pairs = 0;
    for (let length = 1; length <= 6; length += 1) {
      for (const word of letterPatterns(length)) {
        for (const variant of singleEdits(word)) {
          if (!tokensMayPair(word, variant) || !jaroWinklerAccepts(word, variant)) continue;
          pairs += 1;
          expect([word, variant, preselected(word, variant)]).toEqual([word, variant, true]);
          expect([variant, word, preselected(variant, word)]).toEqual([variant, word, true]);
        }
      }
    }
    expect(pairs).toBeGreaterThan(5_000);
  });

  it('keys the single edits of real name tokens that the matcher accepts', () => {
    const tokens = ['an', 'anh', 'hung', 'nguyen', 'xiaoming', 'li', 'a', 'zhang', 'thanhtung'];
    let pairs = 0;
    for (const token of tokens) {
      for (const variant of singleEdits(token, 'abcdefghijklmnopqrstuvwxyz')) {
        if (!tokensMayPair(token, variant) || !jaroWinklerAccepts(token, variant)) continue;
        pairs += 1;
        expect([token, variant, preselected(token, variant)]).toEqual([token, variant, true]);
        expect([variant, token, preselected(variant, token)]).toEqual([variant, token, true]);
      }
    }
    expect(pairs).toBeGreaterThan(300);
  });

  it('pre-selects every generated name pair the matcher accepts (order, joined syllables, typos)', () => {
    const random = seeded(0x1d3);
    const pick = <T>(items: readonly T[]): T => items[Math.floor(random() * items.length)] as T;
    const family = ['Nguyễn', 'Trần', 'Lê', 'Phạm', 'Wang', 'Zhang', 'Chen', 'Huang'];
    const middle = ['Văn', 'Thị', 'Đức', 'Xiao', 'Jian', 'Ming'];
    const given = ['An', 'Anh', 'Bình', 'Hùng', 'Ming', 'Guo', 'Wei', 'Hong'];
    const letters = 'abcdefghijklmnopqrstuvwxyz';
    let matches = 0;
    for (let round = 0; round < 20_000; round += 1) {
      const name = [pick(family), pick(middle), pick(given)].join(' ');
      let tokens = nameTokens(name);
      if (random() < 0.3) tokens = [...tokens.slice(1), tokens[0] ?? ''];
      if (random() < 0.3) tokens = [tokens.slice(0, 2).join(''), ...tokens.slice(2)];
      for (let typo = random() < 0.6 ? 1 : 2; typo > 0; typo -= 1) {
        const at = Math.floor(random() * tokens.length);
        const word = tokens[at] ?? '';
        const position = Math.floor(random() * (word.length + 1));
        tokens[at] =
          random() < 0.5
            ? word.slice(0, position) + pick([...letters]) + word.slice(position + 1)
            : word.slice(0, position) + word.slice(position + 1);
      }
      const variant = tokens.join(' ');
      if (!nameSimilarity(name, variant).matches) continue;
      matches += 1;
      expect([name, variant, preselected(name, variant)]).toEqual([name, variant, true]);
      expect([variant, name, preselected(variant, name)]).toEqual([variant, name, true]);
    }
    expect(matches).toBeGreaterThan(5_000);
  });
});
