import {
  clearanceTimesCsv,
  clearanceTimesFileName,
  csvField,
  DEFAULT_PERIOD_MS,
  periodQuery,
} from './report-period';
import { int64Json, supervisedGateOf } from './supervision-scope';
import type { Principal } from '../../auth/domain/access-rules';

const NOW = Date.parse('2026-03-10T12:00:00Z');

describe('report period', () => {
  const parse = (query: Record<string, string>) => periodQuery(() => NOW).safeParse(query);

  it.each([
    [{}, new Date(NOW - DEFAULT_PERIOD_MS), new Date(NOW)],
    [
      { from: '2026-01-01', to: '2026-01-02' },
      new Date('2026-01-01T00:00:00Z'),
      new Date('2026-01-02T00:00:00Z'),
    ],
    [{ from: '2026-01-01T07:00:00+07:00' }, new Date('2026-01-01T00:00:00Z'), new Date(NOW)],
  ])('given %j, covers the right period', (query, from, to) => {
    expect(parse(query)).toEqual({ success: true, data: { from, to } });
  });

  it.each([
    [{ from: '2026-02-01', to: '2026-01-01' }, 'from'],
    [{ from: '2026-01-01', to: '2026-01-01' }, 'from'],
    [{ to: 'yesterday' }, 'to'],
    [{ from: '2026-02-30' }, 'from'],
    [{ from: '2026-01-01T08:00:00' }, 'from'],
  ])('refuses %j on field %s', (query, field) => {
    const result = parse(query);
    expect(result.success).toBe(false);
    expect(result.error?.issues.map((issue) => issue.path.join('.'))).toEqual([field]);
  });
});

describe('clearance-times CSV', () => {
  it.each([
    ['plain', 'plain'],
    ['a,b', '"a,b"'],
    ['say "hi"', '"say ""hi"""'],
    ['two\nlines', '"two\nlines"'],
    [12.5, '12.5'],
  ])('escapes %j as %j', (value, expected) => {
    expect(csvField(value)).toBe(expected);
  });

  it('writes a header line and one CRLF line per row', () => {
    expect(
      clearanceTimesCsv([
        {
          group: 'arrived→customs, CLEARED',
          count: 3,
          p50Seconds: 60,
          p90Seconds: 90,
          p95Seconds: 95,
          maxSeconds: 100,
        },
      ]),
    ).toBe(
      'group,count,p50Seconds,p90Seconds,p95Seconds,maxSeconds\r\n"arrived→customs, CLEARED",3,60,90,95,100\r\n',
    );
    expect(clearanceTimesCsv([])).toBe(
      'group,count,p50Seconds,p90Seconds,p95Seconds,maxSeconds\r\n',
    );
  });

  it('names the file after the gate and the period, safe for a file system', () => {
    expect(
      clearanceTimesFileName('MONG"CAI', {
        from: new Date('2026-01-01T00:00:00Z'),
        to: new Date('2026-01-08T06:30:00.250Z'),
      }),
    ).toBe('clearance-times-MONG_CAI-20260101T000000Z-20260108T063000Z.csv');
  });
});

describe('supervised gate', () => {
  const user = (role: 'SUPERVISOR' | 'ADMIN' | 'TRADER', gateCode?: string): Principal => ({
    kind: 'user',
    userId: 'u1',
    username: 'u1',
    displayName: 'U',
    role,
    organisationId: undefined,
    gateCode,
  });

  it('is the token gate; naming another gate is 403; ADMIN without a gate must name one', () => {
    expect(supervisedGateOf(user('SUPERVISOR', 'MONGCAI'), undefined)).toBe('MONGCAI');
    expect(supervisedGateOf(user('SUPERVISOR', 'MONGCAI'), 'mongcai')).toBe('MONGCAI');
    expect(() => supervisedGateOf(user('SUPERVISOR', 'MONGCAI'), 'HUUNGHI')).toThrow(
      expect.objectContaining({ code: 'GATEWAY.GATE_OUT_OF_SCOPE', kind: 'FORBIDDEN' }) as Error,
    );
    expect(() => supervisedGateOf(user('SUPERVISOR'), undefined)).toThrow(
      expect.objectContaining({ kind: 'FORBIDDEN' }) as Error,
    );
    expect(supervisedGateOf(user('ADMIN'), 'huunghi')).toBe('HUUNGHI');
    expect(() => supervisedGateOf(user('ADMIN'), undefined)).toThrow(
      expect.objectContaining({ kind: 'INVALID' }) as Error,
    );
  });

  it('turns int64 strings into numbers only when safe', () => {
    expect(int64Json('42')).toBe(42);
    expect(int64Json('9007199254740993')).toBe('9007199254740993');
  });
});
