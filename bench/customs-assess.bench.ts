/**
 * Customs risk-selectivity benchmark (issue 5). Measures, in one run on this machine, the
 * pure `assess` (services/customs/src/cases/domain/assess.ts) over realistic declarations:
 *   1. the baseline: the same loop doing only `JSON.parse` of each declaration;
 *   2. JSON.parse + assess with the demo rule set (14 rules, seeded sampling);
 *   3. JSON.parse + assess with 500 active rules (the demo rules plus generated HS-prefix,
 *      origin and value-band rules), the figure.
 * Each phase runs for BENCH_PHASE_MS (default 3 s); the whole run stays under 15 s.
 * Run: node -r ./tools/runtime/register.cjs bench/customs-assess.bench.ts
 */
import * as os from 'node:os';
import { assess, type TraderHistory } from '../services/customs/src/cases/domain/assess';
import type { Declaration, GoodsLine } from '../services/customs/src/cases/domain/declaration';
import {
  DEMO_RULE_SET,
  type RiskRule,
  type RuleSet,
} from '../services/customs/src/cases/domain/risk-rules';
import { printTable, ratePerSecond, round, writeResults } from './lib/bench-report';

const PHASE_MS = Number(process.env.BENCH_PHASE_MS ?? 3_000);
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

function declarationJson(index: number): string {
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
  return JSON.stringify(declaration);
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

function run(
  name: string,
  inputs: readonly string[],
  work: (json: string, index: number) => unknown,
): { name: string; count: number; elapsedMs: number } {
  let count = 0;
  let sink = 0;
  const start = performance.now();
  const deadline = start + PHASE_MS;
  while (performance.now() < deadline) {
    for (let batch = 0; batch < 200; batch += 1) {
      const index = count % inputs.length;
      const result = work(inputs[index] as string, index);
      sink += result === undefined ? 0 : 1;
      count += 1;
    }
  }
  const elapsedMs = performance.now() - start;
  if (sink !== count) throw new Error('a phase produced no result');
  return { name, count, elapsedMs };
}

function main(): void {
  const inputs = Array.from({ length: 2_000 }, (_, index) => declarationJson(index));
  const rules500 = ruleSetOf(500);
  const channels = { GREEN: 0, YELLOW: 0, RED: 0 };
  const results = [
    run('baseline: JSON.parse only', inputs, (json) => JSON.parse(json) as Declaration),
    run(`assess, demo rules (${DEMO_RULE_SET.rules.length})`, inputs, (json, index) => {
      const outcome = assess(
        JSON.parse(json) as Declaration,
        DEMO_RULE_SET,
        historyOf(index),
        { seed: `s-${index}` },
        AT,
      );
      channels[outcome.channel] += 1;
      return outcome;
    }),
    run(`assess, ${rules500.rules.length} active rules`, inputs, (json, index) =>
      assess(
        JSON.parse(json) as Declaration,
        rules500,
        historyOf(index),
        { seed: `s-${index}` },
        AT,
      ),
    ),
  ];
  const baseline = results[0] as { count: number; elapsedMs: number };
  const baselineRate = ratePerSecond(baseline.count, baseline.elapsedMs);
  const rows = results.map((result) => {
    const rate = ratePerSecond(result.count, result.elapsedMs);
    return {
      phase: result.name,
      operations: result.count,
      'ops/s': round(rate, 0),
      'µs/op': round((result.elapsedMs * 1_000) / result.count, 2),
      'vs baseline': `${round((rate / baselineRate) * 100, 1)} %`,
    };
  });
  printTable(
    `customs assess — ${os.cpus().length} cores, Node ${process.version}, ${PHASE_MS} ms per phase`,
    rows,
  );
  process.stdout.write(`channels with the demo rules: ${JSON.stringify(channels)}\n`);
  const file = writeResults('customs-assess', { phaseMs: PHASE_MS, rows, channels });
  process.stdout.write(`results: ${file}\n`);
}

main();
