import { sha256Hex } from '@server/lib/ids';
import type { ExchangeEvent } from '@shared/contracts/exchange';
import JSZip from 'jszip';
import { describe, expect, it } from 'vitest';
import { type BundleTrust, inspectBundle, packBundle } from './bundle';
import { generateSigningKeyPair, signBytes } from './request-signing';

const PDF = Buffer.from('%PDF-1.7\n%âãÏÓ\n1 0 obj\n<<>>\nendobj\ntrailer\n<<>>\n%%EOF\n', 'latin1');
const PDF_SHA = sha256Hex(PDF);
const keys = generateSigningKeyPair();
const signer = { systemId: 'he-thong-57', name: 'Hệ thống 57', ...keys };

const events: ExchangeEvent[] = [
  {
    eventId: 'he-thong-57:7',
    seq: 7,
    origin: 'he-thong-57',
    objectType: 'progress_report',
    objectId: 'r1',
    op: 'upsert',
    version: 7,
    changedAt: '2025-07-18T03:00:00.000Z',
    payload: { id: 'r1', narrative: 'Đã kết nối thử nghiệm hai hệ thống.' },
  },
  {
    eventId: 'he-thong-57:8',
    seq: 8,
    origin: 'he-thong-57',
    objectType: 'evidence',
    objectId: 'e1',
    op: 'upsert',
    version: 8,
    changedAt: '2025-07-18T03:00:00.000Z',
    payload: { id: 'e1', reportId: 'r1', kind: 'file', sha256: PDF_SHA },
  },
];

const trust = (overrides: Partial<BundleTrust['keys'][number]> = {}): BundleTrust => ({
  system: 'he-thong-57',
  partnerActive: true,
  keys: [{ publicKey: keys.publicKey, revoked: false, expired: false, canWrite: true, ...overrides }],
});

async function bundle(): Promise<Buffer> {
  const { bytes } = await packBundle(signer, {
    events,
    files: new Map([[PDF_SHA, PDF]]),
    fromSeq: 6,
    toSeq: 8,
    types: null,
    createdAt: new Date('2025-07-18T03:00:00Z'),
  });
  return bytes;
}

/** Rebuilds a bundle's ZIP after changing its entries (the tampering an attacker could do without the key). */
async function rezip(bytes: Buffer, change: (entries: Map<string, Buffer>) => void): Promise<Buffer> {
  const zip = await JSZip.loadAsync(bytes);
  const entries = new Map<string, Buffer>();
  for (const file of Object.values(zip.files)) {
    entries.set(file.name, await file.async('nodebuffer'));
  }
  change(entries);
  const out = new JSZip();
  for (const [name, data] of entries) {
    out.file(name, data, { createFolders: false });
  }
  return out.generateAsync({ type: 'nodebuffer', compression: 'DEFLATE' });
}

async function problemsOf(bytes: Buffer, t: BundleTrust = trust()) {
  const result = await inspectBundle(bytes, t);
  return result.ok ? [] : result.problems.map((p) => p.code);
}

