/**
 * Border-guard watch-list screening benchmark (issue 6): "watch-list screening per second
 * against a list of 100,000 entries (report p99); it must stay fast as the list grows".
 *
 * One fresh database migrated with the border guard's migrations (GIN index on the name's index
 * keys — name-index-keys.ts; b-tree indexes on document number and plate). Generated, realistic
 * entries: Vietnamese and Chinese-pinyin names (with diacritics), passport / ID numbers,
 * Vietnamese and Chinese plates; 80 % persons, 20 % vehicles; bulk-inserted with multi-row
 * `INSERT … SELECT FROM unnest(…)`. Then, at 10,000 and at 100,000 entries, the same
 * BENCH_SCREENINGS (default 2,000) drivers with their vehicles are screened through the service's
 * real code path: `WatchListRepository.candidates` (SQL pre-selection, complete for the
 * matcher's rule) + the pure
 * `screenPerson` / `screenVehicle` — next to a same-run baseline, an exact document-number
 * lookup by index for the same drivers. About 1 in 20 drivers is on the list by document,
 * 1 in 20 by a spelling variant of the name, 1 in 20 vehicles by plate.
 * Bounded: fixed counts, well under 90 s.
 * Run: node -r ./tools/runtime/register.cjs bench/border-guard-screening.bench.ts
 *      (BENCH_SCREENINGS=2000 BENCH_CONCURRENCY=4)
 */
import * as os from 'node:os';
import type { DataSource } from 'typeorm';
import { createFreshDatabase } from '@cuakhau/local-infra';
import { createDataSource, runMigrations } from '@cuakhau/platform';
import { BORDER_GUARD_MIGRATIONS } from '../services/border-guard/src/database/border-guard.migrations';
import { nameIndexKeys } from '../services/border-guard/src/watch-list/domain/name-index-keys';
import {
  nameKey,
  normaliseDocumentNumber,
  normalisePlate,
  screenPerson,
  screenVehicle,
} from '../services/border-guard/src/watch-list/domain/watch-list';
import { WatchListRepository } from '../services/border-guard/src/watch-list/infrastructure/watch-list.repository';
import { percentile, printTable, ratePerSecond, round, writeResults } from './lib/bench-report';
import { seededRandom, type Random } from './lib/seeded-random';

const SCREENINGS = Number(process.env.BENCH_SCREENINGS ?? 2_000);
const CONCURRENCY = Number(process.env.BENCH_CONCURRENCY ?? 4);
const SIZES = [10_000, 100_000] as const;
const SERVER_URL = process.env.DATABASE_URL ?? 'postgres://postgres@127.0.0.1:5432/postgres';

// ------------------------------------------------------------------ realistic generated data

