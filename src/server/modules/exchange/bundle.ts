import type { Readable } from 'node:stream';
import type { Db } from '@server/db/client';
import { exchangeCredentials, exchangePartners } from '@server/db/schema';
import { AppError } from '@server/lib/app-error';
import type { FileStorage } from '@server/lib/file-storage';
import { sha256Hex } from '@server/lib/ids';
import type { Actor } from '@server/lib/request-context';
import { recordAudit } from '@server/modules/audit/audit.service';
import {
  type EventBatchResult,
  type ExchangeEvent,
  ExchangeEventSchema,
  type ExchangeObjectType,
  type InboundOutcome,
} from '@shared/contracts/exchange';
import {
  BUNDLE_FORMAT,
  BUNDLE_VERSION,
  type BundleEntry,
  type BundleImportResult,
  type BundleManifest,
  BundleManifestSchema,
  type BundleProblem,
  type BundleProblemCode,
} from '@shared/contracts/exchange-bundle';
import { eq, or } from 'drizzle-orm';
import JSZip from 'jszip';
import { readChangeFeed } from './change-feed';
import { type ExchangeDeps, evidenceFileForPartner, identityOf } from './exchange.service';
import { recordExchangeLog } from './exchange-log';
import { type FileSource, type PartnerRow, receiveEvents } from './inbound.service';
import { normalizePublicKey, signBytes, verifyBytes } from './request-signing';
import type { SystemIdentity } from './system-identity';

const MANIFEST_PATH = 'manifest.json';
const SIGNATURE_PATH = 'manifest.sig';
const EVENTS_PATH = 'events.jsonl';
const FILES_DIR = 'files/';
const FILE_PATH = /^files\/([0-9a-f]{64})$/;
const PAYLOAD_PATH = /^(events\.jsonl|files\/[0-9a-f]{64})$/;
const MAX_MANIFEST_BYTES = 32 * 1024 * 1024;
const MAX_SIGNATURE_BYTES = 4096;
const FEED_PAGE = 2000;
/** Events applied per inbound transaction (the bundle is verified as a whole before the first one). */
const APPLY_CHUNK = 1000;
const ATTENTION: ReadonlySet<InboundOutcome> = new Set(['conflict', 'waiting', 'unmapped', 'rejected']);
const ATTENTION_LIMIT = 500;

export type BundleOptions = { after?: number | undefined; types?: readonly ExchangeObjectType[] | undefined };

/** What goes into a bundle; `toSeq` is the feed cursor after the last event (the next export's `after`). */
export type BundleContent = {
  events: readonly ExchangeEvent[];
  files: ReadonlyMap<string, Buffer>;
  fromSeq: number;
  toSeq: number;
  types: ExchangeObjectType[] | null;
  createdAt: Date;
};

export type BuiltBundle = { bytes: Buffer; manifest: BundleManifest; missingFiles: string[] };

/** The keys a receiver holds for the sending partner, with what makes each unusable. */
export type BundleTrust = {
  system: string;
  partnerActive: boolean;
  keys: { publicKey: string; revoked: boolean; expired: boolean; canWrite: boolean }[];
};

export type OpenedBundle = { manifest: BundleManifest; events: ExchangeEvent[]; files: Map<string, Buffer> };

export type BundleInspection =
  | { ok: true; bundle: OpenedBundle }
  | { ok: false; problems: BundleProblem[]; manifest: BundleManifest | null };

// ---------------------------------------------------------------- packing (pure)

/**
 * Packs events and evidence files into a `.tdx` bundle (ZIP): `manifest.json` lists every other entry with its
 * SHA-256 and size, `manifest.sig` is the Ed25519 signature of the manifest's exact bytes with the system key.
 * Entry dates are the creation time, so the same content gives the same bytes.
 */
