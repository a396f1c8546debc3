import type { DataSource } from 'typeorm';
import { createFreshDatabase } from '@cuakhau/local-infra';
import { rowsOf } from '@cuakhau/messaging';
import { createDataSource, runMigrations } from '@cuakhau/platform';
import { BORDER_GUARD_MIGRATIONS } from '../src/database/border-guard.migrations';
import { nameIndexKeys } from '../src/watch-list/domain/name-index-keys';
import { nameTokens } from '../src/watch-list/domain/name-matching';
import { nameKey, screenPerson, type WatchListEntry } from '../src/watch-list/domain/watch-list';
import { WatchListRepository } from '../src/watch-list/infrastructure/watch-list.repository';
import { uniqueName } from './support/border-guard-test-env';

jest.setTimeout(90_000);

const SERVER_URL = process.env.DATABASE_URL ?? 'postgres://postgres@127.0.0.1:5432/postgres';
const NOW = new Date('2026-11-23T08:00:00Z');

const MIDDLE = ['Văn', 'Thị', 'Đức', 'Minh', 'Quang', 'Hữu', 'Thanh', 'Ngọc', 'Xuân', 'Hồng'];
const GIVEN = ['Bình', 'Cường', 'Dũng', 'Hải', 'Hùng', 'Lan', 'Long', 'Nam', 'Phong', 'Quân'];
const SECOND = ['Anh', 'Bảo', 'Gia', 'Kim', 'Thu', 'Quốc', 'Trọng', 'Công', 'Đình', 'Phương'];

function entryId(serial: number): string {
  return `0193a8f0-0000-7000-8000-${serial.toString(16).padStart(12, '0')}`;
}

async function insertPersons(
  dataSource: DataSource,
  persons: readonly { id: string; fullName: string; documentNumber: string }[],
): Promise<void> {
  for (let from = 0; from < persons.length; from += 500) {
    await insertChunk(dataSource, persons.slice(from, from + 500));
  }
  await dataSource.query('ANALYZE watch_list_entries');
}

async function insertChunk(
  dataSource: DataSource,
  persons: readonly { id: string; fullName: string; documentNumber: string }[],
): Promise<void> {
  await dataSource.query(
    `INSERT INTO watch_list_entries (id, subject, full_name, name_key, name_keys,
       document_number, nationality, date_of_birth, plate, reason, expires_at, state, added_by,
       added_at)
     SELECT id, 'PERSON', full_name, name_key, name_keys::text[], document_number, 'VN', '', '',
            'test', NULL, 'ACTIVE', '{"kind":"OFFICER","id":"test"}'::jsonb, now()
     FROM unnest($1::uuid[], $2::text[], $3::text[], $4::text[], $5::text[])
       AS t(id, full_name, name_key, document_number, name_keys)`,
    [
      persons.map((p) => p.id),
      persons.map((p) => p.fullName),
      persons.map((p) => nameKey(p.fullName)),
      persons.map((p) => p.documentNumber),
      persons.map((p) => `{${nameIndexKeys(p.fullName).join(',')}}`),
    ],
  );
}

