import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { generateKeyPairSync } from 'node:crypto';
import { AgencySigningKey, SigningKeyError, verifySignature } from './agency-key';

const TEXT =
  '["cuakhau.decision.v1","AGENCY_CUSTOMS","s-1","c-1","AGENCY_DECISION_CLEARED","","SYSTEM","system","2026-12-01T01:30:00.000Z",2]';

describe('agency signing keys (Ed25519)', () => {
  const customs = AgencySigningKey.generate('customs');

  it('given a signed text, when verified with the published key, then it is valid', () => {
    const signature = customs.sign(TEXT);
    expect(signature.algorithm).toBe('Ed25519');
    expect(signature.keyId).toMatch(/^customs-[0-9a-f]{16}$/);
    expect(verifySignature(TEXT, signature, [customs.published])).toEqual({
      valid: true,
      keyId: customs.keyId,
    });
  });

  it('given a tampered text, then the signature is bad', () => {
    const signature = customs.sign(TEXT);
    expect(
      verifySignature(TEXT.replace('CLEARED', 'REJECTED'), signature, [customs.published]),
    ).toEqual({
      valid: false,
      reason: 'BAD_SIGNATURE',
    });
  });

  it('given a signature by another agency key under this key id, then it is bad', () => {
    const other = AgencySigningKey.generate('customs');
    const forged = { ...other.sign(TEXT), keyId: customs.keyId };
    expect(
      verifySignature(TEXT, forged, new Map([[customs.keyId, customs.published]])),
    ).toMatchObject({
      valid: false,
      reason: 'BAD_SIGNATURE',
    });
  });

  it('reports a missing signature, an unknown key and an unsupported algorithm', () => {
    const signature = customs.sign(TEXT);
    expect(verifySignature(TEXT, undefined, [customs.published])).toMatchObject({
      reason: 'MISSING_SIGNATURE',
    });
    expect(
      verifySignature(TEXT, { ...signature, signature: '' }, [customs.published]),
    ).toMatchObject({
      reason: 'MISSING_SIGNATURE',
    });
    expect(verifySignature(TEXT, signature, [])).toMatchObject({ reason: 'UNKNOWN_KEY' });
    expect(
      verifySignature(TEXT, { ...signature, algorithm: 'RS256' }, [customs.published]),
    ).toMatchObject({
      reason: 'UNSUPPORTED_ALGORITHM',
    });
  });

  it('refuses a published key whose id does not match its public key', () => {
    const other = AgencySigningKey.generate('customs');
    const signature = other.sign(TEXT);
    const mislabelled = { ...other.published, keyId: customs.keyId };
    expect(
      verifySignature(TEXT, { ...signature, keyId: customs.keyId }, [mislabelled]),
    ).toMatchObject({
      valid: false,
      reason: 'UNKNOWN_KEY',
    });
  });

  it('loads a PEM private key from configuration and refuses non-Ed25519 keys', () => {
    const { privateKey } = generateKeyPairSync('ed25519');
    const pem = privateKey.export({ type: 'pkcs8', format: 'pem' }).toString();
    const loaded = AgencySigningKey.fromPrivateKeyPem('quarantine', pem);
    expect(verifySignature(TEXT, loaded.sign(TEXT), [loaded.published])).toMatchObject({
      valid: true,
    });

    const rsa = generateKeyPairSync('rsa', { modulusLength: 1024 }).privateKey;
    expect(() =>
      AgencySigningKey.fromPrivateKeyPem(
        'quarantine',
        rsa.export({ type: 'pkcs8', format: 'pem' }).toString(),
      ),
    ).toThrow(SigningKeyError);
    expect(() => AgencySigningKey.fromPrivateKeyPem('quarantine', 'not a key')).toThrow(
      SigningKeyError,
    );
  });

  it('keeps the development key across restarts, readable only by its owner', () => {
    const directory = fs.mkdtempSync(path.join(os.tmpdir(), 'cuakhau-keys-'));
    try {
      const first = AgencySigningKey.loadOrCreateDevelopmentKey('border-guard', directory);
      const second = AgencySigningKey.loadOrCreateDevelopmentKey('border-guard', directory);
      expect(second.keyId).toBe(first.keyId);
      expect(verifySignature(TEXT, first.sign(TEXT), [second.published])).toMatchObject({
        valid: true,
      });
      expect(fs.statSync(path.join(directory, 'border-guard.ed25519.pem')).mode & 0o777).toBe(
        0o600,
      );
    } finally {
      fs.rmSync(directory, { recursive: true, force: true });
    }
  });
});
