import { randomInt } from 'node:crypto';
import { hash, verify } from '@node-rs/argon2';
import type { AuthConfig } from '@server/config/env';

export type Argon2Params = AuthConfig['argon2'];

/**
 * Passwords are NFC-normalised before hashing: the same Vietnamese password typed with a composing keyboard
 * (NFD, e.g. on macOS) and a precomposed one (NFC, e.g. Unikey) must match.
 */
function prepare(password: string): string {
  return password.normalize('NFC');
}

/** argon2id PHC string (`$argon2id$v=19$m=…,t=…,p=…$salt$hash`); the algorithm option is left at its argon2id default. */
export async function hashPassword(password: string, params: Argon2Params): Promise<string> {
  return hash(prepare(password), {
    memoryCost: params.memoryCost,
    timeCost: params.timeCost,
    parallelism: params.parallelism,
  });
}

/** Constant-time check of a password against a stored PHC string; a malformed hash is simply "no". */
export async function verifyPassword(passwordHash: string, password: string): Promise<boolean> {
  try {
    return await verify(passwordHash, prepare(password));
  } catch {
    return false;
  }
}

let dummyHash: Promise<string> | undefined;

/**
 * Spends the same argon2 time as a real check, for a login name that does not exist, so response time does not
 * tell an attacker which accounts exist.
 */
export async function verifyAgainstDummy(password: string, params: Argon2Params): Promise<void> {
  dummyHash ??= hashPassword('tiendo-dummy-password-for-timing', params);
  await verifyPassword(await dummyHash, password);
}

// No 0/O, 1/l/I: one-time passwords are read off a spreadsheet and typed by hand.
const OTP_ALPHABET = 'abcdefghijkmnpqrstuvwxyzABCDEFGHJKLMNPQRSTUVWXYZ23456789';

/** A random one-time password, 3 groups of 4 (≈ 70 bits), e.g. `k7Rm-2pQx-9zHa`. */
export function generateOneTimePassword(): string {
  const groups: string[] = [];
  for (let g = 0; g < 3; g++) {
    let group = '';
    for (let i = 0; i < 4; i++) {
      group += OTP_ALPHABET[randomInt(OTP_ALPHABET.length)];
    }
    groups.push(group);
  }
  return groups.join('-');
}