const VN_FAMILY = [
  'Nguyễn',
  'Trần',
  'Lê',
  'Phạm',
  'Hoàng',
  'Huỳnh',
  'Phan',
  'Vũ',
  'Võ',
  'Đặng',
  'Bùi',
  'Đỗ',
  'Hồ',
  'Ngô',
  'Dương',
  'Lý',
  'Đinh',
  'Trương',
  'Lâm',
  'Mai',
  'Tạ',
  'Quách',
  'Cao',
  'Lưu',
];
const VN_MIDDLE = [
  'Văn',
  'Thị',
  'Đức',
  'Minh',
  'Quang',
  'Hữu',
  'Thanh',
  'Ngọc',
  'Xuân',
  'Hồng',
  'Công',
  'Đình',
  'Kim',
  'Bảo',
  'Gia',
  'Thu',
  'Quốc',
  'Trọng',
  'Anh',
  'Phương',
];
const VN_GIVEN = [
  'An',
  'Anh',
  'Bình',
  'Cường',
  'Dũng',
  'Hải',
  'Hùng',
  'Hương',
  'Lan',
  'Long',
  'Mai',
  'Nam',
  'Phong',
  'Quân',
  'Sơn',
  'Thảo',
  'Trung',
  'Tuấn',
  'Việt',
  'Yến',
  'Hoa',
  'Khánh',
  'Linh',
  'Lộc',
  'Nhung',
  'Phúc',
  'Quyên',
  'Tâm',
  'Thắng',
  'Thủy',
  'Toàn',
  'Trang',
  'Tùng',
  'Vân',
  'Vinh',
  'Hiếu',
  'Hạnh',
  'Giang',
  'Đạt',
  'Duy',
  'Huy',
  'Kiên',
  'Nga',
  'Nghĩa',
  'Oanh',
  'Tài',
  'Thành',
];
const CN_FAMILY = [
  'Wang',
  'Li',
  'Zhang',
  'Liu',
  'Chen',
  'Yang',
  'Huang',
  'Zhao',
  'Wu',
  'Zhou',
  'Xu',
  'Sun',
  'Ma',
  'Zhu',
  'Hu',
  'Guo',
  'He',
  'Lin',
  'Luo',
  'Gao',
  'Liang',
  'Zheng',
  'Xie',
  'Song',
  'Tang',
  'Han',
  'Feng',
  'Deng',
  'Cao',
  'Peng',
];
const CN_SYLLABLE = [
  'Wei',
  'Fang',
  'Ming',
  'Jun',
  'Xiao',
  'Hong',
  'Li',
  'Jie',
  'Yong',
  'Lei',
  'Qiang',
  'Hua',
  'Ping',
  'Gang',
  'Tao',
  'Bin',
  'Yan',
  'Xin',
  'Hui',
  'Jing',
  'Lin',
  'Chao',
  'Feng',
  'Hai',
  'Bo',
  'Peng',
  'Yu',
  'Zhi',
  'Guo',
  'Qing',
  'Xiu',
  'Mei',
  'Lan',
  'Dong',
  'Kai',
  'Rui',
  'Shan',
  'Wen',
];
const VN_PROVINCE_PLATES = ['14C', '14H', '15C', '29C', '29H', '34C', '51C', '51D', '98C', '20C'];
const CN_PLATES = ['GXA', 'GXB', 'GXC', 'GXK', 'GXP', 'YNA', 'GDA', 'GDB'];
const REASONS = [
  'Lệnh truy nã / wanted notice',
  'Cấm xuất cảnh / exit ban',
  'Nghi vấn buôn lậu / suspected smuggling',
  'Giấy tờ bị mất / reported lost document',
  'Xe bị mất cắp / stolen vehicle',
];

const pick = <T>(random: Random, items: readonly T[]): T =>
  items[Math.floor(random() * items.length)] as T;

function personName(random: Random): string {
  if (random() < 0.6) {
    const middles = random() < 0.25 ? 2 : 1;
    const parts = [pick(random, VN_FAMILY)];
    for (let m = 0; m < middles; m += 1) parts.push(pick(random, VN_MIDDLE));
    parts.push(pick(random, VN_GIVEN));
    return parts.join(' ');
  }
  const given =
    random() < 0.7
      ? pick(random, CN_SYLLABLE) + pick(random, CN_SYLLABLE).toLowerCase()
      : pick(random, CN_SYLLABLE);
  // Pinyin written family-first or given-first, as documents and declarations do.
  return random() < 0.5
    ? `${pick(random, CN_FAMILY)} ${given}`
    : `${given} ${pick(random, CN_FAMILY)}`;
}

function documentNumber(random: Random, serial: number, vietnamese: boolean): string {
  return vietnamese
    ? `${pick(random, ['B', 'C', 'N'])}${String(1_000_000 + (serial % 9_000_000)).padStart(7, '0')}`
    : `E${String(10_000_000 + serial).padStart(8, '0')}`;
}

function plate(random: Random, serial: number): string {
  return random() < 0.7
    ? `${pick(random, VN_PROVINCE_PLATES)}-${String(serial % 1_000).padStart(3, '0')}.${String(
        Math.floor(serial / 1_000) % 100,
      ).padStart(2, '0')}`
    : `${pick(random, CN_PLATES)}${String(serial % 100_000).padStart(5, '0')}`;
}

