/**
 * The daily cycle on the real stack: the scheduler's tick on the first trading day of a month runs the cycle
 * over the KIS simulator, and the Discord channel publishes the plan (a thread of cards) and the briefing.
 */
import { ChannelType, type APIMessage } from 'discord-api-types/v10';
import { sql } from 'drizzle-orm';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { testDatabaseTargets, useTestDatabase } from '../../support/db';
import type { RecordedRequest } from '../../support/fake-discord';
import { bodyOf, CHANNEL_MESSAGE, CREATE_THREAD, customIds, editOf, postedIn } from './support/flows';
import { rowsOf } from './support/database-scan';
import { startFullStack, type FullStack } from './support/harness';

const [pglite] = testDatabaseTargets();

/** Tuesday 2026-12-01, the first KRX trading day of December, just after the 08:00 cycle time. */
const MONTH_START = '2026-12-01T08:05:00+09:00';
/** The first minute of continuous trading, when deferred approvals are released. */
const AFTER_OPEN = '2026-12-01T09:01:00+09:00';
const PNG_SIGNATURE = Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]);

function postsIn(stack: FullStack, channelId: string): RecordedRequest[] {
  return stack.fake.requests.filter((r) => r.route === CHANNEL_MESSAGE && r.params.channelId === channelId);
}

function statusField(body: ReturnType<typeof bodyOf>): string | undefined {
  return body.embeds?.[0]?.fields?.find((f) => f.name === '상태')?.value;
}

/** The plan thread and its first card. */
function firstPlanCard(stack: FullStack): { threadId: string; card: APIMessage; intentId: string } {
  const [thread] = stack.fake.threads();
  if (!thread) throw new Error('no plan thread');
  const card = stack.fake.messagesIn(thread.id).find((m) => customIds(m)[0]?.startsWith('approve:'));
  if (!card) throw new Error('no card in the plan thread');
  return { threadId: thread.id, card, intentId: customIds(card)[0]!.slice('approve:'.length) };
}