export async function packBundle(
  signer: Pick<SystemIdentity, 'systemId' | 'name' | 'publicKey' | 'privateKey'>,
  content: BundleContent,
): Promise<{ bytes: Buffer; manifest: BundleManifest }> {
  const eventsBytes = Buffer.from(content.events.map((e) => `${JSON.stringify(e)}\n`).join(''), 'utf8');
  const payloads: [string, Buffer][] = [
    [EVENTS_PATH, eventsBytes],
    ...[...content.files.entries()]
      .sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0))
      .map(([sha, bytes]): [string, Buffer] => [`${FILES_DIR}${sha}`, bytes]),
  ];
  const counts: Record<string, number> = {};
  for (const event of content.events) {
    counts[event.objectType] = (counts[event.objectType] ?? 0) + 1;
  }
  const manifest: BundleManifest = {
    format: BUNDLE_FORMAT,
    version: BUNDLE_VERSION,
    system: signer.systemId,
    systemName: signer.name,
    publicKey: signer.publicKey,
    createdAt: content.createdAt.toISOString(),
    fromSeq: content.fromSeq,
    toSeq: content.toSeq,
    types: content.types,
    counts,
    entries: payloads.map(([path, bytes]) => ({ path, sha256: sha256Hex(bytes), size: bytes.length })),
  };
  const manifestBytes = Buffer.from(`${JSON.stringify(manifest, null, 2)}\n`, 'utf8');
  const signature = signBytes(signer.privateKey, manifestBytes);
  const zip = new JSZip();
  const entryOptions = { date: content.createdAt, createFolders: false } as const;
  zip.file(MANIFEST_PATH, manifestBytes, entryOptions);
  zip.file(SIGNATURE_PATH, `${signature}\n`, entryOptions);
  for (const [path, bytes] of payloads) {
    // Evidence files are mostly PDFs and images, already compressed.
    zip.file(path, bytes, { ...entryOptions, compression: path === EVENTS_PATH ? 'DEFLATE' : 'STORE' });
  }
  const bytes = await zip.generateAsync({
    type: 'nodebuffer',
    compression: 'DEFLATE',
    compressionOptions: { level: 6 },
  });
  return { bytes, manifest };
}

// ---------------------------------------------------------------- verification (pure)

const problem = (code: BundleProblemCode, message: string, path?: string): BundleProblem =>
  path === undefined ? { code, message } : { code, message, path };

/** Decompresses an entry, giving up (without holding the rest in memory) once it passes `limit` bytes. */
function readEntry(file: JSZip.JSZipObject, limit: number): Promise<Buffer | 'too-large'> {
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = [];
    let total = 0;
    let settled = false;
    const stream = file.nodeStream('nodebuffer') as Readable;
    stream.on('data', (chunk: Buffer) => {
      if (settled) {
        return;
      }
      total += chunk.length;
      if (total > limit) {
        settled = true;
        resolve('too-large');
        stream.destroy();
        return;
      }
      chunks.push(chunk);
    });
    stream.on('end', () => {
      if (!settled) {
        settled = true;
        resolve(Buffer.concat(chunks));
      }
    });
    stream.on('error', (error) => {
      if (!settled) {
        settled = true;
        reject(error);
      }
    });
  });
}

function checkKey(manifest: BundleManifest, trust: BundleTrust): BundleProblem | null {
  let key: string;
  try {
    key = normalizePublicKey(manifest.publicKey);
  } catch {
    return problem('unknown-key', 'Khóa công khai ghi trong gói không phải khóa Ed25519 hợp lệ.');
  }
  const matching = trust.keys.filter((k) => k.publicKey === key);
  const usable = matching.find((k) => !k.revoked && !k.expired && k.canWrite);
  if (usable) {
    return null;
  }
  if (matching.length === 0) {
    return problem(
      'unknown-key',
      `Gói được ký bằng một khóa chưa được đăng ký cho hệ thống ${trust.system}: cần đăng ký khóa công khai của hệ thống gửi trước khi nhập.`,
    );
  }
  if (matching.every((k) => k.revoked)) {
    return problem('key-revoked', 'Khóa ký gói đã bị thu hồi.');
  }
  if (matching.every((k) => k.revoked || k.expired)) {
    return problem('key-expired', 'Khóa ký gói đã hết hạn.');
  }
  return problem('key-scope', 'Khóa ký gói không được cấp quyền gửi dữ liệu (events:write).');
}