interface GeneratedEntry {
  readonly id: string;
  readonly subject: 'PERSON' | 'VEHICLE';
  readonly fullName: string;
  readonly documentNumber: string;
  readonly nationality: string;
  readonly dateOfBirth: string;
  readonly plate: string;
  readonly reason: string;
}

function entryOf(random: Random, serial: number): GeneratedEntry {
  const id = `0193a8f0-0000-7000-8000-${serial.toString(16).padStart(12, '0')}`;
  if (random() < 0.2) {
    return {
      id,
      subject: 'VEHICLE',
      fullName: '',
      documentNumber: '',
      nationality: '',
      dateOfBirth: '',
      plate: plate(random, serial),
      reason: pick(random, REASONS),
    };
  }
  const fullName = personName(random);
  const vietnamese = /\p{M}|[Đđ]/u.test(fullName.normalize('NFD')) || random() < 0.1;
  return {
    id,
    subject: 'PERSON',
    fullName,
    documentNumber: documentNumber(random, serial, vietnamese),
    nationality: vietnamese ? 'VN' : 'CN',
    dateOfBirth:
      random() < 0.5
        ? ''
        : `19${60 + Math.floor(random() * 40)}-0${1 + Math.floor(random() * 9)}-1${Math.floor(random() * 9)}`,
    plate: '',
    reason: pick(random, REASONS),
  };
}

/** Bulk insert: multi-row INSERT … SELECT FROM unnest(arrays), 1,000 rows per statement (under the data source's 1 s slow-query log). */
async function insertEntries(
  dataSource: DataSource,
  entries: readonly GeneratedEntry[],
): Promise<void> {
  const addedBy = JSON.stringify({ kind: 'OFFICER', id: 'bench-supervisor' });
  for (let from = 0; from < entries.length; from += 1_000) {
    const chunk = entries.slice(from, from + 1_000);
    await dataSource.query(
      `INSERT INTO watch_list_entries (id, subject, full_name, name_key, name_keys,
         document_number, nationality, date_of_birth, plate, reason, expires_at, state,
         added_by, added_at)
       SELECT id, subject, full_name, name_key, name_keys::text[], document_number, nationality,
              date_of_birth, plate, reason, NULL, 'ACTIVE', $9::jsonb, now()
       FROM unnest($1::uuid[], $2::text[], $3::text[], $4::text[], $5::text[], $6::text[],
                   $7::text[], $8::text[], $10::text[], $11::text[])
         AS t(id, subject, full_name, name_key, document_number, nationality, date_of_birth,
              plate, reason, name_keys)`,
      [
        chunk.map((e) => e.id),
        chunk.map((e) => e.subject),
        chunk.map((e) => e.fullName),
        chunk.map((e) => (e.subject === 'PERSON' ? nameKey(e.fullName) : '')),
        chunk.map((e) => normaliseDocumentNumber(e.documentNumber)),
        chunk.map((e) => e.nationality),
        chunk.map((e) => e.dateOfBirth),
        chunk.map((e) => normalisePlate(e.plate)),
        addedBy,
        chunk.map((e) => e.reason),
        chunk.map((e) => arrayLiteral(e.subject === 'PERSON' ? nameIndexKeys(e.fullName) : [])),
      ],
    );
  }
  // As autovacuum would after a bulk import: statistics, and the GIN index's pending list merged.
  await dataSource.query('VACUUM ANALYZE watch_list_entries');
}

function arrayLiteral(values: readonly string[]): string {
  return `{${values.map((value) => `"${value}"`).join(',')}}`;
}

/** A spelling variant a declaration may carry: no diacritics, another token order, joined pinyin. */
function variantOf(name: string, random: Random): string {
  const folded = name
    .normalize('NFD')
    .replace(/\p{M}+/gu, '')
    .replace(/[Đđ]/g, 'D');
  const tokens = folded.split(' ');
  return random() < 0.5 ? [...tokens.slice(1), tokens[0] ?? ''].join(' ') : folded.toUpperCase();
}

