import * as fs from 'node:fs';
import * as path from 'node:path';
import {
  createPrivateKey,
  createPublicKey,
  generateKeyPairSync,
  type KeyObject,
} from 'node:crypto';
import { keyIdOf } from '../domain/jwt';

/** The Ed25519 key pair that signs and verifies access tokens. */
export class TokenKeys {
  readonly keyId: string;

  private constructor(
    readonly privateKey: KeyObject,
    readonly publicKey: KeyObject,
  ) {
    this.keyId = keyIdOf(publicKey);
  }

  static fromPrivateKeyPem(pem: string): TokenKeys {
    const privateKey = createPrivateKey(pem);
    if (privateKey.asymmetricKeyType !== 'ed25519') {
      throw new TypeError('JWT_PRIVATE_KEY_PEM must be an Ed25519 private key');
    }
    return new TokenKeys(privateKey, createPublicKey(privateKey));
  }

  /** `<runDir>/keys/gateway-jwt.pem`, created on first use (never in production). */
  static loadOrCreateDevelopmentKey(runDir: string): TokenKeys {
    const file = path.join(runDir, 'keys', 'gateway-jwt.pem');
    if (!fs.existsSync(file)) {
      fs.mkdirSync(path.dirname(file), { recursive: true });
      const { privateKey } = generateKeyPairSync('ed25519');
      const pem = privateKey.export({ type: 'pkcs8', format: 'pem' }).toString();
      try {
        fs.writeFileSync(file, pem, { mode: 0o600, flag: 'wx' });
      } catch (error) {
        // Another process created it first: use theirs.
        if (!(error instanceof Error && 'code' in error && error.code === 'EEXIST')) throw error;
      }
    }
    return TokenKeys.fromPrivateKeyPem(fs.readFileSync(file, 'utf8'));
  }
}
