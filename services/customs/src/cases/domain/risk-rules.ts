import { customsError, type FieldError } from './customs.errors';
import { CHANNELS, DIRECTIONS, type Channel, type Direction } from './declaration';

/**
 * The risk rule model of customs selectivity. A rule is plain data (stored as a row with a
 * JSON `criteria` column, edited by a customs supervisor through gRPC): an id, a version
 * that goes up with every edit, the period in which it applies, the channel it asks for,
 * and one kind of criterion (a discriminated union on `criteria.kind`). `assess` in
 * `assess.ts` is the only code that reads the criteria.
 *
 * Choices where the issue left room:
 * - The effective period is half-open, `effectiveFrom <= at < effectiveTo`; no
 *   `effectiveTo` means open-ended.
 * - A rule may be narrowed to one direction and / or one gate; otherwise it applies to
 *   every declaration.
 * - HS prefixes are 2 to 10 digits and match the start of a goods line's HS code
 *   (`08` is chapter 08, `0810` heading 08.10, `08109010` one tariff line).
 * - The value band is in USD per kg of GROSS weight (what the declaration carries), and a
 *   line is outside it when strictly below `minUsdPerKg` or strictly above `maxUsdPerKg`;
 *   a line with no positive weight cannot be valued per kg and counts as outside.
 * - A trader's violations are counted in the window `(at − withinDays, at]`.
 */

export interface LocalisedText {
  readonly vi: string;
  readonly en: string;
}

export const RISK_CRITERIA_KINDS = [
  'HS_CODE_PREFIX',
  'ORIGIN_COUNTRY',
  'TRADER',
  'VALUE_PER_KG_OUTSIDE_BAND',
  'DOCUMENTS_MISSING',
  'TRADER_VIOLATIONS',
] as const;
export type RiskCriteriaKind = (typeof RISK_CRITERIA_KINDS)[number];

/** Any goods line whose HS code starts with `hsPrefix`. */
export interface HsCodePrefixCriteria {
  readonly kind: 'HS_CODE_PREFIX';
  readonly hsPrefix: string;
}

/** Any goods line whose origin is `country` (ISO 3166-1 alpha-2). */
export interface OriginCountryCriteria {
  readonly kind: 'ORIGIN_COUNTRY';
  readonly country: string;
}

/** Declarations of one trader (organisation id). */
export interface TraderCriteria {
  readonly kind: 'TRADER';
  readonly organisationId: string;
}

/** Any goods line under `hsPrefix` whose declared USD per gross kg is outside [min, max]. */
export interface ValuePerKgOutsideBandCriteria {
  readonly kind: 'VALUE_PER_KG_OUTSIDE_BAND';
  readonly hsPrefix: string;
  readonly minUsdPerKg: number;
  readonly maxUsdPerKg: number;
}

/** Goods under any of `hsPrefixes` while a document of one of `documentTypes` is not attached. */
export interface DocumentsMissingCriteria {
  readonly kind: 'DOCUMENTS_MISSING';
  readonly hsPrefixes: readonly string[];
  readonly documentTypes: readonly string[];
}

/** The trader has at least `minViolations` recorded violations in the last `withinDays` days. */
export interface TraderViolationsCriteria {
  readonly kind: 'TRADER_VIOLATIONS';
  readonly minViolations: number;
  readonly withinDays: number;
}

export type RiskCriteria =
  | HsCodePrefixCriteria
  | OriginCountryCriteria
  | TraderCriteria
  | ValuePerKgOutsideBandCriteria
  | DocumentsMissingCriteria
  | TraderViolationsCriteria;

export interface RiskRule {
  /** Stable, kebab-case, e.g. `hs-02-meat-red`. */
  readonly id: string;
  /** 1 when created, +1 on every edit; a reason names the version that produced it. */
  readonly version: number;
  /** ISO 8601; the rule applies from this instant on ... */
  readonly effectiveFrom: string;
  /** ... until just before this one (absent: no end). */
  readonly effectiveTo?: string;
  /** The channel a declaration the rule matches goes to (at least). */
  readonly channel: Channel;
  /** What the rule is about, for people; the first half of every reason it gives. */
  readonly title: LocalisedText;
  /** Only declarations in this direction, when set. */
  readonly direction?: Direction;
  /** Only declarations at this gate (upper case), when set. */
  readonly gateCode?: string;
  readonly criteria: RiskCriteria;
}

/**
 * Random sampling on top of the rules: the share of declarations whose rule channel is
 * GREEN that are promoted to YELLOW, and of YELLOW ones promoted to RED. RED cannot go higher.
 */
export interface SamplingRates {
  readonly GREEN: number;
  readonly YELLOW: number;
}

