import {
  CHINESE_PROVINCE_ABBREVIATIONS,
  MAX_RAW_PLATE_LENGTH,
  formatPlate,
  normalisePlate,
  parsePlate,
} from './plate';

describe('normalisePlate', () => {
  it.each(['14C-123.45', '14C12345', '14c 123.45', ' 14c-123 45 ', '１４Ｃ１２３４５'])(
    'reads %p as the plate 14C12345',
    (raw) => {
      expect(normalisePlate(raw)).toEqual({ ok: true, value: '14C12345' });
    },
  );

  it.each([
    ['29LD-123.45', '29LD12345'], // two-letter series
    ['51F-1234', '51F1234'], // older 4-digit number
    ['29B1-123.45', '29B112345'], // letter + digit series
    ['14R-006.78', '14R00678'], // trailer (rơ moóc)
    ['99A-999.99', '99A99999'], // highest province code
    ['11A-000.01', '11A00001'], // lowest province code
  ])('accepts the Vietnamese plate %p as %p', (raw, normalised) => {
    expect(parsePlate(raw)).toEqual({ ok: true, value: { normalised, country: 'VN' } });
  });

  it.each([
    ['桂A12345', '桂A12345'],
    ['粤B12345D', '粤B12345D'], // large new-energy vehicle
    ['粤B D12345', '粤BD12345'], // small new-energy vehicle
    ['京A·12345', '京A12345'], // written with a middle dot
    ['桂a-1b2c3', '桂A1B2C3'],
    ['桂Ａ１２３４５', '桂A12345'], // full-width letters and digits
    ['桂A1234挂', '桂A1234挂'], // trailer
  ])('accepts the Chinese plate %p as %p', (raw, normalised) => {
    expect(parsePlate(raw)).toEqual({ ok: true, value: { normalised, country: 'CN' } });
  });

  it('accepts every official Chinese province abbreviation', () => {
    for (const province of CHINESE_PROVINCE_ABBREVIATIONS) {
      expect(parsePlate(`${province}A12345`).ok).toBe(true);
    }
    expect([...CHINESE_PROVINCE_ABBREVIATIONS]).toHaveLength(31);
  });

  it.each([
    ['', 'empty'],
    ['ABC', 'letters only'],
    ['12345678', 'digits only'],
    ['14C123', '3 digits'],
    ['14C1234567', '7 digits'],
    ['09C12345', 'province code below 11'],
    ['10C12345', 'province code 10'],
    ['1C12345', 'one-digit province'],
    ['14ABC12345', 'three-letter series'],
    ['14-12345', 'no series'],
    ['台A12345', 'not a province abbreviation'],
    ['A桂12345', 'province not first'],
    ['桂12345', 'no city letter'],
    ['桂I12345', 'city letter I'],
    ['桂AI2345', 'letter I in the number'],
    ['桂AO2345', 'letter O in the number'],
    ['粤B1234', 'only 4 characters'],
    ['粤B12345X', '6 characters that are not new-energy'],
    ['粤B1234567', '7 characters'],
    ['14C 123.45; DROP', 'trailing garbage'],
    ['1'.repeat(MAX_RAW_PLATE_LENGTH + 1), 'too long'],
  ])('refuses %p (%s) with REGISTRY.PLATE_INVALID', (raw) => {
    const result = normalisePlate(raw);
    expect(result.ok).toBe(false);
    if (!result.ok) {
      expect(result.error.code).toBe('REGISTRY.PLATE_INVALID');
      expect(result.error.message).not.toHaveLength(0);
    }
  });
});

describe('formatPlate', () => {
  it.each([
    ['14C12345', '14C-123.45'],
    ['29LD12345', '29LD-123.45'],
    ['51F1234', '51F-1234'],
    ['粤B12345D', '粤B·12345D'],
    ['not a plate', 'not a plate'],
  ])('prints %p as %p', (normalised, printed) => {
    expect(formatPlate(normalised)).toBe(printed);
  });

  it('prints a plate that normalises back to itself', () => {
    for (const plate of ['14C12345', '29LD12345', '51F1234', '桂A12345', '粤BD12345']) {
      expect(normalisePlate(formatPlate(plate))).toEqual({ ok: true, value: plate });
    }
  });
});
