import { explainStatus, positionView, type QueueStanding } from './queue-position';

const summary = { shipmentId: 's-1', gateCode: 'MONGCAI', status: 'CLEARED' };

function standing(explanation: QueueStanding['explanation']): QueueStanding {
  return { state: 'WAITING', position: 3, etaMinutes: 12, lane: null, explanation };
}

describe('the driver position view', () => {
  it("passes the queue's explanation on in every language, English in `explanation`", () => {
    const view = positionView(
      summary,
      standing({
        vi: 'Thứ 3: 2 xe ưu tiên phía trước',
        en: '3rd: 2 priority trucks ahead',
        zh: '第3位',
      }),
    );
    expect(view.explanation).toBe('3rd: 2 priority trucks ahead');
    expect(view.explanations).toEqual({
      vi: 'Thứ 3: 2 xe ưu tiên phía trước',
      en: '3rd: 2 priority trucks ahead',
      zh: '第3位',
    });
  });

  it('reads a language the queue left empty in English, never as nothing', () => {
    const view = positionView(summary, standing({ vi: 'Thứ 3', en: '3rd', zh: '' }));
    expect(view.explanations).toEqual({ vi: 'Thứ 3', en: '3rd', zh: '3rd' });
  });

  it('explains the status itself when the queue has nothing to say', () => {
    const view = positionView({ ...summary, status: 'HELD' }, undefined);
    expect(view.explanations).toEqual(explainStatus('HELD'));
    expect(view.explanation).toBe('Held by an agency; wait for instructions.');
  });

  it.each([
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
  ])('has a distinct vi / en / zh explanation for %s', (status) => {
    const text = explainStatus(status);
    expect(text.vi).not.toBe('');
    expect(text.zh).not.toBe('');
    expect(new Set([text.vi, text.en, text.zh]).size).toBe(3);
    expect(text).not.toEqual(explainStatus('SOMETHING_ELSE'));
  });
});