/** The rules in force plus the sampling rates, under one version that goes up with any change. */
export interface RuleSet {
  readonly version: number;
  readonly rules: readonly RiskRule[];
  readonly samplingRates: SamplingRates;
}

/** Whether `rule` applies at `at` (ISO 8601): `effectiveFrom <= at < effectiveTo`. */
export function isEffective(rule: RiskRule, at: string): boolean {
  const time = Date.parse(at);
  if (Date.parse(rule.effectiveFrom) > time) {
    return false;
  }
  return rule.effectiveTo === undefined || time < Date.parse(rule.effectiveTo);
}

/** Whether an HS code falls under a prefix (chapter, heading, subheading or tariff line). */
export function hsCodeUnder(hsCode: string, hsPrefix: string): boolean {
  return hsCode.startsWith(hsPrefix);
}

// ------------------------------------------------------------------ validation

const RULE_ID = /^[a-z0-9][a-z0-9-]{0,63}$/;
const HS_PREFIX = /^\d{2,10}$/;
const COUNTRY = /^[A-Z]{2}$/;
const DOCUMENT_TYPE = /^[A-Z][A-Z0-9_]{0,39}$/;
const GATE = /^[A-Z][A-Z0-9_]{1,19}$/;
const MAX_TEXT = 300;

/**
 * Every problem with a rule a supervisor submits (each as `CUSTOMS.RULE_INVALID` with the
 * field it concerns); empty when the rule is sound.
 */
export function validateRiskRule(rule: RiskRule): readonly FieldError[] {
  const errors: FieldError[] = [];
  const fail = (field: string, message: string): void => {
    errors.push({ field, ...customsError('CUSTOMS.RULE_INVALID', message) });
  };
  if (!RULE_ID.test(rule.id)) {
    fail('id', 'a rule id is 1 to 64 lower-case letters, digits and dashes');
  }
  if (!Number.isInteger(rule.version) || rule.version < 1) {
    fail('version', 'a rule version is a whole number from 1');
  }
  const from = Date.parse(rule.effectiveFrom);
  if (Number.isNaN(from)) {
    fail('effectiveFrom', 'effectiveFrom must be an ISO 8601 date-time');
  }
  if (rule.effectiveTo !== undefined) {
    const to = Date.parse(rule.effectiveTo);
    if (Number.isNaN(to)) {
      fail('effectiveTo', 'effectiveTo must be an ISO 8601 date-time');
    } else if (!Number.isNaN(from) && to <= from) {
      fail('effectiveTo', 'effectiveTo must come after effectiveFrom');
    }
  }
  if (!(CHANNELS as readonly string[]).includes(rule.channel)) {
    fail('channel', 'channel must be GREEN, YELLOW or RED');
  }
  for (const language of ['vi', 'en'] as const) {
    const text = rule.title[language].trim();
    if (text === '' || text.length > MAX_TEXT) {
      fail(`title.${language}`, `the ${language} title is 1 to ${MAX_TEXT} characters`);
    }
  }
  if (rule.direction !== undefined && !(DIRECTIONS as readonly string[]).includes(rule.direction)) {
    fail('direction', 'direction must be EXPORT or IMPORT');
  }
  if (rule.gateCode !== undefined && !GATE.test(rule.gateCode)) {
    fail('gateCode', 'a gate code is upper-case letters and digits');
  }
  validateCriteria(rule.criteria, fail);
  return errors;
}

function validateCriteria(
  criteria: RiskCriteria,
  fail: (field: string, message: string) => void,
): void {
  const hsPrefix = (field: string, value: string): void => {
    if (!HS_PREFIX.test(value)) {
      fail(field, 'an HS prefix is 2 to 10 digits');
    }
  };
  switch (criteria.kind) {
    case 'HS_CODE_PREFIX':
      hsPrefix('criteria.hsPrefix', criteria.hsPrefix);
      return;
    case 'ORIGIN_COUNTRY':
      if (!COUNTRY.test(criteria.country)) {
        fail('criteria.country', 'a country is an upper-case ISO 3166-1 alpha-2 code');
      }
      return;
    case 'TRADER':
      if (criteria.organisationId.trim() === '') {
        fail('criteria.organisationId', 'the organisation id is required');
      }
      return;
    case 'VALUE_PER_KG_OUTSIDE_BAND': {
      hsPrefix('criteria.hsPrefix', criteria.hsPrefix);
      const { minUsdPerKg: min, maxUsdPerKg: max } = criteria;
      if (!Number.isFinite(min) || min < 0) {
        fail('criteria.minUsdPerKg', 'the lower bound is a number of USD per kg from 0');
      }
      if (!Number.isFinite(max) || max <= 0) {
        fail('criteria.maxUsdPerKg', 'the upper bound is a positive number of USD per kg');
      }
      if (Number.isFinite(min) && Number.isFinite(max) && min > max) {
        fail('criteria.maxUsdPerKg', 'the upper bound must not be below the lower bound');
      }
      return;
    }
    case 'DOCUMENTS_MISSING':
      if (criteria.hsPrefixes.length === 0) {
        fail('criteria.hsPrefixes', 'at least one HS prefix is required');
      }
      criteria.hsPrefixes.forEach((prefix, index) => {
        hsPrefix(`criteria.hsPrefixes[${index}]`, prefix);
      });
      if (criteria.documentTypes.length === 0) {
        fail('criteria.documentTypes', 'at least one document type is required');
      }
      criteria.documentTypes.forEach((type, index) => {
        if (!DOCUMENT_TYPE.test(type)) {
          fail(`criteria.documentTypes[${index}]`, 'a document type is like PHYTO_CERT');
        }
      });
      return;
    case 'TRADER_VIOLATIONS':
      if (!Number.isInteger(criteria.minViolations) || criteria.minViolations < 1) {
        fail('criteria.minViolations', 'the threshold is a whole number from 1');
      }
      if (
        !Number.isInteger(criteria.withinDays) ||
        criteria.withinDays < 1 ||
        criteria.withinDays > 3650
      ) {
        fail('criteria.withinDays', 'the window is 1 to 3650 days');
      }
      return;
    default: {
      const unknown: never = criteria;
      fail('criteria.kind', `unknown criteria ${JSON.stringify(unknown)}`);
    }
  }
}

