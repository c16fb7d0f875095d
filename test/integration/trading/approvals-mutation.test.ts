/**
 * Written from the mutation run of src/app/approvals.ts (docs/quality/mutation.md, part 4): the card's prices, the
 * desk events every decision emits, the audit trail's actors and data, and the two-person paths one process takes
 * (same approver again, an expired first approval, a card already decided).
 */
import { describe, expect, it } from 'vitest';
import type { DeskEvent } from '../../../src/app/desk-events';
import type { TradingCore } from '../../../src/app/trading-core';
import { testDatabaseTargets } from '../../support/db';
import { alice, bob, buildCore, buy, useTradingWorld } from '../../support/trading';

const twoPerson = { allowedUserIds: ['alice', 'bob'], allowedRoleIds: [], twoPersonAboveKrw: 100_000 };

describe.each(testDatabaseTargets())('approvals: what each decision records and tells on $name', (target) => {
  const w = useTradingWorld(target);

  const watch = (core: TradingCore) => {
    const seen: DeskEvent[] = [];
    core.events.subscribe((e) => void seen.push(e));
    return seen;
  };
  const updates = (seen: DeskEvent[]) =>
    seen.flatMap((e) => (e.type === 'intent.updated' ? [[e.intent.id, e.intent.status]] : []));
  const audit = async (intentId: string) =>
    (await w.store.listEvents({ intentId })).map((e) => ({ type: e.type, actor: e.actor, data: e.data }));

  async function twoPersonCore(): Promise<TradingCore> {
    const core = buildCore(w.database, w.broker, w.clock, {}, { policy: twoPerson });
    await core.reconciliation.reconcile();
    return core;
  }

  it('when a LIMIT card is proposed while the quote is elsewhere then the card shows the limit and the quote apart', async () => {
    const core = await w.readyCore();
    w.broker.prices.set('069500', 36_000);
    const { intent } = await core.approvals.propose(buy({ limitPrice: 35_980, quantity: 2 }));
    expect(intent.precheck).toMatchObject({ referencePrice: 35_980, quotePrice: 36_000 });
  });

  it('when a MARKET card is proposed then its reference price is the quote', async () => {
    const core = await w.readyCore();
    w.broker.prices.set('069500', 36_010);
    const { intent } = await core.approvals.propose(
      buy({ orderType: 'MARKET', limitPrice: undefined, quantity: 2 }),
    );
    expect(intent.precheck).toMatchObject({
      referencePrice: 36_010,
      quotePrice: 36_010,
      estimatedValue: 72_020,
    });
  });

  it('when the quote cannot be read then the card is still recorded, denied, without a price', async () => {
    const core = await w.readyCore();
    w.broker.prices.delete('069500');
    const market = await core.approvals.propose(buy({ orderType: 'MARKET', limitPrice: undefined }));
    const limit = await core.approvals.propose(buy({ quantity: 1 }));
    expect(market.intent).toMatchObject({
      status: 'DENIED',
      precheck: { referencePrice: null, quotePrice: null },
    });
    expect(limit.intent).toMatchObject({
      status: 'DENIED',
      precheck: { referencePrice: 35_980, quotePrice: null },
    });
  });

  it('when a card is approved by one person then the audit names the channel and the card is announced', async () => {
    const core = await w.readyCore();
    const { intent } = await core.approvals.propose(buy());
    const seen = watch(core);
    const result = await core.approvals.approve(intent.id, alice);
    expect(result.status).toBe('submitted');
    expect(updates(seen)[0]).toEqual([intent.id, 'APPROVED']);
    expect((await audit(intent.id)).find((e) => e.type === 'INTENT_APPROVED')).toEqual({
      type: 'INTENT_APPROVED',
      actor: 'alice',
      data: { channel: 'discord' },
    });
  });

  it('when a card is rejected then the REJECTED card is announced', async () => {
    const core = await w.readyCore();
    const { intent } = await core.approvals.propose(buy());
    const seen = watch(core);
    await core.approvals.reject(intent.id, bob, 'not today');
    expect(updates(seen)).toEqual([[intent.id, 'REJECTED']]);
  });

  it('when cards expire then each EXPIRED card is announced and the audit says the clock did it', async () => {
    const core = await w.readyCore();
    const first = (await core.approvals.propose(buy())).intent;
    const second = (await core.approvals.propose(buy({ quantity: 1 }))).intent;
    const seen = watch(core);
    w.clock.advance(10 * 60_000 + 1);
    const expired = await core.approvals.expireDue();
    expect(expired.map((i) => i.id).sort()).toEqual([first.id, second.id].sort());
    expect(updates(seen).sort()).toEqual(
      [
        [first.id, 'EXPIRED'],
        [second.id, 'EXPIRED'],
      ].sort(),
    );
    expect((await audit(first.id)).at(-1)).toMatchObject({ type: 'INTENT_EXPIRED', actor: 'clock' });
    // A second pass finds nothing left to expire and announces nothing.
    expect(await core.approvals.expireDue()).toEqual([]);
    expect(updates(seen)).toHaveLength(2);
  });

  it('when a card has expired but is not yet marked then a ✅ is told it expired; a decided card is already decided', async () => {
    const core = await w.readyCore();
    const late = (await core.approvals.propose(buy())).intent;
    const done = (await core.approvals.propose(buy({ quantity: 1 }))).intent;
    await core.approvals.reject(done.id, bob);
    w.clock.advance(10 * 60_000);
    expect((await core.approvals.approve(late.id, alice)).status).toBe('expired');
    expect((await core.approvals.approve(done.id, alice)).status).toBe('already-decided');
    expect(w.broker.callsOf('placeOrder')).toEqual([]);
  });

  it('when the first of two approves then the card says 1 of 2 in its audit and is announced with the first approver', async () => {
    const core = await twoPersonCore();
    const { intent } = await core.approvals.propose(buy());
    const seen = watch(core);
    const first = await core.approvals.approve(intent.id, alice);
    expect(first.status).toBe('awaiting-second');
    const announced = seen.find((e) => e.type === 'intent.updated');
    expect(announced).toMatchObject({ intent: { id: intent.id, firstApprovedBy: 'alice' } });
    const second = await core.approvals.approve(intent.id, bob);
    expect(second.status).toBe('submitted');
    const trail = await audit(intent.id);
    expect(trail.find((e) => e.type === 'INTENT_FIRST_APPROVAL')).toEqual({
      type: 'INTENT_FIRST_APPROVAL',
      actor: 'alice',
      data: { channel: 'discord', of: 2 },
    });
    expect(trail.find((e) => e.type === 'INTENT_APPROVED')).toEqual({
      type: 'INTENT_APPROVED',
      actor: 'bob',
      data: { channel: 'discord', firstApprovedBy: 'alice' },
    });
    expect(updates(seen).at(-1)).toEqual([intent.id, 'APPROVED']);
  });

  it('when the first approver presses ✅ again then nothing changes and nothing is sent', async () => {
    const core = await twoPersonCore();
    const { intent } = await core.approvals.propose(buy());
    await core.approvals.approve(intent.id, alice);
    const again = await core.approvals.approve(intent.id, alice);
    expect(again).toMatchObject({ status: 'same-approver', intent: { firstApprovedBy: 'alice' } });
    expect(w.broker.callsOf('placeOrder')).toEqual([]);
    expect((await w.store.getIntent(intent.id))!.status).toBe('AWAITING_APPROVAL');
  });

  it('when the first approver presses ✅ after the card expired then they are told it expired, not same-approver', async () => {
    const core = await twoPersonCore();
    const { intent } = await core.approvals.propose(buy());
    await core.approvals.approve(intent.id, alice);
    w.clock.advance(10 * 60_000);
    expect((await core.approvals.approve(intent.id, alice)).status).toBe('expired');
  });

  it('when a card above the threshold was already approved then another ✅ is told it is decided and sends nothing more', async () => {
    const core = await twoPersonCore();
    const { intent } = await core.approvals.propose(buy());
    await core.approvals.approve(intent.id, alice);
    await core.approvals.approve(intent.id, bob);
    const third = await core.approvals.approve(intent.id, alice);
    expect(third.status).toBe('already-decided');
    expect(w.broker.callsOf('placeOrder')).toHaveLength(1);
  });

  it('when a card is below the threshold then one Discord approval sends it', async () => {
    const core = await twoPersonCore();
    const { intent } = await core.approvals.propose(buy({ quantity: 2 })); // 71,960 KRW
    expect((await core.approvals.approve(intent.id, alice)).status).toBe('submitted');
    expect(w.broker.callsOf('placeOrder')).toHaveLength(1);
  });
});
