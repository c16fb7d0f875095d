import { afterEach, describe, expect, it } from 'vitest';
import { KisAuth } from '../../../src/adapters/kis/auth';
import { KisTransport } from '../../../src/adapters/kis/http/transport';
import { SlidingWindowRateLimiter } from '../../../src/adapters/kis/rate-limit';
import { kisKeyId, TokenCipher } from '../../../src/adapters/kis/token-cipher';
import { InMemoryTokenStore, type TokenStore } from '../../../src/adapters/kis/token-store';
import { FakeClock } from '../../../src/adapters/clock/fake';
import { approvalReply, type KisStub, startKisStub, type StubReply, tokenReply } from './support/kis-stub';
import { recordingLogger, type RecordingLogger } from './support/recording-logger';

const APP_KEY = 'PSAPPKEY-unit-test-000000000000000000';
const APP_SECRET = 'APPSECRET-unit-test-must-never-leak';
const KEY_ID = kisKeyId('paper', APP_KEY);
// 2026-03-02 09:00 KST
const START = '2026-03-02T00:00:00Z';

let stub: KisStub | undefined;
afterEach(async () => {
  await stub?.close();
  stub = undefined;
});

interface Harness {
  auth: KisAuth;
  clock: FakeClock;
  sleeps: number[];
  logger: RecordingLogger;
}

function buildAuth(url: string, store: TokenStore, clock = new FakeClock(START)): Harness {
  const sleeps: number[] = [];
  const logger = recordingLogger();
  const transport = new KisTransport(
    'paper',
    (u, init) => fetch(u, init),
    new SlidingWindowRateLimiter(1000),
    logger,
  );
  const auth = new KisAuth({
    restUrl: url,
    appKey: APP_KEY,
    appSecret: APP_SECRET,
    keyId: KEY_ID,
    store,
    cipher: new TokenCipher(APP_SECRET, KEY_ID),
    clock,
    transport,
    logger,
    sleep: async (ms) => {
      sleeps.push(ms);
      clock.advance(ms);
    },
    timeoutMs: 2_000,
    issueIntervalMs: 60_000,
  });
  return { auth, clock, sleeps, logger };
}

/** Answers tokenP from a queue (last entry repeats) and counts issuances. */
async function tokenServer(replies: StubReply[]): Promise<KisStub> {
  let i = 0;
  return startKisStub((req) => {
    if (req.path === '/oauth2/Approval') return approvalReply();
    const reply = replies[Math.min(i, replies.length - 1)]!;
    i += 1;
    return reply;
  });
}

const tokenRequests = (s: KisStub) => s.requests.filter((r) => r.path === '/oauth2/tokenP');

