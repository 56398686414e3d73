import net from 'node:net';
import os from 'node:os';
import tls from 'node:tls';

/**
 * A minimal SMTP client on node:net (RFC 5321): EHLO, optional AUTH PLAIN, MAIL FROM, RCPT TO, DATA, QUIT. Enough to
 * send plain-text UTF-8 notices to a relay; no pooling, no STARTTLS (use `smtps://` for implicit TLS, or a local
 * relay). Subjects are RFC 2047 encoded-words; bodies are base64 so that no line needs dot-stuffing or 8BITMIME.
 */

export type MailMessage = {
  from: string;
  to: string[];
  subject: string;
  text: string;
};

export type SmtpOptions = {
  /** `smtp://[user:pass@]host[:port]` (default port 25) or `smtps://…` (default 465). */
  url: string;
  /** Name sent with EHLO. */
  clientName?: string;
  timeoutMs?: number;
};

export class SmtpError extends Error {
  constructor(
    message: string,
    readonly replyCode: number | null,
  ) {
    super(message);
  }
}

/** RFC 2047 "B" encoded-words for a header value; ASCII-only values are returned as they are. */
export function encodeHeaderWord(value: string): string {
  if (/^[\x20-\x7e]*$/.test(value)) {
    return value;
  }
  // Each encoded-word stays ≤ 75 characters: 45 bytes of UTF-8 → 60 base64 characters, never splitting a character.
  const words: string[] = [];
  let chunk = '';
  for (const ch of value) {
    if (Buffer.byteLength(chunk + ch, 'utf8') > 45) {
      words.push(chunk);
      chunk = '';
    }
    chunk += ch;
  }
  if (chunk) {
    words.push(chunk);
  }
  return words.map((w) => `=?UTF-8?B?${Buffer.from(w, 'utf8').toString('base64')}?=`).join('\r\n ');
}

/** Decodes RFC 2047 "B"/"Q" encoded-words (used by the tests' sink, and handy in logs). */
export function decodeHeaderWords(value: string): string {
  return value
    .replace(/\?=\s+=\?/g, '?==?')
    .replace(/=\?([^?]+)\?([BbQq])\?([^?]*)\?=/g, (_m, _charset: string, enc: string, text: string) =>
      enc.toUpperCase() === 'B'
        ? Buffer.from(text, 'base64').toString('utf8')
        : Buffer.from(
            text
              .replace(/_/g, ' ')
              .replace(/=([0-9A-Fa-f]{2})/g, (_x, h: string) => String.fromCharCode(Number.parseInt(h, 16))),
            'latin1',
          ).toString('utf8'),
    );
}

const ADDRESS = /^[^\s<>@,;:"]+@[^\s<>@,;:"]+$/;

/** The full message (headers + base64 body), CRLF line endings, dot-stuffed, without the final ".". */
export function buildMessage(message: MailMessage, now: Date, host: string): string {
  const body = Buffer.from(message.text.replace(/\r?\n/g, '\r\n'), 'utf8')
    .toString('base64')
    .replace(/.{1,76}/g, (line) => `${line}\r\n`);
  const headers = [
    `From: ${message.from}`,
    `To: ${message.to.join(', ')}`,
    `Subject: ${encodeHeaderWord(message.subject)}`,
    `Date: ${now.toUTCString().replace('GMT', '+0000')}`,
    `Message-ID: <${now.getTime()}.${Math.random().toString(36).slice(2)}@${host}>`,
    'MIME-Version: 1.0',
    'Content-Type: text/plain; charset=UTF-8',
    'Content-Transfer-Encoding: base64',
  ];
  const data = `${headers.join('\r\n')}\r\n\r\n${body}`;
  return data.replace(/^\./gm, '..');
}

type Reply = { code: number; lines: string[] };

