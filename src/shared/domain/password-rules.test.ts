import { describe, expect, it } from 'vitest';
import { checkPasswordRules } from './password-rules';

describe('checkPasswordRules', () => {
  it.each([
    ['Ab1!short', 'too-short'],
    ['baocao.bocongan-2025X', 'contains-login'],
    ['BaoCaoBoCongAn#2025', 'contains-login'],
    ['onlylowercaseletters', 'too-simple'],
    ['lowercaseand1234', 'too-simple'],
    ['Tiendo@2025', 'common'],
  ])('refuses %s (%s)', (password, rule) => {
    expect(checkPasswordRules(password, 'baocao.bocongan')).toBe(rule);
  });

  it.each(['Mật khẩu Mới 2025', 'Correct-Horse-9', 'k7#Lm2pQx9zR'])('accepts %s', (password) => {
    expect(checkPasswordRules(password, 'baocao.bocongan')).toBeNull();
  });
});
