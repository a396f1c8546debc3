import type { FieldProblem } from '../api/problem';
import type { Shipment } from '../api/types';

/** What the form holds: every input as typed (strings), laid out like the API body. */
export interface GoodsLineForm {
  hsCode: string;
  description: string;
  quantity: string;
  unit: string;
  grossKg: string;
  valueUsd: string;
  origin: string;
}

export interface DocumentForm {
  type: string;
  number: string;
}

export interface ShipmentForm {
  gateCode: string;
  direction: 'EXPORT' | 'IMPORT';
  declarationNumber: string;
  /** `YYYY-MM-DDTHH:mm` in the gate's time (UTC+7), as a datetime-local input gives it. */
  plannedArrival: string;
  vehicle: { plate: string; trailerPlate: string; country: string };
  driver: { name: string; documentNumber: string; nationality: string; phone: string };
  goods: GoodsLineForm[];
  documents: DocumentForm[];
}

/** The gate's UTC offset (Vietnam keeps no daylight saving time). */
export const GATE_UTC_OFFSET = '+07:00';
const GATE_OFFSET_MS = 7 * 3_600_000;

export function emptyGoodsLine(): GoodsLineForm {
  return {
    hsCode: '',
    description: '',
    quantity: '',
    unit: 'KGM',
    grossKg: '',
    valueUsd: '',
    origin: 'VN',
  };
}

export function emptyShipmentForm(gateCode = 'MONGCAI'): ShipmentForm {
  return {
    gateCode,
    direction: 'EXPORT',
    declarationNumber: '',
    plannedArrival: '',
    vehicle: { plate: '', trailerPlate: '', country: 'VN' },
    driver: { name: '', documentNumber: '', nationality: 'VN', phone: '' },
    goods: [emptyGoodsLine()],
    documents: [],
  };
}

/** An instant as the gate's wall clock for a datetime-local input. */
export function toGateLocal(iso: string | null): string {
  if (iso === null) return '';
  const time = new Date(iso).getTime();
  if (Number.isNaN(time)) return '';
  return new Date(time + GATE_OFFSET_MS).toISOString().slice(0, 16);
}

export function formFromShipment(shipment: Shipment): ShipmentForm {
  return {
    gateCode: shipment.gateCode,
    direction: shipment.direction,
    declarationNumber: shipment.declarationNumber,
    plannedArrival: toGateLocal(shipment.plannedArrival),
    vehicle: {
      plate: shipment.vehicle?.plate ?? '',
      trailerPlate: shipment.vehicle?.trailerPlate ?? '',
      country: shipment.vehicle?.country ?? '',
    },
    driver: {
      name: shipment.driver?.name ?? '',
      documentNumber: shipment.driver?.documentNumber ?? '',
      nationality: shipment.driver?.nationality ?? '',
      phone: shipment.driver?.phone ?? '',
    },
    goods: shipment.goods.map((line) => ({
      hsCode: line.hsCode,
      description: line.description,
      quantity: String(line.quantity),
      unit: line.unit,
      grossKg: String(line.grossKg),
      valueUsd: String(line.valueUsd),
      origin: line.origin,
    })),
    documents: shipment.documents.map((document) => ({ ...document })),
  };
}

/** Decimal input in either convention ("21.000,5" is not guessed: comma is the decimal mark). */
export function parseDecimal(text: string): number {
  const trimmed = text.trim().replace(/\s/g, '');
  if (trimmed === '') return Number.NaN;
  const normalised = trimmed.includes(',') ? trimmed.replace(/\./g, '').replace(',', '.') : trimmed;
  return /^-?\d+(\.\d+)?$/.test(normalised) ? Number(normalised) : Number.NaN;
}

/** The body of `POST /shipments` (and of a whole-record `PATCH`). */
export function requestBodyOf(form: ShipmentForm): Record<string, unknown> {
  const trailerPlate = form.vehicle.trailerPlate.trim();
  const phone = form.driver.phone.trim();
  return {
    gateCode: form.gateCode.trim(),
    direction: form.direction,
    declarationNumber: form.declarationNumber.trim(),
    plannedArrival: form.plannedArrival === '' ? '' : `${form.plannedArrival}:00${GATE_UTC_OFFSET}`,
    vehicle: {
      plate: form.vehicle.plate.trim(),
      ...(trailerPlate === '' ? {} : { trailerPlate }),
      country: form.vehicle.country.trim().toUpperCase(),
    },
    driver: {
      name: form.driver.name.trim(),
      documentNumber: form.driver.documentNumber.trim(),
      nationality: form.driver.nationality.trim().toUpperCase(),
      ...(phone === '' ? {} : { phone }),
    },
    goods: form.goods.map((line) => ({
      hsCode: line.hsCode.trim(),
      description: line.description.trim(),
      quantity: parseDecimal(line.quantity),
      unit: line.unit.trim().toUpperCase(),
      grossKg: parseDecimal(line.grossKg),
      valueUsd: parseDecimal(line.valueUsd),
      origin: line.origin.trim().toUpperCase(),
    })),
    documents: form.documents
      .filter((document) => document.type.trim() !== '' || document.number.trim() !== '')
      .map((document) => ({ type: document.type.trim(), number: document.number.trim() })),
  };
}

