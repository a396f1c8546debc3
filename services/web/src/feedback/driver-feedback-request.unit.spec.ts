import { parseProblem } from '../api/problem';
import {
  attemptFor,
  draftErrors,
  driverFeedbackBody,
  driverFeedbackPath,
  EMPTY_DRIVER_DRAFT,
  serverDraftErrors,
  withoutEdited,
  type DriverFeedbackDraft,
} from './driver-feedback-request';
import { MAX_FEEDBACK_LENGTH } from './feedback';

const PASS = { plate: ' 29H45678 ', passCode: 'K7QX-2M4P ' };
const DRAFT: DriverFeedbackDraft = {
  kind: 'COMPLAINT',
  agency: 'yard',
  message: '  Chờ ở bãi quá lâu  ',
};

describe('the driver’s feedback request', () => {
  it('sends the pass and the draft, trimmed, in the shape the gateway accepts', () => {
    expect(driverFeedbackBody(PASS, DRAFT)).toEqual({
      plate: '29H45678',
      passCode: 'K7QX-2M4P',
      kind: 'COMPLAINT',
      agency: 'yard',
      message: 'Chờ ở bãi quá lâu',
    });
    expect(driverFeedbackPath('29H 456', 'A&B=C')).toBe(
      '/feedback/driver?plate=29H+456&passCode=A%26B%3DC',
    );
  });

  it('keeps the key for a retry of the same submission and takes a fresh one otherwise', () => {
    let next = 0;
    const fresh = (): string => `key-${++next}`;
    const body = driverFeedbackBody(PASS, DRAFT);
    const first = attemptFor(null, body, fresh);
    expect(first.key).toBe('key-1');
    // Same body again (the answer was lost): same key, so it is filed once.
    expect(attemptFor(first, driverFeedbackBody(PASS, { ...DRAFT }), fresh)).toBe(first);
    // Whitespace the server trims away is the same submission.
    expect(
      attemptFor(
        first,
        driverFeedbackBody(PASS, { ...DRAFT, message: DRAFT.message.trim() }),
        fresh,
      ).key,
    ).toBe('key-1');
    // Any change is another submission: the gateway would refuse the old key with 422.
    expect(
      attemptFor(first, driverFeedbackBody(PASS, { ...DRAFT, message: 'Khác' }), fresh).key,
    ).toBe('key-2');
    expect(
      attemptFor(first, driverFeedbackBody(PASS, { ...DRAFT, agency: 'customs' }), fresh).key,
    ).toBe('key-3');
    expect(
      attemptFor(first, driverFeedbackBody(PASS, { ...DRAFT, kind: 'FEEDBACK' }), fresh).key,
    ).toBe('key-4');
  });

  it('puts the gateway’s field errors next to the draft’s inputs, others stay for the alert', () => {
    const problem = parseProblem(400, {
      status: 400,
      code: 'GATEWAY.VALIDATION_FAILED',
      errors: [
        { field: 'message', code: 'INVALID', message: 'at most 2000 characters' },
        { field: 'agency', code: 'SOMETHING_NEW', message: '' },
        { field: 'plate', code: 'REQUIRED', message: 'is required' },
      ],
    });
    expect(serverDraftErrors(problem)).toEqual({
      message: 'errors.field.INVALID',
      agency: 'errors.field.INVALID',
    });
    expect(serverDraftErrors(null)).toEqual({});
  });

  it('checks the message like the server once the driver tried to send', () => {
    expect(draftErrors(EMPTY_DRIVER_DRAFT, false, {})).toEqual({});
    expect(draftErrors(EMPTY_DRIVER_DRAFT, true, {})).toEqual({
      message: 'feedback.errors.REQUIRED',
    });
    const long = { ...DRAFT, message: 'ệ'.repeat(MAX_FEEDBACK_LENGTH + 1) };
    expect(draftErrors(long, true, { agency: 'errors.field.INVALID' })).toEqual({
      agency: 'errors.field.INVALID',
      message: 'feedback.errors.TOO_LONG',
    });
    expect(draftErrors(DRAFT, true, { message: 'errors.field.INVALID' })).toEqual({
      message: 'errors.field.INVALID',
    });
  });

  it('drops a gateway error from a field once the driver edits it', () => {
    const server = { message: 'errors.field.INVALID', agency: 'errors.field.INVALID' };
    expect(withoutEdited(server, DRAFT, { ...DRAFT, message: 'mới' })).toEqual({
      agency: 'errors.field.INVALID',
    });
    expect(withoutEdited(server, DRAFT, { ...DRAFT })).toEqual(server);
  });
});
