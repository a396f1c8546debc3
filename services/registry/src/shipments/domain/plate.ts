import { err, ok, type Result } from './result';
import { registryError, type RegistryError } from './registry.errors';

/**
 * Vehicle plates as people type them and cameras read them: `14C-123.45`, `14C12345` and
 * `14c 123.45` are one plate. A plate is normalised (NFKC so full-width letters become
 * ASCII, upper case, spaces, dots, dashes and middle dots removed) and must then be:
 *
 * - Vietnamese: 2-digit province code (11–99), series of one or two letters or a letter
 *   and a digit, then 4 or 5 digits (`14C12345`, `29LD12345`, `51F1234`, `29B112345`,
 *   trailer `14R00678`);
 * - Chinese: one province abbreviation, the city letter, then 5 characters (letters
 *   without I and O, digits), or a 6-character new-energy number (`D`/`F` first or last,
 *   e.g. `粤B12345D`, `粤BD12345`), or a trailer plate (4 characters and `挂`).
 *
 * Anything else is refused with `REGISTRY.PLATE_INVALID`.
 */
export type PlateCountry = 'VN' | 'CN';

export interface ParsedPlate {
  readonly normalised: string;
  readonly country: PlateCountry;
}

/** Longest raw input looked at; anything longer is refused before any pattern runs. */
export const MAX_RAW_PLATE_LENGTH = 20;

/** The official one-character abbreviations of China's provinces, regions and municipalities. */
export const CHINESE_PROVINCE_ABBREVIATIONS =
  '京津沪渝冀豫云辽黑湘皖鲁新苏浙赣鄂桂甘晋蒙陕吉闽贵粤青藏川宁琼';

const VIETNAMESE_PLATE = /^(\d{2})([A-Z]{1,2}|[A-Z]\d)(\d{4,5})$/;
const CN_CHAR = '[A-HJ-NP-Z0-9]';
const CHINESE_PLATE = new RegExp(
  `^([${CHINESE_PROVINCE_ABBREVIATIONS}])([A-HJ-Z])(` +
    [
      `${CN_CHAR}{5}`, // ordinary
      `[DF]${CN_CHAR}\\d{4}`, // small new-energy
      `\\d{5}[DF]`, // large new-energy
      `${CN_CHAR}{4}挂`, // trailer
    ].join('|') +
    ')$',
  'u',
);
const SEPARATORS = /[\s.\-·•_]/gu;

/** Upper case and no separators; no check of the format. */
export function canonicalPlateText(raw: string): string {
  return raw.normalize('NFKC').toUpperCase().replace(SEPARATORS, '');
}

export function parsePlate(raw: string): Result<ParsedPlate, RegistryError> {
  if (raw.length === 0 || raw.length > MAX_RAW_PLATE_LENGTH) {
    return err(invalid(`a plate has 1 to ${MAX_RAW_PLATE_LENGTH} characters`));
  }
  const normalised = canonicalPlateText(raw);
  const vietnamese = VIETNAMESE_PLATE.exec(normalised);
  if (vietnamese !== null) {
    const province = Number(vietnamese[1]);
    if (province < 11) {
      return err(invalid(`"${normalised}" has no Vietnamese province code (11–99)`));
    }
    return ok({ normalised, country: 'VN' });
  }
  if (CHINESE_PLATE.test(normalised)) {
    return ok({ normalised, country: 'CN' });
  }
  return err(invalid(`"${raw}" is neither a Vietnamese nor a Chinese plate`));
}

/** The normalised form of a plate (`14c 123.45` → `14C12345`), or why it is not one. */
export function normalisePlate(raw: string): Result<string, RegistryError> {
  const parsed = parsePlate(raw);
  return parsed.ok ? ok(parsed.value.normalised) : parsed;
}

/** A normalised plate as it is printed: `14C-123.45`, `29LD-123.45`, `51F-1234`, `粤B·12345D`. */
export function formatPlate(normalised: string): string {
  const vietnamese = VIETNAMESE_PLATE.exec(normalised);
  if (vietnamese !== null) {
    const [, province = '', series = '', digits = ''] = vietnamese;
    const number = digits.length === 5 ? `${digits.slice(0, 3)}.${digits.slice(3)}` : digits;
    return `${province}${series}-${number}`;
  }
  const chinese = CHINESE_PLATE.exec(normalised);
  if (chinese !== null) {
    const [, province = '', city = '', rest = ''] = chinese;
    return `${province}${city}·${rest}`;
  }
  return normalised;
}

function invalid(message: string): RegistryError {
  return registryError('REGISTRY.PLATE_INVALID', message);
}
