import { emptyValues, keysOf, missingKeys, RESOURCES } from './messages';

describe('translations', () => {
  it('every language has exactly the same keys', () => {
    expect(missingKeys(RESOURCES)).toEqual({ vi: [], en: [], 'zh-CN': [] });
  });

  it('reports a key missing in one language', () => {
    expect(missingKeys({ a: { x: '1', y: '2' }, b: { x: '1' } })).toEqual({ a: [], b: ['y'] });
  });

  it('no translation is empty', () => {
    for (const tree of Object.values(RESOURCES)) expect(emptyValues(tree)).toEqual([]);
  });

  it('keeps the interpolation variables of English in every language', () => {
    const variables = (text: string): string[] => (text.match(/\{\{\w+\}\}/g) ?? []).sort();
    const leaf = (tree: unknown, key: string): string =>
      key
        .split('.')
        .reduce<unknown>((node, part) => (node as Record<string, unknown>)[part], tree) as string;
    for (const key of keysOf(RESOURCES.en)) {
      const expected = variables(leaf(RESOURCES.en, key));
      expect([key, variables(leaf(RESOURCES.vi, key))]).toEqual([key, expected]);
      expect([key, variables(leaf(RESOURCES['zh-CN'], key))]).toEqual([key, expected]);
    }
  });

  it('writes Vietnamese with its diacritics (precomposed, NFC)', () => {
    expect(RESOURCES.vi.app.title).toBe('Cửa khẩu số');
    expect(RESOURCES.vi.agency['border-guard']).toBe('Biên phòng');
    for (const key of keysOf(RESOURCES.vi)) {
      const text = key
        .split('.')
        .reduce<unknown>(
          (node, part) => (node as Record<string, unknown>)[part],
          RESOURCES.vi,
        ) as string;
      expect(text.normalize('NFC')).toBe(text);
    }
  });
});
