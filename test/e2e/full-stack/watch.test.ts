/**
 * The intraday watch on the real stack: composeDesk with the built-in simulator streaming H0STCNT0 over its
 * WebSocket, PGlite, and the Discord channel against the fake Discord.
 */
import { afterEach, describe, expect, it } from 'vitest';
import { createDbWatchStore } from '../../../src/adapters/db/watch-store';
import { DEFAULT_SIM_ACCOUNTS } from '../../../src/sim/kis';
import { testDatabaseTargets, useTestDatabase } from '../../support/db';
import { customIds, editOf } from './support/flows';
import { reconcileForTrading, startFullStack, type FullStack } from './support/harness';

const [pglite] = testDatabaseTargets();
const PAPER = DEFAULT_SIM_ACCOUNTS.find((a) => a.environment === 'paper')!;
const TICKER = '069500';

async function until(
  check: () => boolean | Promise<boolean>,
  what: string,
  stack: FullStack,
  tries = 400,
): Promise<void> {
  for (let i = 0; i < tries; i++) {
    await stack.runtime.watch.tick();
    if (await check()) return;
    await new Promise((resolve) => setTimeout(resolve, 25));
  }
  throw new Error(`timed out waiting for ${what}: ${JSON.stringify(stack.runtime.watch.status())}`);
}

