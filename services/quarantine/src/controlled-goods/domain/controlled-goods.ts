import { err, ok, type Result } from '../../common/domain/result';
import type { FieldError } from '../../common/domain/quarantine.errors';

/** The health control an entry of the list imposes. */
export type ControlKind = 'PLANT' | 'ANIMAL' | 'FOOD_SAFETY';

export const CONTROL_KINDS: readonly ControlKind[] = ['PLANT', 'ANIMAL', 'FOOD_SAFETY'];

/** One entry of the controlled-goods list: an HS code prefix and its kind of control. */
export interface ControlledGoodsEntry {
  /** 2 to 10 digits, e.g. "08" (chapter) or "0810" (heading). */
  readonly hsPrefix: string;
  readonly kind: ControlKind;
  readonly description: string;
  /** ISO 8601; the entry applies from this instant. */
  readonly validFrom: string;
  /** ISO 8601; the entry no longer applies from this instant. Absent: no end. */
  readonly validUntil?: string;
  readonly addedBy: string;
  readonly reason: string;
}

/** A goods line as the registry published it. */
export interface GoodsLine {
  readonly hsCode: string;
  readonly description: string;
  readonly quantity: number;
  readonly unit: string;
  readonly grossKg: number;
  readonly valueUsd: number;
  readonly origin: string;
}

/** How one goods line was classified: the entry that controls it, if any. */
export interface LineClassification {
  readonly line: GoodsLine;
  readonly control?: { readonly hsPrefix: string; readonly kind: ControlKind };
}

export interface Classification {
  readonly lines: readonly LineClassification[];
  /** HS codes of the controlled lines, in line order, without repeats. */
  readonly controlledHsCodes: readonly string[];
  /** Kinds of control that apply, in CONTROL_KINDS order. */
  readonly kinds: readonly ControlKind[];
}

const HS_PREFIX = /^\d{2,10}$/;

/** The digits of an HS code ("0810.90.10" → "08109010"). */
export function normaliseHsCode(hsCode: string): string {
  return hsCode.replace(/\D/g, '');
}

/** Whether an entry applies at `at`: validFrom ≤ at < validUntil. */
export function isInForce(entry: ControlledGoodsEntry, at: string): boolean {
  const instant = Date.parse(at);
  if (Date.parse(entry.validFrom) > instant) return false;
  return entry.validUntil === undefined || instant < Date.parse(entry.validUntil);
}

/**
 * Which goods lines are controlled, and by what kind: among the entries in force at `at`
 * whose prefix starts the line's HS code, the longest prefix wins (a heading overrides its
 * chapter). Pure: the list and the instant come in.
 */
export function classify(
  goods: readonly GoodsLine[],
  list: readonly ControlledGoodsEntry[],
  at: string,
): Classification {
  const inForce = list.filter((entry) => isInForce(entry, at));
  const lines = goods.map((line): LineClassification => {
    const code = normaliseHsCode(line.hsCode);
    let best: ControlledGoodsEntry | undefined;
    for (const entry of inForce) {
      if (!code.startsWith(entry.hsPrefix)) continue;
      if (best === undefined || entry.hsPrefix.length > best.hsPrefix.length) best = entry;
    }
    return best === undefined
      ? { line }
      : { line, control: { hsPrefix: best.hsPrefix, kind: best.kind } };
  });
  const controlled = lines.filter((line) => line.control !== undefined);
  const kinds = new Set(controlled.map((line) => line.control?.kind));
  return {
    lines,
    controlledHsCodes: [...new Set(controlled.map((line) => line.line.hsCode))],
    kinds: CONTROL_KINDS.filter((kind) => kinds.has(kind)),
  };
}

export interface ControlledGoodsInput {
  readonly hsPrefix: string;
  readonly kind: string;
  readonly description: string;
  readonly validFrom: string;
  readonly validUntil?: string;
  readonly addedBy: string;
  readonly reason: string;
}

function isControlKind(kind: string): kind is ControlKind {
  return (CONTROL_KINDS as readonly string[]).includes(kind);
}

/** Checks a new entry; every failing field at once. */
export function validateControlledGoods(
  input: ControlledGoodsInput,
): Result<ControlledGoodsEntry, FieldError[]> {
  const errors: FieldError[] = [];
  const invalid = (field: string, message: string): void => {
    errors.push({ field, code: 'QUARANTINE.CONTROLLED_PREFIX_INVALID', message });
  };
  const hsPrefix = input.hsPrefix.trim();
  if (!HS_PREFIX.test(hsPrefix)) invalid('hsPrefix', 'must be 2 to 10 digits');
  if (!isControlKind(input.kind)) invalid('kind', 'must be PLANT, ANIMAL or FOOD_SAFETY');
  if (input.description.trim() === '') invalid('description', 'must not be blank');
  if (Number.isNaN(Date.parse(input.validFrom))) invalid('validFrom', 'must be an instant');
  if (input.validUntil !== undefined) {
    if (Number.isNaN(Date.parse(input.validUntil))) invalid('validUntil', 'must be an instant');
    else if (Date.parse(input.validUntil) <= Date.parse(input.validFrom)) {
      invalid('validUntil', 'must be after validFrom');
    }
  }
  if (input.reason.trim() === '') {
    errors.push({
      field: 'reason',
      code: 'QUARANTINE.REASON_REQUIRED',
      message: 'must not be blank',
    });
  }
  if (errors.length > 0 || !isControlKind(input.kind)) return err(errors);
  return ok({
    hsPrefix,
    kind: input.kind,
    description: input.description.trim(),
    validFrom: new Date(input.validFrom).toISOString(),
    ...(input.validUntil === undefined
      ? {}
      : { validUntil: new Date(input.validUntil).toISOString() }),
    addedBy: input.addedBy,
    reason: input.reason.trim(),
  });
}
