import { Writable } from 'node:stream';
import { describe, expect, it } from 'vitest';
import { createLogger } from '../../../src/adapters/logging/logger';

describe('logger redaction', () => {
  it('when secrets appear in messages, fields, nested objects or errors then no line contains them', () => {
    const lines: string[] = [];
    const destination = new Writable({
      write(chunk, _enc, done) {
        lines.push(String(chunk));
        done();
      },
    });
    const secrets = ['PSfakeAppKey0123456789', 'fake-app-secret-abcdefghijklmnop', 'sk-fake-openai-key'];
    const logger = createLogger({ level: 'debug', secrets, destination });

    logger.info(`calling KIS with ${secrets[0]}`);
    logger.warn(
      {
        request: { headers: { appkey: 'anything', authorization: 'Bearer abc' }, note: `key=${secrets[2]}` },
      },
      'req',
    );
    logger.error({ err: new Error(`auth failed for ${secrets[1]}`) }, 'boom');
    logger.debug({ token: 'eyJhbGciOiJIUzI1NiJ9.payload.signature' }, 'token cached');

    expect(lines).toHaveLength(4);
    const all = lines.join('\n');
    for (const secret of [...secrets, 'eyJhbGciOiJIUzI1NiJ9']) expect(all).not.toContain(secret);
    expect(all).toContain('[redacted]');
    expect(all).toContain('calling KIS with');
  });
});