describe('signed exchange bundle', () => {
  it('packs events and evidence files with a signed manifest of SHA-256 hashes, and reads them back', async () => {
    const bytes = await bundle();
    const result = await inspectBundle(bytes, trust());
    expect(result.ok).toBe(true);
    if (!result.ok) {
      return;
    }
    expect(result.bundle.events).toEqual(events);
    expect(result.bundle.files.get(PDF_SHA)?.equals(PDF)).toBe(true);
    const { manifest } = result.bundle;
    expect(manifest).toMatchObject({
      format: 'tiendo-bundle',
      version: 1,
      system: 'he-thong-57',
      systemName: 'Hệ thống 57',
      publicKey: keys.publicKey,
      fromSeq: 6,
      toSeq: 8,
      counts: { progress_report: 1, evidence: 1 },
    });
    expect(manifest.entries.map((e) => e.path)).toEqual(['events.jsonl', `files/${PDF_SHA}`]);
    expect(manifest.entries[1]).toEqual({ path: `files/${PDF_SHA}`, sha256: PDF_SHA, size: PDF.length });
    // Same content, same bytes: entry dates are the creation time, not "now".
    expect((await bundle()).equals(bytes)).toBe(true);
  });

  it('refuses a changed byte in events.jsonl, a swapped file, an extra or a missing file', async () => {
    const bytes = await bundle();
    const flipped = await rezip(bytes, (entries) => {
      const text = entries.get('events.jsonl')?.toString('utf8') ?? '';
      entries.set('events.jsonl', Buffer.from(text.replace('thử nghiệm', 'thử nghiện'), 'utf8'));
    });
    expect(await problemsOf(flipped)).toEqual(['hash-mismatch']);

    const swapped = await rezip(bytes, (entries) => {
      entries.set(`files/${PDF_SHA}`, Buffer.from(PDF.toString('latin1').replace('1.7', '1.4'), 'latin1'));
    });
    expect(await problemsOf(swapped)).toEqual(['hash-mismatch']);

    const longer = await rezip(bytes, (entries) => {
      entries.set(`files/${PDF_SHA}`, Buffer.concat([PDF, Buffer.from('x')]));
    });
    expect(await problemsOf(longer)).toEqual(['size-mismatch']);

    const extra = await rezip(bytes, (entries) => {
      entries.set('files/readme.txt', Buffer.from('x'));
    });
    expect(await problemsOf(extra)).toEqual(['extra-file']);

    const missing = await rezip(bytes, (entries) => {
      entries.delete(`files/${PDF_SHA}`);
    });
    expect(await problemsOf(missing)).toEqual(['missing-file']);
  });

  it('refuses an edited manifest, an unknown, revoked or scope-less key, and another sender', async () => {
    const bytes = await bundle();
    const edited = await rezip(bytes, (entries) => {
      const manifest = JSON.parse(entries.get('manifest.json')?.toString('utf8') ?? '{}');
      manifest.entries[0].sha256 = '0'.repeat(64);
      entries.set('manifest.json', Buffer.from(JSON.stringify(manifest, null, 2), 'utf8'));
    });
    expect(await problemsOf(edited)).toEqual(['bad-signature']);

    const other = generateSigningKeyPair();
    const forged = await packBundle(
      { ...signer, ...other },
      { events, files: new Map([[PDF_SHA, PDF]]), fromSeq: 0, toSeq: 8, types: null, createdAt: new Date() },
    );
    expect(await problemsOf(forged.bytes)).toEqual(['unknown-key']);

    expect(await problemsOf(bytes, trust({ revoked: true }))).toEqual(['key-revoked']);
    expect(await problemsOf(bytes, trust({ expired: true }))).toEqual(['key-expired']);
    expect(await problemsOf(bytes, trust({ canWrite: false }))).toEqual(['key-scope']);
    expect(await problemsOf(bytes, { ...trust(), system: 'he-thong-71' })).toEqual(['wrong-system']);
    expect(await problemsOf(bytes, { ...trust(), partnerActive: false })).toEqual(['partner-disabled']);
  });

  it('refuses what is not a bundle, an unsigned one and a corrupted ZIP', async () => {
    expect(await problemsOf(Buffer.from('%PDF-1.7 not a zip'))).toEqual(['not-a-zip']);
    const bytes = await bundle();
    const unsigned = await rezip(bytes, (entries) => {
      entries.delete('manifest.sig');
    });
    expect(await problemsOf(unsigned)).toEqual(['missing-signature']);
    const resigned = await rezip(bytes, (entries) => {
      const text = (entries.get('manifest.json') as Buffer).toString('utf8').replace('"version": 1', '"version": 2');
      entries.set('manifest.json', Buffer.from(text));
      entries.set('manifest.sig', Buffer.from(signBytes(keys.privateKey, text)));
    });
    expect(await problemsOf(resigned)).toEqual(['unsupported-format']);

    // One byte flipped inside the stored PDF's data: the ZIP still opens, the hash check catches it.
    const corrupt = Buffer.from(bytes);
    const at = corrupt.indexOf(Buffer.from('endobj'));
    expect(at).toBeGreaterThan(0);
    corrupt[at] = 'E'.charCodeAt(0);
    expect(await problemsOf(corrupt)).toEqual(['hash-mismatch']);
  });
});
