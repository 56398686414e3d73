import net from 'node:net';

export type SunkMail = { from: string; to: string[]; data: string; ehlo: string; auth: string | null };

export type SmtpSink = { url: string; messages: SunkMail[]; transcript: string[]; close: () => Promise<void> };

/**
 * A real SMTP server on a local port for tests (node:net, no mocks): it speaks enough of RFC 5321 to accept
 * messages (EHLO/HELO, AUTH PLAIN, MAIL, RCPT, DATA, RSET, NOOP, QUIT) and keeps what it received.
 * `rejectRcpt` makes it refuse recipients matching the pattern with 550.
 */
export async function startSmtpSink(options: { rejectRcpt?: RegExp } = {}): Promise<SmtpSink> {
  const messages: SunkMail[] = [];
  const transcript: string[] = [];
  const sockets = new Set<net.Socket>();
  const server = net.createServer((socket) => {
    sockets.add(socket);
    socket.on('close', () => sockets.delete(socket));
    socket.setEncoding('utf8');
    let buffer = '';
    let inData = false;
    let data = '';
    let current: SunkMail = { from: '', to: [], data: '', ehlo: '', auth: null };
    const reply = (line: string) => {
      transcript.push(`S: ${line}`);
      socket.write(`${line}\r\n`);
    };
    reply('220 sink.local ESMTP test sink');
    socket.on('data', (chunk: string) => {
      buffer += chunk;
      let index = buffer.indexOf('\r\n');
      while (index >= 0) {
        const line = buffer.slice(0, index);
        buffer = buffer.slice(index + 2);
        index = buffer.indexOf('\r\n');
        if (inData) {
          if (line === '.') {
            inData = false;
            current.data = data;
            messages.push(current);
            current = { from: '', to: [], data: '', ehlo: current.ehlo, auth: current.auth };
            data = '';
            reply('250 2.0.0 queued');
          } else {
            data += `${line.startsWith('..') ? line.slice(1) : line}\r\n`;
          }
          continue;
        }
        transcript.push(`C: ${line}`);
        const verb = line.slice(0, 4).toUpperCase();
        if (verb === 'EHLO' || verb === 'HELO') {
          current.ehlo = line.slice(5);
          socket.write('250-sink.local\r\n250-AUTH PLAIN\r\n250 8BITMIME\r\n');
        } else if (verb === 'AUTH') {
          current.auth = Buffer.from(line.split(' ')[2] ?? '', 'base64').toString('utf8');
          reply('235 2.7.0 ok');
        } else if (verb === 'MAIL') {
          current.from = /<(.*)>/.exec(line)?.[1] ?? '';
          reply('250 2.1.0 ok');
        } else if (verb === 'RCPT') {
          const to = /<(.*)>/.exec(line)?.[1] ?? '';
          if (options.rejectRcpt?.test(to)) {
            reply('550 5.1.1 no such user');
          } else {
            current.to.push(to);
            reply('250 2.1.5 ok');
          }
        } else if (verb === 'DATA') {
          inData = true;
          reply('354 end with <CRLF>.<CRLF>');
        } else if (verb === 'QUIT') {
          reply('221 2.0.0 bye');
          socket.end();
        } else if (verb === 'RSET' || verb === 'NOOP') {
          reply('250 ok');
        } else {
          reply('502 5.5.2 command not implemented');
        }
      }
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const address = server.address() as net.AddressInfo;
  return {
    url: `smtp://127.0.0.1:${address.port}`,
    messages,
    transcript,
    close: () =>
      new Promise<void>((resolve) => {
        for (const s of sockets) {
          s.destroy();
        }
        server.close(() => resolve());
      }),
  };
}

/** Headers of a received message (unfolded), lower-cased names. */
export function headersOf(data: string): Record<string, string> {
  const head = data.split('\r\n\r\n')[0] ?? '';
  const out: Record<string, string> = {};
  for (const line of head.replace(/\r\n[ \t]+/g, ' ').split('\r\n')) {
    const i = line.indexOf(':');
    if (i > 0) {
      out[line.slice(0, i).toLowerCase()] = line.slice(i + 1).trim();
    }
  }
  return out;
}

/** The decoded text body of a base64 text/plain message. */
export function bodyOf(data: string): string {
  const body = data.split('\r\n\r\n').slice(1).join('\r\n\r\n');
  return Buffer.from(body.replace(/\s+/g, ''), 'base64').toString('utf8');
}
