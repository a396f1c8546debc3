import { generateKeyPairSync, sign, verify } from 'node:crypto';
import { decisionSigningInput, type SignedDecision } from './decision-signing';
import { Actor, ActorKind, Agency, AgencyDecision } from './generated/cuakhau/common/v1/common';

const decision: SignedDecision = {
  shipmentId: 's-1',
  caseId: 'case-1',
  decision: AgencyDecision.AGENCY_DECISION_HOLD,
  reason: 'invoice "missing"',
  actor: Actor.fromPartial({ kind: ActorKind.ACTOR_KIND_OFFICER, id: 'customs1' }),
  decidedAt: '2026-12-01T08:30:00+07:00',
  caseVersion: 2,
};

describe('decisionSigningInput', () => {
  it('is a fixed-order JSON array with the time normalised to UTC', () => {
    expect(JSON.parse(decisionSigningInput(Agency.AGENCY_CUSTOMS, decision))).toEqual([
      'cuakhau.decision.v1',
      'AGENCY_CUSTOMS',
      's-1',
      'case-1',
      'AGENCY_DECISION_HOLD',
      'invoice "missing"',
      'ACTOR_KIND_OFFICER',
      'customs1',
      '2026-12-01T01:30:00.000Z',
      2,
    ]);
  });

  it('changes with every signed field and with the agency', () => {
    const base = decisionSigningInput(Agency.AGENCY_CUSTOMS, decision);
    expect(decisionSigningInput(Agency.AGENCY_QUARANTINE, decision)).not.toBe(base);
    expect(
      decisionSigningInput(Agency.AGENCY_CUSTOMS, {
        ...decision,
        decision: AgencyDecision.AGENCY_DECISION_CLEARED,
      }),
    ).not.toBe(base);
    expect(decisionSigningInput(Agency.AGENCY_CUSTOMS, { ...decision, caseVersion: 3 })).not.toBe(
      base,
    );
  });

  it('verifies with Ed25519 only for the decision that was signed', () => {
    const { privateKey, publicKey } = generateKeyPairSync('ed25519');
    const input = Buffer.from(decisionSigningInput(Agency.AGENCY_CUSTOMS, decision), 'utf8');
    const signature = sign(null, input, privateKey);
    expect(verify(null, input, publicKey, signature)).toBe(true);
    const tampered = decisionSigningInput(Agency.AGENCY_CUSTOMS, { ...decision, reason: 'ok' });
    expect(verify(null, Buffer.from(tampered, 'utf8'), publicKey, signature)).toBe(false);
  });
});