async function readManifest(
  zip: JSZip,
): Promise<{ manifest: BundleManifest; manifestBytes: Buffer; signature: string } | BundleProblem> {
  const manifestFile = zip.file(MANIFEST_PATH);
  if (!manifestFile) {
    return problem('missing-manifest', 'Gói không có tệp manifest.json.');
  }
  const signatureFile = zip.file(SIGNATURE_PATH);
  if (!signatureFile) {
    return problem('missing-signature', 'Gói không có chữ ký (manifest.sig).');
  }
  let manifestBytes: Buffer | 'too-large';
  let signatureBytes: Buffer | 'too-large';
  try {
    manifestBytes = await readEntry(manifestFile, MAX_MANIFEST_BYTES);
    signatureBytes = await readEntry(signatureFile, MAX_SIGNATURE_BYTES);
  } catch {
    return problem('manifest-unreadable', 'Không giải nén được manifest.json hoặc manifest.sig.');
  }
  if (manifestBytes === 'too-large' || signatureBytes === 'too-large') {
    return problem('manifest-unreadable', 'manifest.json hoặc manifest.sig quá lớn.');
  }
  let raw: unknown;
  try {
    raw = JSON.parse(manifestBytes.toString('utf8'));
  } catch {
    return problem('manifest-unreadable', 'manifest.json không phải JSON hợp lệ.', MANIFEST_PATH);
  }
  const head = raw as { format?: unknown; version?: unknown } | null;
  if (head?.format !== BUNDLE_FORMAT || head.version !== BUNDLE_VERSION) {
    return problem(
      'unsupported-format',
      `Không phải gói dữ liệu Tiến Độ phiên bản ${BUNDLE_VERSION} (format "${String(head?.format)}", version ${String(head?.version)}).`,
    );
  }
  const parsed = BundleManifestSchema.safeParse(raw);
  if (!parsed.success) {
    const issue = parsed.error.issues[0];
    return problem(
      'manifest-unreadable',
      `manifest.json sai cấu trúc: ${issue ? `${issue.path.join('.')}: ${issue.message}` : 'không rõ'}.`,
      MANIFEST_PATH,
    );
  }
  return { manifest: parsed.data, manifestBytes, signature: signatureBytes.toString('utf8').trim() };
}

function parseEvents(bytes: Buffer, manifest: BundleManifest): { events: ExchangeEvent[]; problems: BundleProblem[] } {
  const problems: BundleProblem[] = [];
  const events: ExchangeEvent[] = [];
  const lines = bytes.toString('utf8').split('\n');
  for (let i = 0; i < lines.length && problems.length < 20; i++) {
    const line = lines[i]?.trim();
    if (!line) {
      continue;
    }
    let raw: unknown;
    try {
      raw = JSON.parse(line);
    } catch {
      problems.push(
        problem('events-unreadable', `Dòng ${i + 1} của events.jsonl không phải JSON hợp lệ.`, EVENTS_PATH),
      );
      continue;
    }
    const parsed = ExchangeEventSchema.safeParse(raw);
    if (!parsed.success) {
      const issue = parsed.error.issues[0];
      problems.push(
        problem(
          'events-unreadable',
          `Dòng ${i + 1} của events.jsonl không phải sự kiện hợp lệ (${issue ? `${issue.path.join('.')}: ${issue.message}` : 'không rõ'}).`,
          EVENTS_PATH,
        ),
      );
      continue;
    }
    events.push(parsed.data);
  }
  if (problems.length === 0) {
    const counts: Record<string, number> = {};
    for (const event of events) {
      counts[event.objectType] = (counts[event.objectType] ?? 0) + 1;
    }
    const types = new Set([...Object.keys(counts), ...Object.keys(manifest.counts)]);
    for (const type of types) {
      if ((counts[type] ?? 0) !== (manifest.counts[type] ?? 0)) {
        problems.push(
          problem(
            'count-mismatch',
            `Số sự kiện loại ${type} (${counts[type] ?? 0}) khác số ghi trong manifest (${manifest.counts[type] ?? 0}).`,
            EVENTS_PATH,
          ),
        );
      }
    }
  }
  return { events, problems };
}

async function checkEntry(
  file: JSZip.JSZipObject | null,
  entry: BundleEntry,
): Promise<{ bytes: Buffer } | { problem: BundleProblem }> {
  if (!file) {
    return { problem: problem('missing-file', `Thiếu tệp ${entry.path} (có trong manifest).`, entry.path) };
  }
  let bytes: Buffer | 'too-large';
  try {
    bytes = await readEntry(file, entry.size);
  } catch {
    return { problem: problem('hash-mismatch', `Không giải nén được tệp ${entry.path}: dữ liệu hỏng.`, entry.path) };
  }
  if (bytes === 'too-large' || bytes.length !== entry.size) {
    const actual = bytes === 'too-large' ? `hơn ${entry.size}` : String(bytes.length);
    return {
      problem: problem(
        'size-mismatch',
        `Kích thước tệp ${entry.path} (${actual} byte) khác manifest (${entry.size} byte).`,
        entry.path,
      ),
    };
  }
  if (sha256Hex(bytes) !== entry.sha256) {
    return {
      problem: problem(
        'hash-mismatch',
        `Mã SHA-256 của tệp ${entry.path} không khớp manifest: tệp đã bị sửa.`,
        entry.path,
      ),
    };
  }
  return { bytes };
}

