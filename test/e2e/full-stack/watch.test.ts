/**
 * The intraday watch on the real stack: composeDesk with the built-in simulator streaming H0STCNT0 over its
 * WebSocket, PGlite, and the Discord channel against the fake Discord.
 */
import { afterEach, describe, expect, it } from 'vitest';
import { DEFAULT_SIM_ACCOUNTS } from '../../../src/sim/kis';
import { testDatabaseTargets, useTestDatabase } from '../../support/db';
import { customIds, editOf } from './support/flows';
import { reconcileForTrading, startFullStack, type FullStack } from './support/harness';

const [pglite] = testDatabaseTargets();
const PAPER = DEFAULT_SIM_ACCOUNTS.find((a) => a.environment === 'paper')!;
const TICKER = '069500';

async function until(check: () => boolean | Promise<boolean>, what: string, stack: FullStack): Promise<void> {
  for (let i = 0; i < 400; i++) {
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
  });

  it('when KRX is closed for an hour then the watch makes zero simulator requests', async () => {
    // Arrange: a holding and a watchlist entry, 16:30 KST after the close
    stack = await startFullStack({ database: handle.database, startAt: '2026-11-23T16:30:00+09:00' });
    const { runtime, clock } = stack;
    const sim = runtime.simulator!;
    sim.control.setPosition(PAPER.cano, TICKER, 3, sim.control.currentPrice(TICKER));
    await reconcileForTrading(stack);
    expect((await runtime.watch.addWatch({ ticker: '229200', by: 'alice' })).ok).toBe(true);
    const before = sim.control.stats().requests;

    // Act: an hour of passes, one a minute
    for (let minute = 0; minute < 60; minute++) {
      clock.advance(60_000);
      await runtime.watch.tick();
    }

    // Assert
    expect(sim.control.stats().requests - before).toBe(0);
    expect(runtime.watch.status()).toMatchObject({ state: 'market_closed', subscribed: 0, feed: 'off' });
  });
});
