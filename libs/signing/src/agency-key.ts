import {
  createHash,
  createPrivateKey,
  createPublicKey,
  generateKeyPairSync,
  sign,
  verify,
  type KeyObject,
} from 'node:crypto';
import * as fs from 'node:fs';
import * as path from 'node:path';

/** The only algorithm agencies sign decisions with. */
export const SIGNATURE_ALGORITHM = 'Ed25519';

/** A public key as served to verifiers (the audit service): id, algorithm and SPKI PEM. */
export interface PublishedKey {
  readonly keyId: string;
  readonly algorithm: typeof SIGNATURE_ALGORITHM;
  readonly publicKeyPem: string;
}

/** What travels with a signed fact: matches `cuakhau.common.v1.DecisionSignature`. */
export interface Signature {
  readonly keyId: string;
  readonly algorithm: string;
  /** base64 (RFC 4648, with padding). */
  readonly signature: string;
}

export class SigningKeyError extends Error {
  readonly code = 'SIGNING.INVALID_KEY';
}

/**
 * An agency's Ed25519 signing key. The key id is `<agency>-<16 hex of SHA-256(SPKI DER)>`,
 * so it changes whenever the key does and anyone can recompute it from the public key.
 */
export class AgencySigningKey {
  readonly keyId: string;
  readonly published: PublishedKey;

  private constructor(
    readonly agency: string,
    private readonly privateKey: KeyObject,
    publicKey: KeyObject,
  ) {
    this.keyId = keyIdFor(agency, publicKey);
    this.published = Object.freeze({
      keyId: this.keyId,
      algorithm: SIGNATURE_ALGORITHM,
      publicKeyPem: publicKey.export({ type: 'spki', format: 'pem' }).toString(),
    });
  }

  /** From a PKCS#8 PEM private key (configuration); refuses anything but Ed25519. */
  static fromPrivateKeyPem(agency: string, pem: string): AgencySigningKey {
    let privateKey: KeyObject;
    try {
      privateKey = createPrivateKey(pem);
    } catch {
      throw new SigningKeyError(`the ${agency} signing key is not a readable PEM private key`);
    }
    if (privateKey.asymmetricKeyType !== 'ed25519') {
      throw new SigningKeyError(
        `the ${agency} signing key must be Ed25519, not ${privateKey.asymmetricKeyType ?? 'unknown'}`,
      );
    }
    return new AgencySigningKey(agency, privateKey, createPublicKey(privateKey));
  }

  /** A fresh key (tests, and the development key on first start). */
  static generate(agency: string): AgencySigningKey {
    const { privateKey, publicKey } = generateKeyPairSync('ed25519');
    return new AgencySigningKey(agency, privateKey, publicKey);
  }

  /**
   * Development only: the key kept in `<directory>/<agency>.ed25519.pem` (created with mode
   * 0600 on first start), so signatures stay verifiable across restarts of a local gate.
   */
  static loadOrCreateDevelopmentKey(agency: string, directory: string): AgencySigningKey {
    const file = path.join(directory, `${agency}.ed25519.pem`);
    if (fs.existsSync(file))
      return AgencySigningKey.fromPrivateKeyPem(agency, fs.readFileSync(file, 'utf8'));
    const key = AgencySigningKey.generate(agency);
    fs.mkdirSync(directory, { recursive: true });
    const pem = key.privateKey.export({ type: 'pkcs8', format: 'pem' }).toString();
    try {
      fs.writeFileSync(file, pem, { mode: 0o600, flag: 'wx' });
    } catch (error) {
      // Another process of the same agency won the race: use the key it wrote.
      if ((error as NodeJS.ErrnoException).code === 'EEXIST') {
        return AgencySigningKey.fromPrivateKeyPem(agency, fs.readFileSync(file, 'utf8'));
      }
      throw error;
    }
    return key;
  }

  /** Signs the UTF-8 bytes of a canonical text (e.g. `decisionSigningInput(...)`). */
  sign(canonicalText: string): Signature {
    return {
      keyId: this.keyId,
      algorithm: SIGNATURE_ALGORITHM,
      signature: sign(null, Buffer.from(canonicalText, 'utf8'), this.privateKey).toString('base64'),
    };
  }
}

export function keyIdFor(agency: string, publicKey: KeyObject): string {
  const der = publicKey.export({ type: 'spki', format: 'der' });
  return `${agency}-${createHash('sha256').update(der).digest('hex').slice(0, 16)}`;
}

export type VerificationResult =
  | { readonly valid: true; readonly keyId: string }
  | {
      readonly valid: false;
      readonly reason:
        'MISSING_SIGNATURE' | 'UNKNOWN_KEY' | 'UNSUPPORTED_ALGORITHM' | 'BAD_SIGNATURE';
    };

/**
 * Checks a signature against the published keys (by key id). Never throws on bad input:
 * a verifier must be able to flag a forged or damaged entry and carry on.
 */
export function verifySignature(
  canonicalText: string,
  signature: Signature | undefined,
  keys: ReadonlyMap<string, PublishedKey> | readonly PublishedKey[],
): VerificationResult {
  if (signature === undefined || signature.signature === '') {
    return { valid: false, reason: 'MISSING_SIGNATURE' };
  }
  if (signature.algorithm !== SIGNATURE_ALGORITHM)
    return { valid: false, reason: 'UNSUPPORTED_ALGORITHM' };
  const key = Array.isArray(keys)
    ? (keys as readonly PublishedKey[]).find((candidate) => candidate.keyId === signature.keyId)
    : (keys as ReadonlyMap<string, PublishedKey>).get(signature.keyId);
  if (key === undefined) return { valid: false, reason: 'UNKNOWN_KEY' };
  try {
    const publicKey = createPublicKey(key.publicKeyPem);
    if (keyIdFor(key.keyId.slice(0, key.keyId.lastIndexOf('-')), publicKey) !== key.keyId) {
      return { valid: false, reason: 'UNKNOWN_KEY' };
    }
    const ok = verify(
      null,
      Buffer.from(canonicalText, 'utf8'),
      publicKey,
      Buffer.from(signature.signature, 'base64'),
    );
    return ok ? { valid: true, keyId: key.keyId } : { valid: false, reason: 'BAD_SIGNATURE' };
  } catch {
    return { valid: false, reason: 'BAD_SIGNATURE' };
  }
}
