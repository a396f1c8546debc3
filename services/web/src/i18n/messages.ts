import type { Language } from '../format/format';
import { en, type Messages } from './en';
import { vi } from './vi';
import { zhCN } from './zh-cn';

export type { Messages } from './en';

export const RESOURCES: Readonly<Record<Language, Messages>> = { vi, en, 'zh-CN': zhCN };

/** Every leaf key of a message tree, dotted (`driver.connection.connected`). */
export function keysOf(tree: unknown, prefix = ''): string[] {
  if (typeof tree !== 'object' || tree === null) return [prefix];
  return Object.entries(tree as Record<string, unknown>).flatMap(([key, value]) =>
    keysOf(value, prefix === '' ? key : `${prefix}.${key}`),
  );
}

/** Keys one language has and another lacks, per language (empty lists when complete). */
export function missingKeys(
  resources: Readonly<Record<string, unknown>>,
): Record<string, string[]> {
  const all = new Set(Object.values(resources).flatMap((tree) => keysOf(tree)));
  const missing: Record<string, string[]> = {};
  for (const [language, tree] of Object.entries(resources)) {
    const own = new Set(keysOf(tree));
    missing[language] = [...all].filter((key) => !own.has(key)).sort();
  }
  return missing;
}

/** Leaves that are empty or whitespace (an untranslated placeholder). */
export function emptyValues(tree: unknown, prefix = ''): string[] {
  if (typeof tree === 'string') return tree.trim() === '' ? [prefix] : [];
  if (typeof tree !== 'object' || tree === null) return [prefix];
  return Object.entries(tree as Record<string, unknown>).flatMap(([key, value]) =>
    emptyValues(value, prefix === '' ? key : `${prefix}.${key}`),
  );
}
