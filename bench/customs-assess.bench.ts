/**
 * Customs risk-selectivity benchmark (issue 5): "assessments per second with 500 active rules,
 * next to a same-run baseline of the bare case insert". In one run on this machine, over the
 * same BENCH_CASES (default 5,000) realistic declarations:
 *   1. the baseline: the bare case insert — one `INSERT INTO customs_cases` of the case row
 *      customs writes when it opens a case (the whole case as jsonb, ~3–5 kB), one after the
 *      other on one connection, into a fresh database migrated with the customs migrations;
 *   2. the pure `assess` (services/customs/src/cases/domain/assess.ts) with the demo rule set
 *      (12 rules, seeded sampling);
 *   3. `assess` with 500 active rules (the demo rules plus generated HS-prefix, origin and
 *      value-band rules), the figure, and its ratio to the baseline.
 * Bounded: fixed counts, well under 30 s.
 * Run: node -r ./tools/runtime/register.cjs bench/customs-assess.bench.ts   (BENCH_CASES=5000)
 */
import * as os from 'node:os';
import { Client } from 'pg';
import { createFreshDatabase } from '@cuakhau/local-infra';
import { createDataSource, runMigrations } from '@cuakhau/platform';
import { assess, type TraderHistory } from '../services/customs/src/cases/domain/assess';
import { decide } from '../services/customs/src/cases/domain/case.state-machine';
import type { Declaration, GoodsLine } from '../services/customs/src/cases/domain/declaration';
import {
  DEMO_RULE_SET,
  type RiskRule,
  type RuleSet,
} from '../services/customs/src/cases/domain/risk-rules';
import { CUSTOMS_MIGRATIONS } from '../services/customs/src/database/customs.migrations';
import { printTable, ratePerSecond, round, writeResults } from './lib/bench-report';

const CASES = Number(process.env.BENCH_CASES ?? 5_000);
const SERVER_URL = process.env.DATABASE_URL ?? 'postgres://postgres@127.0.0.1:5432/postgres';
const AT = '2026-12-01T01:30:00.000Z';

/** Goods a land gate with China sees: fruit, furniture, phones, meat, plastics, sugar, steel. */
const GOODS: readonly GoodsLine[] = [
  {
    hsCode: '08109010',
    description: 'Vải tươi / lychee',
    quantity: 20000,
    unit: 'KGM',
    grossKg: 21000,
    valueUsd: 18000,
    origin: 'VN',
  },
  {
    hsCode: '94036090',
    description: 'Bàn ghế gỗ / furniture',
    quantity: 120,
    unit: 'PCE',
    grossKg: 3000,
    valueUsd: 15000,
    origin: 'VN',
  },
  {
    hsCode: '85171300',
    description: 'Điện thoại / phones',
    quantity: 2000,
    unit: 'PCE',
    grossKg: 900,
    valueUsd: 120000,
    origin: 'CN',
  },
  {
    hsCode: '02013000',
    description: 'Thịt bò / beef',
    quantity: 18000,
    unit: 'KGM',
    grossKg: 20000,
    valueUsd: 90000,
    origin: 'AU',
  },
  {
    hsCode: '39241090',
    description: 'Đồ nhựa / plastics',
    quantity: 5000,
    unit: 'KGM',
    grossKg: 5200,
    valueUsd: 9000,
    origin: 'VN',
  },
  {
    hsCode: '17019910',
    description: 'Đường / sugar',
    quantity: 25000,
    unit: 'KGM',
    grossKg: 25100,
    valueUsd: 14000,
    origin: 'TH',
  },
  {
    hsCode: '72142000',
    description: 'Thép / steel bars',
    quantity: 30000,
    unit: 'KGM',
    grossKg: 30000,
    valueUsd: 21000,
    origin: 'CN',
  },
];
const DOCUMENTS = ['INVOICE', 'CO', 'PHYTO_CERT', 'VET_CERT', 'PACKING_LIST'];

function declarationOf(index: number): Declaration {
  const lines = 1 + (index % 4);
  const declaration: Declaration = {
    shipmentId: `0193a8f0-0000-7000-8000-${String(index).padStart(12, '0')}`,
    organisationId: `org-${index % 50}`,
    gateCode: 'MONGCAI',
    direction: index % 3 === 0 ? 'IMPORT' : 'EXPORT',
    declarationNumber: String(305_000_000_000 + index),
    plannedArrival: AT,
    vehicle: { plate: '14C-123.45', country: 'VN' },
    normalisedPlate: '14C12345',
    driver: { name: 'Nguyễn Văn An', documentNumber: 'C1234567', nationality: 'VN' },
    goods: Array.from(
      { length: lines },
      (_, line) => GOODS[(index + line * 3) % GOODS.length] as GoodsLine,
    ),
    documents: DOCUMENTS.filter((_, doc) => (index >> doc) % 2 === 0).map((type) => ({
      type,
      number: `${type}-${index}`,
    })),
  };
  return declaration;
}

