import type { Assessment } from './assess';
import type { Channel, Declaration } from './declaration';

/**
 * The customs case of one shipment as customs keeps it: the declaration, the latest risk
 * assessment, the channel it is worked in, inspections, the decision and the audited
 * history. Plain readonly data; `decide` / `evolve` in `case.state-machine.ts` are the
 * only way a new state is made.
 */

export const CASE_STATUSES = ['OPEN', 'HELD', 'CLEARED', 'REJECTED', 'CANCELLED'] as const;
/**
 * OPEN: waiting for a decision (GREEN ones for the automatic clearance, YELLOW and RED in
 * the officer queue); HELD: stopped with a reason, may still be cleared; CLEARED and
 * REJECTED: decided; CANCELLED: closed because the shipment was cancelled.
 */
export type CaseStatus = (typeof CASE_STATUSES)[number];

/** Statuses in which an officer can still work the case (inspect, re-channel, decide). */
export const UNDECIDED_STATUSES: ReadonlySet<CaseStatus> = new Set(['OPEN', 'HELD']);

/** The decisions customs takes (customs always applies, so never NOT_REQUIRED). */
export const CUSTOMS_DECISIONS = ['CLEARED', 'HOLD', 'REJECTED'] as const;
export type CustomsDecision = (typeof CUSTOMS_DECISIONS)[number];

/** Who did something (common.v1.Actor): an officer, or customs itself for automatic rules. */
export interface Actor {
  readonly kind: 'OFFICER' | 'SYSTEM';
  /** The officer's account id, or the rule's name for SYSTEM (`customs.green-channel`). */
  readonly id: string;
  readonly displayName?: string;
}

/** The actor of the automatic GREEN-channel clearance. */
export const GREEN_CHANNEL_ACTOR: Actor = Object.freeze({
  kind: 'SYSTEM',
  id: 'customs.green-channel',
  displayName: 'Luồng xanh tự động / automatic green channel',
});

/** A photo of the inspection, kept as a document elsewhere and referred to here. */
export interface PhotoReference {
  readonly documentId: string;
  readonly caption?: string;
}

/** The record of a physical inspection. */
export interface Inspection {
  /** What the officer found, free text. */
  readonly findings: string;
  /** Seal numbers checked or applied. */
  readonly seals: readonly string[];
  readonly photos: readonly PhotoReference[];
  readonly inspectedBy: Actor;
  /** ISO 8601. */
  readonly inspectedAt: string;
  /** The declaration revision it inspected; an amendment calls for a new inspection. */
  readonly revision: number;
}

/** The latest decision, with the fields its signature covers. */
export interface CaseDecision {
  readonly decision: CustomsDecision;
  readonly reason?: string;
  readonly actor: Actor;
  /** ISO 8601. */
  readonly decidedAt: string;
  /** The channel the case was worked in. */
  readonly channel: Channel;
  /** The case version after the decision (what is signed). */
  readonly caseVersion: number;
}

export type HistoryStep =
  | 'OPENED'
  | 'REASSESSED'
  | 'CANCELLED'
  | 'INSPECTION_RECORDED'
  | 'CHANNEL_CHANGED'
  | 'DECISION_RECORDED';

/** One step of the case's audited history, oldest first. */
export interface CaseHistoryEntry {
  readonly step: HistoryStep;
  readonly at: string;
  readonly actor: Actor;
  /** The registry event or officer request this step came from; applied at most once. */
  readonly sourceEventId: string;
  /** The case version, status and channel right after this step. */
  readonly version: number;
  readonly status: CaseStatus;
  readonly channel: Channel;
  /** CHANNEL_CHANGED and REASSESSED: the channel before. */
  readonly fromChannel?: Channel;
  readonly decision?: CustomsDecision;
  readonly reason?: string;
}

export interface CustomsCase {
  readonly id: string;
  readonly shipmentId: string;
  readonly declaration: Declaration;
  /** The registry version of the shipment the declaration comes from. */
  readonly shipmentVersion: number;
  /** 1 when opened, +1 on every amendment of the declaration. */
  readonly revision: number;
  readonly status: CaseStatus;
  /** The channel the case is worked in: the assessment's, or an officer's override. */
  readonly channel: Channel;
  /** Whether `channel` is the assessment's or an officer changed it. */
  readonly channelSource: 'ASSESSMENT' | 'OFFICER';
  /** The latest assessment (of the current revision). */
  readonly assessment: Assessment;
  readonly inspections: readonly Inspection[];
  readonly decision?: CaseDecision;
  /** +1 on every accepted command; officers' commands name the version they saw. */
  readonly version: number;
  readonly history: readonly CaseHistoryEntry[];
  readonly createdAt: string;
  readonly updatedAt: string;
}

/** Whether a physical inspection of the current declaration has been recorded. */
export function hasCurrentInspection(state: CustomsCase): boolean {
  return state.inspections.some((inspection) => inspection.revision === state.revision);
}

/** Whether the case should now be cleared automatically (`ClearAutomatically`). */
export function isAutoClearable(state: CustomsCase): boolean {
  return (
    state.status === 'OPEN' && state.channel === 'GREEN' && state.channelSource === 'ASSESSMENT'
  );
}

/** Whether the case waits in the officer queue. */
export function isInOfficerQueue(state: CustomsCase): boolean {
  return UNDECIDED_STATUSES.has(state.status) && !isAutoClearable(state);
}
