/**
 * RELIABILITY row 14, "secrets never leak", on the real stack: a day of the desk with known fake secrets
 * configured (Discord token, OpenAI key, alert webhook URL with its token, the simulator's app key and
 * secret), then every log line, Discord request, OpenAI request body, webhook body and stored text value is
 * searched for them.
 */
import { afterEach, describe, expect, it, vi } from 'vitest';
import { DEFAULT_SIM_ACCOUNTS } from '../../../src/sim/kis';
import { testDatabaseTargets, useTestDatabase } from '../../support/db';
import { storedTexts } from './support/database-scan';
import {
  bodyOf,
  CHANNEL_MESSAGE,
  editOf,
  openTradeThread,
  postedIn,
  scriptTrade,
  WAIT_MS,
} from './support/flows';
import { OPENAI_KEY, startFullStack, WEBHOOK_TOKEN, type FullStack } from './support/harness';
import { findLeaks, type ScannedText } from './support/secret-scan';

const [pglite] = testDatabaseTargets();

const MONTH_START = '2026-12-01T08:05:00+09:00';
const SESSION_OPEN = '2026-12-01T10:00:00+09:00';
/** 35 minutes later: the conversation has been idle for 30 minutes and the sweep runs (every 5 minutes). */
const SWEEP_TIME = '2026-12-01T10:35:00+09:00';

const SIM_PAPER = DEFAULT_SIM_ACCOUNTS.find((a) => a.environment === 'paper')!;

/** A secret as it is, and as it would look inside a URL. */
function variants(secrets: readonly string[]): string[] {
  return [...new Set(secrets.flatMap((s) => [s, encodeURIComponent(s)]))];
}

function everythingEmitted(stack: FullStack): ScannedText[] {
  const texts: ScannedText[] = [];
  stack.logLines.forEach((line, i) => texts.push({ where: `log line ${i}`, text: line }));
  for (const r of stack.fake.requests) {
    // The bot token travels in the Authorization header by design; the fake does not record headers.
    texts.push({
      where: `discord ${r.method} ${r.path}`,
      text: JSON.stringify({ path: r.decodedPath, query: r.query, body: r.body }),
    });
    for (const file of r.files)
      texts.push({ where: `discord ${r.path} file ${file.name}`, text: file.bytes.toString('latin1') });
  }
  for (const r of stack.openai.requests) {
    // The key travels in the Authorization header by design: only paths and bodies are searched.
    texts.push({
      where: `openai ${r.method} ${r.path}`,
      text: JSON.stringify({ path: r.path, body: r.body }),
    });
  }
  stack.webhook.bodies.forEach((body, i) => texts.push({ where: `webhook body ${i}`, text: body }));
  return texts;
}