describe('full stack: daily cycle', () => {
  const handle = useTestDatabase(pglite!);
  let stack: FullStack | undefined;

  afterEach(async () => {
    await stack?.close();
    stack = undefined;
  });

  it('when the scheduler ticks after the cycle time on the first trading day of the month then the plan thread with its cards and the briefing with its chart are published once', async () => {
    // Arrange
    stack = await startFullStack({ database: handle.database, startAt: MONTH_START });
    const { fake, runtime } = stack;

    // Act
    const report = await runtime.scheduler.tick();

    // Assert: the run completed every step once
    expect(report.reconciled).toBe(true);
    expect(report.cycle).toMatchObject({ tradeDate: '2026-12-01', status: 'COMPLETED' });
    expect(report.cycle!.steps.map((s) => [s.step, s.status, s.attempts])).toEqual(
      [
        'news',
        'memory_summary',
        'market_fetch',
        'strategy',
        'risk',
        'execution',
        'briefing',
        'memory_upsert',
      ].map((step) => [step, 'DONE', 1]),
    );
    const [run] = rowsOf<{ id: string }>(
      await runtime.database.db.execute(sql`select id from daily_runs where trade_date = '2026-12-01'`),
    );

    // Assert: the plan is a thread in the trade channel: its summary, then one card per intent awaiting approval
    const threadCreations = fake.requests.filter((r) => r.route === CREATE_THREAD);
    expect(threadCreations).toHaveLength(1);
    expect(threadCreations[0]!.params.channelId).toBe(fake.channels.trade.id);
    const [thread] = fake.threads();
    expect(thread).toMatchObject({
      parent_id: fake.channels.trade.id,
      type: ChannelType.PublicThread,
      name: '2026-12-01 리밸런싱 계획',
    });
    const [summary, ...rest] = fake.messagesIn(thread!.id);
    expect(summary!.content).toContain('근거');
    // The summary is followed by one "approve all" control, then one card per leg.
    expect(rest.flatMap((m) => customIds(m)).filter((id) => id?.startsWith('approve-plan:'))).toHaveLength(1);
    const cards = rest.filter((m) => customIds(m)[0]?.startsWith('approve:'));
    const cycleIntents = await Promise.all(
      cards.map((card) => runtime.store.getIntent(customIds(card)[0]!.slice('approve:'.length))),
    );
    expect(cards.length).toBeGreaterThan(0);
    for (const [i, card] of cards.entries()) {
      const intent = cycleIntents[i]!;
      expect(customIds(card)).toEqual([`approve:${intent.id}`, `reject:${intent.id}`]);
      expect(intent).toMatchObject({
        source: 'cycle',
        status: 'AWAITING_APPROVAL',
        orderType: 'LIMIT',
        dailyRunId: run!.id,
        cardRef: { channel: 'discord', channelId: thread!.id, messageId: card.id },
      });
      expect(summary!.content).toContain(intent.ticker);
      expect(card.embeds[0]!.fields).toEqual(
        expect.arrayContaining([{ name: '수량', value: `${intent.quantity}주`, inline: true }]),
      );
    }
    expect(runtime.simulator!.control.receivedOrders()).toEqual([]);

    // Assert: the briefing is one embed in the briefing channel with the NAV chart attached as nav.png
    const briefings = postsIn(stack, fake.channels.briefing.id);
    expect(briefings).toHaveLength(1);
    const briefing = briefings[0]!;
    const embed = bodyOf(briefing).embeds![0]!;
    expect(embed.title).toBe('2026-12-01 아침 브리핑');
    expect(embed.image?.url).toBe('attachment://nav.png');
    expect(embed.description).toContain('순자산 1,000,000원');
    expect(briefing.files).toHaveLength(1);
    expect(briefing.files[0]).toMatchObject({ name: 'nav.png', contentType: 'image/png' });
    expect(briefing.files[0]!.bytes.subarray(0, 8).equals(PNG_SIGNATURE)).toBe(true);
    for (const intent of cycleIntents)
      expect(embed.fields!.find((f) => f.name === '오늘의 계획')!.value).toContain(intent!.ticker);
    expect(postsIn(stack, fake.channels.trade.id)).toEqual([]);

    // Assert: both posts are recorded under the run's keys, so a resumed run does not post them again
    const keys = rowsOf<{ key: string; channel: string }>(
      await runtime.database.db.execute(sql`select key, channel from publications order by key`),
    );
    expect(keys).toEqual([
      { key: `daily-run:${run!.id}:briefing`, channel: 'discord' },
      { key: `daily-run:${run!.id}:plan`, channel: 'discord' },
    ]);

    // Act: the next minute's tick finds the run COMPLETED
    stack.clock.advance(60_000);
    const again = await runtime.scheduler.tick();

    // Assert: nothing new
    expect(again.cycle).toBeNull();
    expect(fake.requests.filter((r) => r.route === CREATE_THREAD)).toHaveLength(1);
    expect(postsIn(stack, fake.channels.briefing.id)).toHaveLength(1);
  });

  it('when Discord is not connected at the cycle time then the run fails at publishing, and once connected it resumes and publishes the plan and briefing exactly once (RELIABILITY 17)', async () => {
    // Arrange: the desk is up, the Discord channel is not
    stack = await startFullStack({ database: handle.database, startAt: MONTH_START, deferChannel: true });
    const { fake, runtime, clock } = stack;

    // Act: the cycle runs and cannot publish its plan
    const first = await runtime.scheduler.tick();

    // Assert: the run stopped at execution with the intents made; nothing reached Discord
    expect(first.cycle).toMatchObject({ status: 'FAILED' });
    expect(first.cycle!.steps.find((s) => s.step === 'execution')).toMatchObject({ status: 'FAILED' });
    const [run] = rowsOf<{ id: string }>(
      await runtime.database.db.execute(sql`select id from daily_runs where trade_date = '2026-12-01'`),
    );
    const intentsAfterFailure = rowsOf<{ id: string }>(
      await runtime.database.db.execute(
        sql`select id from order_intents where daily_run_id = ${run!.id} order by id`,
      ),
    );
    expect(intentsAfterFailure.length).toBeGreaterThan(0);
    expect(fake.requests.filter((r) => r.route === CREATE_THREAD || r.route === CHANNEL_MESSAGE)).toEqual([]);
    await vi.waitFor(() => expect(stack!.webhook.bodies.join('\n')).toContain('CYCLE_STEP_FAILED'), {
      timeout: 10_000,
      interval: 50,
    });

    // Act: Discord connects; the scheduler retries the failed run after its back-off
    await stack.startChannel();
    clock.advance(5 * 60_000);
    const resumed = await runtime.scheduler.tick();
    clock.advance(60_000);
    const later = await runtime.scheduler.tick();

    // Assert: the run completed; the plan thread and the briefing were posted once, with the same intents
    expect(resumed.cycle).toMatchObject({ status: 'COMPLETED' });
    const attempts = Object.fromEntries(resumed.cycle!.steps.map((s) => [s.step, s.attempts]));
    expect(attempts).toMatchObject({ news: 1, memory_summary: 1, market_fetch: 1, strategy: 1, risk: 1 });
    expect(resumed.cycle!.steps.every((s) => s.status === 'DONE')).toBe(true);
    expect(later.cycle).toBeNull();
    expect(fake.requests.filter((r) => r.route === CREATE_THREAD)).toHaveLength(1);
    expect(postsIn(stack, fake.channels.briefing.id)).toHaveLength(1);
    const intentsNow = rowsOf<{ id: string }>(
      await runtime.database.db.execute(
        sql`select id from order_intents where daily_run_id = ${run!.id} order by id`,
      ),
    );
    expect(intentsNow).toEqual(intentsAfterFailure);
    const [thread] = fake.threads();
    const cardIntentIds = fake
      .messagesIn(thread!.id)
      .flatMap((m) => customIds(m))
      .filter((id) => id?.startsWith('approve:'))
      .map((id) => id!.slice('approve:'.length))
      .sort();
    expect(cardIntentIds).toEqual(intentsAfterFailure.map((i) => i.id));
    expect(runtime.simulator!.control.receivedOrders()).toEqual([]);
  });

  it('when bob presses approve all on the plan then every leg is approved once, each ticker once, and mallory cannot', async () => {
    // Arrange
    stack = await startFullStack({ database: handle.database, startAt: MONTH_START });
    const { fake, runtime, clock } = stack;
    await runtime.scheduler.tick();
    const [thread] = fake.threads();
    const control = fake.messagesIn(thread!.id).find((m) => customIds(m)[0]?.startsWith('approve-plan:'))!;
    const controlId = customIds(control)[0]!;
    const legs = await runtime.store.listIntents({ statuses: ['AWAITING_APPROVAL'] });
    expect(legs.length).toBeGreaterThan(0);

    // Act: mallory first (refused), then bob, then bob again (nothing left)
    const refused = fake.click(fake.users.mallory, control.id, controlId);
    await fake.waitForCallback(refused, 20_000);
    expect((await runtime.store.listIntents({ statuses: ['AWAITING_APPROVAL'] })).length).toBe(legs.length);
    const approved = fake.click(fake.users.bob, control.id, controlId);
    await fake.waitForCallback(approved, 20_000);
    await fake.waitForRequest(
      (r) =>
        r.method === 'PATCH' &&
        r.decodedPath.includes('/messages/@original') &&
        JSON.stringify(r.body ?? '').includes('건 승인'),
      20_000,
    );
    const again = fake.click(fake.users.bob, control.id, controlId);
    await fake.waitForCallback(again, 20_000);

    // Assert: all legs DEFERRED (08:05: paper accepts from 09:00), none left awaiting, nothing sent yet
    const after = await Promise.all(legs.map((l) => runtime.store.getIntent(l.id)));
    expect(after.map((i) => i!.status)).toEqual(legs.map(() => 'DEFERRED'));
    expect(runtime.simulator!.control.receivedOrders()).toEqual([]);

    // Act: the open
    clock.set(AFTER_OPEN);
    await runtime.scheduler.tick();
    clock.advance(60_000);
    await runtime.scheduler.tick();
    const orders = runtime.simulator!.control.receivedOrders().filter((o) => o.kind === 'order');
    // The paper account starts with cash only, so the month-start plan only buys: a "sells go first" check here
    // could never fail (it was guarded by `if (lastSell >= 0)`). Sells-first is asserted where a plan has both:
    // test/integration/trading/execution-outcomes.test.ts (approvePlan) and approval-flow.test.ts (release).
    expect(orders.length).toBe(legs.length);
    expect(orders.every((o) => o.side === 'BUY')).toBe(true);
    expect(new Set(orders.map((o) => `${o.ticker}:${o.side}`)).size).toBe(orders.length);
  });

  it('when alice approves a plan card before the open then the order waits, and the 09:00 tick sends it and follows it up in the plan thread', async () => {
    // Arrange
    stack = await startFullStack({ database: handle.database, startAt: MONTH_START });
    const { fake, runtime, clock } = stack;
    const simulator = runtime.simulator!;
    await runtime.scheduler.tick();
    const { threadId, card, intentId } = firstPlanCard(stack);

    // Act: approved at 08:05, when paper orders are not accepted
    const click = fake.click(fake.users.alice, card.id, `approve:${intentId}`);
    const deferredCard = await editOf(fake, click);

    // Assert: deferred, nothing sent
    const intent = (await runtime.store.getIntent(intentId))!;
    expect(intent.status).toBe('DEFERRED');
    expect(statusField(bodyOf(deferredCard))).toContain('09:00');
    expect(simulator.control.receivedOrders()).toEqual([]);

    // Act: the first tick after the open
    clock.set(AFTER_OPEN);
    await runtime.scheduler.tick();
    const accepted = await postedIn(fake, threadId, '주문 접수');
    await postedIn(fake, threadId, '체결');

    // Assert: one limit order at the planned price, followed up in the plan thread
    const orders = simulator.control.receivedOrders();
    expect(orders).toHaveLength(1);
    expect(orders[0]).toMatchObject({
      ticker: intent.ticker,
      side: intent.side,
      quantity: intent.quantity,
      price: intent.limitPrice,
      ordDvsn: '00',
    });
    expect(bodyOf(accepted).content).toContain(`주문번호 ${orders[0]!.odno}`);
    expect((await runtime.store.getIntent(intentId))!.status).toBe('SUBMITTED');
  });

  it('when the guard denies a deferred plan approval at the open then the plan thread tells the approver', async () => {
    // Arrange: alice approves before the open; by 09:01 the price is 5 % above the plan's limit
    stack = await startFullStack({ database: handle.database, startAt: MONTH_START });
    const { fake, runtime, clock } = stack;
    const simulator = runtime.simulator!;
    await runtime.scheduler.tick();
    const { threadId, card, intentId } = firstPlanCard(stack);
    const click = fake.click(fake.users.alice, card.id, `approve:${intentId}`);
    await editOf(fake, click);
    const intent = (await runtime.store.getIntent(intentId))!;
    clock.set(AFTER_OPEN);
    simulator.control.setPrice(intent.ticker, Math.round((intent.limitPrice! * 105) / 100));
    const mark = fake.requests.length;

    // Act
    await runtime.scheduler.tick();
    await stack.channel!.stop(); // waits for every Discord post the tick queued

    // Assert: denied and not sent; the card or the thread says so (today nothing is posted: the card still
    // reads "⏸ approved · checked again and submitted at 09:00")
    expect((await runtime.store.getIntent(intentId))!.status).toBe('DENIED');
    expect(simulator.control.receivedOrders()).toEqual([]);
    const touchedThread = fake.requests.filter(
      (r, i) =>
        i >= mark &&
        r.params.channelId === threadId &&
        (r.route === CHANNEL_MESSAGE || r.route === 'PATCH /channels/:channelId/messages/:messageId'),
    );
    expect(touchedThread.length).toBeGreaterThan(0);
  });

  it('when the plan tells people to press a control then the plan thread offers that control', async () => {
    // Arrange
    stack = await startFullStack({ database: handle.database, startAt: MONTH_START });
    const { fake, runtime } = stack;

    // Act
    await runtime.scheduler.tick();

    // Assert: a summary saying "… or press 전체 승인 (approve all)" needs, besides each card's own ✅/❌, a
    // control that does that (src/app/cycle/ports.ts: "one card each, plus an approve-all control")
    const [thread] = fake.threads();
    const [summary] = fake.messagesIn(thread!.id);
    const promisesApproveAll = summary!.content.includes('전체 승인');
    const controls = fake
      .messagesIn(thread!.id)
      .flatMap((m) => customIds(m))
      .filter((id): id is string => id !== undefined);
    const perIntent = controls.filter((id) => /^(approve|reject):[0-9a-f-]{36}$/.test(id));
    expect(perIntent.length).toBeGreaterThan(0);
    const approveAll = controls.filter((id) => !perIntent.includes(id));
    expect({ offersApproveAll: approveAll.length > 0 }).toEqual({ offersApproveAll: promisesApproveAll });
  });
});