describe('watch-list candidates on real PostgreSQL', () => {
  let dataSource: DataSource;
  let repository: WatchListRepository;

  beforeAll(async () => {
    const url = await createFreshDatabase(SERVER_URL, uniqueName('bg_watch_list'));
    dataSource = createDataSource({
      url,
      entities: [],
      migrations: BORDER_GUARD_MIGRATIONS,
      name: 'watch-list-int',
    });
    await runMigrations(dataSource);
    repository = new WatchListRepository(dataSource);
  });

  afterAll(async () => {
    await dataSource?.destroy();
  });

  it('never drops the true match among ~3,000 "Nguyễn Văn …" entries of the same family and middle name', async () => {
    const crowd: { id: string; fullName: string; documentNumber: string }[] = [];
    for (const middle of MIDDLE) {
      for (const given of GIVEN) {
        for (const second of SECOND) {
          for (const family of ['Nguyễn', 'Nguyên', 'Nguyen']) {
            crowd.push({
              id: entryId(crowd.length + 1),
              fullName: `${family} Văn ${middle} ${second} ${given}`,
              documentNumber: `B${String(2_000_000 + crowd.length)}`,
            });
          }
        }
      }
    }
    const trueMatchId = entryId(999_999);
    // Inserted last: in heap order, the old unordered `LIMIT 200` returned other rows first.
    await insertPersons(dataSource, [
      ...crowd,
      { id: trueMatchId, fullName: 'NGUYEN VAN AN', documentNumber: 'C7654321' },
    ]);
    expect(crowd.length).toBeGreaterThanOrEqual(3_000);

    const candidates = await repository.candidates(
      { name: 'Nguyễn Văn An', documentNumber: 'N0000001' },
      [],
      NOW,
    );
    expect(candidates.map((entry) => entry.id)).toContain(trueMatchId);
    const hits = screenPerson(
      { name: 'Nguyễn Văn An', documentNumber: 'N0000001', nationality: 'VN' },
      candidates,
      NOW,
    );
    expect(hits.map((hit) => [hit.entry.id, hit.basis])).toEqual([[trueMatchId, 'NAME']]);
  });

  it.each([
    ['Wang Xiaoming', 'WANG Xiao Ming'],
    ['WANG Xiao Ming', 'Wang Xiaoming'],
    ['Xiaoming Wang', 'wang xiao ming'],
    ['Chen Jianguo', 'Chen Jian Guo'],
    ['Nguyễn Văn An', 'Nguyen Van Anh'],
    ['Đặng Văn Đức', 'Dang Van Duc'],
    ['Nguyen Van An', 'An Nguyen Van'],
  ])(
    'screening %s finds the entry %s (split / joined pinyin, order, diacritics)',
    async (name, listed) => {
      const id = entryId(500_000 + Math.floor(Math.random() * 400_000));
      await insertPersons(dataSource, [{ id, fullName: listed, documentNumber: '' }]);
      const candidates = await repository.candidates({ name, documentNumber: '' }, [], NOW);
      const hits = screenPerson({ name, documentNumber: '', nationality: 'CN' }, candidates, NOW);
      expect(hits.map((hit) => hit.entry.id)).toContain(id);
    },
  );
});

describe('watch-list candidates against a full scan, on real PostgreSQL', () => {
  let dataSource: DataSource;
  let repository: WatchListRepository;

  beforeAll(async () => {
    const url = await createFreshDatabase(SERVER_URL, uniqueName('bg_watch_list_scan'));
    dataSource = createDataSource({
      url,
      entities: [],
      migrations: BORDER_GUARD_MIGRATIONS,
      name: 'watch-list-scan-int',
    });
    await runMigrations(dataSource);
    repository = new WatchListRepository(dataSource);
  });

  afterAll(async () => {
    await dataSource?.destroy();
  });

  it('returns exactly what a full scan with the matcher returns (200 names over 2,000 entries)', async () => {
    const random = seeded(0x6b67);
    const listed: { id: string; fullName: string; documentNumber: string }[] = [];
    for (let serial = 0; serial < 2_000; serial += 1) {
      // A third of the list is spelling variants of earlier entries: the name space is crowded.
      const fullName =
        listed.length > 0 && random() < 0.33
          ? variantOf(pickFrom(random, listed).fullName, random)
          : realisticName(random);
      listed.push({ id: entryId(2_000_000 + serial), fullName, documentNumber: '' });
    }
    await insertPersons(dataSource, listed);
    const rows = rowsOf<{ id: string; full_name: string }>(
      await dataSource.query(`SELECT id, full_name FROM watch_list_entries`),
    );
    const everyEntry = rows.map((row): WatchListEntry => ({
      id: row.id,
      subject: 'PERSON',
      fullName: row.full_name,
      documentNumber: '',
      nationality: 'VN',
      dateOfBirth: '',
      plate: '',
      reason: 'test',
      expiresAt: null,
    }));

    let hits = 0;
    let candidates = 0;
    const differences: string[] = [];
    for (let index = 0; index < 200; index += 1) {
      const name =
        index % 3 === 2
          ? realisticName(random)
          : variantOf(pickFrom(random, listed).fullName, random);
      const person = { name, documentNumber: '', nationality: 'VN' };
      const found = await repository.candidates({ name, documentNumber: '' }, [], NOW);
      candidates += found.length;
      const viaIndex = screenPerson(person, found, NOW)
        .map((hit) => hit.entry.id)
        .sort();
      const viaScan = screenPerson(person, everyEntry, NOW)
        .map((hit) => hit.entry.id)
        .sort();
      hits += viaScan.length;
      if (viaIndex.join() !== viaScan.join()) {
        differences.push(`${name}: index ${viaIndex.length}, full scan ${viaScan.length}`);
      }
    }
    expect(differences).toEqual([]);
    // Not vacuous: most names have hits, and the index pre-selects a small part of the list.
    expect(hits).toBeGreaterThan(200);
    expect(candidates / 200).toBeLessThan(everyEntry.length / 20);
  }, 240_000);
});

