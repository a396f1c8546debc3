import { parseProblem } from '../api/problem';
import {
  confirmBody,
  confirmErrorsOf,
  confirmStepOf,
  initialConfirmForm,
  validateConfirmForm,
  type ConfirmForm,
} from './confirm-unmatched';

const SHIPMENT = '3f2b9c1e-0a4d-4c1b-9f00-2d6a7c8e9b10';
const OTHER = '7a1c0d2e-5b6f-4a3c-8d9e-0f1a2b3c4d5e';

function form(change: Partial<ConfirmForm>): ConfirmForm {
  return {
    matchBy: 'pass',
    candidateId: '',
    plate: '14C-123.45',
    passCode: '',
    shipmentId: '',
    ...change,
  };
}

describe('confirming an unmatched camera read', () => {
  it('preselects the first candidate shipment, else the driver’s pass with the plate as read', () => {
    expect(
      initialConfirmForm({ id: 'u1', plate: '14C12345', candidateShipmentIds: [SHIPMENT, OTHER] }),
    ).toEqual({
      matchBy: 'candidate',
      candidateId: SHIPMENT,
      plate: '14C12345',
      passCode: '',
      shipmentId: '',
    });
    expect(initialConfirmForm({ id: 'u2', plate: '14C12345' })).toMatchObject({
      matchBy: 'pass',
      candidateId: '',
      plate: '14C12345',
    });
  });

  it('requires what the chosen way of matching needs, and a shipment ID in UUID form', () => {
    expect(validateConfirmForm(form({ matchBy: 'candidate' }))).toEqual({
      candidateId: 'errors.field.REQUIRED',
    });
    expect(validateConfirmForm(form({ plate: ' ', passCode: '' }))).toEqual({
      plate: 'errors.field.REQUIRED',
      passCode: 'errors.field.REQUIRED',
    });
    expect(validateConfirmForm(form({ matchBy: 'shipmentId' }))).toEqual({
      shipmentId: 'errors.field.REQUIRED',
    });
    expect(validateConfirmForm(form({ matchBy: 'shipmentId', shipmentId: '14C-123.45' }))).toEqual({
      shipmentId: 'yard.match.errors.NOT_UUID',
    });
    expect(
      validateConfirmForm(form({ matchBy: 'shipmentId', shipmentId: ` ${SHIPMENT} ` })),
    ).toEqual({});
    expect(validateConfirmForm(form({ passCode: 'K7Q2M9' }))).toEqual({});
  });

  it('confirms a known shipment at once, and reads the pass’s shipment first', () => {
    expect(confirmStepOf(form({ matchBy: 'candidate', candidateId: OTHER }))).toEqual({
      kind: 'confirm',
      shipmentId: OTHER,
    });
    expect(confirmStepOf(form({ matchBy: 'shipmentId', shipmentId: ` ${SHIPMENT}\n` }))).toEqual({
      kind: 'confirm',
      shipmentId: SHIPMENT,
    });
    expect(confirmStepOf(form({ plate: ' 14C-123.45 ', passCode: 'K7Q2M9 ' }))).toEqual({
      kind: 'lookup',
      path: '/queue/position?plate=14C-123.45&passCode=K7Q2M9',
    });
    // The gateway's confirmUnmatchedBody: exactly { shipmentId } (strict).
    expect(confirmBody(SHIPMENT)).toEqual({ shipmentId: SHIPMENT });
  });

  it('puts the gateway’s field errors next to the input that named the shipment', () => {
    const invalid = parseProblem(400, {
      status: 400,
      code: 'GATEWAY.VALIDATION_FAILED',
      errors: [{ field: 'shipmentId', code: 'INVALID', message: 'must be a UUID' }],
    });
    expect(confirmErrorsOf(invalid, 'confirm', form({ matchBy: 'shipmentId' }))).toEqual({
      shipmentId: 'errors.field.INVALID',
    });
    expect(confirmErrorsOf(invalid, 'confirm', form({ matchBy: 'candidate' }))).toEqual({
      candidateId: 'errors.field.INVALID',
    });
    const badQuery = parseProblem(400, {
      code: 'GATEWAY.VALIDATION_FAILED',
      errors: [
        { field: 'passCode', code: 'REQUIRED', message: 'is required' },
        { field: 'somethingElse', code: 'INVALID', message: '' },
      ],
    });
    expect(confirmErrorsOf(badQuery, 'lookup', form({}))).toEqual({
      passCode: 'errors.field.REQUIRED',
    });
  });

  it('explains an unknown pass, an unknown shipment and a shipment of another gate', () => {
    const pass = parseProblem(404, { status: 404, code: 'QUEUE.PASS_NOT_FOUND' });
    expect(confirmErrorsOf(pass, 'lookup', form({ passCode: 'WRONG1' }))).toEqual({
      passCode: 'yard.match.errors.PASS_NOT_FOUND',
    });
    const unknown = parseProblem(404, { status: 404, code: 'QUEUE.SHIPMENT_NOT_FOUND' });
    expect(confirmErrorsOf(unknown, 'confirm', form({ matchBy: 'shipmentId' }))).toEqual({
      shipmentId: 'yard.match.errors.SHIPMENT_NOT_FOUND',
    });
    const otherGate = parseProblem(400, { status: 400, code: 'QUEUE.SHIPMENT_OTHER_GATE' });
    expect(confirmErrorsOf(otherGate, 'confirm', form({ matchBy: 'candidate' }))).toEqual({
      candidateId: 'yard.match.errors.OTHER_GATE',
    });
  });

  it('leaves problems about the whole request to the alert', () => {
    const resolved = parseProblem(409, { status: 409, code: 'QUEUE.UNMATCHED_ALREADY_RESOLVED' });
    expect(confirmErrorsOf(resolved, 'confirm', form({ matchBy: 'candidate' }))).toEqual({});
    expect(confirmErrorsOf(parseProblem(0, null), 'lookup', form({}))).toEqual({});
  });
});
