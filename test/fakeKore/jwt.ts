// HS256 JWTs as the fake server checks them. Written apart from the extension's own signer on purpose:
// a test that signs and verifies with the same code proves nothing about the contract.
import { createHmac, timingSafeEqual } from 'node:crypto';

const b64url = (buffer: Buffer) => buffer.toString('base64url');

export function signFakeJwt(payload: Record<string, unknown>, secret: string): string {
  const head = b64url(Buffer.from(JSON.stringify({ alg: 'HS256', typ: 'JWT' })));
  const body = b64url(Buffer.from(JSON.stringify(payload)));
  const signature = b64url(createHmac('sha256', secret).update(`${head}.${body}`).digest());
  return `${head}.${body}.${signature}`;
}

export type JwtCheck = { ok: true; payload: Record<string, unknown> } | { ok: false; reason: string };

/** Verifies signature, algorithm, `appId` and (when present) `exp`/`nbf`, with a little clock skew. */
export function verifyFakeJwt(token: string, secret: string, clientId: string, nowSeconds: number): JwtCheck {
  const parts = token.split('.');
  if (parts.length !== 3) return { ok: false, reason: 'malformed token' };
  let header: Record<string, unknown>;
  let payload: Record<string, unknown>;
  try {
    header = JSON.parse(Buffer.from(parts[0], 'base64url').toString('utf8')) as Record<string, unknown>;
    payload = JSON.parse(Buffer.from(parts[1], 'base64url').toString('utf8')) as Record<string, unknown>;
  } catch {
    return { ok: false, reason: 'malformed token' };
  }
  if (header.alg !== 'HS256') return { ok: false, reason: 'only HS256 is allowed' };
  const expected = createHmac('sha256', secret).update(`${parts[0]}.${parts[1]}`).digest();
  const given = Buffer.from(parts[2], 'base64url');
  if (given.length !== expected.length || !timingSafeEqual(given, expected)) return { ok: false, reason: 'invalid signature' };
  if (payload.appId !== clientId) return { ok: false, reason: 'appId does not match the app' };
  if (typeof payload.exp === 'number' && payload.exp < nowSeconds - 5) return { ok: false, reason: 'token expired' };
  if (typeof payload.nbf === 'number' && payload.nbf > nowSeconds + 5) return { ok: false, reason: 'token not yet valid' };
  return { ok: true, payload };
}
