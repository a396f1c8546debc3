import { shortEnumName, withShortEnums } from './short-enums';

describe('shortEnumName', () => {
  it.each([
    ['CASE_STATUS_OPEN', 'OPEN'],
    ['AGENCY_DECISION_NOT_REQUIRED', 'NOT_REQUIRED'],
    ['AGENCY_STATUS_CLEARED', 'CLEARED'],
    ['AGENCY_CUSTOMS', 'CUSTOMS'],
    ['CHANNEL_SOURCE_RULE', 'RULE'],
    ['CHANNEL_GREEN', 'GREEN'],
    ['ACTOR_KIND_OFFICER', 'OFFICER'],
    ['QUEUE_ENTRY_STATUS_CALLED', 'CALLED'],
    ['PHYTO_CERT', 'PHYTO_CERT'],
    ['MONGCAI-L1', 'MONGCAI-L1'],
    ['14C-123.45', '14C-123.45'],
    ['Nguyễn Văn An', 'Nguyễn Văn An'],
  ])('%s → %s', (value, expected) => {
    expect(shortEnumName(value)).toBe(expected);
  });
});

describe('withShortEnums', () => {
  it('walks objects and arrays, turns dates into ISO strings and keeps the rest', () => {
    expect(
      withShortEnums({
        status: 'CASE_STATUS_HELD',
        version: 3,
        open: true,
        decidedAt: new Date('2026-01-02T03:04:05.000Z'),
        history: [{ step: 'CASE_HISTORY_STEP_OPENED', actor: { kind: 'ACTOR_KIND_SYSTEM' } }],
        documents: [{ type: 'PHYTO_CERT' }],
        missing: undefined,
      }),
    ).toEqual({
      status: 'HELD',
      version: 3,
      open: true,
      decidedAt: '2026-01-02T03:04:05.000Z',
      history: [{ step: 'OPENED', actor: { kind: 'SYSTEM' } }],
      documents: [{ type: 'PHYTO_CERT' }],
      missing: undefined,
    });
  });
});