describe('full stack: intraday watch', () => {
  const handle = useTestDatabase(pglite!);
  let stack: FullStack | undefined;

  afterEach(async () => {
    await stack?.close();
    stack = undefined;
  });

  it('when a held ETF drops 9 % on the realtime feed then one sell card is posted in the alert channel and ✅ sends exactly one order', async () => {
    // Arrange: 3 shares of KODEX 200 bought at today's price, the watch streaming it
    // Stop loss and trailing stop only: the replayed history sits under its MA50 that day.
    stack = await startFullStack({
      database: handle.database,
      env: { WATCH_HOLDING_CONDITIONS: 'sell_stop_loss,sell_trailing_stop' },
    });
    const { fake, runtime, clock } = stack;
    const sim = runtime.simulator!;
    const cost = sim.control.currentPrice(TICKER);
    sim.control.setPosition(PAPER.cano, TICKER, 3, cost);
    await reconcileForTrading(stack);
    runtime.watchAlerts.attach({ publishWatchAlert: (alert) => stack!.channel!.postWatchAlert(alert) });
    await until(() => runtime.watch.status().counts.evaluations > 0, 'a first evaluation', stack);
    expect(runtime.watch.status()).toMatchObject({ state: 'market_open', subscribed: 1, feed: 'realtime' });
    const alertChannel = fake.channels.alert.id;
    const cards = () => fake.messagesIn(alertChannel).filter((m) => customIds(m)[0]?.startsWith('approve:'));
    expect(cards()).toHaveLength(0);

    // Act: the simulator drops 9 %; the watch sees it on the next frames
    sim.control.scriptPath(TICKER, [{ afterMs: 0, changePct: -9 }]);
    clock.advance(2_000);
    await until(() => cards().length > 0, 'the sell card', stack);
    for (let i = 0; i < 5; i++) {
      clock.advance(1_500);
      await runtime.watch.tick();
      await new Promise((resolve) => setTimeout(resolve, 50));
    }

    // Assert: one card, a SELL of the whole holding from the monitor, nothing ordered yet
    expect(cards()).toHaveLength(1);
    const card = cards()[0]!;
    const intentId = customIds(card)[0]!.slice('approve:'.length);
    const intent = (await runtime.store.getIntent(intentId))!;
    expect(intent).toMatchObject({
      source: 'monitor',
      side: 'SELL',
      ticker: TICKER,
      quantity: 3,
      status: 'AWAITING_APPROVAL',
    });
    expect(intent.limitPrice!).toBeLessThanOrEqual(sim.control.currentPrice(TICKER));
    const alertText = fake
      .messagesIn(alertChannel)
      .map((m) => m.content)
      .join('\n');
    expect(alertText).toContain('손절');
    expect(sim.control.receivedOrders()).toHaveLength(0);

    // Act: ✅
    const click = fake.click(fake.users.alice, card.id, `approve:${intentId}`);
    await editOf(fake, click);

    // Assert: exactly one simulator order, the SELL the card showed
    const orders = sim.control.receivedOrders();
    expect(orders).toHaveLength(1);
    expect(orders[0]).toMatchObject({ side: 'SELL', ticker: TICKER, quantity: 3, price: intent.limitPrice });

    // Act: the price stays down for another half minute of frames and passes
    for (let i = 0; i < 15; i++) {
      clock.advance(2_000);
      await runtime.watch.tick();
      await new Promise((resolve) => setTimeout(resolve, 30));
    }

    // Assert: still one card and one order; one firing row, pointing at the intent
    expect(cards()).toHaveLength(1);
    expect(sim.control.receivedOrders()).toHaveLength(1);
    const firings = await createDbWatchStore(handle.database.db).listFirings('2026-11-23');
    expect(firings).toEqual([
      expect.objectContaining({ ticker: TICKER, condition: 'sell_stop_loss', kind: 'sell', intentId }),
    ]);
  });

  it('when the realtime feed goes down then the watch polls REST, alerts once after 60 s, and on its return reconnects, resubscribes and gets frames again', async () => {
    // Arrange: a held ETF streaming
    stack = await startFullStack({ database: handle.database });
    const { fake, runtime, clock } = stack;
    const sim = runtime.simulator!;
    sim.control.setPosition(PAPER.cano, TICKER, 3, sim.control.currentPrice(TICKER));
    await reconcileForTrading(stack);
    await until(() => runtime.watch.status().counts.ticks > 0, 'a first tick', stack);
    const quotes = () => sim.control.stats().byPath['/uapi/domestic-stock/v1/quotations/inquire-price'] ?? 0;
    const alertText = () =>
      fake
        .messagesIn(fake.channels.alert.id)
        .map((m) => `${m.content} ${JSON.stringify(m.embeds ?? [])}`)
        .join('\n');

    // Act: KIS's realtime service goes away; 70 s of passes, one a second
    sim.control.realtimeOutage(true);
    await until(() => runtime.watch.status().feed === 'polling', 'the watch to see the feed down', stack);
    const quotesBefore = quotes();
    const pollsBefore = runtime.watch.status().counts.polls;
    for (let s = 0; s < 70; s++) {
      clock.advance(1_000);
      await runtime.watch.tick();
    }
    await until(() => alertText().includes('실시간 시세 연결이'), 'the outage alert', stack);
    const down = runtime.watch.status();

    // Assert: REST polled about every 2 s (the setting), each one a simulator quote; state degraded
    expect(down).toMatchObject({ state: 'degraded', feed: 'polling' });
    expect(down.counts.polls - pollsBefore).toBeGreaterThanOrEqual(34);
    expect(down.counts.polls - pollsBefore).toBeLessThanOrEqual(36);
    expect(quotes() - quotesBefore).toBe(down.counts.polls - pollsBefore);

    // Act: the service returns
    sim.control.realtimeOutage(false);
    const ticksBefore = runtime.watch.status().counts.ticks;
    await until(
      () => runtime.watch.status().feed === 'realtime' && runtime.watch.status().counts.ticks > ticksBefore,
      'frames after the reconnect',
      stack,
      1_200,
    );
    const pollsAfter = runtime.watch.status().counts.polls;
    for (let s = 0; s < 10; s++) {
      clock.advance(1_000);
      await runtime.watch.tick();
    }

    // Assert: realtime again, one subscription, no more polling, and the alert was raised once
    expect(runtime.watch.status()).toMatchObject({ state: 'market_open', feed: 'realtime', subscribed: 1 });
    expect(runtime.watch.status().counts.polls).toBe(pollsAfter);
    expect(alertText().match(/실시간 시세 연결이/g)).toHaveLength(1);
  });

  it('when KRX is closed for an hour then the watch makes zero simulator requests, /watch add and list included', async () => {
    // Arrange: a holding, 16:30 KST after the close
    stack = await startFullStack({ database: handle.database, startAt: '2026-11-23T16:30:00+09:00' });
    const { runtime, clock } = stack;
    const sim = runtime.simulator!;
    sim.control.setPosition(PAPER.cano, TICKER, 3, sim.control.currentPrice(TICKER));
    await reconcileForTrading(stack);
    const before = sim.control.stats().requests;

    // Act: /watch add, an hour of passes (one a second, as the running loop makes them), /watch list
    const added = await runtime.desk.watchAdd({ ticker: '229200' }, 'alice');
    for (let second = 0; second < 3_600; second++) {
      clock.advance(1_000);
      await runtime.watch.tick();
    }
    const listed = await runtime.desk.watchList();

    // Assert
    expect(added).toMatchObject({ status: 'added', ticker: '229200' });
    expect(listed?.items.map((i) => i.ticker)).toEqual([TICKER, '229200']);
    expect(sim.control.stats().requests - before).toBe(0);
    expect(runtime.watch.status()).toMatchObject({
      enabled: true,
      state: 'market_closed',
      subscribed: 0,
      feed: 'off',
      counts: { ticks: 0, polls: 0, evaluations: 0 },
    });
  });
});
