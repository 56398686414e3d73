import { createPrivateKey, createPublicKey, generateKeyPairSync, randomBytes, sign, verify } from 'node:crypto';
import { sha256Hex } from '@server/lib/ids';

/**
 * Requests between systems are signed with Ed25519: the caller holds a private key, the receiver only the public
 * key (a leaked database does not let anyone impersonate a partner). The signature covers the method, the path with
 * its query, a timestamp, a one-time nonce and the SHA-256 of the body, so a request cannot be altered, replayed
 * later, or replayed at all within the accepted clock skew (the nonce is remembered).
 */
export const SIGNATURE_HEADERS = {
  keyId: 'x-tiendo-key',
  timestamp: 'x-tiendo-timestamp',
  nonce: 'x-tiendo-nonce',
  signature: 'x-tiendo-signature',
} as const;

/** How far a request's timestamp may be from our clock (both ways). */
export const MAX_CLOCK_SKEW_MS = 5 * 60 * 1000;

const API_KEY_PREFIX = 'tdk_';

export type KeyPair = { publicKey: string; privateKey: string };

/** A new Ed25519 key pair: public key as SPKI DER base64, private key as PKCS#8 DER base64url. */
export function generateSigningKeyPair(): KeyPair {
  const { publicKey, privateKey } = generateKeyPairSync('ed25519');
  return {
    publicKey: publicKey.export({ format: 'der', type: 'spki' }).toString('base64'),
    privateKey: privateKey.export({ format: 'der', type: 'pkcs8' }).toString('base64url'),
  };
}

/** Accepts SPKI DER base64 or PEM; returns SPKI DER base64, or throws when it is not an Ed25519 public key. */
export function normalizePublicKey(text: string): string {
  const trimmed = text.trim();
  const key = trimmed.startsWith('-----BEGIN')
    ? createPublicKey(trimmed)
    : createPublicKey({ key: Buffer.from(trimmed, 'base64'), format: 'der', type: 'spki' });
  if (key.asymmetricKeyType !== 'ed25519') {
    throw new Error('not an Ed25519 key');
  }
  return key.export({ format: 'der', type: 'spki' }).toString('base64');
}

export function formatApiKey(keyId: string, privateKey: string): string {
  return `${API_KEY_PREFIX}${keyId}.${privateKey}`;
}

export function parseApiKey(apiKey: string): { keyId: string; privateKey: string } {
  const trimmed = apiKey.trim();
  const dot = trimmed.indexOf('.');
  if (!trimmed.startsWith(API_KEY_PREFIX) || dot < 0) {
    throw new Error('khóa API không đúng định dạng tdk_<mã khóa>.<bí mật>');
  }
  return { keyId: trimmed.slice(API_KEY_PREFIX.length, dot), privateKey: trimmed.slice(dot + 1) };
}

export function newKeyId(): string {
  return randomBytes(9).toString('base64url');
}

export function canonicalRequest(parts: {
  method: string;
  pathWithQuery: string;
  timestamp: string;
  nonce: string;
  body: Buffer | string;
}): string {
  return [
    'TIENDO-ED25519-V1',
    parts.method.toUpperCase(),
    parts.pathWithQuery,
    parts.timestamp,
    parts.nonce,
    sha256Hex(parts.body),
  ].join('\n');
}

export function signBytes(privateKey: string, data: Buffer | string): string {
  const key = createPrivateKey({ key: Buffer.from(privateKey, 'base64url'), format: 'der', type: 'pkcs8' });
  return sign(null, Buffer.isBuffer(data) ? data : Buffer.from(data), key).toString('base64');
}

export function verifyBytes(publicKey: string, data: Buffer | string, signature: string): boolean {
  try {
    const key = createPublicKey({ key: Buffer.from(publicKey, 'base64'), format: 'der', type: 'spki' });
    return verify(null, Buffer.isBuffer(data) ? data : Buffer.from(data), key, Buffer.from(signature, 'base64'));
  } catch {
    return false;
  }
}

/** Headers for a signed request made with `apiKey` (`tdk_<keyId>.<secret>`). */
export function signRequest(
  apiKey: string,
  request: { method: string; pathWithQuery: string; body: Buffer | string },
  now: Date,
): Record<string, string> {
  const { keyId, privateKey } = parseApiKey(apiKey);
  const timestamp = now.toISOString();
  const nonce = randomBytes(16).toString('base64url');
  const signature = signBytes(privateKey, canonicalRequest({ ...request, timestamp, nonce }));
  return {
    [SIGNATURE_HEADERS.keyId]: keyId,
    [SIGNATURE_HEADERS.timestamp]: timestamp,
    [SIGNATURE_HEADERS.nonce]: nonce,
    [SIGNATURE_HEADERS.signature]: signature,
  };
}
