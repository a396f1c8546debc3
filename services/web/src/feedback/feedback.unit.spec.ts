import {
  durationParts,
  feedbackViewOf,
  MAX_FEEDBACK_LENGTH,
  parseResponseTimes,
  textProblem,
} from './feedback';

describe('feedback page helpers', () => {
  it('gives each role its view', () => {
    expect(feedbackViewOf('TRADER')).toBe('trader');
    expect(feedbackViewOf('QUARANTINE_OFFICER')).toBe('answerer');
    expect(feedbackViewOf('YARD_OPERATOR')).toBe('answerer');
    expect(feedbackViewOf('SUPERVISOR')).toBe('supervisor');
  });

  it('checks a text as the server does: trimmed, 1 to 2000 characters (not bytes)', () => {
    expect(textProblem('   ')).toBe('REQUIRED');
    expect(textProblem('ệ'.repeat(MAX_FEEDBACK_LENGTH))).toBeUndefined();
    expect(textProblem('ệ'.repeat(MAX_FEEDBACK_LENGTH + 1))).toBe('TOO_LONG');
  });

  it('splits durations into readable units', () => {
    expect(durationParts(44.6)).toEqual({ unit: 's', values: [45] });
    expect(durationParts(720)).toEqual({ unit: 'min', values: [12] });
    expect(durationParts(3 * 3600 + 5 * 60)).toEqual({ unit: 'h', values: [3, 5] });
    expect(durationParts(52 * 3600)).toEqual({ unit: 'd', values: [2, 4] });
  });

  it('keeps only well-formed response-time rows', () => {
    expect(
      parseResponseTimes({
        rows: [{ agency: 'all', openCount: 2, answeredCount: 1 }, { agency: 3 }, null],
      }),
    ).toEqual([{ agency: 'all', openCount: 2, answeredCount: 1 }]);
    expect(parseResponseTimes(null)).toEqual([]);
  });
});
