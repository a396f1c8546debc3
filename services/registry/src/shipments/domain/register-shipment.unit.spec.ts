import {
  MAX_DOCUMENTS,
  MAX_GOODS_LINES,
  PLANNED_ARRIVAL_MAX_AHEAD_MS,
  PLANNED_ARRIVAL_MAX_PAST_MS,
  parseIsoDateTime,
  toRegistrationInput,
  validateRegistration,
} from './register-shipment';
import type { RegistryErrorCode } from './registry.errors';
import { CONTEXT, NOW, validInput } from './shipment.fixtures';
import { DOCUMENT_TYPES, GOODS_UNITS } from './shipment';

const REMOVE = Symbol('remove');

/** A copy of the valid request with `path` (`goods.0.hsCode`) set to `value` (or removed). */
function withField(path: string, value: unknown): Record<string, unknown> {
  const input = structuredClone(validInput());
  const keys = path.split('.');
  const last = keys.pop() ?? '';
  let target: Record<string, unknown> = input;
  for (const key of keys) {
    target = target[key] as Record<string, unknown>;
  }
  if (value === REMOVE) {
    delete target[last];
  } else {
    target[last] = value;
  }
  return input;
}

function goodsLines(count: number): unknown[] {
  const line = (validInput()['goods'] as unknown[])[0];
  return Array.from({ length: count }, () => structuredClone(line));
}

function iso(ms: number): string {
  return new Date(ms).toISOString();
}

function errorsOf(input: unknown): { field: string; code: RegistryErrorCode }[] {
  const result = validateRegistration(input, CONTEXT);
  if (result.ok) {
    return [];
  }
  return result.errors.map(({ field, code }) => ({ field, code }));
}

