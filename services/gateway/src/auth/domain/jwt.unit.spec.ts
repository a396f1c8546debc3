import { generateKeyPairSync } from 'node:crypto';
import { keyIdOf, signJwt, verifyJwt, type AccessClaims } from './jwt';

const { privateKey, publicKey } = generateKeyPairSync('ed25519');
const other = generateKeyPairSync('ed25519');
const claims: AccessClaims = {
  sub: 'user-1',
  username: 'trader1',
  name: 'Trader One',
  role: 'TRADER',
  org: 'org-1',
  iss: 'gw',
  aud: 'api',
  iat: 1_000,
  exp: 1_900,
  jti: 'j-1',
};
const expected = { issuer: 'gw', audience: 'api', now: 1_500 };

describe('EdDSA JWT', () => {
  const token = signJwt(claims, privateKey, keyIdOf(publicKey));

  it('round-trips the claims', () => {
    expect(verifyJwt(token, publicKey, expected)).toEqual({ ok: true, claims });
    const header = JSON.parse(Buffer.from(token.split('.')[0] ?? '', 'base64url').toString()) as {
      alg: string;
      kid: string;
    };
    expect(header).toEqual({ alg: 'EdDSA', typ: 'JWT', kid: keyIdOf(publicKey) });
  });

  it.each([
    ['another key', () => verifyJwt(token, other.publicKey, expected), 'SIGNATURE'],
    ['expired', () => verifyJwt(token, publicKey, { ...expected, now: 1_905 }), 'EXPIRED'],
    [
      'wrong audience',
      () => verifyJwt(token, publicKey, { ...expected, audience: 'x' }),
      'AUDIENCE',
    ],
    ['wrong issuer', () => verifyJwt(token, publicKey, { ...expected, issuer: 'x' }), 'AUDIENCE'],
    ['two parts', () => verifyJwt('a.b', publicKey, expected), 'MALFORMED'],
    ['garbage', () => verifyJwt('a.b.c', publicKey, expected), 'MALFORMED'],
    [
      'alg none',
      () => {
        const [, payload] = token.split('.');
        const none = Buffer.from(JSON.stringify({ alg: 'none' })).toString('base64url');
        return verifyJwt(`${none}.${payload ?? ''}.`, publicKey, expected);
      },
      'ALGORITHM',
    ],
    [
      'tampered payload',
      () => {
        const [header, , signature] = token.split('.');
        const forged = Buffer.from(JSON.stringify({ ...claims, role: 'ADMIN' })).toString(
          'base64url',
        );
        return verifyJwt(`${header ?? ''}.${forged}.${signature ?? ''}`, publicKey, expected);
      },
      'SIGNATURE',
    ],
  ])('refuses %s', (_name, check, reason) => {
    expect(check()).toEqual({ ok: false, reason });
  });
});