// ------------------------------------------------------------------ generated names

const VN_FAMILY = ['Nguyễn', 'Trần', 'Lê', 'Phạm', 'Hoàng', 'Huỳnh', 'Phan', 'Vũ', 'Võ', 'Đặng'];
const VN_MIDDLE = ['Văn', 'Thị', 'Đức', 'Minh', 'Quang', 'Hữu', 'Thanh', 'Ngọc', 'Xuân'];
const VN_GIVEN = ['An', 'Anh', 'Bình', 'Cường', 'Dũng', 'Hải', 'Hùng', 'Lan', 'Long', 'Nam'];
const CN_FAMILY = ['Wang', 'Li', 'Zhang', 'Liu', 'Chen', 'Yang', 'Huang', 'Zhao', 'Wu', 'Zhou'];
const CN_SYLLABLE = ['Wei', 'Fang', 'Ming', 'Jun', 'Xiao', 'Hong', 'Li', 'Jie', 'Yong', 'Lei'];
const LETTERS = 'abcdefghijklmnopqrstuvwxyz';

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

function pickFrom<T>(random: () => number, items: readonly T[]): T {
  return items[Math.floor(random() * items.length)] as T;
}

function realisticName(random: () => number): string {
  if (random() < 0.6) {
    const middles = random() < 0.25 ? 2 : 1;
    const parts = [pickFrom(random, VN_FAMILY)];
    for (let m = 0; m < middles; m += 1) parts.push(pickFrom(random, VN_MIDDLE));
    return [...parts, pickFrom(random, VN_GIVEN)].join(' ');
  }
  const given =
    random() < 0.7
      ? pickFrom(random, CN_SYLLABLE) + pickFrom(random, CN_SYLLABLE).toLowerCase()
      : pickFrom(random, CN_SYLLABLE);
  const family = pickFrom(random, CN_FAMILY);
  return random() < 0.5 ? `${family} ${given}` : `${given} ${family}`;
}

/** How a name is miswritten: diacritics dropped, tokens reordered or joined, zero to two typos. */
function variantOf(name: string, random: () => number): string {
  let tokens = nameTokens(name);
  const shape = random();
  if (shape < 0.2) tokens = [...tokens.slice(1), tokens[0] ?? ''];
  else if (shape < 0.35 && tokens.length > 1) {
    const at = Math.floor(random() * (tokens.length - 1));
    tokens = [...tokens.slice(0, at), `${tokens[at]}${tokens[at + 1]}`, ...tokens.slice(at + 2)];
  }
  const typos = random() < 0.5 ? 1 : random() < 0.5 ? 2 : 0;
  for (let typo = 0; typo < typos; typo += 1) {
    const at = Math.floor(random() * tokens.length);
    const word = tokens[at] ?? '';
    const position = Math.floor(random() * (word.length + 1));
    const letter = pickFrom(random, [...LETTERS]);
    const kind = random();
    tokens[at] =
      kind < 0.25
        ? word.slice(0, position) + letter + word.slice(position)
        : kind < 0.5 && word.length > 1
          ? word.slice(0, position) + word.slice(position + 1)
          : kind < 0.75
            ? word.slice(0, position) + letter + word.slice(position + 1)
            : word.slice(0, position) +
              (word[position + 1] ?? '') +
              (word[position] ?? '') +
              word.slice(position + 2);
  }
  return tokens.join(' ');
}