/**
 * Checks a bundle before anything is written: (1) the manifest's signature, by a key registered for the sending
 * partner (unrevoked, unexpired, with `events:write`), (2) the sender named in the manifest is that partner, (3) every
 * listed entry's size and SHA-256, (4) no entry missing and none extra, (5) the events parse and match the counts.
 * Entries are decompressed only once the manifest is authentic, and never beyond their declared size.
 */
export async function inspectBundle(bytes: Buffer, trust: BundleTrust): Promise<BundleInspection> {
  let zip: JSZip;
  try {
    zip = await JSZip.loadAsync(bytes);
  } catch {
    return {
      ok: false,
      manifest: null,
      problems: [problem('not-a-zip', 'Tệp không phải gói dữ liệu (ZIP) đọc được.')],
    };
  }
  const head = await readManifest(zip);
  if ('code' in head) {
    return { ok: false, manifest: null, problems: [head] };
  }
  const { manifest, manifestBytes, signature } = head;

  const authenticity: BundleProblem[] = [];
  if (manifest.system !== trust.system) {
    authenticity.push(
      problem(
        'wrong-system',
        `Gói do hệ thống ${manifest.system} tạo, không phải hệ thống đối tác ${trust.system} đã chọn.`,
        MANIFEST_PATH,
      ),
    );
  }
  if (!trust.partnerActive) {
    authenticity.push(problem('partner-disabled', `Hệ thống đối tác ${trust.system} đang bị tạm ngừng liên thông.`));
  }
  const keyProblem = checkKey(manifest, trust);
  if (keyProblem) {
    authenticity.push(keyProblem);
  } else if (!verifyBytes(normalizePublicKey(manifest.publicKey), manifestBytes, signature)) {
    authenticity.push(
      problem('bad-signature', 'Chữ ký của manifest.json không đúng: manifest đã bị sửa sau khi ký.', SIGNATURE_PATH),
    );
  }
  if (authenticity.length > 0) {
    return { ok: false, manifest, problems: authenticity };
  }

  const problems: BundleProblem[] = [];
  const listed = new Map<string, BundleEntry>();
  for (const entry of manifest.entries) {
    const fileSha = FILE_PATH.exec(entry.path)?.[1];
    if (!PAYLOAD_PATH.test(entry.path) || listed.has(entry.path) || (fileSha && fileSha !== entry.sha256)) {
      problems.push(problem('bad-path', `Mục ${entry.path} trong manifest không hợp lệ.`, entry.path));
      continue;
    }
    listed.set(entry.path, entry);
  }
  if (!listed.has(EVENTS_PATH)) {
    problems.push(problem('missing-file', 'Manifest không liệt kê events.jsonl.', EVENTS_PATH));
  }
  for (const file of Object.values(zip.files)) {
    const name = file.unsafeOriginalName ?? file.name;
    if (file.dir || name === MANIFEST_PATH || name === SIGNATURE_PATH || listed.has(name)) {
      continue;
    }
    problems.push(problem('extra-file', `Tệp ${name} không có trong manifest.`, name));
  }
  const contents = new Map<string, Buffer>();
  for (const entry of listed.values()) {
    const checked = await checkEntry(zip.file(entry.path), entry);
    if ('problem' in checked) {
      problems.push(checked.problem);
    } else {
      contents.set(entry.path, checked.bytes);
    }
  }
  if (problems.length > 0) {
    return { ok: false, manifest, problems };
  }
  const { events, problems: eventProblems } = parseEvents(contents.get(EVENTS_PATH) as Buffer, manifest);
  if (eventProblems.length > 0) {
    return { ok: false, manifest, problems: eventProblems };
  }
  const files = new Map<string, Buffer>();
  for (const [path, fileBytes] of contents) {
    const sha = FILE_PATH.exec(path)?.[1];
    if (sha) {
      files.set(sha, fileBytes);
    }
  }
  return { ok: true, bundle: { manifest, events, files } };
}

