import type { PlateCountry } from './plate';

/**
 * The shipment as the registry keeps it: what the trader declared (the registration), the
 * status of each agency, the overall status the registry alone derives, the pass-code hash,
 * and the unified timeline. Plain readonly data; `decide`/`evolve` in `state-machine.ts`
 * are the only way a new state is made.
 */

export const SHIPMENT_STATUSES = [
  'REGISTERED',
  'ARRIVED',
  'IN_REVIEW',
  'CLEARED',
  'CALLED',
  'DEPARTED',
  'HELD',
  'REJECTED',
  'CANCELLED',
  'NO_SHOW',
] as const;
export type ShipmentStatus = (typeof SHIPMENT_STATUSES)[number];

/** Statuses after which nothing more happens to the shipment. */
export const FINAL_STATUSES: ReadonlySet<ShipmentStatus> = new Set([
  'DEPARTED',
  'REJECTED',
  'CANCELLED',
]);

export const AGENCIES = ['customs', 'borderGuard', 'quarantine'] as const;
export type Agency = (typeof AGENCIES)[number];

export const AGENCY_STATUSES = ['PENDING', 'CLEARED', 'HOLD', 'REJECTED', 'NOT_REQUIRED'] as const;
export type AgencyStatus = (typeof AGENCY_STATUSES)[number];

/** What an agency can decide: every agency status except PENDING. */
export const AGENCY_DECISIONS = ['CLEARED', 'HOLD', 'REJECTED', 'NOT_REQUIRED'] as const;
export type AgencyDecision = (typeof AGENCY_DECISIONS)[number];

export type AgencyStatuses = Readonly<Record<Agency, AgencyStatus>>;

export const ALL_PENDING: AgencyStatuses = Object.freeze({
  customs: 'PENDING',
  borderGuard: 'PENDING',
  quarantine: 'PENDING',
});

export const DIRECTIONS = ['EXPORT', 'IMPORT'] as const;
export type Direction = (typeof DIRECTIONS)[number];

/** UN/ECE Recommendation 20 / 21 codes accepted as a goods line's unit. */
export const GOODS_UNITS = [
  'KGM', // kilogram
  'TNE', // tonne
  'GRM', // gram
  'LTR', // litre
  'MTQ', // cubic metre
  'MTK', // square metre
  'MTR', // metre
  'PCE', // piece
  'NAR', // number of articles
  'SET', // set
  'PR', // pair
  'DZN', // dozen
  'CT', // carton
  'BX', // box
  'BG', // bag
  'PK', // package
  'BO', // bottle
  'CS', // case
  'PX', // pallet
] as const;
export type GoodsUnit = (typeof GOODS_UNITS)[number];

export const DOCUMENT_TYPES = [
  'PHYTO_CERT',
  'VET_CERT',
  'CO',
  'INVOICE',
  'PACKING_LIST',
  'CONTRACT',
  'FOOD_SAFETY_CERT',
  'OTHER',
] as const;
export type DocumentType = (typeof DOCUMENT_TYPES)[number];

export interface Vehicle {
  /** As the trader typed it (trimmed). */
  readonly plate: string;
  /** `14C12345`: what arrivals (ANPR, QR) are matched on. */
  readonly plateNormalised: string;
  readonly trailerPlate?: string;
  readonly trailerPlateNormalised?: string;
  /** ISO 3166-1 alpha-2 of the registration; equals the plate's country. */
  readonly country: PlateCountry;
}

export interface Driver {
  readonly name: string;
  /** Passport / ID / border pass number, upper case, no spaces. */
  readonly documentNumber: string;
  /** ISO 3166-1 alpha-2. */
  readonly nationality: string;
  /** E.164, e.g. `+84912345678`. */
  readonly phone?: string;
}

export interface GoodsLine {
  /** 8 digits. */
  readonly hsCode: string;
  readonly description: string;
  readonly quantity: number;
  readonly unit: GoodsUnit;
  readonly grossKg: number;
  readonly valueUsd: number;
  /** ISO 3166-1 alpha-2 country of origin. */
  readonly origin: string;
}

export interface ShipmentDocument {
  readonly type: DocumentType;
  readonly number: string;
}

/** What the trader declares, validated and normalised by `validateRegistration`. */
export interface Registration {
  /** Upper case, e.g. `MONGCAI`. */
  readonly gateCode: string;
  readonly direction: Direction;
  /** 12 digits. */
  readonly declarationNumber: string;
  /** ISO 8601 in UTC (`toISOString()`), whatever offset the trader wrote. */
  readonly plannedArrival: string;
  readonly vehicle: Vehicle;
  readonly driver: Driver;
  readonly goods: readonly GoodsLine[];
  readonly documents: readonly ShipmentDocument[];
}

export type TimelineStep =
  | 'REGISTERED'
  | 'AMENDED'
  | 'CANCELLED'
  | 'PASS_CODE_REISSUED'
  | 'ARRIVED'
  | 'AGENCY_DECISION'
  | 'CALLED'
  | 'NO_SHOW'
  | 'DEPARTED';

/** One step of the unified timeline, oldest first. */
export interface TimelineEntry {
  readonly step: TimelineStep;
  /** ISO 8601, when it happened (the source event's time). */
  readonly at: string;
  /** Who: a trader's user id, an officer, a camera, or `system`. */
  readonly actor: string;
  /** The event or request this step came from; a shipment never applies one twice. */
  readonly sourceEventId: string;
  /** The overall status right after this step. */
  readonly status: ShipmentStatus;
  readonly agency?: Agency;
  readonly decision?: AgencyDecision;
  readonly reason?: string;
  readonly laneId?: string;
}

export interface Shipment extends Registration {
  readonly id: string;
  readonly organisationId: string;
  readonly status: ShipmentStatus;
  readonly agencies: AgencyStatuses;
  readonly passCodeHash: string;
  /** +1 on every accepted command; amend and cancel must name the version they saw. */
  readonly version: number;
  /** +1 on every change to the registration (1 at registration); agencies decide on a revision. */
  readonly revision: number;
  readonly timeline: readonly TimelineEntry[];
  readonly arrivedAt?: string;
  readonly calledLaneId?: string;
  readonly noShowCount: number;
  readonly createdAt: string;
  readonly updatedAt: string;
}
