import { describe, expect, it } from 'vitest';
import { ConfigError, loadConfig } from '../../../src/config';

describe('REDIS_URL', () => {
  it('when REDIS_URL is a redis URL then the shared KIS budget moves there and its password is a secret', () => {
    // Act
    const config = loadConfig({ REDIS_URL: 'redis://:s3cret-pass@127.0.0.1:6379/0' });
    // Assert
    expect(config.redis).toEqual({ url: 'redis://:s3cret-pass@127.0.0.1:6379/0' });
    expect(config.secrets).toContain('s3cret-pass');
  });

  it('when REDIS_URL is empty then there is no Redis', () => {
    expect(loadConfig({ REDIS_URL: '  ' }).redis).toBeUndefined();
  });

  it('when REDIS_URL is not a redis URL then the configuration error names it', () => {
    // Act
    let error: unknown;
    try {
      loadConfig({ REDIS_URL: 'http://127.0.0.1:6379', RISK_MAX_ORDERS_PER_DAY: 'many' });
    } catch (e) {
      error = e;
    }
    // Assert: one error, both problems.
    expect(error).toBeInstanceOf(ConfigError);
    const problems = (error as ConfigError).problems;
    expect(problems.some((p) => p.startsWith('REDIS_URL:'))).toBe(true);
    expect(problems.some((p) => p.startsWith('RISK_MAX_ORDERS_PER_DAY:'))).toBe(true);
  });
});