// ---------------------------------------------------------------- export / import (database)

/**
 * Exports this system's change feed after `after` (optionally only some object types) as a signed bundle, with the
 * evidence files its events reference. The events are exactly the feed's, so a partner that later reads the same
 * changes through the API sees them as duplicates. Evidence files missing from storage are listed, not fatal.
 */
export async function createBundle(deps: ExchangeDeps, options: BundleOptions = {}): Promise<BuiltBundle> {
  const started = Date.now();
  const identity = await identityOf(deps);
  const fromSeq = options.after ?? 0;
  const types = options.types && options.types.length > 0 ? [...options.types] : null;
  const events: ExchangeEvent[] = [];
  let cursor = fromSeq;
  for (;;) {
    const page = await readChangeFeed(deps.db, identity.systemId, {
      after: cursor,
      limit: FEED_PAGE,
      types: types ?? undefined,
    });
    events.push(...page.events);
    cursor = page.nextCursor;
    if (!page.hasMore) {
      break;
    }
  }
  const files = new Map<string, Buffer>();
  const missingFiles: string[] = [];
  for (const event of events) {
    const sha = event.objectType === 'evidence' && event.payload?.kind === 'file' ? event.payload.sha256 : null;
    if (typeof sha !== 'string' || files.has(sha) || missingFiles.includes(sha)) {
      continue;
    }
    try {
      files.set(sha, await evidenceFileForPartner(deps, sha));
    } catch {
      missingFiles.push(sha);
    }
  }
  const { bytes, manifest } = await packBundle(identity, {
    events,
    files,
    fromSeq,
    toSeq: cursor,
    types,
    createdAt: deps.clock.now(),
  });
  await recordExchangeLog(deps.db, {
    partnerId: null,
    direction: 'file',
    operation: 'bundle-export',
    objectCount: events.length,
    durationMs: Date.now() - started,
    error:
      missingFiles.length > 0
        ? `Thiếu ${missingFiles.length} tệp minh chứng trong kho: ${missingFiles.join(', ')}`
        : null,
  });
  return { bytes, manifest, missingFiles };
}

/** The bundle bytes of {@link createBundle}. */
export async function exportBundle(deps: ExchangeDeps, options: BundleOptions = {}): Promise<Buffer> {
  return (await createBundle(deps, options)).bytes;
}

/** A partner by its id or by its system id (the CLI names partners by system id). */
export async function findPartner(db: Db, idOrSystemId: string): Promise<PartnerRow> {
  const [row] = await db
    .select()
    .from(exchangePartners)
    .where(or(eq(exchangePartners.id, idOrSystemId), eq(exchangePartners.systemId, idOrSystemId)));
  if (!row) {
    throw new AppError('NOT_FOUND', `Không có hệ thống đối tác ${idOrSystemId}.`);
  }
  return row;
}

async function trustFor(deps: ExchangeDeps, partner: PartnerRow): Promise<BundleTrust> {
  const now = deps.clock.now();
  const rows = await deps.db.select().from(exchangeCredentials).where(eq(exchangeCredentials.partnerId, partner.id));
  return {
    system: partner.systemId,
    partnerActive: partner.status === 'active',
    keys: rows.map((r) => ({
      publicKey: r.publicKey,
      revoked: r.revokedAt !== null && r.revokedAt <= now,
      expired: r.expiresAt !== null && r.expiresAt <= now,
      canWrite: r.scopes.includes('events:write'),
    })),
  };
}

/** Storage that keeps writes in memory: a dry run must not leave files behind. */
function overlayStorage(base: FileStorage): FileStorage {
  const written = new Map<string, Buffer>();
  return {
    async put(key, data) {
      written.set(key, Buffer.from(data));
    },
    async get(key) {
      return written.get(key) ?? base.get(key);
    },
    async exists(key) {
      return written.has(key) || base.exists(key);
    },
  };
}

class DryRunRollback extends Error {
  constructor(readonly results: EventBatchResult[]) {
    super('dry run');
  }
}

function chunks<T>(items: readonly T[], size: number): T[][] {
  const out: T[][] = [];
  for (let i = 0; i < items.length; i += size) {
    out.push(items.slice(i, i + size));
  }
  return out;
}

