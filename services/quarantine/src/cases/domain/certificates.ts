import type { ControlKind } from '../../controlled-goods/domain/controlled-goods';

/** The certificate each kind of control requires among the shipment's documents. */
export type CertificateType = 'PHYTO_CERT' | 'VET_CERT' | 'FOOD_SAFETY_CERT';

export interface ShipmentDocument {
  readonly type: string;
  readonly number: string;
}

/** A required certificate and whether the shipment carries it. */
export interface CertificateCheck {
  readonly type: CertificateType;
  readonly kind: ControlKind;
  readonly present: boolean;
  /** The document number when present. */
  readonly number?: string;
}

export function requiredCertificate(kind: ControlKind): CertificateType {
  switch (kind) {
    case 'PLANT':
      return 'PHYTO_CERT';
    case 'ANIMAL':
      return 'VET_CERT';
    case 'FOOD_SAFETY':
      return 'FOOD_SAFETY_CERT';
    default: {
      const unknownKind: never = kind;
      throw new TypeError(`unknown control kind ${String(unknownKind)}`);
    }
  }
}

/**
 * One check per kind of control that applies: present when a document of the required
 * type (case-insensitive) with a non-blank number is among the shipment's documents.
 */
export function checkCertificates(
  kinds: readonly ControlKind[],
  documents: readonly ShipmentDocument[],
): CertificateCheck[] {
  return kinds.map((kind) => {
    const type = requiredCertificate(kind);
    const document = documents.find(
      (candidate) => candidate.type.trim().toUpperCase() === type && candidate.number.trim() !== '',
    );
    return document === undefined
      ? { type, kind, present: false }
      : { type, kind, present: true, number: document.number.trim() };
  });
}

export function missingCertificates(checks: readonly CertificateCheck[]): CertificateType[] {
  return checks.filter((check) => !check.present).map((check) => check.type);
}
