import { describe, expect, it } from 'vitest';
import { judgeSubmission } from './spam-guard';

const base = { title: 'Kiến nghị', text: 'Đề nghị công khai tiến độ xử lý hồ sơ.', elapsedMs: 12_000 };

describe('public feedback spam guard', () => {
  it('accepts a normal submission with up to two links', () => {
    expect(judgeSubmission(base)).toEqual({ ok: true });
    expect(judgeSubmission({ ...base, text: 'Xem https://a.gov.vn và www.b.gov.vn' })).toEqual({ ok: true });
  });
  it('refuses a filled honeypot, a form sent too fast, and link spam', () => {
    expect(judgeSubmission({ ...base, website: 'http://spam.example' })).toEqual({ ok: false, reason: 'honeypot' });
    expect(judgeSubmission({ ...base, elapsedMs: 800 })).toEqual({ ok: false, reason: 'too-fast' });
    expect(judgeSubmission({ ...base, text: 'http://a.x http://b.x https://c.x' })).toEqual({
      ok: false,
      reason: 'too-many-links',
    });
  });
  it('treats a blank honeypot as empty', () => {
    expect(judgeSubmission({ ...base, website: '  ' })).toEqual({ ok: true });
  });
});
