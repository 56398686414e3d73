import { createCipheriv, createDecipheriv, createHash, randomBytes } from 'node:crypto';

const PREFIX = 'sealed:v1:';

/**
 * Encrypts secrets the server must be able to read back (keys a partner system issued to us, this system's signing
 * key) before they go into the database: AES-256-GCM under a key derived from `TIENDO_SECRET_KEY`. Without that
 * setting values are stored as given (and read back as given), so an installation can turn encryption on later:
 * values written before stay readable, values written after are sealed.
 */
export type SecretBox = {
  readonly sealing: boolean;
  seal: (plain: string) => string;
  open: (stored: string) => string;
};

export function isSealed(stored: string): boolean {
  return stored.startsWith(PREFIX);
}

export function createSecretBox(secret: string | undefined): SecretBox {
  const key = secret ? createHash('sha256').update(`tiendo-secret-box\u0000${secret}`).digest() : null;
  return {
    sealing: key !== null,
    seal(plain) {
      if (!key) {
        return plain;
      }
      const iv = randomBytes(12);
      const cipher = createCipheriv('aes-256-gcm', key, iv);
      const body = Buffer.concat([cipher.update(plain, 'utf8'), cipher.final()]);
      return `${PREFIX}${[iv, cipher.getAuthTag(), body].map((b) => b.toString('base64url')).join('.')}`;
    },
    open(stored) {
      if (!isSealed(stored)) {
        return stored;
      }
      if (!key) {
        throw new Error('Giá trị đã được mã hóa: cần đặt TIENDO_SECRET_KEY (khóa đã dùng khi lưu) để đọc.');
      }
      const [iv, tag, body] = stored
        .slice(PREFIX.length)
        .split('.')
        .map((part) => Buffer.from(part, 'base64url'));
      if (!iv || !tag || !body) {
        throw new Error('Giá trị mã hóa bị hỏng.');
      }
      const decipher = createDecipheriv('aes-256-gcm', key, iv);
      decipher.setAuthTag(tag);
      try {
        return Buffer.concat([decipher.update(body), decipher.final()]).toString('utf8');
      } catch {
        throw new Error('Không giải mã được: TIENDO_SECRET_KEY khác khóa đã dùng khi lưu, hoặc dữ liệu bị sửa.');
      }
    },
  };
}