/** Problems with sampling rates: each is a probability in [0, 1]. */
export function validateSamplingRates(rates: SamplingRates): readonly FieldError[] {
  return (['GREEN', 'YELLOW'] as const)
    .filter(
      (channel) => !(Number.isFinite(rates[channel]) && rates[channel] >= 0 && rates[channel] <= 1),
    )
    .map((channel) => ({
      field: `samplingRates.${channel}`,
      ...customsError('CUSTOMS.RULE_INVALID', 'a sampling rate is a probability from 0 to 1'),
    }));
}

// ------------------------------------------------------------------ demo seed

const DEMO_FROM = '2026-01-01T00:00:00+07:00';

/** Chapters 06–14: live plants, vegetables, fruit, coffee/tea, cereals, seeds ... */
const PLANT_CHAPTERS = ['06', '07', '08', '09', '10', '11', '12', '13', '14'] as const;
/** Chapters 01–05: live animals, meat, fish, dairy and eggs, other animal products. */
const ANIMAL_CHAPTERS = ['01', '02', '03', '04', '05'] as const;

/**
 * An organisation on the demo watch list. Organisation ids are made by the gateway's demo
 * seed; this one stands for "a trader customs watches" and only matches if a seed uses it.
 */
export const DEMO_WATCHED_ORGANISATION_ID = '00000000-0000-7000-8000-00000000a001';

/**
 * Demo rules for the Móng Cái – Bắc Luân II gate (never used in production): what a land
 * border with China typically watches — agricultural goods and their certificates,
 * meat smuggling, under-valued electronics, cigarettes, sanctioned origins and repeat
 * offenders.
 */