/** Reads SMTP replies (multi-line "250-…" continuations) from a socket, one at a time. */
function createReplyReader(socket: net.Socket) {
  let buffer = '';
  const queue: Reply[] = [];
  let current: string[] = [];
  let waiter: ((r: Reply) => void) | null = null;
  let failure: Error | null = null;
  let failWaiter: ((e: Error) => void) | null = null;
  socket.setEncoding('utf8');
  socket.on('data', (chunk: string) => {
    buffer += chunk;
    let index = buffer.indexOf('\r\n');
    while (index >= 0) {
      const line = buffer.slice(0, index);
      buffer = buffer.slice(index + 2);
      current.push(line.slice(4));
      if (line[3] !== '-') {
        const reply = { code: Number(line.slice(0, 3)), lines: current };
        current = [];
        if (waiter) {
          const w = waiter;
          waiter = null;
          failWaiter = null;
          w(reply);
        } else {
          queue.push(reply);
        }
      }
      index = buffer.indexOf('\r\n');
    }
  });
  const fail = (error: Error) => {
    failure = error;
    if (failWaiter) {
      const f = failWaiter;
      waiter = null;
      failWaiter = null;
      f(error);
    }
  };
  socket.on('error', fail);
  socket.on('close', () => fail(new SmtpError('Máy chủ SMTP đã đóng kết nối.', null)));
  return (): Promise<Reply> => {
    const next = queue.shift();
    if (next) {
      return Promise.resolve(next);
    }
    if (failure) {
      return Promise.reject(failure);
    }
    return new Promise((resolve, reject) => {
      waiter = resolve;
      failWaiter = reject;
    });
  };
}

/**
 * Sends one message; resolves when the server accepted it (250 after DATA). Throws SmtpError with the server's reply
 * code on any refusal, or on timeout.
 */
export async function sendMail(options: SmtpOptions, message: MailMessage): Promise<void> {
  const url = new URL(options.url);
  const secure = url.protocol === 'smtps:';
  if (!secure && url.protocol !== 'smtp:') {
    throw new SmtpError(`Giao thức thư không hỗ trợ: ${url.protocol}`, null);
  }
  for (const address of [message.from, ...message.to]) {
    if (!ADDRESS.test(address)) {
      throw new SmtpError(`Địa chỉ thư không hợp lệ: ${address}`, null);
    }
  }
  if (message.to.length === 0) {
    throw new SmtpError('Không có người nhận.', null);
  }
  const port = Number(url.port || (secure ? 465 : 25));
  const host = url.hostname;
  const clientName = options.clientName ?? os.hostname() ?? 'tiendo';
  const socket: net.Socket = secure ? tls.connect({ host, port, servername: host }) : net.connect({ host, port });
  socket.setTimeout(options.timeoutMs ?? 15_000, () => {
    socket.destroy(new SmtpError('Hết thời gian chờ máy chủ SMTP.', null));
  });
  const read = createReplyReader(socket);
  const expect = async (codes: number[], what: string) => {
    const reply = await read();
    if (!codes.includes(reply.code)) {
      throw new SmtpError(`SMTP ${what}: ${reply.code} ${reply.lines.join(' ')}`, reply.code);
    }
    return reply;
  };
  const send = (line: string) => socket.write(`${line}\r\n`);
  try {
    await expect([220], 'greeting');
    send(`EHLO ${clientName}`);
    await expect([250], 'EHLO');
    if (url.username) {
      const user = decodeURIComponent(url.username);
      const pass = decodeURIComponent(url.password);
      send(`AUTH PLAIN ${Buffer.from(`\u0000${user}\u0000${pass}`, 'utf8').toString('base64')}`);
      await expect([235], 'AUTH');
    }
    send(`MAIL FROM:<${message.from}>`);
    await expect([250], 'MAIL FROM');
    for (const to of message.to) {
      send(`RCPT TO:<${to}>`);
      await expect([250, 251], 'RCPT TO');
    }
    send('DATA');
    await expect([354], 'DATA');
    socket.write(`${buildMessage(message, new Date(), clientName)}.\r\n`);
    await expect([250], 'end of DATA');
    send('QUIT');
    await read().catch(() => null);
  } finally {
    socket.end();
    socket.destroy();
  }
}