describe('validateRegistration', () => {
  it('accepts the request of DESIGN.md §5 and normalises it', () => {
    const result = validateRegistration(validInput(), CONTEXT);
    expect(result).toEqual({
      ok: true,
      value: {
        gateCode: 'MONGCAI',
        direction: 'EXPORT',
        declarationNumber: '305123456780',
        plannedArrival: '2026-12-01T01:30:00.000Z',
        vehicle: {
          plate: '14C-123.45',
          plateNormalised: '14C12345',
          trailerPlate: '14R-006.78',
          trailerPlateNormalised: '14R00678',
          country: 'VN',
        },
        driver: {
          name: 'Nguyễn Văn An',
          documentNumber: 'C1234567',
          nationality: 'VN',
          phone: '+84912345678',
        },
        goods: [
          {
            hsCode: '08109010',
            description: 'Vải tươi / fresh lychee',
            quantity: 20000,
            unit: 'KGM',
            grossKg: 21000,
            valueUsd: 18000,
            origin: 'VN',
          },
        ],
        documents: [{ type: 'PHYTO_CERT', number: 'KD-2026-0001' }],
      },
    });
  });

  describe.each<[string, unknown, string, RegistryErrorCode]>([
    // gate
    ['gateCode', REMOVE, 'gateCode', 'REGISTRY.FIELD_REQUIRED'],
    ['gateCode', '  ', 'gateCode', 'REGISTRY.FIELD_REQUIRED'],
    ['gateCode', 'NOPE', 'gateCode', 'REGISTRY.GATE_UNKNOWN'],
    ['gateCode', 'MONG CAI!', 'gateCode', 'REGISTRY.GATE_INVALID'],
    ['gateCode', 42, 'gateCode', 'REGISTRY.GATE_INVALID'],
    // direction
    ['direction', REMOVE, 'direction', 'REGISTRY.FIELD_REQUIRED'],
    ['direction', 'TRANSIT', 'direction', 'REGISTRY.DIRECTION_INVALID'],
    ['direction', 'export', 'direction', 'REGISTRY.DIRECTION_INVALID'],
    // declaration number
    ['declarationNumber', REMOVE, 'declarationNumber', 'REGISTRY.FIELD_REQUIRED'],
    [
      'declarationNumber',
      '30512345678',
      'declarationNumber',
      'REGISTRY.DECLARATION_NUMBER_INVALID',
    ],
    [
      'declarationNumber',
      '3051234567801',
      'declarationNumber',
      'REGISTRY.DECLARATION_NUMBER_INVALID',
    ],
    [
      'declarationNumber',
      '30512345678A',
      'declarationNumber',
      'REGISTRY.DECLARATION_NUMBER_INVALID',
    ],
    ['declarationNumber', 305123456780, 'declarationNumber', 'REGISTRY.DECLARATION_NUMBER_INVALID'],
    // planned arrival
    ['plannedArrival', REMOVE, 'plannedArrival', 'REGISTRY.FIELD_REQUIRED'],
    ['plannedArrival', 'tomorrow', 'plannedArrival', 'REGISTRY.PLANNED_ARRIVAL_INVALID'],
    ['plannedArrival', '2026-12-01T08:30:00', 'plannedArrival', 'REGISTRY.PLANNED_ARRIVAL_INVALID'],
    ['plannedArrival', '2026-12-01', 'plannedArrival', 'REGISTRY.PLANNED_ARRIVAL_INVALID'],
    [
      'plannedArrival',
      '2027-02-30T08:00:00Z',
      'plannedArrival',
      'REGISTRY.PLANNED_ARRIVAL_INVALID',
    ],
    [
      'plannedArrival',
      '2026-12-01T24:00:00Z',
      'plannedArrival',
      'REGISTRY.PLANNED_ARRIVAL_INVALID',
    ],
    [
      'plannedArrival',
      '2026-12-01T08:30:00+15:00',
      'plannedArrival',
      'REGISTRY.PLANNED_ARRIVAL_INVALID',
    ],
    [
      'plannedArrival',
      iso(NOW.getTime() - PLANNED_ARRIVAL_MAX_PAST_MS - 1000),
      'plannedArrival',
      'REGISTRY.PLANNED_ARRIVAL_IN_PAST',
    ],
    [
      'plannedArrival',
      iso(NOW.getTime() + PLANNED_ARRIVAL_MAX_AHEAD_MS + 1000),
      'plannedArrival',
      'REGISTRY.PLANNED_ARRIVAL_TOO_FAR',
    ],
    // vehicle
    ['vehicle', REMOVE, 'vehicle', 'REGISTRY.FIELD_REQUIRED'],
    ['vehicle', '14C12345', 'vehicle', 'REGISTRY.OBJECT_EXPECTED'],
    ['vehicle.plate', REMOVE, 'vehicle.plate', 'REGISTRY.FIELD_REQUIRED'],
    ['vehicle.plate', 'ABC-123', 'vehicle.plate', 'REGISTRY.PLATE_INVALID'],
    ['vehicle.plate', 14012345, 'vehicle.plate', 'REGISTRY.PLATE_INVALID'],
    ['vehicle.plate', '桂A12345', 'vehicle.plate', 'REGISTRY.PLATE_COUNTRY_MISMATCH'],
    ['vehicle.trailerPlate', 'TRAILER', 'vehicle.trailerPlate', 'REGISTRY.PLATE_INVALID'],
    ['vehicle.country', REMOVE, 'vehicle.country', 'REGISTRY.FIELD_REQUIRED'],
    ['vehicle.country', 'XX', 'vehicle.country', 'REGISTRY.COUNTRY_INVALID'],
    ['vehicle.country', 'VNM', 'vehicle.country', 'REGISTRY.COUNTRY_INVALID'],
    // driver
    ['driver', REMOVE, 'driver', 'REGISTRY.FIELD_REQUIRED'],
    ['driver', ['Nguyễn Văn An'], 'driver', 'REGISTRY.OBJECT_EXPECTED'],
    ['driver.name', '', 'driver.name', 'REGISTRY.FIELD_REQUIRED'],
    ['driver.name', 'A'.repeat(101), 'driver.name', 'REGISTRY.DRIVER_NAME_INVALID'],
    ['driver.name', 'Robert"); DROP TABLE', 'driver.name', 'REGISTRY.DRIVER_NAME_INVALID'],
    ['driver.name', 'An\u0000', 'driver.name', 'REGISTRY.DRIVER_NAME_INVALID'],
    ['driver.documentNumber', REMOVE, 'driver.documentNumber', 'REGISTRY.FIELD_REQUIRED'],
    [
      'driver.documentNumber',
      'C12',
      'driver.documentNumber',
      'REGISTRY.DRIVER_DOCUMENT_NUMBER_INVALID',
    ],
    [
      'driver.documentNumber',
      'C123-4567',
      'driver.documentNumber',
      'REGISTRY.DRIVER_DOCUMENT_NUMBER_INVALID',
    ],
    [
      'driver.documentNumber',
      'C'.repeat(21),
      'driver.documentNumber',
      'REGISTRY.DRIVER_DOCUMENT_NUMBER_INVALID',
    ],
    ['driver.nationality', 'VNM', 'driver.nationality', 'REGISTRY.NATIONALITY_INVALID'],
    ['driver.nationality', 'ZZ', 'driver.nationality', 'REGISTRY.NATIONALITY_INVALID'],
    ['driver.phone', '0912345678', 'driver.phone', 'REGISTRY.PHONE_INVALID'],
    ['driver.phone', '+0912345678', 'driver.phone', 'REGISTRY.PHONE_INVALID'],
    ['driver.phone', '+84 91234567890123', 'driver.phone', 'REGISTRY.PHONE_INVALID'],
    ['driver.phone', 84912345678, 'driver.phone', 'REGISTRY.PHONE_INVALID'],
    // goods
    ['goods', REMOVE, 'goods', 'REGISTRY.GOODS_REQUIRED'],
    ['goods', [], 'goods', 'REGISTRY.GOODS_REQUIRED'],
    ['goods', 'lychee', 'goods', 'REGISTRY.GOODS_REQUIRED'],
    ['goods', goodsLines(MAX_GOODS_LINES + 1), 'goods', 'REGISTRY.GOODS_TOO_MANY'],
    ['goods.0', 'lychee', 'goods[0]', 'REGISTRY.OBJECT_EXPECTED'],
    ['goods.0.hsCode', REMOVE, 'goods[0].hsCode', 'REGISTRY.FIELD_REQUIRED'],
    ['goods.0.hsCode', '0810901', 'goods[0].hsCode', 'REGISTRY.HS_CODE_INVALID'],
    ['goods.0.hsCode', '081090101', 'goods[0].hsCode', 'REGISTRY.HS_CODE_INVALID'],
    ['goods.0.hsCode', '0810901A', 'goods[0].hsCode', 'REGISTRY.HS_CODE_INVALID'],
    ['goods.0.hsCode', 8109010, 'goods[0].hsCode', 'REGISTRY.HS_CODE_INVALID'],
    ['goods.0.description', ' ', 'goods[0].description', 'REGISTRY.FIELD_REQUIRED'],
    [
      'goods.0.description',
      'x'.repeat(501),
      'goods[0].description',
      'REGISTRY.DESCRIPTION_INVALID',
    ],
    ['goods.0.description', 'a\u0007b', 'goods[0].description', 'REGISTRY.DESCRIPTION_INVALID'],
    ['goods.0.quantity', REMOVE, 'goods[0].quantity', 'REGISTRY.FIELD_REQUIRED'],
    ['goods.0.quantity', 0, 'goods[0].quantity', 'REGISTRY.QUANTITY_INVALID'],
    ['goods.0.quantity', -1, 'goods[0].quantity', 'REGISTRY.QUANTITY_INVALID'],
    [
      'goods.0.quantity',
      Number.POSITIVE_INFINITY,
      'goods[0].quantity',
      'REGISTRY.QUANTITY_INVALID',
    ],
    ['goods.0.quantity', Number.NaN, 'goods[0].quantity', 'REGISTRY.QUANTITY_INVALID'],
    ['goods.0.quantity', '20000', 'goods[0].quantity', 'REGISTRY.QUANTITY_INVALID'],
    ['goods.0.quantity', 1e10, 'goods[0].quantity', 'REGISTRY.QUANTITY_INVALID'],
    ['goods.0.unit', 'KG', 'goods[0].unit', 'REGISTRY.UNIT_INVALID'],
    ['goods.0.unit', REMOVE, 'goods[0].unit', 'REGISTRY.FIELD_REQUIRED'],
    ['goods.0.grossKg', 0, 'goods[0].grossKg', 'REGISTRY.GROSS_WEIGHT_INVALID'],
    ['goods.0.grossKg', -21000, 'goods[0].grossKg', 'REGISTRY.GROSS_WEIGHT_INVALID'],
    ['goods.0.grossKg', 1e7, 'goods[0].grossKg', 'REGISTRY.GROSS_WEIGHT_INVALID'],
    ['goods.0.valueUsd', 0, 'goods[0].valueUsd', 'REGISTRY.VALUE_INVALID'],
    ['goods.0.valueUsd', Number.NEGATIVE_INFINITY, 'goods[0].valueUsd', 'REGISTRY.VALUE_INVALID'],
    ['goods.0.origin', 'ZZ', 'goods[0].origin', 'REGISTRY.ORIGIN_INVALID'],
    ['goods.0.origin', REMOVE, 'goods[0].origin', 'REGISTRY.FIELD_REQUIRED'],
    // documents
    ['documents', 'PHYTO_CERT', 'documents', 'REGISTRY.DOCUMENTS_INVALID'],
    [
      'documents',
      Array.from({ length: MAX_DOCUMENTS + 1 }, (_, i) => ({ type: 'OTHER', number: `N${i}` })),
      'documents',
      'REGISTRY.DOCUMENTS_TOO_MANY',
    ],
    ['documents.0', 42, 'documents[0]', 'REGISTRY.OBJECT_EXPECTED'],
    ['documents.0.type', 'PASSPORT', 'documents[0].type', 'REGISTRY.DOCUMENT_TYPE_INVALID'],
    ['documents.0.type', REMOVE, 'documents[0].type', 'REGISTRY.FIELD_REQUIRED'],
    ['documents.0.number', '', 'documents[0].number', 'REGISTRY.FIELD_REQUIRED'],
    [
      'documents.0.number',
      'K'.repeat(51),
      'documents[0].number',
      'REGISTRY.DOCUMENT_NUMBER_INVALID',
    ],
    ['documents.0.number', '<script>', 'documents[0].number', 'REGISTRY.DOCUMENT_NUMBER_INVALID'],
    [
      'documents',
      [
        { type: 'INVOICE', number: 'HD-1' },
        { type: 'INVOICE', number: 'hd-1' },
      ],
      'documents[1]',
      'REGISTRY.DOCUMENT_DUPLICATE',
    ],
  ])('given %s = %p', (path, value, field, code) => {
    it(`refuses it with ${field}: ${code}, and nothing else`, () => {
      expect(errorsOf(withField(path, value))).toEqual([{ field, code }]);
    });
  });

  it.each([null, [], 'shipment', 42])('refuses a body that is not an object: %p', (body) => {
    expect(errorsOf(body)).toEqual([{ field: '$', code: 'REGISTRY.OBJECT_EXPECTED' }]);
  });

  it('reports every error at once, each with a message', () => {
    const input = withField('gateCode', 'NOPE');
    input['direction'] = 'TRANSIT';
    input['declarationNumber'] = '123';
    input['goods'] = goodsLines(2);
    const goods = input['goods'] as Record<string, unknown>[];
    (goods[0] as Record<string, unknown>)['hsCode'] = '0810';
    (goods[1] as Record<string, unknown>)['quantity'] = 0;
    (goods[1] as Record<string, unknown>)['unit'] = 'BARREL';
    (input['driver'] as Record<string, unknown>)['phone'] = 'call me';
    (input['vehicle'] as Record<string, unknown>)['plate'] = '??';

    const result = validateRegistration(input, CONTEXT);
    expect(result.ok).toBe(false);
    if (result.ok) {
      return;
    }
    expect(result.errors.map(({ field, code }) => ({ field, code }))).toEqual([
      { field: 'gateCode', code: 'REGISTRY.GATE_UNKNOWN' },
      { field: 'direction', code: 'REGISTRY.DIRECTION_INVALID' },
      { field: 'declarationNumber', code: 'REGISTRY.DECLARATION_NUMBER_INVALID' },
      { field: 'vehicle.plate', code: 'REGISTRY.PLATE_INVALID' },
      { field: 'driver.phone', code: 'REGISTRY.PHONE_INVALID' },
      { field: 'goods[0].hsCode', code: 'REGISTRY.HS_CODE_INVALID' },
      { field: 'goods[1].quantity', code: 'REGISTRY.QUANTITY_INVALID' },
      { field: 'goods[1].unit', code: 'REGISTRY.UNIT_INVALID' },
    ]);
    for (const error of result.errors) {
      expect(error.message.length).toBeGreaterThan(0);
    }
  });

  describe('accepts', () => {
    function valueOf(input: unknown) {
      const result = validateRegistration(input, CONTEXT);
      if (!result.ok) {
        throw new Error(JSON.stringify(result.errors));
      }
      return result.value;
    }

    it('a gate code in any case, the other direction', () => {
      const value = valueOf({ ...withField('gateCode', 'huunghi'), direction: 'IMPORT' });
      expect(value.gateCode).toBe('HUUNGHI');
      expect(value.direction).toBe('IMPORT');
    });

    it.each([
      ['2026-12-01T01:30:00Z', '2026-12-01T01:30:00.000Z'],
      ['2026-12-01T01:30Z', '2026-12-01T01:30:00.000Z'],
      ['2026-11-30T20:30:00.123456-05:00', '2026-12-01T01:30:00.123Z'],
      [
        iso(NOW.getTime() - PLANNED_ARRIVAL_MAX_PAST_MS),
        iso(NOW.getTime() - PLANNED_ARRIVAL_MAX_PAST_MS),
      ],
      [
        iso(NOW.getTime() + PLANNED_ARRIVAL_MAX_AHEAD_MS),
        iso(NOW.getTime() + PLANNED_ARRIVAL_MAX_AHEAD_MS),
      ],
      ['2028-02-29T00:00:00+07:00', undefined], // leap day: valid date, but too far
    ])('a planned arrival %p as %p (UTC)', (text, expected) => {
      if (expected === undefined) {
        expect(parseIsoDateTime(text)).toBe(Date.parse(text));
        return;
      }
      expect(valueOf(withField('plannedArrival', text)).plannedArrival).toBe(expected);
    });

    it('a plate typed loosely, kept as typed next to its normal form; no trailer', () => {
      const input = withField('vehicle', {
        plate: '14c 123.45',
        country: 'vn',
        trailerPlate: null,
      });
      expect(valueOf(input).vehicle).toEqual({
        plate: '14c 123.45',
        plateNormalised: '14C12345',
        country: 'VN',
      });
      expect(
        valueOf(withField('vehicle.trailerPlate', REMOVE)).vehicle.trailerPlate,
      ).toBeUndefined();
      expect(
        valueOf(withField('vehicle.trailerPlate', '')).vehicle.trailerPlateNormalised,
      ).toBeUndefined();
    });

    it('a Chinese truck and driver', () => {
      const input = withField('vehicle', {
        plate: '粤B12345D',
        trailerPlate: '桂A1234挂',
        country: 'CN',
      });
      (input['driver'] as Record<string, unknown>)['nationality'] = 'CN';
      const value = valueOf(input);
      expect(value.vehicle).toEqual({
        plate: '粤B12345D',
        plateNormalised: '粤B12345D',
        trailerPlate: '桂A1234挂',
        trailerPlateNormalised: '桂A1234挂',
        country: 'CN',
      });
      expect(value.driver.nationality).toBe('CN');
    });

    it('a driver without phone, a loosely typed document number and phone', () => {
      expect(valueOf(withField('driver.phone', REMOVE)).driver).not.toHaveProperty('phone');
      expect(valueOf(withField('driver.documentNumber', 'c 1234567')).driver.documentNumber).toBe(
        'C1234567',
      );
      expect(valueOf(withField('driver.phone', '+84 912-345-678')).driver.phone).toBe(
        '+84912345678',
      );
      expect(valueOf(withField('driver.name', "Lê Thị O'Neill-Hà Jr.")).driver.name).toBe(
        "Lê Thị O'Neill-Hà Jr.",
      );
      expect(valueOf(withField('driver.name', '李小龙')).driver.name).toBe('李小龙');
    });

    it('an HS code written with dots, a fractional quantity, the maximum number of lines', () => {
      expect(valueOf(withField('goods.0.hsCode', '0810.90.10')).goods[0]?.hsCode).toBe('08109010');
      expect(valueOf(withField('goods.0.quantity', 0.5)).goods[0]?.quantity).toBe(0.5);
      expect(valueOf(withField('goods', goodsLines(MAX_GOODS_LINES))).goods).toHaveLength(
        MAX_GOODS_LINES,
      );
    });

    it.each(GOODS_UNITS)('the unit %s', (unit) => {
      expect(valueOf(withField('goods.0.unit', unit)).goods[0]?.unit).toBe(unit);
    });

    it.each(DOCUMENT_TYPES)('the document type %s', (type) => {
      expect(valueOf(withField('documents.0.type', type)).documents[0]?.type).toBe(type);
    });

    it('no documents at all', () => {
      expect(valueOf(withField('documents', REMOVE)).documents).toEqual([]);
      expect(valueOf(withField('documents', [])).documents).toEqual([]);
    });

    it('drops fields it does not know', () => {
      const input: Record<string, unknown> = {
        ...validInput(),
        status: 'CLEARED',
        passCodeHash: 'x',
      };
      (input['goods'] as Record<string, unknown>[])[0] = {
        ...(input['goods'] as Record<string, unknown>[])[0],
        injected: true,
      };
      const value = valueOf(input);
      expect(value).not.toHaveProperty('status');
      expect(value).not.toHaveProperty('passCodeHash');
      expect(value.goods[0]).not.toHaveProperty('injected');
    });
  });

  describe('toRegistrationInput', () => {
    it('turns a stored registration back into a request that validates to the same registration', () => {
      const first = validateRegistration(validInput(), CONTEXT);
      if (!first.ok) {
        throw new Error('fixture');
      }
      const again = validateRegistration(toRegistrationInput(first.value), CONTEXT);
      expect(again).toEqual(first);
    });

    it('lets an amendment be a merge of the changes, validated as a whole', () => {
      const first = validateRegistration(withField('driver.phone', REMOVE), CONTEXT);
      if (!first.ok) {
        throw new Error('fixture');
      }
      const input = toRegistrationInput(first.value);
      expect(input.driver).not.toHaveProperty('phone');
      const amended = validateRegistration({ ...input, declarationNumber: '12345' }, CONTEXT);
      expect(amended.ok ? [] : amended.errors.map((error) => error.code)).toEqual([
        'REGISTRY.DECLARATION_NUMBER_INVALID',
      ]);
    });
  });
});
