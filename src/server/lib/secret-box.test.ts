import { describe, expect, it } from 'vitest';
import { createSecretBox, isSealed } from './secret-box';

describe('secret box', () => {
  const box = createSecretBox('một khóa bí mật đủ dài cho thử nghiệm');

  it('seals so that the stored text does not contain the secret, and opens it back', () => {
    const secret = 'tdk_abc123.MC4CAQAwBQYDK2VwBCIEIK';
    const stored = box.seal(secret);
    expect(isSealed(stored)).toBe(true);
    expect(stored).not.toContain('MC4CAQAw');
    expect(box.seal(secret)).not.toBe(stored);
    expect(box.open(stored)).toBe(secret);
  });

  it('refuses a tampered value and a wrong key', () => {
    const stored = box.seal('bí mật');
    const parts = stored.split('.');
    const body = Buffer.from(parts[2] as string, 'base64url');
    body[0] = (body[0] as number) ^ 1;
    const tampered = [parts[0], parts[1], body.toString('base64url')].join('.');
    expect(() => box.open(tampered)).toThrow(/Không giải mã được/);
    expect(() => createSecretBox('khóa khác hẳn').open(stored)).toThrow(/Không giải mã được/);
  });

  it('without a key: stores as given, reads old plain values, and says what is missing for sealed ones', () => {
    const plainBox = createSecretBox(undefined);
    expect(plainBox.sealing).toBe(false);
    expect(plainBox.seal('x')).toBe('x');
    expect(box.open('giá trị cũ chưa mã hóa')).toBe('giá trị cũ chưa mã hóa');
    expect(() => plainBox.open(box.seal('y'))).toThrow(/TIENDO_SECRET_KEY/);
  });
});