/**
 * Imports a partner's bundle. Nothing is written unless the whole bundle passes {@link inspectBundle}; otherwise
 * BUNDLE_INVALID with `details.problems`. The events then go through the same inbound path as the API
 * (`receiveEvents`: idempotency by event id, ownership rules, conflicts, waiting), with evidence files read from the
 * bundle, so importing the same bundle again answers every event `duplicate`. A dry run applies everything inside a
 * transaction that is rolled back (files kept in memory) and reports the outcomes the import would have.
 */
export async function importBundle(
  deps: ExchangeDeps,
  partnerId: string,
  bytes: Buffer,
  options: { dryRun?: boolean | undefined; actor?: Actor | null | undefined } = {},
): Promise<BundleImportResult> {
  const started = Date.now();
  const dryRun = options.dryRun ?? false;
  const partner = await findPartner(deps.db, partnerId);
  const operation = dryRun ? 'bundle-check' : 'bundle-import';
  const inspection = await inspectBundle(bytes, await trustFor(deps, partner));
  if (!inspection.ok) {
    await recordExchangeLog(deps.db, {
      partnerId: partner.id,
      direction: 'file',
      operation,
      httpStatus: 422,
      durationMs: Date.now() - started,
      error: inspection.problems.map((p) => p.message).join(' '),
    });
    throw new AppError('BUNDLE_INVALID', undefined, { problems: inspection.problems });
  }
  const { manifest, events, files } = inspection.bundle;
  const identity = await identityOf(deps);
  const fileSource: FileSource = async (sha256) => {
    const found = files.get(sha256);
    if (!found) {
      throw new Error('tệp không có trong gói dữ liệu');
    }
    return found;
  };
  const ordered = [...events].sort((a, b) => a.seq - b.seq);
  let batches: EventBatchResult[] = [];
  if (dryRun) {
    try {
      await deps.db.transaction(async (tx) => {
        const inbound = {
          db: tx,
          clock: deps.clock,
          storage: overlayStorage(deps.storage),
          systemId: identity.systemId,
        };
        const results: EventBatchResult[] = [];
        for (const chunk of chunks(ordered, APPLY_CHUNK)) {
          results.push(await receiveEvents(inbound, partner, chunk, fileSource));
        }
        throw new DryRunRollback(results);
      });
    } catch (error) {
      if (!(error instanceof DryRunRollback)) {
        throw error;
      }
      batches = error.results;
    }
  } else {
    const inbound = { db: deps.db, clock: deps.clock, storage: deps.storage, systemId: identity.systemId };
    for (const chunk of chunks(ordered, APPLY_CHUNK)) {
      batches.push(await receiveEvents(inbound, partner, chunk, fileSource));
    }
  }

  const counts: Record<string, number> = {};
  const byId = new Map(events.map((e) => [e.eventId, e]));
  const attention: BundleImportResult['attention'] = [];
  for (const batch of batches) {
    for (const result of batch.results) {
      counts[result.outcome] = (counts[result.outcome] ?? 0) + 1;
      const event = byId.get(result.eventId);
      if (event && ATTENTION.has(result.outcome) && attention.length < ATTENTION_LIMIT) {
        attention.push({
          eventId: result.eventId,
          objectType: event.objectType,
          objectId: event.objectId,
          outcome: result.outcome,
          ...(result.reason ? { reason: result.reason } : {}),
        });
      }
    }
  }
  const summary = {
    system: manifest.system,
    createdAt: manifest.createdAt,
    fromSeq: manifest.fromSeq,
    toSeq: manifest.toSeq,
    events: events.length,
    files: files.size,
    counts,
  };
  await deps.db.transaction(async (tx) => {
    await recordExchangeLog(tx, {
      partnerId: partner.id,
      direction: 'file',
      operation,
      httpStatus: 200,
      objectCount: events.length,
      durationMs: Date.now() - started,
    });
    if (!dryRun) {
      await recordAudit(tx, options.actor ?? null, {
        action: 'exchange.bundle.import',
        entityType: 'exchange_partner',
        entityId: partner.id,
        after: summary,
        at: deps.clock.now(),
      });
    }
  });
  return { dryRun, partnerId: partner.id, ...summary, attention, problems: [] };
}
