import { createHash, sign, verify, type KeyObject } from 'node:crypto';

/** What an access token says about its bearer (the only source of role and scope). */
export interface AccessClaims {
  readonly sub: string;
  readonly username: string;
  readonly name: string;
  readonly role: string;
  readonly org?: string;
  readonly gate?: string;
  readonly iss: string;
  readonly aud: string;
  readonly iat: number;
  readonly exp: number;
  readonly jti: string;
}

export type JwtVerification =
  | { readonly ok: true; readonly claims: AccessClaims }
  | {
      readonly ok: false;
      readonly reason: 'MALFORMED' | 'ALGORITHM' | 'SIGNATURE' | 'EXPIRED' | 'AUDIENCE';
    };

export interface JwtExpectations {
  readonly issuer: string;
  readonly audience: string;
  /** Seconds since the epoch. */
  readonly now: number;
  /** Tolerated clock skew in seconds. */
  readonly leewaySeconds?: number;
}

const HEADER_ALG = 'EdDSA';

/** The key id of an Ed25519 public key: the first 16 hex digits of the SHA-256 of its DER. */
export function keyIdOf(publicKey: KeyObject): string {
  const der = publicKey.export({ type: 'spki', format: 'der' });
  return createHash('sha256').update(der).digest('hex').slice(0, 16);
}

/** A compact JWS (RFC 7515) with EdDSA over Ed25519 (RFC 8037). */
export function signJwt(claims: AccessClaims, privateKey: KeyObject, keyId: string): string {
  const header = base64url(JSON.stringify({ alg: HEADER_ALG, typ: 'JWT', kid: keyId }));
  const payload = base64url(JSON.stringify(claims));
  const input = `${header}.${payload}`;
  const signature = sign(null, Buffer.from(input, 'ascii'), privateKey);
  return `${input}.${signature.toString('base64url')}`;
}

/** Checks form, algorithm, signature, expiry, issuer and audience; never throws. */
export function verifyJwt(
  token: string,
  publicKey: KeyObject,
  expected: JwtExpectations,
): JwtVerification {
  const parts = token.split('.');
  if (parts.length !== 3) return { ok: false, reason: 'MALFORMED' };
  const [headerPart = '', payloadPart = '', signaturePart = ''] = parts;
  const header = decodeJson(headerPart);
  if (header === undefined) return { ok: false, reason: 'MALFORMED' };
  if (header['alg'] !== HEADER_ALG) return { ok: false, reason: 'ALGORITHM' };
  let valid = false;
  try {
    valid = verify(
      null,
      Buffer.from(`${headerPart}.${payloadPart}`, 'ascii'),
      publicKey,
      Buffer.from(signaturePart, 'base64url'),
    );
  } catch {
    valid = false;
  }
  if (!valid) return { ok: false, reason: 'SIGNATURE' };
  const payload = decodeJson(payloadPart);
  const claims = payload === undefined ? undefined : claimsOf(payload);
  if (claims === undefined) return { ok: false, reason: 'MALFORMED' };
  const leeway = expected.leewaySeconds ?? 5;
  if (claims.exp + leeway <= expected.now) return { ok: false, reason: 'EXPIRED' };
  if (claims.iss !== expected.issuer || claims.aud !== expected.audience) {
    return { ok: false, reason: 'AUDIENCE' };
  }
  return { ok: true, claims };
}

function base64url(text: string): string {
  return Buffer.from(text, 'utf8').toString('base64url');
}

function decodeJson(part: string): Record<string, unknown> | undefined {
  try {
    const value: unknown = JSON.parse(Buffer.from(part, 'base64url').toString('utf8'));
    return typeof value === 'object' && value !== null && !Array.isArray(value)
      ? (value as Record<string, unknown>)
      : undefined;
  } catch {
    return undefined;
  }
}

function claimsOf(payload: Record<string, unknown>): AccessClaims | undefined {
  const text = (key: string): string | undefined =>
    typeof payload[key] === 'string' ? payload[key] : undefined;
  const number = (key: string): number | undefined =>
    typeof payload[key] === 'number' ? payload[key] : undefined;
  const sub = text('sub');
  const username = text('username');
  const role = text('role');
  const iss = text('iss');
  const aud = text('aud');
  const jti = text('jti');
  const iat = number('iat');
  const exp = number('exp');
  if (
    sub === undefined ||
    username === undefined ||
    role === undefined ||
    iss === undefined ||
    aud === undefined ||
    jti === undefined ||
    iat === undefined ||
    exp === undefined
  ) {
    return undefined;
  }
  const org = text('org');
  const gate = text('gate');
  return {
    sub,
    username,
    name: text('name') ?? username,
    role,
    ...(org === undefined ? {} : { org }),
    ...(gate === undefined ? {} : { gate }),
    iss,
    aud,
    iat,
    exp,
    jti,
  };
}
