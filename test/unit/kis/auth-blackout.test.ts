/** The access-token cache and KIS maintenance windows: never issue inside one, renew before one if needed. */
import { afterEach, describe, expect, it } from 'vitest';
import { FakeClock } from '../../../src/adapters/clock/fake';
import { KisAuth, type TokenBlackouts } from '../../../src/adapters/kis/auth';
import { KisTransport } from '../../../src/adapters/kis/http/transport';
import { SlidingWindowRateLimiter } from '../../../src/adapters/kis/rate-limit';
import { kisKeyId, TokenCipher } from '../../../src/adapters/kis/token-cipher';
import { InMemoryTokenStore, type TokenStore } from '../../../src/adapters/kis/token-store';
import { activeBlackout, nextBlackout, parseDailyBlackouts } from '../../../src/domain/blackout';
import { kstInstant } from '../../../src/domain/market';
import { type KisStub, startKisStub, tokenReply } from './support/kis-stub';
import { recordingLogger } from './support/recording-logger';

const APP_KEY = 'PSAPPKEY-unit-test-blackout-0000000000';
const APP_SECRET = 'APPSECRET-unit-test-blackout-never-leak';
const KEY_ID = kisKeyId('paper', APP_KEY);
const parsed = parseDailyBlackouts('23:30-00:10');
const schedule = { daily: parsed.ok ? parsed.value : [], adhoc: [] };
const NIGHTLY: TokenBlackouts = {
  inForce: (at) => activeBlackout(at, schedule) !== null,
  next: (at) => nextBlackout(at, schedule),
};

let stub: KisStub | undefined;
afterEach(async () => {
  await stub?.close();
  stub = undefined;
});

function buildAuth(url: string, store: TokenStore, clock: FakeClock): KisAuth {
  const logger = recordingLogger();
  return new KisAuth({
    restUrl: url,
    appKey: APP_KEY,
    appSecret: APP_SECRET,
    keyId: KEY_ID,
    store,
    cipher: new TokenCipher(APP_SECRET, KEY_ID),
    clock,
    transport: new KisTransport(
      'paper',
      (u, init) => fetch(u, init),
      new SlidingWindowRateLimiter(1000),
      logger,
    ),
    logger,
    sleep: async (ms) => clock.advance(ms),
    timeoutMs: 2_000,
    issueIntervalMs: 60_000,
    blackouts: NIGHTLY,
  });
}

async function tokenServer(expiresKst: string, token: string): Promise<KisStub> {
  return startKisStub(() => tokenReply(expiresKst, token));
}

const tokenRequests = (s: KisStub) => s.requests.filter((r) => r.path === '/oauth2/tokenP').length;

async function seeded(
  store: InMemoryTokenStore,
  token: string,
  expiresAt: Date,
  issuedAt: Date,
): Promise<void> {
  await store.put(KEY_ID, {
    ciphertext: new TokenCipher(APP_SECRET, KEY_ID).encrypt(token),
    expiresAt,
    issuedAt,
  });
}

describe('KisAuth in KIS maintenance windows', () => {
  it('when the token has expired inside the nightly window then no token is requested and the call fails with BLACKOUT', async () => {
    stub = await tokenServer('2026-03-04 00:00:00', 'fresh-token');
    const store = new InMemoryTokenStore();
    await seeded(store, 'old-token', kstInstant('2026-03-02', 23, 40), kstInstant('2026-03-01', 23, 40));
    const auth = buildAuth(stub.url, store, new FakeClock(kstInstant('2026-03-02', 23, 50)));

    await expect(auth.accessToken()).rejects.toMatchObject({ code: 'BLACKOUT' });
    expect(tokenRequests(stub)).toBe(0);
  });

  it('when the token is near its expiry inside the window then it is still used and nothing is requested', async () => {
    stub = await tokenServer('2026-03-04 00:00:00', 'fresh-token');
    const store = new InMemoryTokenStore();
    await seeded(store, 'old-token', kstInstant('2026-03-02', 23, 55), kstInstant('2026-03-01', 23, 55));
    const clock = new FakeClock(kstInstant('2026-03-02', 23, 20));
    const auth = buildAuth(stub.url, store, clock);
    // 23:20 is inside the lead time, but the stub fails the renewal: the old token keeps serving.
    await stub.close();
    stub = undefined;
    expect(await auth.accessToken()).toBe('old-token');
    clock.set(kstInstant('2026-03-02', 23, 50));

    expect(await auth.accessToken()).toBe('old-token');
  });

  it('when a day-old token would run out during tonight’s window then it is renewed before the window starts', async () => {
    stub = await tokenServer('2026-03-03 23:00:00', 'renewed-token');
    const store = new InMemoryTokenStore();
    await seeded(store, 'old-token', kstInstant('2026-03-02', 23, 50), kstInstant('2026-03-01', 23, 50));
    const clock = new FakeClock(kstInstant('2026-03-02', 21, 0));
    const auth = buildAuth(stub.url, store, clock);

    const early = await auth.accessToken();
    clock.set(kstInstant('2026-03-02', 22, 45));
    const beforeWindow = await auth.accessToken();
    clock.set(kstInstant('2026-03-02', 23, 59));
    const inWindow = await auth.accessToken();

    expect(early).toBe('old-token');
    expect(beforeWindow).toBe('renewed-token');
    expect(inWindow).toBe('renewed-token');
    expect(tokenRequests(stub)).toBe(1);
  });

  it('when the token outlives the next window then nothing is renewed early', async () => {
    stub = await tokenServer('2026-03-03 23:00:00', 'renewed-token');
    const store = new InMemoryTokenStore();
    await seeded(store, 'young-token', kstInstant('2026-03-03', 21, 0), kstInstant('2026-03-02', 21, 0));
    const auth = buildAuth(stub.url, store, new FakeClock(kstInstant('2026-03-02', 23, 0)));

    expect(await auth.accessToken()).toBe('young-token');
    expect(tokenRequests(stub)).toBe(0);
  });
});
