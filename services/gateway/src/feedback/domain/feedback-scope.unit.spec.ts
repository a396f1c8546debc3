import type { Principal, Role } from '../../auth/domain/access-rules';
import { answerScopeOf, feedbackFilterOf, type FeedbackQuery } from './feedback-scope';

function user(role: Role, extra: { gateCode?: string; organisationId?: string } = {}): Principal {
  return {
    kind: 'user',
    userId: `u-${role}`,
    username: role.toLowerCase(),
    displayName: role,
    role,
    organisationId: extra.organisationId,
    gateCode: extra.gateCode,
  };
}

const nothing: FeedbackQuery = {
  status: undefined,
  agency: undefined,
  shipmentId: undefined,
  gateCode: undefined,
};

describe('who reads which feedback', () => {
  it('gives a trader the items of their own organisation only', () => {
    expect(
      feedbackFilterOf(user('TRADER', { organisationId: 'org-1' }), { ...nothing, status: 'open' }),
    ).toEqual({
      gateCode: undefined,
      agency: undefined,
      organisationId: 'org-1',
      status: 'open',
      shipmentId: undefined,
    });
    expect(() => feedbackFilterOf(user('TRADER'), nothing)).toThrow(/no organisation/);
  });

  it('gives an officer their agency at their gate, and refuses another agency or gate', () => {
    const officer = user('QUARANTINE_OFFICER', { gateCode: 'MONGCAI' });
    expect(feedbackFilterOf(officer, nothing)).toMatchObject({
      gateCode: 'MONGCAI',
      agency: 'quarantine',
      organisationId: undefined,
    });
    expect(() => feedbackFilterOf(officer, { ...nothing, agency: 'customs' })).toThrow(
      expect.objectContaining({ code: 'GATEWAY.GATE_OUT_OF_SCOPE' }) as Error,
    );
    expect(() => feedbackFilterOf(officer, { ...nothing, gateCode: 'laocai' })).toThrow(
      expect.objectContaining({ code: 'GATEWAY.GATE_OUT_OF_SCOPE' }) as Error,
    );
    expect(feedbackFilterOf(user('YARD_OPERATOR', { gateCode: 'MONGCAI' }), nothing)).toMatchObject(
      { agency: 'yard', gateCode: 'MONGCAI' },
    );
    expect(() => feedbackFilterOf(user('CUSTOMS_OFFICER'), nothing)).toThrow(/not bound/);
  });

  it('gives a supervisor every agency of their gate, narrowed on request', () => {
    const supervisor = user('SUPERVISOR', { gateCode: 'MONGCAI' });
    expect(
      feedbackFilterOf(supervisor, { ...nothing, agency: 'yard', status: 'answered' }),
    ).toEqual({
      gateCode: 'MONGCAI',
      agency: 'yard',
      organisationId: undefined,
      status: 'answered',
      shipmentId: undefined,
    });
  });

  it('refuses API keys', () => {
    const camera: Principal = {
      kind: 'api-key',
      keyId: 'k',
      name: 'cam',
      gateCode: 'MONGCAI',
      scopes: ['yard:arrivals'],
    };
    expect(() => feedbackFilterOf(camera, nothing)).toThrow(/API key/);
    expect(() => answerScopeOf(camera)).toThrow(/API key/);
  });
});

describe('who answers', () => {
  it('is the agency concerned at its own gate; ADMIN anything; a supervisor never', () => {
    expect(answerScopeOf(user('BORDER_GUARD_OFFICER', { gateCode: 'MONGCAI' }))).toEqual({
      agency: 'border-guard',
      gateCode: 'MONGCAI',
    });
    expect(answerScopeOf(user('YARD_OPERATOR', { gateCode: 'MONGCAI' }))).toEqual({
      agency: 'yard',
      gateCode: 'MONGCAI',
    });
    expect(answerScopeOf(user('ADMIN'))).toEqual({ agency: undefined, gateCode: undefined });
    expect(() => answerScopeOf(user('SUPERVISOR', { gateCode: 'MONGCAI' }))).toThrow(
      /agency concerned/,
    );
  });
});
