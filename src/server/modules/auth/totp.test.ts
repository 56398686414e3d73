import { describe, expect, it } from 'vitest';
import { base32Decode, base32Encode, hotp, otpauthUri, totpCode, totpStep, verifyTotp } from './totp';

// RFC 6238 Appendix B: the SHA-1 seed is the ASCII string "12345678901234567890".
const RFC_SECRET = base32Encode(Buffer.from('12345678901234567890', 'ascii'));

describe('TOTP (RFC 6238)', () => {
  it('matches the RFC 6238 SHA-1 test vectors (8 digits)', () => {
    const key = Buffer.from('12345678901234567890', 'ascii');
    const vectors: Array<[number, string]> = [
      [59, '94287082'],
      [1111111109, '07081804'],
      [1111111111, '14050471'],
      [1234567890, '89005924'],
      [2000000000, '69279037'],
      [20000000000, '65353130'],
    ];
    for (const [seconds, code] of vectors) {
      expect(hotp(key, totpStep(new Date(seconds * 1000)), 8)).toBe(code);
    }
  });

  it('matches the RFC 4226 HOTP vectors (6 digits)', () => {
    const key = Buffer.from('12345678901234567890', 'ascii');
    expect([0, 1, 2, 9].map((c) => hotp(key, c))).toEqual(['755224', '287082', '359152', '520489']);
  });

  it('round-trips base32 and ignores spaces and case', () => {
    expect(RFC_SECRET).toBe('GEZDGNBVGY3TQOJQGEZDGNBVGY3TQOJQ');
    expect(base32Decode('gezd gnbv gy3t qojq gezd gnbv gy3t qojq').toString('ascii')).toBe('12345678901234567890');
  });

  it('accepts the current, previous and next step, and nothing further', () => {
    const now = new Date('2025-07-18T03:00:10Z');
    const step = totpStep(now);
    const at = (deltaSteps: number) => new Date(now.getTime() + deltaSteps * 30_000);
    expect(verifyTotp(RFC_SECRET, totpCode(RFC_SECRET, now), now, null)).toBe(step);
    expect(verifyTotp(RFC_SECRET, totpCode(RFC_SECRET, at(-1)), now, null)).toBe(step - 1);
    expect(verifyTotp(RFC_SECRET, totpCode(RFC_SECRET, at(1)), now, null)).toBe(step + 1);
    expect(verifyTotp(RFC_SECRET, totpCode(RFC_SECRET, at(-2)), now, null)).toBeNull();
    expect(verifyTotp(RFC_SECRET, totpCode(RFC_SECRET, at(2)), now, null)).toBeNull();
  });

  it('refuses a code of a step already used (replay) or older', () => {
    const now = new Date('2025-07-18T03:00:10Z');
    const code = totpCode(RFC_SECRET, now);
    const step = verifyTotp(RFC_SECRET, code, now, null);
    expect(step).not.toBeNull();
    expect(verifyTotp(RFC_SECRET, code, now, step)).toBeNull();
    expect(verifyTotp(RFC_SECRET, totpCode(RFC_SECRET, new Date(now.getTime() - 30_000)), now, step)).toBeNull();
  });

  it('refuses malformed codes', () => {
    const now = new Date('2025-07-18T03:00:10Z');
    expect(verifyTotp(RFC_SECRET, '12345', now, null)).toBeNull();
    expect(verifyTotp(RFC_SECRET, 'abcdef', now, null)).toBeNull();
  });

  it('builds an otpauth URI with issuer and account', () => {
    expect(otpauthUri('Tiến Độ', 'admin', 'ABC')).toBe(
      'otpauth://totp/Ti%E1%BA%BFn%20%C4%90%E1%BB%99%3Aadmin?secret=ABC&issuer=Ti%E1%BA%BFn+%C4%90%E1%BB%99&algorithm=SHA1&digits=6&period=30',
    );
  });
});
