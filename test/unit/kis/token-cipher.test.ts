import { describe, expect, it } from 'vitest';
import { kisKeyId, TokenCipher } from '../../../src/adapters/kis/token-cipher';

describe('token cipher', () => {
  const keyId = kisKeyId('paper', 'PSappkey-123');

  it('when a token is encrypted then the ciphertext hides it and decrypts back', () => {
    // Arrange
    const cipher = new TokenCipher('the-app-secret', keyId);
    // Act
    const ciphertext = cipher.encrypt('eyJ0eXAiOiJKV1Qi.token.value');
    // Assert
    expect(ciphertext).not.toContain('eyJ0eXAiOiJKV1Qi');
    expect(cipher.decrypt(ciphertext)).toBe('eyJ0eXAiOiJKV1Qi.token.value');
  });

  it('when another secret or another key id tries to decrypt then it gets nothing', () => {
    // Arrange
    const ciphertext = new TokenCipher('the-app-secret', keyId).encrypt('token');
    // Act + Assert
    expect(new TokenCipher('other-secret', keyId).decrypt(ciphertext)).toBeNull();
    expect(
      new TokenCipher('the-app-secret', kisKeyId('real', 'PSappkey-123')).decrypt(ciphertext),
    ).toBeNull();
    expect(new TokenCipher('the-app-secret', keyId).decrypt('garbage')).toBeNull();
  });

  it('when key ids are derived then they differ per environment and never contain the app key', () => {
    // Act
    const paper = kisKeyId('paper', 'PSappkey-123');
    const real = kisKeyId('real', 'PSappkey-123');
    // Assert
    expect(paper).not.toBe(real);
    expect(paper).not.toContain('PSappkey');
    expect(paper).toMatch(/^[0-9a-f]{32}$/);
  });
});
