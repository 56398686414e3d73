import { foldText } from '@shared/lib/vn-text';

export const PASSWORD_MIN_LENGTH = 10;

export type PasswordRuleViolation = 'too-short' | 'contains-login' | 'too-simple' | 'common';

export const PASSWORD_RULE_MESSAGES: Record<PasswordRuleViolation, string> = {
  'too-short': `Mật khẩu cần ít nhất ${PASSWORD_MIN_LENGTH} ký tự.`,
  'contains-login': 'Mật khẩu không được chứa tên đăng nhập.',
  'too-simple': 'Mật khẩu cần có ít nhất 3 trong 4 loại: chữ thường, chữ hoa, chữ số, ký tự đặc biệt.',
  common: 'Mật khẩu quá phổ biến, dễ đoán.',
};

// The handful of passwords Vietnamese users are most likely to try first (NCSC/OWASP lists, localised).
const COMMON = new Set([
  '1234567890',
  '12345678910',
  '0123456789',
  'matkhau123',
  'matkhau@123',
  'password123',
  'password@123',
  'admin@12345',
  'abc@123456',
  'qwerty12345',
  'vietnam@123',
  'tiendo@2025',
]);

/**
 * Checks a new password against the account rules (length ≥ 10, three character classes, not the login name,
 * not a well-known password); returns the first rule broken, or null. Shared by the server and the form.
 */
export function checkPasswordRules(password: string, loginName: string): PasswordRuleViolation | null {
  if ([...password].length < PASSWORD_MIN_LENGTH) {
    return 'too-short';
  }
  const folded = foldText(password).replace(/\s+/g, '');
  const login = foldText(loginName).replace(/\s+/g, '');
  if (login.length >= 3 && folded.includes(login)) {
    return 'contains-login';
  }
  const classes = [/[a-z]/, /[A-Z]/, /[0-9]/, /[^A-Za-z0-9]/].filter((re) => re.test(password)).length;
  if (classes < 3) {
    return 'too-simple';
  }
  if (COMMON.has(password.toLowerCase())) {
    return 'common';
  }
  return null;
}
