/**
 * The yard's plate normaliser, the same rule as the registry's: NFKC (full-width letters
 * become ASCII), upper case, spaces, dots, dashes, underscores and middle dots removed.
 * `14c 123.45`, `14C-123.45` and `14C12345` are one plate. No format check: a camera's
 * misread must still reach the unmatched list, not be refused.
 */
const SEPARATORS = /[\s.\-·•_]/gu;

export const MAX_RAW_PLATE_LENGTH = 20;

export function normalisePlate(raw: string): string {
  return raw.normalize('NFKC').toUpperCase().replace(SEPARATORS, '');
}
