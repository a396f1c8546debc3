import {
  CHAIN_START,
  GENESIS_HASH,
  canonicalJson,
  chainHash,
  contentHash,
  linkEntries,
  sha256Hex,
  verifyEntries,
} from './hash-chain';
import { maskPayloadText } from './masking';

const content = (id: string, payload: string) => ({
  headers: { ce_id: id, ce_type: 'x.v1.Y', traceparent: `00-${id}` },
  key: 's-1',
  payload,
});

describe('hash chain', () => {
  it('writes canonical JSON with sorted keys at every depth', () => {
    expect(canonicalJson({ b: 1, a: { d: [2, { f: 1, e: 0 }], c: 'x' } })).toBe(
      '{"a":{"c":"x","d":[2,{"e":0,"f":1}]},"b":1}',
    );
  });

  it('hashes content independently of key order and of unhashed headers', () => {
    const a = contentHash(content('1', '{"a":1,"b":2}'));
    const b = contentHash({
      ...content('1', '{"b":2,"a":1}'),
      headers: { ce_type: 'x.v1.Y', ce_id: '1' },
    });
    expect(a).toBe(b);
    expect(contentHash(content('1', '{"a":1,"b":3}'))).not.toBe(a);
  });

  it('links entries with hash = SHA-256(prev || content) from the genesis hash', () => {
    const linked = linkEntries({ seq: 0, hash: GENESIS_HASH }, [
      content('1', '{}'),
      content('2', 'not json'),
    ]);
    expect(linked.map((entry) => entry.seq)).toEqual([1, 2]);
    expect(linked[0]?.prevHash).toBe(GENESIS_HASH);
    expect(linked[0]?.hash).toBe(sha256Hex(GENESIS_HASH + (linked[0]?.contentHash ?? '')));
    expect(linked[1]?.prevHash).toBe(linked[0]?.hash);
    expect(chainHash(linked[1]?.prevHash ?? '', linked[1]?.contentHash ?? '')).toBe(
      linked[1]?.hash,
    );
  });

  it.each([
    [
      'payload changed',
      (entries: ReturnType<typeof linkEntries>) => ({ ...entries[1]!, payload: '{"x":2}' }),
    ],
    [
      'hash changed',
      (entries: ReturnType<typeof linkEntries>) => ({ ...entries[1]!, hash: 'f'.repeat(64) }),
    ],
    [
      'prev hash changed',
      (entries: ReturnType<typeof linkEntries>) => ({ ...entries[1]!, prevHash: GENESIS_HASH }),
    ],
    ['seq gap', (entries: ReturnType<typeof linkEntries>) => ({ ...entries[1]!, seq: 5 })],
  ])('verification reports the first broken entry: %s', (_name, tamper) => {
    const entries = linkEntries({ seq: 0, hash: GENESIS_HASH }, [
      content('1', '{"x":1}'),
      content('2', '{"x":1}'),
      content('3', '{"x":1}'),
    ]);
    expect(verifyEntries(CHAIN_START, entries)).toEqual({
      entries: 3,
      lastSeq: 3,
      lastHash: entries[2]?.hash,
    });
    const tampered = [entries[0]!, tamper(entries), entries[2]!];
    expect(verifyEntries(CHAIN_START, tampered).firstBroken).toBe(tampered[1]?.seq);
    expect(verifyEntries(CHAIN_START, tampered).firstBroken).not.toBeUndefined();
  });

  it('verifies page by page from a cursor', () => {
    const entries = linkEntries({ seq: 0, hash: GENESIS_HASH }, [
      content('1', '1'),
      content('2', '2'),
    ]);
    const first = verifyEntries(CHAIN_START, entries.slice(0, 1));
    expect(verifyEntries(first, entries.slice(1))).toEqual(verifyEntries(CHAIN_START, entries));
  });
});

describe('masking', () => {
  it('masks document and phone numbers, keeps the rest', () => {
    const masked = JSON.parse(
      maskPayloadText(
        JSON.stringify({
          driver: { name: 'An', documentNumber: 'C1234567', phone: '+84912345678' },
          documents: [{ type: 'PHYTO_CERT', number: 'KD-2026-0001' }],
          declarationNumber: '305123456780',
        }),
      ),
    ) as Record<string, unknown>;
    expect(masked).toEqual({
      driver: { name: 'An', documentNumber: '*****567', phone: '*********678' },
      documents: [{ type: 'PHYTO_CERT', number: '*********001' }],
      declarationNumber: '305123456780',
    });
    expect(maskPayloadText('plain text')).toBe('{"raw":"(not JSON: withheld)"}');
  });
});
