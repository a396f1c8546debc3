/** The public API's shapes the app reads (DESIGN.md §5; services/gateway shipment.mapper). */
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

export const AGENCY_STATUSES = ['PENDING', 'CLEARED', 'HOLD', 'REJECTED', 'NOT_REQUIRED'] as const;
export type AgencyStatus = (typeof AGENCY_STATUSES)[number];

export const AGENCIES = ['customs', 'border-guard', 'quarantine'] as const;
export type Agency = (typeof AGENCIES)[number];

export const ROLES = [
  'TRADER',
  'CUSTOMS_OFFICER',
  'BORDER_GUARD_OFFICER',
  'QUARANTINE_OFFICER',
  'YARD_OPERATOR',
  'SUPERVISOR',
  'ADMIN',
] as const;
export type Role = (typeof ROLES)[number];

export interface Me {
  readonly id: string;
  readonly username: string;
  readonly displayName: string;
  readonly role: Role;
  readonly organisation: { readonly id: string; readonly name: string | null } | null;
  readonly gateCode: string | null;
}

export interface Vehicle {
  readonly plate: string;
  readonly trailerPlate?: string;
  readonly country: string;
}

export interface Driver {
  readonly name: string;
  readonly documentNumber: string;
  readonly nationality: string;
  readonly phone?: string;
}

export interface GoodsLine {
  readonly hsCode: string;
  readonly description: string;
  readonly quantity: number;
  readonly unit: string;
  readonly grossKg: number;
  readonly valueUsd: number;
  readonly origin: string;
}

export interface ShipmentDocument {
  readonly type: string;
  readonly number: string;
}

export interface Actor {
  readonly kind: string;
  readonly id: string;
  readonly displayName: string;
}

export interface TimelineEntry {
  readonly step: string;
  readonly at: string | null;
  readonly actor: Actor | null;
  readonly agency?: string;
  readonly decision?: string;
  readonly reason?: string;
  readonly status: string;
}

export interface AgencyStatuses {
  readonly customs: string;
  readonly borderGuard: string;
  readonly quarantine: string;
}

export interface Shipment {
  readonly id: string;
  readonly gateCode: string;
  readonly direction: 'EXPORT' | 'IMPORT';
  readonly declarationNumber: string;
  readonly plannedArrival: string | null;
  readonly vehicle: Vehicle | null;
  readonly normalisedPlate: string;
  readonly driver: Driver | null;
  readonly goods: readonly GoodsLine[];
  readonly documents: readonly ShipmentDocument[];
  readonly status: string;
  readonly agencies: AgencyStatuses;
  readonly version: number;
  readonly createdAt: string | null;
  readonly updatedAt: string | null;
  readonly timeline: readonly TimelineEntry[];
  /** Only in the answers to register and reissue-pass. */
  readonly passCode?: string;
}

/** A driver-facing text in each language (the gateway's `explanations`). */
export interface LocalizedText {
  readonly vi: string;
  readonly en: string;
  readonly zh: string;
}

export interface QueuePosition {
  readonly shipmentId: string;
  readonly gateCode: string;
  readonly status: string;
  readonly position: number | null;
  /** In English. */
  readonly explanation: string;
  /** The same in vi / en / zh; null from an older gateway. */
  readonly explanations: LocalizedText | null;
  readonly etaMinutes: number | null;
  readonly lane: string | null;
}

/** An agency case as the gateway passes it through: the fields every agency shares. */
export interface AgencyCase {
  readonly shipmentId: string;
  readonly status: string;
  readonly version: number;
  readonly channel?: string;
  readonly reason?: string;
  readonly [field: string]: unknown;
}

export interface Lane {
  readonly id: string;
  readonly name: string;
  readonly direction: string;
  readonly open: boolean;
  readonly busyShipmentId?: string;
  readonly averageServiceMinutes?: number;
}

export interface QueueEntry {
  readonly shipmentId: string;
  readonly plate: string;
  /** The queue's entry status: WAITING, CALLED, DEPARTED (maybe with its proto prefix). */
  readonly status: string;
  readonly position?: number | null;
  /** PERISHABLE, ON_SLOT or REGULAR (maybe with its proto prefix). */
  readonly priorityClass?: string;
  /** Whether the registry has cleared it (it can be called). */
  readonly cleared?: boolean;
  readonly arrivedAt?: string | null;
  readonly laneId?: string;
}

export interface UnmatchedRead {
  readonly id: string;
  readonly plate: string;
  readonly cameraId?: string;
  readonly confidence?: number;
  readonly arrivedAt?: string | null;
  /** LOW_CONFIDENCE, NO_SHIPMENT or AMBIGUOUS. */
  readonly reason?: string;
  /** The shipments of the gate with this plate (for LOW_CONFIDENCE and AMBIGUOUS). */
  readonly candidateShipmentIds?: readonly string[];
}

export interface CallResult {
  readonly shipmentId: string;
  readonly plate: string;
  readonly laneId: string;
}

export interface AuditEntry {
  readonly sequence?: number;
  readonly at?: string;
  readonly type?: string;
  readonly shipmentId?: string;
  readonly actor?: string | Actor;
  readonly [field: string]: unknown;
}

export function isShipmentStatus(value: string): value is ShipmentStatus {
  return (SHIPMENT_STATUSES as readonly string[]).includes(value);
}

export function isAgencyStatus(value: string): value is AgencyStatus {
  return (AGENCY_STATUSES as readonly string[]).includes(value);
}

/** The list of a response that may be a bare array or `{items}`. */
/** One page of a cursor-paged list (`{items, nextCursor}`); no cursor when it is the last. */
export interface Page<T> {
  readonly items: readonly T[];
  readonly nextCursor: string | null;
}

export function pageOf<T>(body: unknown): Page<T> {
  const cursor =
    typeof body === 'object' && body !== null
      ? (body as Record<string, unknown>)['nextCursor']
      : undefined;
  return {
    items: itemsOf<T>(body),
    nextCursor: typeof cursor === 'string' && cursor !== '' ? cursor : null,
  };
}

export function itemsOf<T>(body: unknown, key = 'items'): readonly T[] {
  if (Array.isArray(body)) return body as T[];
  if (typeof body === 'object' && body !== null) {
    const value = (body as Record<string, unknown>)[key];
    if (Array.isArray(value)) return value as T[];
  }
  return [];
}