/**
 * The checks a person should see before sending, with the same field paths and codes the
 * gateway's problem+json uses; the gateway remains the judge (its errors are shown too).
 */
export function validateShipmentForm(form: ShipmentForm): FieldProblem[] {
  const problems: FieldProblem[] = [];
  const required = (field: string, value: string): void => {
    if (value.trim() === '') problems.push({ field, code: 'REQUIRED', message: '' });
  };
  const country = (field: string, value: string): void => {
    if (value.trim() === '') required(field, value);
    else if (!/^[A-Za-z]{2}$/.test(value.trim()))
      problems.push({ field, code: 'INVALID', message: '' });
  };
  const positive = (field: string, value: string, allowZero: boolean): void => {
    if (value.trim() === '') return required(field, value);
    const number = parseDecimal(value);
    if (Number.isNaN(number) || number < 0 || (!allowZero && number === 0)) {
      problems.push({ field, code: 'INVALID', message: '' });
    }
  };
  required('gateCode', form.gateCode);
  required('declarationNumber', form.declarationNumber);
  required('plannedArrival', form.plannedArrival);
  required('vehicle.plate', form.vehicle.plate);
  country('vehicle.country', form.vehicle.country);
  required('driver.name', form.driver.name);
  required('driver.documentNumber', form.driver.documentNumber);
  country('driver.nationality', form.driver.nationality);
  if (form.driver.phone.trim() !== '' && !/^\+[1-9]\d{6,14}$/.test(form.driver.phone.trim())) {
    problems.push({ field: 'driver.phone', code: 'INVALID', message: '' });
  }
  if (form.goods.length === 0) problems.push({ field: 'goods', code: 'REQUIRED', message: '' });
  form.goods.forEach((line, index) => {
    const at = `goods[${index}]`;
    if (line.hsCode.trim() === '') required(`${at}.hsCode`, line.hsCode);
    else if (!/^\d{6,10}$/.test(line.hsCode.trim())) {
      problems.push({ field: `${at}.hsCode`, code: 'INVALID', message: '' });
    }
    required(`${at}.description`, line.description);
    positive(`${at}.quantity`, line.quantity, false);
    required(`${at}.unit`, line.unit);
    positive(`${at}.grossKg`, line.grossKg, false);
    positive(`${at}.valueUsd`, line.valueUsd, true);
    country(`${at}.origin`, line.origin);
  });
  return problems;
}

/** Amending is possible until the truck arrives (the registry refuses it afterwards). */
export function canAmend(status: string): boolean {
  return status === 'REGISTERED';
}

/** Cancelling is possible until the truck is called to a lane. */
export function canCancel(status: string): boolean {
  return ['REGISTERED', 'ARRIVED', 'IN_REVIEW', 'HELD', 'CLEARED'].includes(status);
}

/** A pass is worth printing while the truck has not crossed nor been stopped. */
export function canPrintPass(status: string): boolean {
  return ['REGISTERED', 'ARRIVED', 'IN_REVIEW', 'HELD', 'CLEARED', 'CALLED', 'NO_SHOW'].includes(
    status,
  );
}

/** Every field path the form shows (a problem on another path is listed above the form). */
export function formFieldPaths(form: ShipmentForm): Set<string> {
  const paths = [
    'gateCode',
    'declarationNumber',
    'plannedArrival',
    'vehicle.plate',
    'vehicle.trailerPlate',
    'vehicle.country',
    'driver.name',
    'driver.documentNumber',
    'driver.nationality',
    'driver.phone',
  ];
  const goodsKeys = ['hsCode', 'description', 'quantity', 'unit', 'grossKg', 'valueUsd', 'origin'];
  form.goods.forEach((_line, index) => {
    for (const key of goodsKeys) paths.push(`goods[${index}].${key}`);
  });
  form.documents.forEach((_document, index) => {
    paths.push(`documents[${index}].type`, `documents[${index}].number`);
  });
  return new Set(paths);
}
