import { commonV1, decisionSigningInput } from '@cuakhau/contracts';
import { AgencySigningKey, verifySignature, type PublishedKey } from '@cuakhau/signing';
import { DecisionVerifier, type RecordedDecision } from './decision-signature';

const AGENCY = commonV1.Agency.AGENCY_CUSTOMS;
const key = AgencySigningKey.generate('customs');
const other = AgencySigningKey.generate('customs');

function decision(overrides: Partial<RecordedDecision> = {}): RecordedDecision {
  const base: RecordedDecision = {
    shipmentId: 'shipment-1',
    caseId: 'case-1',
    decision: commonV1.AgencyDecision.AGENCY_DECISION_CLEARED,
    reason: '',
    actor: { kind: commonV1.ActorKind.ACTOR_KIND_OFFICER, id: 'customs1', displayName: '' },
    decidedAt: '2026-12-01T01:20:00.000Z',
    caseVersion: 2,
    gateCode: 'MONGCAI',
  };
  return {
    ...base,
    signature: key.sign(decisionSigningInput(AGENCY, base)),
    ...overrides,
  };
}

describe('DecisionVerifier (published keys parsed once)', () => {
  const keys: readonly PublishedKey[] = [key.published];
  const cases: [string, RecordedDecision, readonly PublishedKey[]][] = [
    ['a valid signature', decision(), keys],
    ['an altered decision', { ...decision(), reason: 'changed' }, keys],
    [
      'a signature by another key under this key id',
      decision({
        signature: { ...other.sign(decisionSigningInput(AGENCY, decision())), keyId: key.keyId },
      }),
      keys,
    ],
    ['a missing signature', decision({ signature: undefined }), keys],
    [
      'an empty signature',
      decision({ signature: { keyId: key.keyId, algorithm: 'Ed25519', signature: '' } }),
      keys,
    ],
    ['another algorithm', decision({ signature: { ...key.sign('x'), algorithm: 'RSA' } }), keys],
    ['an unknown key id', decision(), [other.published]],
    ['a key id that is not the key', decision(), [{ ...other.published, keyId: key.keyId }]],
    ['an unreadable published key', decision(), [{ ...key.published, publicKeyPem: 'garbage' }]],
  ];

  it.each(cases)('%s: the same result as verifySignature, twice', async (_, signed, published) => {
    const verifier = new DecisionVerifier();
    const expected = verifySignature(
      decisionSigningInput(AGENCY, signed),
      signed.signature,
      published,
    );
    expect(await verifier.check(AGENCY, signed, published)).toEqual(expected);
    expect(await verifier.check(AGENCY, signed, published)).toEqual(expected);
  });

  it('accepts the valid one and flags the forged ones', async () => {
    const verifier = new DecisionVerifier();
    expect(await verifier.check(AGENCY, decision(), keys)).toEqual({
      valid: true,
      keyId: key.keyId,
    });
    expect(await verifier.check(AGENCY, { ...decision(), caseVersion: 3 }, keys)).toEqual({
      valid: false,
      reason: 'BAD_SIGNATURE',
    });
  });

  it('tells whether the keys hold the key id a decision names (else: a rotation)', () => {
    expect(DecisionVerifier.namesKnownKey(decision(), keys)).toBe(true);
    expect(DecisionVerifier.namesKnownKey(decision(), [other.published])).toBe(false);
  });
});