function ruleSetOf(size: number): RuleSet {
  const rules: RiskRule[] = [...DEMO_RULE_SET.rules];
  for (let n = 0; rules.length < size; n += 1) {
    const base = {
      id: `generated-${n}`,
      version: 1,
      effectiveFrom: '2026-01-01T00:00:00Z',
      title: { vi: 'Quy tắc', en: 'Rule' },
    };
    const prefix = String(10 + (n % 89)) + String(n % 100).padStart(2, '0');
    switch (n % 3) {
      case 0:
        rules.push({
          ...base,
          channel: 'YELLOW',
          criteria: { kind: 'HS_CODE_PREFIX', hsPrefix: prefix },
        });
        break;
      case 1:
        rules.push({
          ...base,
          channel: 'YELLOW',
          criteria: { kind: 'ORIGIN_COUNTRY', country: `X${String.fromCharCode(65 + (n % 26))}` },
        });
        break;
      default:
        rules.push({
          ...base,
          channel: 'RED',
          criteria: {
            kind: 'VALUE_PER_KG_OUTSIDE_BAND',
            hsPrefix: prefix,
            minUsdPerKg: 0.1,
            maxUsdPerKg: 500,
          },
        });
    }
  }
  return { ...DEMO_RULE_SET, version: 2, rules };
}

/** Every 10th trader has one violation in the last 90 days. */
const CLEAN: TraderHistory = { violations: [] };
const OFFENDER: TraderHistory = { violations: [{ shipmentId: 'old', at: '2026-10-01T00:00:00Z' }] };
const historyOf = (index: number): TraderHistory => (index % 10 === 0 ? OFFENDER : CLEAN);

interface Phase {
  readonly name: string;
  readonly count: number;
  readonly elapsedMs: number;
}

/** `work(i)` for every declaration, timed; a warm-up pass of 10 % first (JIT, caches). */
function runPure(
  name: string,
  inputs: readonly Declaration[],
  work: (d: Declaration, i: number) => unknown,
): Phase {
  let sink = 0;
  const pass = (count: number): void => {
    for (let index = 0; index < count; index += 1) {
      sink += work(inputs[index] as Declaration, index) === undefined ? 0 : 1;
    }
  };
  pass(Math.ceil(inputs.length / 10));
  sink = 0;
  const start = performance.now();
  pass(inputs.length);
  const elapsedMs = performance.now() - start;
  if (sink !== inputs.length) throw new Error('a phase produced no result');
  return { name, count: inputs.length, elapsedMs };
}

/** The case row customs inserts when it opens a case: the state after `OpenCase`. */
function caseRowOf(declaration: Declaration, index: number): unknown[] {
  const at = AT;
  const decided = decide(null, {
    type: 'OpenCase',
    meta: {
      at,
      actor: { kind: 'SYSTEM', id: 'customs.risk-selectivity' },
      sourceEventId: `0193a8f0-0000-7000-9000-${String(index).padStart(12, '0')}`,
    },
    data: {
      caseId: `0193a8f0-0000-7000-a000-${String(index).padStart(12, '0')}`,
      declaration,
      shipmentVersion: 1,
      assessment: assess(declaration, DEMO_RULE_SET, historyOf(index), { seed: `s-${index}` }, at),
    },
  });
  if (!decided.ok) throw new Error(decided.error.message);
  const state = decided.value.state;
  return [
    state.id,
    state.shipmentId,
    state.declaration.organisationId,
    state.declaration.gateCode,
    state.status,
    state.channel,
    state.version,
    JSON.stringify(state),
    null,
    null,
    state.createdAt,
    state.updatedAt,
  ];
}

