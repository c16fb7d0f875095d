import { SystemClock } from '../../../../src/adapters/clock/system';
import { createKisBroker, type KisBroker, type KisBrokerDeps } from '../../../../src/adapters/kis/broker';
import type { KisConfigInput } from '../../../../src/adapters/kis/config';
import { InMemoryTokenStore } from '../../../../src/adapters/kis/token-store';
import { approvalReply, type RecordedRequest, type StubReply, tokenReply } from './kis-stub';
import { recordingLogger, type RecordingLogger } from './recording-logger';

export const TEST_APP_KEY = 'PSUNITTESTAPPKEY000000000000000000000';
export const TEST_APP_SECRET = 'UNIT-TEST-APP-SECRET-never-in-logs';

export function testConfig(restUrl: string, overrides: Partial<KisConfigInput> = {}): KisConfigInput {
  return {
    environment: 'real',
    appKey: TEST_APP_KEY,
    appSecret: TEST_APP_SECRET,
    account: '12345678-01',
    htsId: 'unittester',
    urls: { rest: restUrl, ws: 'ws://127.0.0.1:9' },
    rateLimitPerSecond: 1000,
    tokenIssueIntervalMs: 0,
    requestTimeoutMs: 2_000,
    orderTimeoutMs: 300,
    ...overrides,
  };
}

export interface BrokerHarness {
  broker: KisBroker;
  sleeps: number[];
  logger: RecordingLogger;
}

export function buildBroker(
  restUrl: string,
  overrides: Partial<KisConfigInput> = {},
  deps: Partial<KisBrokerDeps> = {},
): BrokerHarness {
  const sleeps: number[] = [];
  const logger = recordingLogger();
  const broker = createKisBroker({
    config: testConfig(restUrl, overrides),
    clock: new SystemClock(),
    tokenStore: new InMemoryTokenStore(),
    logger,
    sleep: async (ms) => {
      sleeps.push(ms);
    },
    random: () => 0.5,
    ...deps,
  });
  return { broker, sleeps, logger };
}

/** Routes by path; OAuth paths answer with a long-lived token and an approval key unless overridden. */
export function router(
  routes: Record<string, (req: RecordedRequest) => StubReply | Promise<StubReply>>,
): (req: RecordedRequest) => StubReply | Promise<StubReply> {
  return (req) => {
    const route = routes[req.path];
    if (route) return route(req);
    if (req.path === '/oauth2/tokenP') return tokenReply();
    if (req.path === '/oauth2/Approval') return approvalReply();
    return { status: 404, raw: 'no route' };
  };
}

export const ok = (body: unknown, headers?: Record<string, string>): StubReply => ({
  status: 200,
  body,
  headers,
});
