import { beforeEach, describe, expect, it } from 'vitest';
import { ZodError } from 'zod';
import { FakeClock } from '../../../src/adapters/clock/fake';
import { createDbTradingStore } from '../../../src/adapters/db/trading-store';
import { testDatabaseTargets, useTestDatabase } from '../../support/db';
import { FakeBroker } from '../../support/fake-broker';
import { alice, buildCore, buy, MARKET_OPEN } from '../../support/trading';

describe.each(testDatabaseTargets())('bad input to the trading core on $name', (target) => {
  const handle = useTestDatabase(target);
  let clock: FakeClock;
  let broker: FakeBroker;

  beforeEach(() => {
    clock = new FakeClock(MARKET_OPEN);
    broker = new FakeBroker(clock);
  });

  it.each([
    ['a fractional quantity', { quantity: 1.5 }],
    ['a zero quantity', { quantity: 0 }],
    ['a fractional limit price', { limitPrice: 35_980.5 }],
    ['a limit order without a price', { limitPrice: undefined }],
    ['a market order with a price', { orderType: 'MARKET' as const }],
    ['a malformed ticker', { ticker: '69500' }],
    ['an unknown side', { side: 'HOLD' as never }],
  ])(
    'when a draft has %s then it is refused with a typed error and nothing is stored',
    async (_name, patch) => {
      const core = buildCore(handle.database, broker, clock);
      await core.reconciliation.reconcile();
      await expect(core.approvals.propose(buy(patch))).rejects.toBeInstanceOf(ZodError);
      const store = createDbTradingStore(handle.database.db);
      expect(await store.listIntents({ statuses: ['AWAITING_APPROVAL', 'DENIED'] })).toEqual([]);
      expect(broker.callsOf('placeOrder')).toHaveLength(0);
    },
  );

  it('when the ticker is outside the ETF universe then the card is denied and approval cannot send it', async () => {
    broker.prices.set('005930', 66_000);
    const core = buildCore(handle.database, broker, clock);
    await core.reconciliation.reconcile();
    const { intent } = await core.approvals.propose(
      buy({ ticker: '005930', quantity: 1, limitPrice: 66_000 }),
    );
    const result = await core.approvals.approve(intent.id, alice);
    expect(intent).toMatchObject({ status: 'DENIED' });
    expect(intent.precheck.code).toBe('TICKER_NOT_ALLOWED');
    expect(result.status).toBe('already-decided');
    expect(broker.callsOf('placeOrder')).toHaveLength(0);
  });

  it('when the broker cannot be read then the proposal fails closed', async () => {
    broker.failBalance = 5;
    const core = buildCore(handle.database, broker, clock);
    const { intent } = await core.approvals.propose(buy());
    expect(intent.status).toBe('DENIED');
    expect(['ACCOUNT_STATE_UNKNOWN', 'TRADING_HALTED']).toContain(intent.precheck.code);
  });

  it('when an unknown intent id is approved then it is reported as not found', async () => {
    const core = buildCore(handle.database, broker, clock);
    expect((await core.approvals.approve('00000000-0000-4000-8000-000000000000', alice)).status).toBe(
      'not-found',
    );
    expect((await core.approvals.approve("x'; drop table orders; --", alice)).status).toBe('not-found');
  });
});
