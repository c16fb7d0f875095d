import { createCipheriv, createDecipheriv, createHash, hkdfSync, randomBytes } from 'node:crypto';
import type { BrokerEnvironment } from '../../domain/ports';

const CIPHER = 'aes-256-gcm';
const IV_BYTES = 12;
const TAG_BYTES = 16;
const FORMAT = 'v1';

/** Identifies an app key in shared stores and limiters without revealing it. */
export function kisKeyId(environment: BrokerEnvironment, appKey: string): string {
  return createHash('sha256').update(`kis-desk:${environment}:${appKey}`).digest('hex').slice(0, 32);
}

/**
 * Encrypts access tokens at rest with AES-256-GCM under a key derived (HKDF-SHA256) from the app secret, so
 * a database dump alone never yields a usable token. The keyId is bound as associated data: a ciphertext
 * copied to another key's row does not decrypt.
 */
export class TokenCipher {
  private readonly key: Buffer;

  constructor(
    appSecret: string,
    private readonly keyId: string,
  ) {
    this.key = Buffer.from(hkdfSync('sha256', appSecret, keyId, 'kis-desk access token v1', 32));
  }

  encrypt(token: string): string {
    const iv = randomBytes(IV_BYTES);
    const cipher = createCipheriv(CIPHER, this.key, iv, { authTagLength: TAG_BYTES });
    cipher.setAAD(Buffer.from(this.keyId));
    const body = Buffer.concat([cipher.update(token, 'utf8'), cipher.final()]);
    return [
      FORMAT,
      iv.toString('base64'),
      cipher.getAuthTag().toString('base64'),
      body.toString('base64'),
    ].join('.');
  }

  /** Returns null for anything that is not a ciphertext of this key (tampered, other secret, other format). */
  decrypt(ciphertext: string): string | null {
    const [format, iv, tag, body] = ciphertext.split('.');
    if (format !== FORMAT || iv === undefined || tag === undefined || body === undefined) return null;
    try {
      const decipher = createDecipheriv(CIPHER, this.key, Buffer.from(iv, 'base64'), {
        authTagLength: TAG_BYTES,
      });
      decipher.setAAD(Buffer.from(this.keyId));
      decipher.setAuthTag(Buffer.from(tag, 'base64'));
      return Buffer.concat([decipher.update(Buffer.from(body, 'base64')), decipher.final()]).toString('utf8');
    } catch {
      return null;
    }
  }
}
