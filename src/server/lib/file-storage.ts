import fs from 'node:fs/promises';
import path from 'node:path';

/** Where uploaded and imported files live. Local disk by default; other backends implement the same three calls. */
export type FileStorage = {
  put: (key: string, data: Buffer) => Promise<void>;
  get: (key: string) => Promise<Buffer>;
  exists: (key: string) => Promise<boolean>;
};

export function createLocalFileStorage(rootDir: string): FileStorage {
  const resolveKey = (key: string) => {
    const full = path.resolve(rootDir, key);
    if (!full.startsWith(path.resolve(rootDir) + path.sep)) {
      throw new Error(`invalid storage key: ${key}`);
    }
    return full;
  };
  return {
    async put(key, data) {
      const full = resolveKey(key);
      await fs.mkdir(path.dirname(full), { recursive: true });
      const tmp = `${full}.${process.pid}.tmp`;
      await fs.writeFile(tmp, data);
      await fs.rename(tmp, full);
    },
    get: (key) => fs.readFile(resolveKey(key)),
    async exists(key) {
      try {
        await fs.access(resolveKey(key));
        return true;
      } catch {
        return false;
      }
    },
  };
}

/** In-memory storage for tests that do not look at files on disk. */
export function createMemoryFileStorage(): FileStorage {
  const files = new Map<string, Buffer>();
  return {
    async put(key, data) {
      files.set(key, Buffer.from(data));
    },
    async get(key) {
      const data = files.get(key);
      if (!data) {
        throw new Error(`no such file: ${key}`);
      }
      return data;
    },
    exists: async (key) => files.has(key),
  };
}
