import type { Classification, GoodsLine } from '../../controlled-goods/domain/controlled-goods';
import type { CertificateCheck, ShipmentDocument } from './certificates';

export type CaseStatus = 'OPEN' | 'HELD' | 'CLEARED' | 'REJECTED' | 'NOT_REQUIRED' | 'CANCELLED';

export const CASE_STATUSES: readonly CaseStatus[] = [
  'OPEN',
  'HELD',
  'CLEARED',
  'REJECTED',
  'NOT_REQUIRED',
  'CANCELLED',
];

/** The officer queue: cases waiting for someone. */
export const QUEUE_STATUSES: readonly CaseStatus[] = ['OPEN', 'HELD'];

export type QuarantineDecision = 'CLEARED' | 'HOLD' | 'REJECTED' | 'NOT_REQUIRED';

export type ActorKind = 'OFFICER' | 'SYSTEM' | 'TRADER';

export interface Actor {
  readonly kind: ActorKind;
  readonly id: string;
  readonly displayName: string;
}

/** The automatic rules' actor (classification, certificate check). */
export const SYSTEM_ACTOR: Actor = {
  kind: 'SYSTEM',
  id: 'system',
  displayName: 'quarantine.classification',
};

/** The shipment's data quarantine works from (from ShipmentRegistered / ShipmentAmended). */
export interface Declaration {
  readonly gateCode: string;
  readonly direction: 'EXPORT' | 'IMPORT';
  readonly declarationNumber: string;
  readonly goods: readonly GoodsLine[];
  readonly documents: readonly ShipmentDocument[];
  readonly shipmentVersion: number;
}

export type LabResult = 'PASS' | 'FAIL';

export interface Sample {
  readonly sampleId: string;
  readonly takenBy: Actor;
  readonly takenAt: string;
  readonly labReference: string;
  readonly result?: LabResult;
  readonly resultNotes?: string;
  readonly resultAt?: string;
}

export interface CaseDecision {
  readonly decision: QuarantineDecision;
  readonly reason: string;
  readonly actor: Actor;
  readonly at: string;
}

export type HistoryStep =
  | 'OPENED'
  | 'RECLASSIFIED'
  | 'SAMPLE_RECORDED'
  | 'LAB_RESULT_RECORDED'
  | 'DECISION_RECORDED'
  | 'CANCELLED';

export interface HistoryEntry {
  readonly step: HistoryStep;
  readonly at: string;
  readonly actor: Actor;
  readonly status: CaseStatus;
  readonly version: number;
  readonly decision?: QuarantineDecision;
  readonly reason?: string;
  readonly sourceEventId?: string;
}

/** One quarantine case per shipment (also for goods that need none: NOT_REQUIRED). */
export interface QuarantineCase {
  readonly caseId: string;
  readonly shipmentId: string;
  readonly declaration: Declaration;
  readonly classification: Classification;
  readonly certificates: readonly CertificateCheck[];
  readonly status: CaseStatus;
  readonly version: number;
  /** The latest decision (published as DecisionRecorded). */
  readonly decision?: CaseDecision;
  readonly samples: readonly Sample[];
  readonly history: readonly HistoryEntry[];
  readonly openedAt: string;
  readonly updatedAt: string;
}
