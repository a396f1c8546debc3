/** The app's languages; Vietnamese first (the default). */
export const LANGUAGES = ['vi', 'en', 'zh-CN'] as const;
export type Language = (typeof LANGUAGES)[number];
export const DEFAULT_LANGUAGE: Language = 'vi';

export function isLanguage(value: string | null | undefined): value is Language {
  return value !== null && value !== undefined && (LANGUAGES as readonly string[]).includes(value);
}

/** The BCP 47 locale Intl formats with. */
export function localeOf(language: Language): string {
  switch (language) {
    case 'vi':
      return 'vi-VN';
    case 'en':
      return 'en-GB';
    case 'zh-CN':
      return 'zh-CN';
    default: {
      const unknown: never = language;
      throw new TypeError(`unknown language ${String(unknown)}`);
    }
  }
}

/** The gate's clock: every time at the border is shown in Vietnam's time zone. */
export const GATE_TIME_ZONE = 'Asia/Ho_Chi_Minh';

export function formatDateTime(iso: string | null | undefined, language: Language): string {
  if (iso === null || iso === undefined || iso === '') return '—';
  const date = new Date(iso);
  if (Number.isNaN(date.getTime())) return '—';
  return new Intl.DateTimeFormat(localeOf(language), {
    dateStyle: 'medium',
    timeStyle: 'short',
    timeZone: GATE_TIME_ZONE,
  }).format(date);
}

export function formatDate(iso: string, language: Language): string {
  const date = new Date(iso);
  if (Number.isNaN(date.getTime())) return '—';
  return new Intl.DateTimeFormat(localeOf(language), {
    dateStyle: 'medium',
    timeZone: GATE_TIME_ZONE,
  }).format(date);
}

export function formatNumber(value: number, language: Language, maximumFractionDigits = 2): string {
  return new Intl.NumberFormat(localeOf(language), { maximumFractionDigits }).format(value);
}

/** A weight in kilograms with the locale's grouping ("21.000 kg" in Vietnamese). */
export function formatWeightKg(kg: number, language: Language): string {
  return new Intl.NumberFormat(localeOf(language), {
    style: 'unit',
    unit: 'kilogram',
    maximumFractionDigits: 1,
  }).format(kg);
}

export function formatUsd(value: number, language: Language): string {
  return new Intl.NumberFormat(localeOf(language), {
    style: 'currency',
    currency: 'USD',
    maximumFractionDigits: 2,
  }).format(value);
}

/** A duration in minutes, e.g. "1 giờ 5 phút" / "1 hr, 5 min" / "1小时5分钟". */
/** A measured duration: seconds below a minute (a fast clearance is not "0 minutes"). */
export function formatDuration(seconds: number, language: Language): string {
  const rounded = Math.max(0, Math.round(seconds));
  if (rounded >= 60) return formatMinutes(seconds / 60, language);
  return new Intl.NumberFormat(localeOf(language), {
    style: 'unit',
    unit: 'second',
    unitDisplay: 'long',
  }).format(rounded);
}

export function formatMinutes(minutes: number, language: Language): string {
  const rounded = Math.max(0, Math.round(minutes));
  const hours = Math.floor(rounded / 60);
  const rest = rounded % 60;
  const locale = localeOf(language);
  const unit = (value: number, name: 'hour' | 'minute'): string =>
    new Intl.NumberFormat(locale, { style: 'unit', unit: name, unitDisplay: 'long' }).format(value);
  if (hours === 0) return unit(rest, 'minute');
  if (rest === 0) return unit(hours, 'hour');
  return `${unit(hours, 'hour')} ${unit(rest, 'minute')}`;
}
