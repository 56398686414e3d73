import { bodyOf, headersOf, type SmtpSink, startSmtpSink } from '@test/smtp-sink';
import { afterEach, describe, expect, it } from 'vitest';
import { buildMessage, decodeHeaderWords, encodeHeaderWord, SmtpError, sendMail } from './smtp-client';

describe('RFC 2047 subjects', () => {
  it('keeps ASCII as is and encodes Vietnamese in ≤ 75-character words that never split a letter', () => {
    expect(encodeHeaderWord('Report due')).toBe('Report due');
    const subject = 'Nhắc việc: 3 nhiệm vụ sắp đến hạn — Bộ Khoa học và Công nghệ, hạn chót ngày 30/6/2025';
    const encoded = encodeHeaderWord(subject);
    for (const word of encoded.split('\r\n ')) {
      expect(word.length).toBeLessThanOrEqual(75);
      expect(word).toMatch(/^=\?UTF-8\?B\?[A-Za-z0-9+/=]+\?=$/);
    }
    expect(decodeHeaderWords(encoded)).toBe(subject);
  });

  it('dot-stuffs and uses CRLF', () => {
    const data = buildMessage({ from: 'a@b.vn', to: ['c@d.vn'], subject: 'x', text: 'a\nb' }, new Date(0), 'h');
    expect(data).toContain('Content-Type: text/plain; charset=UTF-8\r\n');
    expect(data.split('\r\n').some((l) => l.startsWith('.') && !l.startsWith('..'))).toBe(false);
  });
});

describe('sendMail against a local SMTP sink (a real socket conversation)', () => {
  let sink: SmtpSink | undefined;
  afterEach(async () => {
    await sink?.close();
    sink = undefined;
  });

  it('delivers a message with a UTF-8 Vietnamese subject and body', async () => {
    sink = await startSmtpSink();
    const subject = '[Tiến Độ] 2 nhiệm vụ vừa quá hạn — Đề nghị báo cáo trước ngày 25';
    await sendMail(
      { url: sink.url, clientName: 'tiendo.test' },
      {
        from: 'tiendo@mst.gov.vn',
        to: ['vanphong@most.gov.vn', 'lanhdao@most.gov.vn'],
        subject,
        text: 'Kính gửi Bộ Khoa học và Công nghệ,\n.\nNhiệm vụ "Xây dựng cơ sở dữ liệu quốc gia" đã quá hạn.',
      },
    );
    expect(sink.messages).toHaveLength(1);
    const mail = sink.messages[0];
    expect(mail?.from).toBe('tiendo@mst.gov.vn');
    expect(mail?.to).toEqual(['vanphong@most.gov.vn', 'lanhdao@most.gov.vn']);
    expect(mail?.ehlo).toBe('tiendo.test');
    const headers = headersOf(mail?.data ?? '');
    expect(headers.subject).toMatch(/^=\?UTF-8\?B\?/);
    expect(decodeHeaderWords(headers.subject ?? '')).toBe(subject);
    expect(bodyOf(mail?.data ?? '')).toBe(
      'Kính gửi Bộ Khoa học và Công nghệ,\r\n.\r\nNhiệm vụ "Xây dựng cơ sở dữ liệu quốc gia" đã quá hạn.',
    );
    expect(sink.transcript.filter((l) => l.startsWith('C: ')).map((l) => l.slice(3).split(/[ :]/)[0])).toEqual([
      'EHLO',
      'MAIL',
      'RCPT',
      'RCPT',
      'DATA',
      'QUIT',
    ]);
  });

  it('authenticates with AUTH PLAIN when the URL carries credentials', async () => {
    sink = await startSmtpSink();
    const url = sink.url.replace('smtp://', 'smtp://bot%40mst:m%E1%BA%ADt-kh%E1%BA%A9u@');
    await sendMail({ url }, { from: 'a@b.vn', to: ['c@d.vn'], subject: 'Thử', text: 'x' });
    expect(sink.messages[0]?.auth).toBe('\u0000bot@mst\u0000mật-khẩu');
  });

  it("reports a refused recipient with the server's code", async () => {
    sink = await startSmtpSink({ rejectRcpt: /khong-ton-tai/ });
    const attempt = sendMail(
      { url: sink.url },
      { from: 'a@b.vn', to: ['khong-ton-tai@b.vn'], subject: 's', text: 't' },
    );
    await expect(attempt).rejects.toBeInstanceOf(SmtpError);
    await expect(attempt).rejects.toMatchObject({ replyCode: 550 });
    expect(sink.messages).toHaveLength(0);
  });
});