interface Traveller {
  readonly name: string;
  readonly documentNumber: string;
  readonly plates: readonly string[];
}

/** Drivers and vehicles to screen, drawn against the first `listed` entries. */
function travellers(listed: readonly GeneratedEntry[], count: number): Traveller[] {
  const random = seededRandom(0xb0d3);
  const persons = listed.filter((e) => e.subject === 'PERSON');
  const vehicles = listed.filter((e) => e.subject === 'VEHICLE');
  return Array.from({ length: count }, (_, index) => {
    const own = entryOf(random, 900_000_000 + index);
    let name = own.subject === 'PERSON' ? own.fullName : personName(random);
    let document = documentNumber(random, 500_000_000 + index, true);
    let tractor = plate(random, 700_000 + index);
    if (index % 20 === 1) document = pick(random, persons).documentNumber;
    if (index % 20 === 2) name = variantOf(pick(random, persons).fullName, random);
    if (index % 20 === 3) tractor = pick(random, vehicles).plate;
    return { name, documentNumber: document, plates: [tractor, plate(random, 800_000 + index)] };
  });
}

// ------------------------------------------------------------------ measurement

interface Measured {
  readonly elapsedMs: number;
  readonly latencies: number[];
  readonly hits: number;
}

async function drive(
  inputs: readonly Traveller[],
  work: (traveller: Traveller) => Promise<number>,
): Promise<Measured> {
  const latencies: number[] = [];
  let next = 0;
  let hits = 0;
  const started = performance.now();
  await Promise.all(
    Array.from({ length: CONCURRENCY }, async () => {
      while (next < inputs.length) {
        const traveller = inputs[next] as Traveller;
        next += 1;
        const began = performance.now();
        const hit = await work(traveller);
        hits += hit;
        latencies.push(performance.now() - began);
      }
    }),
  );
  return { elapsedMs: performance.now() - started, latencies, hits };
}