describe('KisAuth', () => {
  it('when a valid token is cached then it is reused by this client and by a restarted one', async () => {
    // Arrange
    stub = await tokenServer([tokenReply('2026-03-03 09:00:00', 'token-one')]);
    const store = new InMemoryTokenStore();
    const first = buildAuth(stub.url, store);
    // Act
    const a = await first.auth.accessToken();
    const b = await first.auth.accessToken();
    const afterRestart = await buildAuth(stub.url, store, first.clock).auth.accessToken();
    // Assert
    expect([a, b, afterRestart]).toEqual(['token-one', 'token-one', 'token-one']);
    expect(tokenRequests(stub)).toHaveLength(1);
    expect(tokenRequests(stub)[0]!.body).toEqual({
      grant_type: 'client_credentials',
      appkey: APP_KEY,
      appsecret: APP_SECRET,
    });
  });

  it('when the token is stored then the store holds ciphertext and the KST expiry, not the token', async () => {
    // Arrange
    stub = await tokenServer([tokenReply('2026-03-03 08:16:59', 'token-in-clear')]);
    const store = new InMemoryTokenStore();
    // Act
    await buildAuth(stub.url, store).auth.accessToken();
    const stored = await store.get(KEY_ID);
    // Assert
    expect(stored!.ciphertext).not.toContain('token-in-clear');
    expect(stored!.expiresAt.toISOString()).toBe('2026-03-02T23:16:59.000Z');
    expect(stored!.issuedAt.toISOString()).toBe('2026-03-02T00:00:00.000Z');
  });

  it('when less than 10 minutes are left by the KST expiry then a new token is issued despite expires_in', async () => {
    // Arrange: expires_in says 24 h, the wall-clock expiry says 10:00 KST (one hour after START)
    stub = await tokenServer([
      tokenReply('2026-03-02 10:00:00', 'old'),
      tokenReply('2026-03-03 10:00:00', 'new'),
    ]);
    const h = buildAuth(stub.url, new InMemoryTokenStore());
    await h.auth.accessToken();
    // Act
    h.clock.advance(45 * 60_000);
    const stillOld = await h.auth.accessToken();
    h.clock.advance(6 * 60_000);
    const renewed = await h.auth.accessToken();
    // Assert
    expect(stillOld).toBe('old');
    expect(renewed).toBe('new');
    expect(tokenRequests(stub)).toHaveLength(2);
  });

  it('when another process tried to issue 20 s ago then issuance waits out the minute before asking', async () => {
    // Arrange
    stub = await tokenServer([tokenReply()]);
    const store = new InMemoryTokenStore();
    const h = buildAuth(stub.url, store);
    await store.recordIssueAttempt(KEY_ID, new Date(h.clock.now().getTime() - 20_000));
    // Act
    await h.auth.accessToken();
    // Assert
    expect(h.sleeps).toEqual([40_000]);
    expect(tokenRequests(stub)).toHaveLength(1);
    expect((await store.lastIssueAttempt(KEY_ID))!.getTime()).toBe(h.clock.now().getTime());
  });

  it('when tokenP answers 403 EGW00133 then the client waits a full minute and asks once more', async () => {
    // Arrange
    stub = await tokenServer([
      {
        status: 403,
        body: {
          error_description: '접근토큰 발급 잠시 후 다시 시도하세요(1분당 1회)',
          error_code: 'EGW00133',
        },
      },
      tokenReply('2026-03-03 09:00:00', 'after-wait'),
    ]);
    const h = buildAuth(stub.url, new InMemoryTokenStore());
    // Act
    const token = await h.auth.accessToken();
    // Assert
    expect(token).toBe('after-wait');
    expect(h.sleeps).toEqual([60_000]);
    expect(tokenRequests(stub)).toHaveLength(2);
  });

  it('when tokenP keeps refusing then issuance gives up after three spaced attempts with the code', async () => {
    // Arrange
    stub = await tokenServer([{ status: 403, body: { error_description: 'wait', error_code: 'EGW00133' } }]);
    const h = buildAuth(stub.url, new InMemoryTokenStore());
    // Act + Assert
    await expect(h.auth.accessToken()).rejects.toMatchObject({ code: 'EGW00133', retry: 'safe' });
    expect(tokenRequests(stub)).toHaveLength(3);
    expect(h.sleeps).toEqual([60_000, 60_000]);
  });

  it('when two clients share one store and ask at once then exactly one token is issued', async () => {
    // Arrange
    stub = await tokenServer([{ ...tokenReply('2026-03-03 09:00:00', 'shared'), delayMs: 50 }]);
    const store = new InMemoryTokenStore();
    const clock = new FakeClock(START);
    const one = buildAuth(stub.url, store, clock);
    const two = buildAuth(stub.url, store, clock);
    // Act
    const tokens = await Promise.all([
      one.auth.accessToken(),
      two.auth.accessToken(),
      one.auth.accessToken(),
    ]);
    // Assert
    expect(tokens).toEqual(['shared', 'shared', 'shared']);
    expect(tokenRequests(stub)).toHaveLength(1);
  });

  it('when KIS rejects the current token then reissue gets a different one after the interval', async () => {
    // Arrange
    stub = await tokenServer([
      tokenReply('2026-03-03 09:00:00', 'first'),
      tokenReply('2026-03-03 09:05:00', 'second'),
    ]);
    const h = buildAuth(stub.url, new InMemoryTokenStore());
    const first = await h.auth.accessToken();
    h.clock.advance(10_000);
    // Act
    const second = await h.auth.reissue(first);
    const again = await h.auth.reissue(first);
    // Assert
    expect(second).toBe('second');
    expect(again).toBe('second');
    expect(h.sleeps).toEqual([50_000]);
    expect(tokenRequests(stub)).toHaveLength(2);
  });

  it('when the approval key is requested then it sends secretkey and is cached', async () => {
    // Arrange
    stub = await tokenServer([tokenReply()]);
    const h = buildAuth(stub.url, new InMemoryTokenStore());
    // Act
    const keys = await Promise.all([h.auth.approvalKey(), h.auth.approvalKey()]);
    const later = await h.auth.approvalKey();
    // Assert
    expect(keys).toEqual(['approval-key-for-tests', 'approval-key-for-tests']);
    expect(later).toBe('approval-key-for-tests');
    const approvals = stub.requests.filter((r) => r.path === '/oauth2/Approval');
    expect(approvals).toHaveLength(1);
    expect(approvals[0]!.body).toEqual({
      grant_type: 'client_credentials',
      appkey: APP_KEY,
      secretkey: APP_SECRET,
    });
  });

  it('when tokens and keys are issued and refused then no log line carries a secret', async () => {
    // Arrange
    stub = await tokenServer([
      { status: 403, body: { error_description: 'wait', error_code: 'EGW00133' } },
      tokenReply('2026-03-03 09:00:00', 'secret-token-value'),
    ]);
    const h = buildAuth(stub.url, new InMemoryTokenStore());
    // Act
    await h.auth.accessToken();
    await h.auth.approvalKey();
    // Assert
    const text = h.logger.lines.join('\n');
    expect(h.logger.lines.length).toBeGreaterThan(0);
    for (const secret of [APP_KEY, APP_SECRET, 'secret-token-value', 'approval-key-for-tests']) {
      expect(text).not.toContain(secret);
    }
  });
});
