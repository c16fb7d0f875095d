import { createCipheriv, randomBytes } from 'node:crypto';

const ALPHANUMERIC = 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789';

/** A random key/iv as KIS hands them out in the subscribe ack: printable, used as their UTF-8 bytes. */
export function randomCipherText(length: number): string {
  const bytes = randomBytes(length);
  let out = '';
  for (const b of bytes) out += ALPHANUMERIC[b % ALPHANUMERIC.length];
  return out;
}

/** base64(AES-256-CBC(PKCS7)) with a 32-char key and 16-char iv, as H0STCNI0/H0STCNI9 frames carry. */
export function encryptNotice(plain: string, key: string, iv: string): string {
  const cipher = createCipheriv('aes-256-cbc', Buffer.from(key, 'utf8'), Buffer.from(iv, 'utf8'));
  return Buffer.concat([cipher.update(plain, 'utf8'), cipher.final()]).toString('base64');
}
