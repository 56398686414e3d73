import { DataDirLockedError } from '@server/db/data-dir-lock';
import { type CliIo, createCliContext } from './cli-context';
import { CLI_COMMANDS } from './command-registry';

const GLOBAL_HELP = `Tiến Độ — theo dõi, đánh giá tiến độ thực hiện nhiệm vụ

Cách dùng: tiendo <lệnh> [tùy chọn]

Tùy chọn chung:
  --data-dir DIR   thư mục cơ sở dữ liệu nhúng (mặc định ./data, biến TIENDO_DATA_DIR)
  --json           in kết quả dạng JSON
  DATABASE_URL     (biến môi trường) dùng máy chủ PostgreSQL thay cho CSDL nhúng

Lệnh:`;

/** Splits global flags (--data-dir, --json) from the command's own arguments. */
export function parseGlobalArgs(argv: string[]): {
  command: string | undefined;
  dataDir?: string;
  json: boolean;
  rest: string[];
} {
  const rest: string[] = [];
  let dataDir: string | undefined;
  let json = false;
  let command: string | undefined;
  for (let i = 0; i < argv.length; i++) {
    const arg = argv[i] as string;
    if (arg === '--json') {
      json = true;
    } else if (arg === '--data-dir') {
      dataDir = argv[++i];
    } else if (arg.startsWith('--data-dir=')) {
      dataDir = arg.slice('--data-dir='.length);
    } else if (command === undefined && !arg.startsWith('-')) {
      command = arg;
    } else {
      rest.push(arg);
    }
  }
  return { command, ...(dataDir ? { dataDir } : {}), json, rest };
}

export async function runCli(argv: string[], io: CliIo): Promise<number> {
  const parsed = parseGlobalArgs(argv);
  // Multi-word commands ("agencies resolve", "report monthly") are matched on the longest prefix.
  let command = CLI_COMMANDS.find((c) => c.name === parsed.command);
  let rest = parsed.rest;
  if (parsed.command && rest.length > 0) {
    const twoWord = CLI_COMMANDS.find((c) => c.name === `${parsed.command} ${rest[0]}`);
    if (twoWord) {
      command = twoWord;
      rest = rest.slice(1);
    }
  }
  if (!command || rest.includes('--help') || rest.includes('-h')) {
    if (command) {
      io.out(`${command.summary}\n\nCách dùng: ${command.usage}`);
      return 0;
    }
    const list = CLI_COMMANDS.map((c) => `  ${c.name.padEnd(24)} ${c.summary}`).join('\n');
    io.out(`${GLOBAL_HELP}\n${list}`);
    return parsed.command ? 2 : 0;
  }
  const ctx = createCliContext({ ...(parsed.dataDir ? { dataDir: parsed.dataDir } : {}), json: parsed.json, io });
  try {
    return await command.run(ctx, rest);
  } catch (error) {
    const code = error instanceof DataDirLockedError ? error.code : 'ERROR';
    const message = error instanceof Error ? error.message : String(error);
    if (parsed.json) {
      io.out(JSON.stringify({ ok: false, error: { code, message } }));
    } else {
      io.err(`Lỗi: ${message}`);
    }
    return 1;
  }
}

const isMain = process.argv[1] && import.meta.url.endsWith(process.argv[1].replace(/\\/g, '/').split('/').pop() ?? '');
if (isMain) {
  const code = await runCli(process.argv.slice(2), {
    out: (text) => process.stdout.write(`${text}\n`),
    err: (text) => process.stderr.write(`${text}\n`),
  });
  // serve keeps running; the command returns only when it is done.
  process.exitCode = code;
}
