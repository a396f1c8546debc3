import { isCountryCode } from './country-codes';
import { parsePlate, type ParsedPlate } from './plate';
import type { FieldError, RegistryErrorCode } from './registry.errors';
import {
  DIRECTIONS,
  DOCUMENT_TYPES,
  GOODS_UNITS,
  type Direction,
  type DocumentType,
  type Driver,
  type GoodsLine,
  type GoodsUnit,
  type Registration,
  type ShipmentDocument,
  type Vehicle,
} from './shipment';

/**
 * Validation of what a trader sends to register (or, merged with the stored registration,
 * to amend) a shipment. Input is whatever the transport parsed from JSON (`unknown`): types
 * are checked here, nothing is coerced (`"20000"` is not a quantity), strings are trimmed,
 * and EVERY problem is reported at once as a field error with a stable code. Unknown
 * fields are dropped: the value is rebuilt field by field.
 *
 * Not checked here (needs the database): a duplicate declaration number at the same gate,
 * which the unique constraint refuses as `REGISTRY.DECLARATION_DUPLICATE` (409).
 */

/** The JSON a well-formed request carries (documentation for the transport's DTO). */
export interface RegistrationInput {
  readonly gateCode: string;
  readonly direction: Direction;
  readonly declarationNumber: string;
  readonly plannedArrival: string;
  readonly vehicle: {
    readonly plate: string;
    readonly trailerPlate?: string;
    readonly country: string;
  };
  readonly driver: {
    readonly name: string;
    readonly documentNumber: string;
    readonly nationality: string;
    readonly phone?: string;
  };
  readonly goods: readonly {
    readonly hsCode: string;
    readonly description: string;
    readonly quantity: number;
    readonly unit: string;
    readonly grossKg: number;
    readonly valueUsd: number;
    readonly origin: string;
  }[];
  readonly documents?: readonly { readonly type: string; readonly number: string }[];
}

export interface RegistrationContext {
  readonly now: Date;
  /** Gate codes that exist, upper case. */
  readonly knownGates: ReadonlySet<string>;
}

export type ValidationResult<T> =
  | { readonly ok: true; readonly value: T }
  | { readonly ok: false; readonly errors: readonly FieldError[] };

const HOUR_MS = 60 * 60 * 1000;
/** A planned arrival may lie at most this far in the past (a truck running late). */
export const PLANNED_ARRIVAL_MAX_PAST_MS = 24 * HOUR_MS;
/** ... and at most this far ahead. */
export const PLANNED_ARRIVAL_MAX_AHEAD_MS = 90 * 24 * HOUR_MS;
export const MAX_GOODS_LINES = 200;
export const MAX_DOCUMENTS = 50;
export const MAX_DESCRIPTION_LENGTH = 500;
export const MAX_DRIVER_NAME_LENGTH = 100;
export const MAX_DOCUMENT_NUMBER_LENGTH = 50;
export const MAX_QUANTITY = 1e9;
export const MAX_GROSS_KG = 1e6;
export const MAX_VALUE_USD = 1e10;