describe('full stack: secrets never leak (RELIABILITY 14)', () => {
  const handle = useTestDatabase(pglite!);
  let stack: FullStack | undefined;

  afterEach(async () => {
    await stack?.close();
    stack = undefined;
  });

  it('when a full day runs with known fake secrets configured then none appears in any log line, Discord payload, OpenAI request body, webhook body or stored text', async () => {
    // Arrange
    stack = await startFullStack({ database: handle.database, startAt: MONTH_START });
    const { fake, openai, runtime, clock, webhook } = stack;
    const simulator = runtime.simulator!;
    const { alice, bob } = fake.users;
    const secrets = variants([...runtime.secrets, WEBHOOK_TOKEN]);

    // Act: 08:05, the start-up tick reconciles and runs the daily cycle (plan thread, briefing)
    const morning = await runtime.scheduler.tick();
    expect(morning.cycle?.status).toBe('COMPLETED');

    // Act: 10:00, /trade: the model quotes and proposes, alice approves, the simulator fills
    clock.set(SESSION_OPEN);
    scriptTrade(openai);
    const { threadId, card, intentId } = await openTradeThread(fake, alice);
    const click = fake.click(alice, card.id, `approve:${intentId}`);
    await editOf(fake, click);
    await postedIn(fake, threadId, '체결');

    // Act: the model provider refuses the key and echoes it back; the offline planner answers instead
    openai.script([{ status: 401, errorMessage: `Incorrect API key provided: ${OPENAI_KEY}.` }]);
    fake.postMessage(bob, threadId, '수수료는 얼마였어?');
    await postedIn(fake, threadId, '오프라인 플래너');

    // Act: KIS tokens expire; /portfolio and /status need new ones
    simulator.control.expireTokens();
    const portfolio = fake.slash(bob, 'portfolio');
    const portfolioReply = await editOf(fake, portfolio);
    const status = fake.slash(bob, 'status');
    const statusReply = await editOf(fake, status);

    // Act: the broker's balance drifts from the books; reconciliation raises an alert (Discord + webhook)
    const alertsBefore = fake.requests.length;
    simulator.control.setPosition(SIM_PAPER.cano, '114260', 3, 60_000);
    await runtime.core.reconciliation.reconcile();
    const alertPost = await fake.waitForRequest(
      (r, i) =>
        i >= alertsBefore && r.route === CHANNEL_MESSAGE && r.params.channelId === fake.channels.alert.id,
      WAIT_MS,
    );
    await vi.waitFor(() => expect(webhook.bodies.join('\n')).toContain('POSITION_DRIFT'), {
      timeout: WAIT_MS,
      interval: 50,
    });

    // Act: 10:35, the idle sweep has the model summarise the conversation and archives its thread
    clock.set(SWEEP_TIME);
    const sweep = await runtime.scheduler.tick();
    await fake.waitForRequest(
      (r) => r.route === 'PATCH /channels/:channelId' && r.params.channelId === threadId,
      WAIT_MS,
    );

    // Stop everything first, so whatever shutting down logs is searched too
    await stack.close();
    const finished = stack;
    stack = undefined;
    const emitted = everythingEmitted(finished);
    const stored = (await storedTexts(handle.database)).map((t) => ({
      where: `db ${t.table}.${t.column}`,
      text: t.value,
    }));

    // Assert: the flow did what it should (otherwise the search below proves little)
    expect(new Set(runtime.secrets)).toEqual(new Set(finished.secrets));
    expect(runtime.secrets).toEqual(
      expect.arrayContaining([fake.botToken, OPENAI_KEY, webhook.url, SIM_PAPER.appKey, SIM_PAPER.appSecret]),
    );
    expect(simulator.control.receivedOrders()).toHaveLength(1);
    expect(simulator.control.stats().tokensIssued).toBeGreaterThanOrEqual(2);
    expect(bodyOf(statusReply).embeds).toHaveLength(1);
    expect(JSON.stringify(bodyOf(alertPost).embeds)).toContain('114260');
    expect(sweep.ran).toContain('sweep');
    expect(JSON.stringify(bodyOf(portfolioReply).embeds)).toContain('069500');
    expect(openai.requests.some((r) => r.path === '/v1/embeddings')).toBe(true);
    expect(stored.some((t) => t.where.startsWith('db session_messages.'))).toBe(true);
    expect(stored.some((t) => t.where.startsWith('db memories.'))).toBe(true);
    expect(stored.some((t) => t.where.startsWith('db alerts.'))).toBe(true);
    expect(finished.logLines.some((l) => l.includes('Incorrect API key provided: [redacted]'))).toBe(true);
    // The search does find a secret where it legitimately is: the key in OpenAI's Authorization header
    expect(
      findLeaks([{ where: 'authorization', text: openai.requests[0]!.authorization ?? '' }], secrets),
    ).toHaveLength(1);

    // Assert: 0 occurrences of any secret anywhere
    expect(findLeaks(emitted, secrets)).toEqual([]);
    expect(findLeaks(stored, secrets)).toEqual([]);
  });
});
