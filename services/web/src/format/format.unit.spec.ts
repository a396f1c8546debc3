import {
  formatDateTime,
  formatDuration,
  formatMinutes,
  formatNumber,
  formatUsd,
  formatWeightKg,
  isLanguage,
  localeOf,
} from './format';

// Intl output uses narrow no-break spaces in places; compare with plain spaces.
const plain = (text: string): string => text.replace(/[\u00a0\u202f]/g, ' ');

describe('formatting per locale', () => {
  it('numbers use each locale grouping', () => {
    expect(formatNumber(21000.5, 'vi')).toBe('21.000,5');
    expect(formatNumber(21000.5, 'en')).toBe('21,000.5');
    expect(formatNumber(21000.5, 'zh-CN')).toBe('21,000.5');
  });

  it('weights are kilograms with the locale grouping', () => {
    expect(plain(formatWeightKg(21000, 'vi'))).toBe('21.000 kg');
    expect(plain(formatWeightKg(21000, 'en'))).toBe('21,000 kg');
    expect(plain(formatWeightKg(1234.5, 'zh-CN'))).toBe('1,234.5 kg');
  });

  it('dates show the gate clock (UTC+7) in each language', () => {
    const instant = '2026-12-01T01:30:00Z';
    expect(plain(formatDateTime(instant, 'vi'))).toBe('08:30 1 thg 12, 2026');
    expect(plain(formatDateTime(instant, 'en'))).toBe('1 Dec 2026, 08:30');
    expect(plain(formatDateTime(instant, 'zh-CN'))).toBe('2026年12月1日 08:30');
    expect(formatDateTime(null, 'en')).toBe('—');
    expect(formatDateTime('not a date', 'en')).toBe('—');
  });

  it('durations read naturally', () => {
    expect(formatMinutes(5, 'vi')).toBe('5 phút');
    expect(formatMinutes(65, 'vi')).toBe('1 giờ 5 phút');
    expect(formatMinutes(120, 'en')).toBe('2 hours');
    expect(formatMinutes(65, 'zh-CN')).toBe('1小时 5分钟');
  });

  it('a measured duration under a minute is shown in seconds, not as 0 minutes', () => {
    expect(formatDuration(1.339, 'vi')).toBe('1 giây');
    expect(formatDuration(42, 'en')).toBe('42 seconds');
    expect(formatDuration(42, 'zh-CN')).toBe('42秒钟');
    expect(formatDuration(0, 'en')).toBe('0 seconds');
    expect(formatDuration(3_900, 'vi')).toBe('1 giờ 5 phút');
  });

  it('money is in US dollars', () => {
    expect(plain(formatUsd(18000, 'en'))).toBe('US$18,000.00');
    expect(plain(formatUsd(18000, 'vi'))).toBe('18.000,00 US$');
  });

  it('knows its languages', () => {
    expect(isLanguage('zh-CN')).toBe(true);
    expect(isLanguage('fr')).toBe(false);
    expect(localeOf('vi')).toBe('vi-VN');
  });
});
