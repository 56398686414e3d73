import { execFileSync, spawnSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { acquireDataDirLock, DataDirLockedError } from './data-dir-lock';

const dirs: string[] = [];
function tempDir(): string {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'tiendo-lock-'));
  dirs.push(dir);
  return dir;
}

afterEach(() => {
  for (const dir of dirs.splice(0)) {
    fs.rmSync(dir, { recursive: true, force: true });
  }
});

describe('data dir lock (PGlite has none: a second process would silently lose writes)', () => {
  it('refuses a second holder while the first is alive, and frees the dir on release', () => {
    const dir = tempDir();
    const lock = acquireDataDirLock(dir);
    // Same process, so simulate another live holder by writing the parent's pid into the lockfile.
    fs.writeFileSync(path.join(dir, 'tiendo.lock'), String(process.ppid));
    expect(() => acquireDataDirLock(dir)).toThrow(DataDirLockedError);
    fs.writeFileSync(path.join(dir, 'tiendo.lock'), String(process.pid));
    lock.release();
    expect(fs.existsSync(path.join(dir, 'tiendo.lock'))).toBe(false);
    acquireDataDirLock(dir).release();
  });

  it('takes over a lock left by a process that died', () => {
    const dir = tempDir();
    const deadPid = Number(
      execFileSync(process.execPath, ['-e', 'process.stdout.write(String(process.pid))']).toString(),
    );
    fs.writeFileSync(path.join(dir, 'tiendo.lock'), String(deadPid));
    const lock = acquireDataDirLock(dir);
    expect(fs.readFileSync(path.join(dir, 'tiendo.lock'), 'utf8')).toBe(String(process.pid));
    lock.release();
  });

  it('a second `tiendo` process on a locked data dir fails with a clear, coded message', () => {
    const dir = tempDir();
    const lock = acquireDataDirLock(dir);
    try {
      const run = spawnSync(process.execPath, ['bin/tiendo.js', 'migrate', '--data-dir', dir, '--json'], {
        encoding: 'utf8',
        timeout: 60_000,
      });
      expect(run.status).toBe(1);
      const out = JSON.parse(run.stdout.trim().split('\n').pop() ?? '{}');
      expect(out).toMatchObject({ ok: false, error: { code: 'DATA_DIR_LOCKED' } });
      expect(out.error.message).toContain('đang được tiến trình khác');
    } finally {
      lock.release();
    }
  });
});
