import {
  answerFeedback,
  MAX_TEXT_LENGTH,
  nearestRank,
  responseSeconds,
  responseTimeFigures,
  submitFeedback,
  type FeedbackState,
  type SubmitCommand,
} from './feedback';

const SHIPMENT = '0193a5b2-7c1d-7000-8000-000000000001';
const T0 = new Date('2026-12-03T01:00:00Z');
const trader = { kind: 'ACTOR_KIND_TRADER', id: 'u-trader', displayName: 'Trader One' };
const officer = { kind: 'ACTOR_KIND_OFFICER', id: 'u-customs', displayName: 'Customs One' };

function submission(overrides: Partial<SubmitCommand> = {}): SubmitCommand {
  return {
    id: '0193a5b2-7c1d-7000-8000-0000000000f1',
    shipmentId: SHIPMENT,
    gateCode: 'mongcai',
    organisationId: 'org-1',
    kind: 'COMPLAINT',
    agency: 'customs',
    message: '  Chờ quá lâu ở bãi  ',
    author: trader,
    now: T0,
    ...overrides,
  };
}

function openItem(): FeedbackState {
  const decision = submitFeedback(submission());
  if (!decision.ok) throw new Error('the fixture must be valid');
  return decision.value;
}

describe('submitting feedback', () => {
  it('records an open item with the message trimmed and the gate upper-cased', () => {
    const item = openItem();
    expect(item).toMatchObject({
      shipmentId: SHIPMENT,
      gateCode: 'MONGCAI',
      kind: 'COMPLAINT',
      agency: 'customs',
      message: 'Chờ quá lâu ở bãi',
      submittedAt: T0,
      answer: undefined,
    });
  });

  it('refuses a blank message, a missing kind and agency and a bad shipment id, all at once', () => {
    const decision = submitFeedback(
      submission({ message: '   ', kind: undefined, agency: undefined, shipmentId: 'x' }),
    );
    expect(decision.ok).toBe(false);
    if (decision.ok) return;
    expect(decision.error).toEqual({
      code: 'VALIDATION_FAILED',
      fields: expect.arrayContaining([
        expect.objectContaining({ field: 'message', code: 'REQUIRED' }),
        expect.objectContaining({ field: 'kind', code: 'REQUIRED' }),
        expect.objectContaining({ field: 'agency', code: 'REQUIRED' }),
        expect.objectContaining({ field: 'shipmentId', code: 'INVALID' }),
      ]) as unknown,
    });
  });

  it('counts characters, not bytes: 2000 Vietnamese characters pass, 2001 do not', () => {
    expect(submitFeedback(submission({ message: 'ệ'.repeat(MAX_TEXT_LENGTH) })).ok).toBe(true);
    const tooLong = submitFeedback(submission({ message: 'ệ'.repeat(MAX_TEXT_LENGTH + 1) }));
    expect(tooLong.ok ? undefined : tooLong.error).toEqual({
      code: 'VALIDATION_FAILED',
      fields: [{ field: 'message', code: 'TOO_LONG', message: 'at most 2000 characters' }],
    });
  });
});

describe('answering feedback', () => {
  const later = new Date(T0.getTime() + 90_000);
  const command = {
    agency: 'customs' as const,
    gateCode: 'MONGCAI',
    answer: 'Đã xử lý',
    by: officer,
    now: later,
  };

  it('answers an open item of the officer’s agency and gate once', () => {
    const decision = answerFeedback(openItem(), command);
    expect(decision.ok).toBe(true);
    if (!decision.ok) return;
    expect(decision.value.answer).toEqual({ text: 'Đã xử lý', by: officer, at: later });
    expect(responseSeconds(decision.value)).toBe(90);

    const again = answerFeedback(decision.value, { ...command, answer: 'Lần hai' });
    expect(again.ok ? undefined : again.error).toEqual({
      code: 'ALREADY_ANSWERED',
      answeredAt: later,
    });
  });

  it('hides items of another agency or gate (not found), and an unknown item', () => {
    expect(answerFeedback(openItem(), { ...command, agency: 'quarantine' })).toEqual({
      ok: false,
      error: { code: 'NOT_FOUND' },
    });
    expect(answerFeedback(openItem(), { ...command, gateCode: 'LAOCAI' })).toEqual({
      ok: false,
      error: { code: 'NOT_FOUND' },
    });
    expect(answerFeedback(undefined, command)).toEqual({
      ok: false,
      error: { code: 'NOT_FOUND' },
    });
  });

  it('lets ADMIN (no agency, no gate) answer anything, and requires an answer text', () => {
    expect(
      answerFeedback(openItem(), { ...command, agency: undefined, gateCode: undefined }).ok,
    ).toBe(true);
    const blank = answerFeedback(openItem(), { ...command, answer: ' ' });
    expect(blank.ok ? undefined : blank.error).toEqual({
      code: 'VALIDATION_FAILED',
      fields: [{ field: 'answer', code: 'REQUIRED', message: 'is required' }],
    });
  });
});

describe('response-time figures', () => {
  it('uses nearest rank: p50 of [1,2,3,4] is 2, p90 of ten values is the ninth', () => {
    expect(nearestRank([1, 2, 3, 4], 50)).toBe(2);
    expect(nearestRank([1, 2, 3, 4, 5, 6, 7, 8, 9, 10], 90)).toBe(9);
    expect(nearestRank([], 50)).toBe(0);
  });

  it('counts open items, their oldest age, and p50/p90/max of answered ones per agency', () => {
    const now = new Date(T0.getTime() + 3600_000);
    const minutes = (m: number): Date => new Date(T0.getTime() + m * 60_000);
    // customs answered after 10, 2, 30, 5 minutes; one customs item still open; one yard open.
    const samples = [
      { agency: 'customs' as const, submittedAt: T0, answeredAt: minutes(10) },
      { agency: 'customs' as const, submittedAt: T0, answeredAt: minutes(2) },
      { agency: 'customs' as const, submittedAt: T0, answeredAt: minutes(30) },
      { agency: 'customs' as const, submittedAt: T0, answeredAt: minutes(5) },
      { agency: 'customs' as const, submittedAt: minutes(20), answeredAt: undefined },
      { agency: 'yard' as const, submittedAt: minutes(50), answeredAt: undefined },
    ];
    const rows = responseTimeFigures(samples, now);
    expect(rows.map((row) => row.agency)).toEqual([
      'customs',
      'border-guard',
      'quarantine',
      'yard',
      'all',
    ]);
    expect(rows[0]).toEqual({
      agency: 'customs',
      openCount: 1,
      answeredCount: 4,
      p50Seconds: 300,
      p90Seconds: 1800,
      maxSeconds: 1800,
      oldestOpenSeconds: 2400,
    });
    expect(rows[1]).toMatchObject({ openCount: 0, answeredCount: 0, p50Seconds: 0 });
    expect(rows[3]).toMatchObject({ openCount: 1, answeredCount: 0, oldestOpenSeconds: 600 });
    expect(rows[4]).toMatchObject({ openCount: 2, answeredCount: 4, oldestOpenSeconds: 2400 });
  });
});
