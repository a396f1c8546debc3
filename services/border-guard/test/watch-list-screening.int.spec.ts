import type { DataSource } from 'typeorm';
import { createFreshDatabase } from '@cuakhau/local-infra';
import { createDataSource, runMigrations } from '@cuakhau/platform';
import { BORDER_GUARD_MIGRATIONS } from '../src/database/border-guard.migrations';
import { nameSimilarity } from '../src/watch-list/domain/name-matching';
import { nameKey, screenPerson } from '../src/watch-list/domain/watch-list';
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
  await dataSource.query(
    `INSERT INTO watch_list_entries (id, subject, full_name, name_key, document_number,
       nationality, date_of_birth, plate, reason, expires_at, state, added_by, added_at)
     SELECT id, 'PERSON', full_name, name_key, document_number, 'VN', '', '', 'test', NULL,
            'ACTIVE', '{"kind":"OFFICER","id":"test"}'::jsonb, now()
     FROM unnest($1::uuid[], $2::text[], $3::text[], $4::text[])
       AS t(id, full_name, name_key, document_number)`,
    [
      persons.map((p) => p.id),
      persons.map((p) => p.fullName),
      persons.map((p) => nameKey(p.fullName)),
      persons.map((p) => p.documentNumber),
    ],
  );
  await dataSource.query('ANALYZE watch_list_entries');
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

  it('never drops the true match among ~3,000 "Nguyễn Văn …" entries sharing its trigrams', async () => {
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
    const passing: { count: string }[] = await dataSource.query(
      `SELECT count(*) AS count FROM watch_list_entries WHERE name_key % $1`,
      [nameKey('Nguyễn Văn An')],
    );
    expect(crowd.length).toBeGreaterThanOrEqual(3_000);
    expect(Number(passing[0]?.count)).toBeGreaterThan(200);

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

  it('pre-selects every single-edit spelling variant the matcher accepts (the 0.3 trigram bound)', async () => {
    const names = [
      'Gao Xin',
      'Tang Tao',
      'Zhao Zhi',
      'Xiu Zhao',
      'Li Na',
      'Wang Xiaoming',
      'Nguyễn Văn An',
      'Trần Thị Bích',
      'Lê Văn Hùng',
      'Phạm Minh Tuấn',
    ];
    const letters = 'abcdefghijklmnopqrstuvwxyz ';
    const left: string[] = [];
    const right: string[] = [];
    for (const name of names) {
      const key = nameKey(name);
      const variants = new Set<string>();
      for (let i = 0; i <= key.length; i += 1) {
        if (i < key.length) variants.add(key.slice(0, i) + key.slice(i + 1));
        if (i < key.length - 1)
          variants.add(key.slice(0, i) + key[i + 1] + key[i] + key.slice(i + 2));
        for (const c of letters) {
          variants.add(key.slice(0, i) + c + key.slice(i));
          if (i < key.length) variants.add(key.slice(0, i) + c + key.slice(i + 1));
        }
      }
      for (const variant of variants) {
        if (nameKey(variant) !== '' && nameSimilarity(name, variant).matches) {
          left.push(key);
          right.push(nameKey(variant));
        }
      }
    }
    expect(left.length).toBeGreaterThan(500);
    const missed: { a: string; b: string }[] = await dataSource.query(
      `SELECT a, b FROM unnest($1::text[], $2::text[]) AS t(a, b)
       WHERE NOT (b % a AND abs(length(replace(b, ' ', '')) - length(replace(a, ' ', '')))
                  <= 1 + greatest(length(replace(b, ' ', '')), length(replace(a, ' ', ''))) / 12)`,
      [left, right],
    );
    expect(missed).toEqual([]);
  });
});
