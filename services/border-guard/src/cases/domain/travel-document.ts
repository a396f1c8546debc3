import type { Finding } from './border-guard-case';

/**
 * Accepted travel documents per nationality (the formats the gate's officers check by eye):
 *
 * | nationality | document | format |
 * | VN | passport (hộ chiếu) | one letter + 7 digits, e.g. C1234567 |
 * | VN | border pass (giấy thông hành biên giới) | `GT` + 7 digits, e.g. GT1234567 |
 * | CN | passport (普通护照) | E + 8 digits, E + letter + 7 digits (2012+ series), G + 8 digits |
 * | CN | border pass (出入境通行证) | `T` + 8 digits |
 * | other | passport | 6–12 letters and digits (ICAO 9303 document number field) |
 *
 * Numbers are compared upper case with spaces and dashes removed.
 */
const FORMATS: Readonly<Record<string, readonly { kind: string; pattern: RegExp }[]>> = {
  VN: [
    { kind: 'passport', pattern: /^[A-Z]\d{7}$/ },
    { kind: 'border pass', pattern: /^GT\d{7}$/ },
  ],
  CN: [
    { kind: 'passport', pattern: /^E\d{8}$/ },
    { kind: 'passport', pattern: /^E[A-HJ-NP-Z]\d{7}$/ },
    { kind: 'passport', pattern: /^G\d{8}$/ },
    { kind: 'border pass', pattern: /^T\d{8}$/ },
  ],
};
const OTHER = [{ kind: 'passport', pattern: /^[A-Z0-9]{6,12}$/ }] as const;

export interface TravelDocument {
  readonly nationality: string;
  readonly documentNumber: string;
  /** YYYY-MM-DD when known (the registration carries none yet; then it is not checked). */
  readonly documentExpiry?: string;
}

/** The document kind a number is valid as for the nationality, or undefined. */
export function documentKind(nationality: string, documentNumber: string): string | undefined {
  const number = documentNumber.toUpperCase().replace(/[\s-]/g, '');
  const formats = FORMATS[nationality.toUpperCase()] ?? OTHER;
  return formats.find((format) => format.pattern.test(number))?.kind;
}

/** Format per nationality, and not expired on the planned crossing date (when the expiry is known). */
export function checkTravelDocument(document: TravelDocument, crossingDate: Date): Finding[] {
  const findings: Finding[] = [];
  if (documentKind(document.nationality, document.documentNumber) === undefined) {
    findings.push({
      code: 'DOCUMENT_FORMAT_INVALID',
      message: `document number "${document.documentNumber}" is not a valid ${document.nationality || 'unknown-nationality'} passport or border pass number`,
    });
  }
  if (document.documentExpiry !== undefined && document.documentExpiry !== '') {
    const expiry = new Date(`${document.documentExpiry.slice(0, 10)}T23:59:59.999Z`);
    if (Number.isNaN(expiry.getTime()) || expiry.getTime() < crossingDate.getTime()) {
      findings.push({
        code: 'DOCUMENT_EXPIRED',
        message: `the travel document expires on ${document.documentExpiry}, before the planned crossing on ${crossingDate.toISOString().slice(0, 10)}`,
      });
    }
  }
  return findings;
}
