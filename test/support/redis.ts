import { randomBytes } from 'node:crypto';
import { Redis } from 'ioredis';

/**
 * The Redis the shared-budget tests use: TEST_REDIS_URL, else the local one at 127.0.0.1:6379 (CI runs one).
 * Null when nothing answers PING within a second, so those tests skip instead of hanging.
 */
export async function reachableRedisUrl(): Promise<string | null> {
  const url = process.env.TEST_REDIS_URL ?? 'redis://127.0.0.1:6379';
  const probe = new Redis(url, {
    lazyConnect: true,
    connectTimeout: 1_000,
    maxRetriesPerRequest: 0,
    retryStrategy: () => null,
  });
  probe.on('error', () => undefined);
  try {
    await probe.connect();
    return (await probe.ping()) === 'PONG' ? url : null;
  } catch {
    return null;
  } finally {
    probe.disconnect();
  }
}

/** A key prefix of its own, so parallel test files never share a budget. */
export function freshRedisPrefix(): string {
  return `kisdesk-test-${randomBytes(5).toString('hex')}`;
}
