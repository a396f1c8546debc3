import type { Problem } from '../api/problem';
import type { UnmatchedRead } from '../api/types';
import { positionPath } from '../driver/position-stream';

/**
 * Confirming an unmatched camera read: the gateway takes `{ shipmentId }` (a UUID of a
 * shipment of the operator's gate). The operator picks one of the read's candidate
 * shipments, looks the shipment up by the driver's pass (plate + pass code, through the
 * public position endpoint), or types the shipment ID.
 */
export type MatchBy = 'candidate' | 'pass' | 'shipmentId';

export interface ConfirmForm {
  matchBy: MatchBy;
  candidateId: string;
  plate: string;
  passCode: string;
  shipmentId: string;
}

/** The form's fields, by the names the page gives their inputs and errors. */
export type ConfirmField = 'candidateId' | 'plate' | 'passCode' | 'shipmentId';

/** An i18n key per failing field (`errors.field.*` or `yard.match.errors.*`). */
export type ConfirmErrors = Partial<Record<ConfirmField, string>>;

/** The next request: confirm with a known shipment, or first read the pass's shipment. */
export type ConfirmStep =
  | { readonly kind: 'confirm'; readonly shipmentId: string }
  | { readonly kind: 'lookup'; readonly path: string };

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

export function candidatesOf(read: UnmatchedRead): readonly string[] {
  return read.candidateShipmentIds ?? [];
}

/** With candidates the first is preselected; without, the driver's pass (plate as read). */
export function initialConfirmForm(read: UnmatchedRead): ConfirmForm {
  const [first] = candidatesOf(read);
  return {
    matchBy: first === undefined ? 'pass' : 'candidate',
    candidateId: first ?? '',
    plate: read.plate,
    passCode: '',
    shipmentId: '',
  };
}

/** Checks before any request; empty when the form can be sent. */
export function validateConfirmForm(form: ConfirmForm): ConfirmErrors {
  const errors: ConfirmErrors = {};
  switch (form.matchBy) {
    case 'candidate':
      if (form.candidateId === '') errors.candidateId = 'errors.field.REQUIRED';
      break;
    case 'pass':
      if (form.plate.trim() === '') errors.plate = 'errors.field.REQUIRED';
      if (form.passCode.trim() === '') errors.passCode = 'errors.field.REQUIRED';
      break;
    case 'shipmentId':
      if (form.shipmentId.trim() === '') errors.shipmentId = 'errors.field.REQUIRED';
      else if (!UUID.test(form.shipmentId.trim())) errors.shipmentId = 'yard.match.errors.NOT_UUID';
      break;
    default: {
      const unknown: never = form.matchBy;
      throw new TypeError(`unknown match ${String(unknown)}`);
    }
  }
  return errors;
}

/** What to send first (call after validateConfirmForm found nothing). */
export function confirmStepOf(form: ConfirmForm): ConfirmStep {
  switch (form.matchBy) {
    case 'candidate':
      return { kind: 'confirm', shipmentId: form.candidateId };
    case 'pass':
      return { kind: 'lookup', path: positionPath(form.plate, form.passCode) };
    case 'shipmentId':
      return { kind: 'confirm', shipmentId: form.shipmentId.trim() };
    default: {
      const unknown: never = form.matchBy;
      throw new TypeError(`unknown match ${String(unknown)}`);
    }
  }
}

/** The body of POST /yard/unmatched/{id}/confirm. */
export function confirmBody(shipmentId: string): { readonly shipmentId: string } {
  return { shipmentId };
}

function fieldKey(code: string): string {
  return ['REQUIRED', 'WRONG_TYPE', 'INVALID', 'UNKNOWN_FIELD'].includes(code)
    ? `errors.field.${code}`
    : 'errors.field.INVALID';
}

/** The field that names the shipment in the current way of matching. */
function shipmentField(form: ConfirmForm): ConfirmField {
  switch (form.matchBy) {
    case 'candidate':
      return 'candidateId';
    case 'pass':
      return 'passCode';
    case 'shipmentId':
      return 'shipmentId';
    default: {
      const unknown: never = form.matchBy;
      throw new TypeError(`unknown match ${String(unknown)}`);
    }
  }
}

/**
 * A failed lookup or confirmation as errors next to the inputs (problem+json `errors[]` and
 * the queue's codes about the chosen shipment). Empty: the problem is about the whole
 * request (read already resolved, not allowed, service down) and shows as an alert.
 */
export function confirmErrorsOf(
  problem: Problem,
  step: ConfirmStep['kind'],
  form: ConfirmForm,
): ConfirmErrors {
  const errors: ConfirmErrors = {};
  for (const error of problem.errors) {
    const field: ConfirmField | undefined =
      step === 'lookup'
        ? error.field === 'plate' || error.field === 'passCode'
          ? error.field
          : undefined
        : error.field === 'shipmentId'
          ? shipmentField(form)
          : undefined;
    if (field !== undefined) errors[field] ??= fieldKey(error.code);
  }
  switch (problem.code) {
    case 'QUEUE.PASS_NOT_FOUND':
      errors.passCode ??= 'yard.match.errors.PASS_NOT_FOUND';
      break;
    case 'QUEUE.SHIPMENT_NOT_FOUND':
      errors[shipmentField(form)] ??= 'yard.match.errors.SHIPMENT_NOT_FOUND';
      break;
    case 'QUEUE.SHIPMENT_OTHER_GATE':
      errors[shipmentField(form)] ??= 'yard.match.errors.OTHER_GATE';
      break;
    default:
      break;
  }
  return errors;
}