async function main(): Promise<void> {
  const benchStarted = performance.now();
  const url = await createFreshDatabase(SERVER_URL, 'bench_border_guard_screening');
  const dataSource = createDataSource({
    url,
    entities: [],
    migrations: BORDER_GUARD_MIGRATIONS,
    name: 'bench',
  });
  await runMigrations(dataSource);
  const repository = new WatchListRepository(dataSource);
  const random = seededRandom(0x5eed);
  const all = Array.from({ length: SIZES[SIZES.length - 1] ?? 0 }, (_, serial) =>
    entryOf(random, serial),
  );
  const rows: Record<string, string | number>[] = [];
  const plans: Record<string, string> = {};
  let inserted = 0;
  try {
    for (const size of SIZES) {
      const loadStarted = performance.now();
      await insertEntries(dataSource, all.slice(inserted, size));
      inserted = size;
      const loadMs = performance.now() - loadStarted;
      const listed = all.slice(0, size);
      const inputs = travellers(listed, SCREENINGS);
      const now = new Date();
      let matcherMs = 0;
      let candidateCount = 0;
      const screen = async (traveller: Traveller): Promise<number> => {
        const candidates = await repository.candidates(
          { name: traveller.name, documentNumber: traveller.documentNumber },
          traveller.plates,
          now,
        );
        const matchStarted = performance.now();
        candidateCount += candidates.length;
        const person = screenPerson(
          { name: traveller.name, documentNumber: traveller.documentNumber, nationality: 'VN' },
          candidates,
          now,
        );
        const vehicle = screenVehicle(traveller.plates, candidates, now);
        matcherMs += performance.now() - matchStarted;
        return person.length + vehicle.length > 0 ? 1 : 0;
      };
      const lookup = async (traveller: Traveller): Promise<number> => {
        const found: unknown[] = await dataSource.query(
          `SELECT * FROM watch_list_entries
           WHERE state = 'ACTIVE' AND document_number <> '' AND document_number = $1`,
          [normaliseDocumentNumber(traveller.documentNumber)],
        );
        return found.length > 0 ? 1 : 0;
      };
      // Warm-up: caches, JIT and the connection pool.
      await drive(inputs.slice(0, 200), screen);
      await drive(inputs.slice(0, 200), lookup);
      matcherMs = 0;
      candidateCount = 0;
      const phases: [string, Measured][] = [
        ['baseline: exact document lookup (b-tree)', await drive(inputs, lookup)],
        ['screening: candidates (name keys) + matcher', await drive(inputs, screen)],
      ];
      for (const [phase, measured] of phases) {
        const screening = phase.startsWith('screening');
        rows.push({
          entries: size,
          phase,
          screenings: inputs.length,
          'per s': round(ratePerSecond(inputs.length, measured.elapsedMs), 0),
          'p50 ms': round(percentile(measured.latencies, 50), 2),
          'p99 ms': round(percentile(measured.latencies, 99), 2),
          'with a hit': measured.hits,
          'candidates/op': screening ? round(candidateCount / inputs.length, 1) : '',
          'matcher ms/op': screening ? round(matcherMs / inputs.length, 2) : '',
          'load s': round(loadMs / 1_000, 1),
        });
      }
      const sample = inputs[2] as Traveller;
      const explained = repository.candidatesQuery(
        { name: sample.name, documentNumber: sample.documentNumber },
        sample.plates,
        now,
      );
      const plan: { 'QUERY PLAN': string }[] = await dataSource.query(
        `EXPLAIN ${explained.sql}`,
        explained.parameters,
      );
      // The name branch runs inside watch_list_name_candidates (a function scan above): its own
      // statement, as the function builds it, explained with the function's setting.
      const [keyLists, letters] = explained.parameters.slice(3) as [string[][], number];
      const inner: { 'QUERY PLAN': string }[] = await dataSource.transaction(async (manager) => {
        await manager.query('SET LOCAL enable_seqscan = off');
        return manager.query(
          `EXPLAIN SELECT * FROM watch_list_entries WHERE state = 'ACTIVE' AND subject = 'PERSON'
             AND (expires_at IS NULL OR expires_at > $3)
             AND abs(length(replace(name_key, ' ', '')) - $2)
               <= 1 + greatest(length(replace(name_key, ' ', '')), $2) / 12
             ${keyLists.map((_, i) => `AND name_keys && ($1::text[])[${i + 1}:${i + 1}]`).join(' ')}`,
          [keyLists, letters, now],
        );
      });
      plans[String(size)] = [...plan, ...inner]
        .map((line) => line['QUERY PLAN'].trim())
        .join(' | ');
    }
  } finally {
    await dataSource.destroy();
  }
  printTable(
    `border-guard watch-list screening — ${os.cpus().length} cores, Node ${process.version}, ` +
      `${SCREENINGS.toLocaleString('en-US')} drivers + vehicles, concurrency ${CONCURRENCY}`,
    rows,
  );
  for (const [size, plan] of Object.entries(plans)) {
    const indexes = [...new Set(plan.match(/watch_list_\w+_idx/g) ?? [])].join(', ');
    process.stdout.write(
      `plan at ${Number(size).toLocaleString('en-US')} entries: ${/Seq Scan/.test(plan) ? 'SEQUENTIAL SCAN' : 'index scans'} (${indexes})\n`,
    );
  }
  const totalS = round((performance.now() - benchStarted) / 1_000, 1);
  process.stdout.write(`total ${totalS} s\n`);
  const file = writeResults('border-guard-screening', {
    screenings: SCREENINGS,
    concurrency: CONCURRENCY,
    rows,
    plans,
    totalSeconds: totalS,
  });
  process.stdout.write(`results: ${file}\n`);
}

main().catch((error: unknown) => {
  process.stderr.write(
    `${error instanceof Error ? (error.stack ?? error.message) : String(error)}\n`,
  );
  process.exitCode = 1;
});
