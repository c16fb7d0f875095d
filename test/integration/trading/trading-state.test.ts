import { describe, expect, it } from 'vitest';
import { createDbTradingStore } from '../../../src/adapters/db/trading-store';
import { testDatabaseTargets } from '../../support/db';
import { alice, buildCore, buy, useTradingWorld } from '../../support/trading';

describe.each(testDatabaseTargets())('trading state on $name', (target) => {
  const w = useTradingWorld(target);

  it('when HALTED then a buy is denied, a cancel of an open order still reaches the broker, and the state survives a restart', async () => {
    const core = await w.readyCore();
    const { intent: open } = await core.approvals.propose(buy());
    const sent = await core.approvals.approve(open.id, alice);
    await core.tradingState.command('stop', 'alice');

    const { intent: denied } = await core.approvals.propose(buy({ quantity: 1 }));
    const cancel = await core.execution.cancel(sent.status === 'submitted' ? sent.order.id : '', 'alice');
    const restarted = buildCore(w.database, w.broker, w.clock);
    await restarted.reconciliation.reconcile();

    expect(denied).toMatchObject({ status: 'DENIED' });
    expect(denied.precheck.code).toBe('TRADING_HALTED');
    expect(cancel.status).toBe('cancelled');
    expect(w.broker.callsOf('cancelOrder')).toHaveLength(1);
    expect(w.broker.callsOf('placeOrder')).toHaveLength(1);
    expect((await restarted.tradingState.effective()).state).toBe('HALTED');
  });

  it('when REDUCING then a buy is denied and a sell of a holding passes', async () => {
    w.broker.holdings.set('069500', { quantity: 5, purchaseAmount: 170_000 });
    const core = await w.readyCore();
    await core.tradingState.command('stopentry', 'alice');

    const { intent: buyIntent } = await core.approvals.propose(buy({ quantity: 1 }));
    const { intent: sellIntent } = await core.approvals.propose(buy({ side: 'SELL', quantity: 2 }));
    const sold = await core.approvals.approve(sellIntent.id, alice);

    expect(buyIntent.precheck.code).toBe('TRADING_REDUCING');
    expect(buyIntent.status).toBe('DENIED');
    expect(sold.status).toBe('submitted');
    expect(w.broker.callsOf('placeOrder')).toHaveLength(1);
  });

  it('when equity falls 3 % below the start-of-day NAV then the desk trips to REDUCING, alerts once, and stays there until a person resumes', async () => {
    // Arrange: start of day with 10 shares at 35,980 + cash
    w.broker.holdings.set('069500', { quantity: 10, purchaseAmount: 359_800 });
    w.broker.cash = 640_200;
    const core = await w.readyCore();
    await core.approvals.propose(buy({ quantity: 1 })); // records the start-of-day NAV (1,000,000)
    const alerts: string[] = [];
    core.events.subscribe((e) => void (e.type === 'alert' && alerts.push(e.alert.kind)));

    // Act: the ETF drops ~9 % → equity −3.2 %
    w.broker.prices.set('069500', 32_700);
    const { intent } = await core.approvals.propose(buy({ quantity: 1, limitPrice: 32_700 }));
    const result = await core.approvals.approve(intent.id, alice);

    // Assert
    expect(intent.precheck.code).toBe('DAILY_LOSS_LIMIT');
    expect(result.status).toBe('already-decided');
    expect(w.broker.callsOf('placeOrder')).toHaveLength(0);
    w.clock.advance(60 * 60_000);
    w.broker.prices.set('069500', 35_980); // recovered: still REDUCING, it never resets itself
    expect((await core.tradingState.effective()).state).toBe('REDUCING');
    expect(alerts).toEqual(['DAILY_LOSS_BREAKER']);
    expect((await w.store.listRecentAlerts(5)).map((a) => a.kind)).toEqual(['DAILY_LOSS_BREAKER']);
    const { intent: stillBlocked } = await core.approvals.propose(buy({ quantity: 1 }));
    expect(stillBlocked.precheck.code).toBe('TRADING_REDUCING');

    await core.tradingState.command('resume', 'alice');
    const { intent: allowed } = await core.approvals.propose(buy({ quantity: 1 }));
    expect(allowed.status).toBe('AWAITING_APPROVAL');
    const history = await createDbTradingStore(w.database.db).currentTradingState();
    expect(history).toMatchObject({ state: 'ACTIVE', previousState: 'REDUCING', actor: 'alice' });
  });
});