/** Baseline: the bare case insert, one after the other on one connection (autocommit). */
async function runInserts(inputs: readonly Declaration[]): Promise<Phase & { rowBytes: number }> {
  const url = await createFreshDatabase(SERVER_URL, 'bench_customs_assess');
  const dataSource = createDataSource({
    url,
    entities: [],
    migrations: CUSTOMS_MIGRATIONS,
    name: 'bench',
  });
  await runMigrations(dataSource);
  await dataSource.destroy();
  const rows = inputs.map((declaration, index) => caseRowOf(declaration, index));
  const rowBytes = Math.round(
    rows.reduce<number>((sum, row) => sum + String(row[7]).length, 0) / rows.length,
  );
  const client = new Client({ connectionString: url });
  await client.connect();
  try {
    const sql = `INSERT INTO customs_cases (
         id, shipment_id, organisation_id, gate_code, status, channel, version, state,
         decision_signature, decided_at, created_at, updated_at)
       VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12)
       ON CONFLICT (shipment_id) DO NOTHING`;
    const warmUp = Math.ceil(rows.length / 10);
    for (let index = 0; index < warmUp; index += 1) {
      const row = [...(rows[index] ?? [])];
      row[0] = `0193a8f0-0000-7000-b000-${String(index).padStart(12, '0')}`;
      row[1] = `warm-up-${index}`;
      await client.query(sql, row);
    }
    const start = performance.now();
    for (const row of rows) await client.query(sql, row);
    const elapsedMs = performance.now() - start;
    const counted = await client.query<{ n: string }>(
      `SELECT count(*) AS n FROM customs_cases WHERE shipment_id NOT LIKE 'warm-up-%'`,
    );
    if (Number(counted.rows[0]?.n) !== rows.length)
      throw new Error('not every case row was inserted');
    return {
      name: 'baseline: bare case insert (PostgreSQL)',
      count: rows.length,
      elapsedMs,
      rowBytes,
    };
  } finally {
    await client.end();
  }
}

async function main(): Promise<void> {
  const inputs = Array.from({ length: CASES }, (_, index) => declarationOf(index));
  const rules500 = ruleSetOf(500);
  const channels = { GREEN: 0, YELLOW: 0, RED: 0 };
  const channels500 = { GREEN: 0, YELLOW: 0, RED: 0 };
  const baseline = await runInserts(inputs);
  const demo = runPure(`assess, demo rules (${DEMO_RULE_SET.rules.length})`, inputs, (d, index) =>
    assess(d, DEMO_RULE_SET, historyOf(index), { seed: `s-${index}` }, AT),
  );
  const full = runPure(`assess, ${rules500.rules.length} active rules`, inputs, (d, index) =>
    assess(d, rules500, historyOf(index), { seed: `s-${index}` }, AT),
  );
  const baselineRate = ratePerSecond(baseline.count, baseline.elapsedMs);
  const rows = [baseline, demo, full].map((phase) => {
    const rate = ratePerSecond(phase.count, phase.elapsedMs);
    return {
      phase: phase.name,
      operations: phase.count,
      'ops/s': round(rate, 0),
      'µs/op': round((phase.elapsedMs * 1_000) / phase.count, 2),
      'vs baseline': `${round(rate / baselineRate, 1)} ×`,
    };
  });
  printTable(
    `customs assess — ${os.cpus().length} cores, Node ${process.version}, ${CASES.toLocaleString('en-US')} declarations, case row ≈ ${baseline.rowBytes.toLocaleString('en-US')} B of jsonb`,
    rows,
  );
  const rate500 = ratePerSecond(full.count, full.elapsedMs);
  const ratio = rate500 / baselineRate;
  process.stdout.write(
    `assessments/s with ${rules500.rules.length} active rules: ${round(rate500, 0).toLocaleString('en-US')}; ` +
      `bare case inserts/s: ${round(baselineRate, 0).toLocaleString('en-US')}; ratio ${round(ratio, 1)} ×\n`,
  );
  inputs.forEach((declaration, index) => {
    const sampler = { seed: `s-${index}` };
    channels[assess(declaration, DEMO_RULE_SET, historyOf(index), sampler, AT).channel] += 1;
    channels500[assess(declaration, rules500, historyOf(index), sampler, AT).channel] += 1;
  });
  process.stdout.write(
    `channels: demo rules ${JSON.stringify(channels)}; ${rules500.rules.length} rules ${JSON.stringify(channels500)}\n`,
  );
  const file = writeResults('customs-assess', {
    cases: CASES,
    caseRowBytes: baseline.rowBytes,
    rows,
    assessmentsPerSecond500Rules: round(rate500, 0),
    bareCaseInsertsPerSecond: round(baselineRate, 0),
    ratioToBaseline: round(ratio, 2),
    channels,
    channels500,
  });
  process.stdout.write(`results: ${file}\n`);
}

main().catch((error: unknown) => {
  process.stderr.write(
    `${error instanceof Error ? (error.stack ?? error.message) : String(error)}\n`,
  );
  process.exitCode = 1;
});
