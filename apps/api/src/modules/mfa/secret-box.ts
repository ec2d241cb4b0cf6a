import { createCipheriv, createDecipheriv, hkdfSync, randomBytes } from 'node:crypto';

const VERSION = 'v1';
const IV_BYTES = 12;
const TAG_BYTES = 16;

/**
 * Authenticated encryption of small secrets at rest (the TOTP seeds): AES-256-GCM, a fresh 96-bit IV
 * per value, the key derived with HKDF-SHA-256 from the app's secret for this one purpose, and
 * additional data binding each ciphertext to its row (a value copied to another user does not open).
 * Stored as `v1.<iv>.<ciphertext>.<tag>` in base64url.
 */
export class SecretBox {
  private readonly key: Buffer;

  constructor(secret: string, purpose: string) {
    this.key = Buffer.from(hkdfSync('sha256', secret, 'call-tracking', purpose, 32));
  }

  seal(plain: Uint8Array, associatedData: string): string {
    const iv = randomBytes(IV_BYTES);
    const cipher = createCipheriv('aes-256-gcm', this.key, iv, { authTagLength: TAG_BYTES });
    cipher.setAAD(Buffer.from(associatedData));
    const body = Buffer.concat([cipher.update(plain), cipher.final()]);
    return [VERSION, iv, body, cipher.getAuthTag()]
      .map((p) => (typeof p === 'string' ? p : p.toString('base64url')))
      .join('.');
  }

  /** The plain value; throws if the value was altered, belongs to other data, or the key changed. */
  open(sealed: string, associatedData: string): Buffer {
    const [version, iv, body, tag, extra] = sealed.split('.');
    if (version !== VERSION || !iv || body === undefined || !tag || extra !== undefined) {
      throw new Error('unreadable sealed value');
    }
    const decipher = createDecipheriv('aes-256-gcm', this.key, Buffer.from(iv, 'base64url'), {
      authTagLength: TAG_BYTES,
    });
    decipher.setAAD(Buffer.from(associatedData));
    decipher.setAuthTag(Buffer.from(tag, 'base64url'));
    return Buffer.concat([decipher.update(Buffer.from(body, 'base64url')), decipher.final()]);
  }
}