const GATE_CODE = /^[A-Z0-9_-]{2,32}$/;
const DECLARATION_NUMBER = /^\d{12}$/;
const HS_CODE = /^\d{8}$/;
const DRIVER_NAME = /^[\p{L}\p{M}][\p{L}\p{M}' .-]*$/u;
const DRIVER_DOCUMENT_NUMBER = /^[A-Z0-9]{6,20}$/;
const E164 = /^\+[1-9]\d{6,14}$/;
const DOCUMENT_NUMBER = /^[\p{L}\p{N}][\p{L}\p{N} ./_()-]*$/u;
const ISO_DATE_TIME =
  /^(\d{4})-(\d{2})-(\d{2})T(\d{2}):(\d{2})(?::(\d{2})(?:\.(\d{1,9}))?)?(?:Z|([+-])(\d{2}):(\d{2}))$/;

type Json = Readonly<Record<string, unknown>>;

class Problems {
  readonly list: FieldError[] = [];

  add(field: string, code: RegistryErrorCode, message: string): undefined {
    this.list.push({ field, code, message });
    return undefined;
  }
}

export function validateRegistration(
  input: unknown,
  ctx: RegistrationContext,
): ValidationResult<Registration> {
  const problems = new Problems();
  if (!isObject(input)) {
    problems.add('$', 'REGISTRY.OBJECT_EXPECTED', 'the body must be a JSON object');
    return { ok: false, errors: problems.list };
  }
  const gateCode = gate(input['gateCode'], ctx, problems);
  const direction = oneOf(
    input['direction'],
    DIRECTIONS,
    'direction',
    'REGISTRY.DIRECTION_INVALID',
    problems,
  );
  const declarationNumber = declaration(input['declarationNumber'], problems);
  const plannedArrival = arrival(input['plannedArrival'], ctx.now, problems);
  const vehicle = vehicleOf(input['vehicle'], problems);
  const driver = driverOf(input['driver'], problems);
  const goods = goodsOf(input['goods'], problems);
  const documents = documentsOf(input['documents'], problems);

  if (
    problems.list.length > 0 ||
    gateCode === undefined ||
    direction === undefined ||
    declarationNumber === undefined ||
    plannedArrival === undefined ||
    vehicle === undefined ||
    driver === undefined ||
    goods === undefined ||
    documents === undefined
  ) {
    return { ok: false, errors: problems.list };
  }
  return {
    ok: true,
    value: {
      gateCode,
      direction,
      declarationNumber,
      plannedArrival,
      vehicle,
      driver,
      goods,
      documents,
    },
  };
}

/**
 * A stored registration back in request form, so that an amendment can be made the simple
 * way: merge the trader's changes into this, then `validateRegistration` the whole again.
 * Plates go back as the trader typed them.
 */
export function toRegistrationInput(registration: Registration): RegistrationInput {
  const { vehicle, driver } = registration;
  return {
    gateCode: registration.gateCode,
    direction: registration.direction,
    declarationNumber: registration.declarationNumber,
    plannedArrival: registration.plannedArrival,
    vehicle: {
      plate: vehicle.plate,
      ...(vehicle.trailerPlate === undefined ? {} : { trailerPlate: vehicle.trailerPlate }),
      country: vehicle.country,
    },
    driver: {
      name: driver.name,
      documentNumber: driver.documentNumber,
      nationality: driver.nationality,
      ...(driver.phone === undefined ? {} : { phone: driver.phone }),
    },
    goods: registration.goods.map((line) => ({ ...line })),
    documents: registration.documents.map((document) => ({ ...document })),
  };
}

/** The ISO 8601 instant in ms, if `text` is a real date and time with a `Z` or `±hh:mm` offset. */
export function parseIsoDateTime(text: string): number | undefined {
  const match = ISO_DATE_TIME.exec(text);
  if (match === null) {
    return undefined;
  }
  const [, y, mo, d, h, mi, s = '0', fraction = '0', sign, oh = '0', om = '0'] = match;
  const year = Number(y);
  const month = Number(mo);
  const day = Number(d);
  const hour = Number(h);
  const minute = Number(mi);
  const second = Number(s);
  const offsetMinutes = (Number(oh) * 60 + Number(om)) * (sign === '-' ? -1 : 1);
  if (
    month < 1 ||
    month > 12 ||
    day < 1 ||
    day > daysInMonth(year, month) ||
    hour > 23 ||
    minute > 59 ||
    second > 59 ||
    Number(oh) > 14 ||
    Number(om) > 59
  ) {
    return undefined;
  }
  const ms = Math.floor(Number(`0.${fraction}`) * 1000);
  return Date.UTC(year, month - 1, day, hour, minute, second, ms) - offsetMinutes * 60_000;
}

// ---------------------------------------------------------------- top-level fields

function gate(value: unknown, ctx: RegistrationContext, problems: Problems): string | undefined {
  const text = requiredString(value, 'gateCode', 'REGISTRY.GATE_INVALID', problems);
  if (text === undefined) {
    return undefined;
  }
  const code = text.toUpperCase();
  if (!GATE_CODE.test(code)) {
    return problems.add(
      'gateCode',
      'REGISTRY.GATE_INVALID',
      'a gate code has 2 to 32 letters, digits, - or _',
    );
  }
  if (!ctx.knownGates.has(code)) {
    return problems.add('gateCode', 'REGISTRY.GATE_UNKNOWN', `there is no gate ${code}`);
  }
  return code;
}

function declaration(value: unknown, problems: Problems): string | undefined {
  const text = requiredString(
    value,
    'declarationNumber',
    'REGISTRY.DECLARATION_NUMBER_INVALID',
    problems,
  );
  if (text === undefined) {
    return undefined;
  }
  if (!DECLARATION_NUMBER.test(text)) {
    return problems.add(
      'declarationNumber',
      'REGISTRY.DECLARATION_NUMBER_INVALID',
      'a customs declaration number has exactly 12 digits',
    );
  }
  return text;
}

function arrival(value: unknown, now: Date, problems: Problems): string | undefined {
  const field = 'plannedArrival';
  const text = requiredString(value, field, 'REGISTRY.PLANNED_ARRIVAL_INVALID', problems);
  if (text === undefined) {
    return undefined;
  }
  const at = parseIsoDateTime(text);
  if (at === undefined) {
    return problems.add(
      field,
      'REGISTRY.PLANNED_ARRIVAL_INVALID',
      'a planned arrival is an ISO 8601 date and time with an offset, e.g. 2026-12-01T08:30:00+07:00',
    );
  }
  if (at < now.getTime() - PLANNED_ARRIVAL_MAX_PAST_MS) {
    return problems.add(
      field,
      'REGISTRY.PLANNED_ARRIVAL_IN_PAST',
      'the planned arrival is more than 24 hours ago',
    );
  }
  if (at > now.getTime() + PLANNED_ARRIVAL_MAX_AHEAD_MS) {
    return problems.add(
      field,
      'REGISTRY.PLANNED_ARRIVAL_TOO_FAR',
      'the planned arrival is more than 90 days ahead',
    );
  }
  return new Date(at).toISOString();
}

// ---------------------------------------------------------------- vehicle and driver

function vehicleOf(value: unknown, problems: Problems): Vehicle | undefined {
  const vehicle = requiredObject(value, 'vehicle', problems);
  if (vehicle === undefined) {
    return undefined;
  }
  const plate = plateOf(vehicle['plate'], 'vehicle.plate', true, problems);
  const trailer = plateOf(vehicle['trailerPlate'], 'vehicle.trailerPlate', false, problems);
  const country = countryOf(
    vehicle['country'],
    'vehicle.country',
    'REGISTRY.COUNTRY_INVALID',
    problems,
  );
  if (plate === undefined || plate === null || trailer === null || country === undefined) {
    return undefined;
  }
  if (plate.parsed.country !== country) {
    return problems.add(
      'vehicle.plate',
      'REGISTRY.PLATE_COUNTRY_MISMATCH',
      `${plate.parsed.normalised} is a ${plate.parsed.country} plate, the vehicle country is ${country}`,
    );
  }
  return {
    plate: plate.raw,
    plateNormalised: plate.parsed.normalised,
    ...(trailer === undefined
      ? {}
      : { trailerPlate: trailer.raw, trailerPlateNormalised: trailer.parsed.normalised }),
    country: plate.parsed.country,
  };
}

/** undefined: absent (or invalid when required); null: present but invalid. */
function plateOf(
  value: unknown,
  field: string,
  required: boolean,
  problems: Problems,
): { raw: string; parsed: ParsedPlate } | undefined | null {
  if (!required && isAbsent(value)) {
    return undefined;
  }
  const raw = requiredString(value, field, 'REGISTRY.PLATE_INVALID', problems);
  if (raw === undefined) {
    return null;
  }
  const parsed = parsePlate(raw);
  if (!parsed.ok) {
    problems.add(field, parsed.error.code, parsed.error.message);
    return null;
  }
  return { raw, parsed: parsed.value };
}

function driverOf(value: unknown, problems: Problems): Driver | undefined {
  const driver = requiredObject(value, 'driver', problems);
  if (driver === undefined) {
    return undefined;
  }
  const name = boundedText(
    driver['name'],
    'driver.name',
    'REGISTRY.DRIVER_NAME_INVALID',
    MAX_DRIVER_NAME_LENGTH,
    DRIVER_NAME,
    'letters, spaces, apostrophes, dots and dashes',
    problems,
  );
  const documentNumber = driverDocument(driver['documentNumber'], problems);
  const nationality = countryOf(
    driver['nationality'],
    'driver.nationality',
    'REGISTRY.NATIONALITY_INVALID',
    problems,
  );
  const phone = phoneOf(driver['phone'], problems);
  if (
    name === undefined ||
    documentNumber === undefined ||
    nationality === undefined ||
    phone === null
  ) {
    return undefined;
  }
  return { name, documentNumber, nationality, ...(phone === undefined ? {} : { phone }) };
}

function driverDocument(value: unknown, problems: Problems): string | undefined {
  const field = 'driver.documentNumber';
  const text = requiredString(value, field, 'REGISTRY.DRIVER_DOCUMENT_NUMBER_INVALID', problems);
  if (text === undefined) {
    return undefined;
  }
  const canonical = text.toUpperCase().replace(/\s/g, '');
  if (!DRIVER_DOCUMENT_NUMBER.test(canonical)) {
    return problems.add(
      field,
      'REGISTRY.DRIVER_DOCUMENT_NUMBER_INVALID',
      'an identity document number has 6 to 20 letters and digits',
    );
  }
  return canonical;
}

/** undefined: not given; null: given but invalid. */
function phoneOf(value: unknown, problems: Problems): string | undefined | null {
  if (isAbsent(value)) {
    return undefined;
  }
  if (typeof value !== 'string') {
    problems.add('driver.phone', 'REGISTRY.PHONE_INVALID', 'a phone number is a string');
    return null;
  }
  const canonical = value.replace(/[\s().-]/g, '');
  if (value.length > 32 || !E164.test(canonical)) {
    problems.add(
      'driver.phone',
      'REGISTRY.PHONE_INVALID',
      'a phone number is in E.164 form, e.g. +84912345678',
    );
    return null;
  }
  return canonical;
}

// ---------------------------------------------------------------- goods and documents

function goodsOf(value: unknown, problems: Problems): GoodsLine[] | undefined {
  if (!Array.isArray(value) || value.length === 0) {
    return problems.add(
      'goods',
      'REGISTRY.GOODS_REQUIRED',
      'a shipment has at least one goods line',
    );
  }
  if (value.length > MAX_GOODS_LINES) {
    return problems.add(
      'goods',
      'REGISTRY.GOODS_TOO_MANY',
      `a shipment has at most ${MAX_GOODS_LINES} goods lines`,
    );
  }
  const lines = (value as readonly unknown[]).map((line, index) =>
    goodsLine(line, `goods[${index}]`, problems),
  );
  return lines.every((line): line is GoodsLine => line !== undefined) ? lines : undefined;
}

function goodsLine(value: unknown, path: string, problems: Problems): GoodsLine | undefined {
  const line = requiredObject(value, path, problems);
  if (line === undefined) {
    return undefined;
  }
  const hsCode = hsCodeOf(line['hsCode'], `${path}.hsCode`, problems);
  const description = boundedText(
    line['description'],
    `${path}.description`,
    'REGISTRY.DESCRIPTION_INVALID',
    MAX_DESCRIPTION_LENGTH,
    undefined,
    '',
    problems,
  );
  const quantity = positive(
    line['quantity'],
    `${path}.quantity`,
    'REGISTRY.QUANTITY_INVALID',
    MAX_QUANTITY,
    problems,
  );
  const unit = oneOf(line['unit'], GOODS_UNITS, `${path}.unit`, 'REGISTRY.UNIT_INVALID', problems);
  const grossKg = positive(
    line['grossKg'],
    `${path}.grossKg`,
    'REGISTRY.GROSS_WEIGHT_INVALID',
    MAX_GROSS_KG,
    problems,
  );
  const valueUsd = positive(
    line['valueUsd'],
    `${path}.valueUsd`,
    'REGISTRY.VALUE_INVALID',
    MAX_VALUE_USD,
    problems,
  );
  const origin = countryOf(line['origin'], `${path}.origin`, 'REGISTRY.ORIGIN_INVALID', problems);
  if (
    hsCode === undefined ||
    description === undefined ||
    quantity === undefined ||
    unit === undefined ||
    grossKg === undefined ||
    valueUsd === undefined ||
    origin === undefined
  ) {
    return undefined;
  }
  return {
    hsCode,
    description,
    quantity,
    unit: unit satisfies GoodsUnit,
    grossKg,
    valueUsd,
    origin,
  };
}

function hsCodeOf(value: unknown, field: string, problems: Problems): string | undefined {
  const text = requiredString(value, field, 'REGISTRY.HS_CODE_INVALID', problems);
  if (text === undefined) {
    return undefined;
  }
  // `0810.90.10` is how HS codes are often written: dots and spaces are dropped.
  const digits = text.length <= 16 ? text.replace(/[.\s]/g, '') : text;
  if (!HS_CODE.test(digits)) {
    return problems.add(
      field,
      'REGISTRY.HS_CODE_INVALID',
      'an HS code has 8 digits, e.g. 08109010',
    );
  }
  return digits;
}

function documentsOf(value: unknown, problems: Problems): ShipmentDocument[] | undefined {
  if (isAbsent(value)) {
    return [];
  }
  if (!Array.isArray(value)) {
    return problems.add('documents', 'REGISTRY.DOCUMENTS_INVALID', 'documents is a list');
  }
  if (value.length > MAX_DOCUMENTS) {
    return problems.add(
      'documents',
      'REGISTRY.DOCUMENTS_TOO_MANY',
      `a shipment has at most ${MAX_DOCUMENTS} documents`,
    );
  }
  const seen = new Set<string>();
  const documents = (value as readonly unknown[]).map((item, index) => {
    const path = `documents[${index}]`;
    const document = requiredObject(item, path, problems);
    if (document === undefined) {
      return undefined;
    }
    const type = oneOf(
      document['type'],
      DOCUMENT_TYPES,
      `${path}.type`,
      'REGISTRY.DOCUMENT_TYPE_INVALID',
      problems,
    );
    const number = boundedText(
      document['number'],
      `${path}.number`,
      'REGISTRY.DOCUMENT_NUMBER_INVALID',
      MAX_DOCUMENT_NUMBER_LENGTH,
      DOCUMENT_NUMBER,
      'letters, digits, spaces and . / _ ( ) -',
      problems,
    );
    if (type === undefined || number === undefined) {
      return undefined;
    }
    const key = `${type}\u0000${number.toUpperCase()}`;
    if (seen.has(key)) {
      return problems.add(path, 'REGISTRY.DOCUMENT_DUPLICATE', `${type} ${number} is listed twice`);
    }
    seen.add(key);
    return { type: type satisfies DocumentType, number };
  });
  return documents.every((document): document is ShipmentDocument => document !== undefined)
    ? documents
    : undefined;
}

// ---------------------------------------------------------------- primitives

function isObject(value: unknown): value is Json {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

function isAbsent(value: unknown): boolean {
  return value === undefined || value === null || value === '';
}

function requiredObject(value: unknown, field: string, problems: Problems): Json | undefined {
  if (value === undefined || value === null) {
    return problems.add(field, 'REGISTRY.FIELD_REQUIRED', `${field} is required`);
  }
  if (!isObject(value)) {
    return problems.add(field, 'REGISTRY.OBJECT_EXPECTED', `${field} must be an object`);
  }
  return value;
}

/** A trimmed, non-empty string; absent or blank is FIELD_REQUIRED, another type is `code`. */
function requiredString(
  value: unknown,
  field: string,
  code: RegistryErrorCode,
  problems: Problems,
): string | undefined {
  if (value === undefined || value === null) {
    return problems.add(field, 'REGISTRY.FIELD_REQUIRED', `${field} is required`);
  }
  if (typeof value !== 'string') {
    return problems.add(field, code, `${field} must be a string`);
  }
  const text = value.trim();
  if (text.length === 0) {
    return problems.add(field, 'REGISTRY.FIELD_REQUIRED', `${field} is required`);
  }
  return text;
}

function boundedText(
  value: unknown,
  field: string,
  code: RegistryErrorCode,
  maxLength: number,
  pattern: RegExp | undefined,
  allowed: string,
  problems: Problems,
): string | undefined {
  const text = requiredString(value, field, code, problems);
  if (text === undefined) {
    return undefined;
  }
  if (text.length > maxLength) {
    return problems.add(field, code, `${field} has at most ${maxLength} characters`);
  }
  // No control characters anywhere (they break printing, CSV exports and logs).
  // eslint-disable-next-line no-control-regex
  if (/[\u0000-\u001f\u007f]/.test(text) || (pattern !== undefined && !pattern.test(text))) {
    return problems.add(
      field,
      code,
      `${field} may contain ${allowed === '' ? 'no control characters' : allowed}`,
    );
  }
  return text;
}

function oneOf<T extends string>(
  value: unknown,
  allowed: readonly T[],
  field: string,
  code: RegistryErrorCode,
  problems: Problems,
): T | undefined {
  if (value === undefined || value === null || value === '') {
    return problems.add(field, 'REGISTRY.FIELD_REQUIRED', `${field} is required`);
  }
  const match = allowed.find((candidate) => candidate === value);
  if (match === undefined) {
    return problems.add(field, code, `${field} is one of ${allowed.join(', ')}`);
  }
  return match;
}

function countryOf(
  value: unknown,
  field: string,
  code: RegistryErrorCode,
  problems: Problems,
): string | undefined {
  const text = requiredString(value, field, code, problems);
  if (text === undefined) {
    return undefined;
  }
  const upper = text.toUpperCase();
  if (!isCountryCode(upper)) {
    return problems.add(field, code, `${field} is an ISO 3166-1 alpha-2 country code, e.g. VN`);
  }
  return upper;
}

function positive(
  value: unknown,
  field: string,
  code: RegistryErrorCode,
  max: number,
  problems: Problems,
): number | undefined {
  if (value === undefined || value === null) {
    return problems.add(field, 'REGISTRY.FIELD_REQUIRED', `${field} is required`);
  }
  if (typeof value !== 'number' || !Number.isFinite(value) || value <= 0 || value > max) {
    return problems.add(field, code, `${field} is a number greater than 0 and at most ${max}`);
  }
  return value;
}

function daysInMonth(year: number, month: number): number {
  return new Date(Date.UTC(year, month, 0)).getUTCDate();
}