export const DEMO_RISK_RULES: readonly RiskRule[] = [
  {
    id: 'hs-08-fresh-fruit-doc-check',
    version: 1,
    effectiveFrom: DEMO_FROM,
    channel: 'YELLOW',
    title: {
      vi: 'Quả và quả hạch tươi (chương 08): kiểm tra hồ sơ',
      en: 'Fresh fruit and nuts (chapter 08): document check',
    },
    criteria: { kind: 'HS_CODE_PREFIX', hsPrefix: '08' },
  },
  {
    id: 'phyto-cert-ch06-14',
    version: 1,
    effectiveFrom: DEMO_FROM,
    channel: 'YELLOW',
    title: {
      vi: 'Hàng có nguồn gốc thực vật (chương 06–14) thiếu giấy chứng nhận kiểm dịch thực vật',
      en: 'Plant products (chapters 06–14) without a phytosanitary certificate',
    },
    criteria: {
      kind: 'DOCUMENTS_MISSING',
      hsPrefixes: PLANT_CHAPTERS,
      documentTypes: ['PHYTO_CERT'],
    },
  },
  {
    id: 'hs-02-meat-red',
    version: 1,
    effectiveFrom: DEMO_FROM,
    channel: 'RED',
    title: {
      vi: 'Thịt và phụ phẩm dạng thịt ăn được, kể cả đông lạnh (chương 02): kiểm tra thực tế',
      en: 'Meat and edible offal, including frozen (chapter 02): physical inspection',
    },
    criteria: { kind: 'HS_CODE_PREFIX', hsPrefix: '02' },
  },
  {
    id: 'vet-cert-ch01-05',
    version: 1,
    effectiveFrom: DEMO_FROM,
    channel: 'RED',
    title: {
      vi: 'Động vật và sản phẩm động vật (chương 01–05) thiếu giấy chứng nhận kiểm dịch động vật',
      en: 'Animals and animal products (chapters 01–05) without a veterinary certificate',
    },
    criteria: {
      kind: 'DOCUMENTS_MISSING',
      hsPrefixes: ANIMAL_CHAPTERS,
      documentTypes: ['VET_CERT'],
    },
  },
  {
    id: 'hs-85-value-band',
    version: 1,
    effectiveFrom: DEMO_FROM,
    channel: 'YELLOW',
    title: {
      vi: 'Máy móc, thiết bị điện (chương 85): trị giá khai báo bất thường',
      en: 'Electrical machinery and equipment (chapter 85): unusual declared value',
    },
    criteria: {
      kind: 'VALUE_PER_KG_OUTSIDE_BAND',
      hsPrefix: '85',
      minUsdPerKg: 4,
      maxUsdPerKg: 2000,
    },
  },
  {
    id: 'hs-8517-phones-value-band',
    version: 1,
    effectiveFrom: DEMO_FROM,
    channel: 'RED',
    title: {
      vi: 'Điện thoại và thiết bị mạng (nhóm 85.17): trị giá khai báo bất thường',
      en: 'Telephones and network equipment (heading 85.17): unusual declared value',
    },
    criteria: {
      kind: 'VALUE_PER_KG_OUTSIDE_BAND',
      hsPrefix: '8517',
      minUsdPerKg: 25,
      maxUsdPerKg: 5000,
    },
  },
  {
    id: 'hs-2402-cigarettes-red',
    version: 1,
    effectiveFrom: DEMO_FROM,
    channel: 'RED',
    title: {
      vi: 'Thuốc lá điếu, xì gà (nhóm 24.02): hàng có rủi ro buôn lậu cao',
      en: 'Cigars and cigarettes (heading 24.02): high smuggling risk',
    },
    criteria: { kind: 'HS_CODE_PREFIX', hsPrefix: '2402' },
  },
  {
    id: 'hs-1701-sugar-import',
    version: 1,
    effectiveFrom: DEMO_FROM,
    channel: 'YELLOW',
    direction: 'IMPORT',
    title: {
      vi: 'Đường mía, đường củ cải nhập khẩu (nhóm 17.01): kiểm tra hồ sơ xuất xứ',
      en: 'Imported cane or beet sugar (heading 17.01): origin document check',
    },
    criteria: { kind: 'HS_CODE_PREFIX', hsPrefix: '1701' },
  },
  {
    id: 'origin-kp-sanctions',
    version: 1,
    effectiveFrom: DEMO_FROM,
    channel: 'RED',
    title: {
      vi: 'Hàng có xuất xứ thuộc diện cấm vận của Liên Hợp Quốc',
      en: 'Goods of an origin under United Nations sanctions',
    },
    criteria: { kind: 'ORIGIN_COUNTRY', country: 'KP' },
  },
  {
    id: 'trader-watch-list',
    version: 1,
    effectiveFrom: DEMO_FROM,
    channel: 'YELLOW',
    title: {
      vi: 'Doanh nghiệp trong danh sách theo dõi của Chi cục Hải quan cửa khẩu',
      en: 'Trader on the border customs branch watch list',
    },
    criteria: { kind: 'TRADER', organisationId: DEMO_WATCHED_ORGANISATION_ID },
  },
  {
    id: 'trader-violations-1-in-90d',
    version: 1,
    effectiveFrom: DEMO_FROM,
    channel: 'YELLOW',
    title: {
      vi: 'Doanh nghiệp có vi phạm hải quan trong 90 ngày qua',
      en: 'Trader with a customs violation in the last 90 days',
    },
    criteria: { kind: 'TRADER_VIOLATIONS', minViolations: 1, withinDays: 90 },
  },
  {
    id: 'trader-violations-3-in-365d',
    version: 1,
    effectiveFrom: DEMO_FROM,
    channel: 'RED',
    title: {
      vi: 'Doanh nghiệp tái phạm: từ 3 vi phạm hải quan trong 365 ngày qua',
      en: 'Repeat offender: 3 or more customs violations in the last 365 days',
    },
    criteria: { kind: 'TRADER_VIOLATIONS', minViolations: 3, withinDays: 365 },
  },
];

/** 5 % of GREEN declarations get a document check, 2 % of YELLOW ones a physical inspection. */
export const DEMO_SAMPLING_RATES: SamplingRates = { GREEN: 0.05, YELLOW: 0.02 };

export const DEMO_RULE_SET: RuleSet = {
  version: 1,
  rules: DEMO_RISK_RULES,
  samplingRates: DEMO_SAMPLING_RATES,
};
