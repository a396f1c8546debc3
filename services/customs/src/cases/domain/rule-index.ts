import type { Declaration } from './declaration';
import type { RiskRule } from './risk-rules';

/**
 * A rule list compiled once for `assess`: effective periods parsed to epoch milliseconds, and
 * rules indexed by what they look at (HS prefix, origin country, trader), so that a
 * declaration is checked against the few rules that can match it rather than all of them.
 *
 * Pure and deterministic: the index is derived from the rules alone and cached per rules
 * array (`WeakMap`), so the same inputs still give the same assessment; a new rule set (a new
 * array) gets a new index. Rules are returned in their rule-set order, so the outcome is
 * exactly the one of checking every rule in turn.
 */
export interface IndexedRule {
  readonly rule: RiskRule;
  /** Position in the rule set. */
  readonly position: number;
  /** `Date.parse(effectiveFrom)` (NaN when unparseable, which never excludes the rule). */
  readonly fromMs: number;
  /** `Date.parse(effectiveTo)`, or undefined when the rule has no end. */
  readonly toMs: number | undefined;
}

export interface RuleIndex {
  readonly size: number;
  /** HS_CODE_PREFIX, VALUE_PER_KG_OUTSIDE_BAND and DOCUMENTS_MISSING rules, by HS prefix. */
  readonly byHsPrefix: ReadonlyMap<string, readonly IndexedRule[]>;
  readonly byOrigin: ReadonlyMap<string, readonly IndexedRule[]>;
  readonly byTrader: ReadonlyMap<string, readonly IndexedRule[]>;
  /** Rules every declaration is checked against (TRADER_VIOLATIONS). */
  readonly always: readonly IndexedRule[];
}

const INDEXES = new WeakMap<readonly RiskRule[], RuleIndex>();

/** The index of a rule list, built on first use and kept as long as the list lives. */
export function ruleIndexOf(rules: readonly RiskRule[]): RuleIndex {
  const cached = INDEXES.get(rules);
  if (cached !== undefined) return cached;
  const index = buildRuleIndex(rules);
  INDEXES.set(rules, index);
  return index;
}

export function buildRuleIndex(rules: readonly RiskRule[]): RuleIndex {
  const byHsPrefix = new Map<string, IndexedRule[]>();
  const byOrigin = new Map<string, IndexedRule[]>();
  const byTrader = new Map<string, IndexedRule[]>();
  const always: IndexedRule[] = [];
  const add = (map: Map<string, IndexedRule[]>, key: string, indexed: IndexedRule): void => {
    const list = map.get(key);
    if (list === undefined) map.set(key, [indexed]);
    else if (list[list.length - 1] !== indexed) list.push(indexed);
  };
  rules.forEach((rule, position) => {
    const indexed: IndexedRule = {
      rule,
      position,
      fromMs: Date.parse(rule.effectiveFrom),
      toMs: rule.effectiveTo === undefined ? undefined : Date.parse(rule.effectiveTo),
    };
    const { criteria } = rule;
    switch (criteria.kind) {
      case 'HS_CODE_PREFIX':
      case 'VALUE_PER_KG_OUTSIDE_BAND':
        add(byHsPrefix, criteria.hsPrefix, indexed);
        return;
      case 'DOCUMENTS_MISSING':
        for (const prefix of criteria.hsPrefixes) add(byHsPrefix, prefix, indexed);
        return;
      case 'ORIGIN_COUNTRY':
        add(byOrigin, criteria.country, indexed);
        return;
      case 'TRADER':
        add(byTrader, criteria.organisationId, indexed);
        return;
      case 'TRADER_VIOLATIONS':
        always.push(indexed);
        return;
      default: {
        const unknown: never = criteria;
        throw new TypeError(`unknown criteria ${JSON.stringify(unknown)}`);
      }
    }
  });
  return { size: rules.length, byHsPrefix, byOrigin, byTrader, always };
}

/**
 * The rules that can match `declaration` (a superset of those that do), in rule-set order,
 * each once: rules under a prefix of any goods line's HS code, of any line's origin, of the
 * declaring trader, and the rules about every declaration.
 */
export function candidateRules(index: RuleIndex, declaration: Declaration): IndexedRule[] {
  const seen = new Set<number>();
  const found: IndexedRule[] = [];
  const take = (list: readonly IndexedRule[] | undefined): void => {
    if (list === undefined) return;
    for (const indexed of list) {
      if (!seen.has(indexed.position)) {
        seen.add(indexed.position);
        found.push(indexed);
      }
    }
  };
  for (const line of declaration.goods) {
    for (let length = 0; length <= line.hsCode.length; length += 1) {
      take(index.byHsPrefix.get(line.hsCode.slice(0, length)));
    }
    take(index.byOrigin.get(line.origin));
  }
  take(index.byTrader.get(declaration.organisationId));
  take(index.always);
  return found.sort((a, b) => a.position - b.position);
}

/** `effectiveFrom <= at < effectiveTo`, as `isEffective` in risk-rules.ts, on parsed times. */
export function isEffectiveAt(indexed: IndexedRule, atMs: number): boolean {
  if (indexed.fromMs > atMs) return false;
  return indexed.toMs === undefined || atMs < indexed.toMs;
}
