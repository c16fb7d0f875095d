import { describe, expect, it } from 'vitest';
import type { TradingCore } from '../../../src/app/trading-core';
import { testDatabaseTargets } from '../../support/db';
import { alice, bob, buildCore, buy, useTradingWorld } from '../../support/trading';

const policy = { allowedUserIds: ['alice', 'bob'], allowedRoleIds: [], twoPersonAboveKrw: 100_000 };

describe.each(testDatabaseTargets())('two-person approval on $name', (target) => {
  const w = useTradingWorld(target);

  /** Two desk processes on one database: separate cores, one store underneath. */
  async function twoProcesses(): Promise<[TradingCore, TradingCore]> {
    const first = buildCore(w.database, w.broker, w.clock, {}, { policy });
    const second = buildCore(w.database, w.broker, w.clock, {}, { policy });
    await first.reconciliation.reconcile();
    await second.reconciliation.reconcile();
    return [first, second];
  }

  it('when the first approval is given in one process then a different approver in another process sends it once', async () => {
    const [a, b] = await twoProcesses();
    const { intent } = await a.approvals.propose(buy());

    const first = await a.approvals.approve(intent.id, alice);
    const second = await b.approvals.approve(intent.id, bob);

    expect(first.status).toBe('awaiting-second');
    expect(second.status).toBe('submitted');
    expect(w.broker.callsOf('placeOrder')).toHaveLength(1);
    expect(await w.store.getIntent(intent.id)).toMatchObject({ firstApprovedBy: 'alice', decidedBy: 'bob' });
    const events = (await w.store.listEvents({ intentId: intent.id })).map((e) => [e.type, e.actor]);
    expect(events.slice(0, 3)).toEqual([
      ['INTENT_PROPOSED', 'alice'],
      ['INTENT_FIRST_APPROVAL', 'alice'],
      ['INTENT_APPROVED', 'bob'],
    ]);
  });

  it('when two different approvers click at once in two processes then exactly one order is sent', async () => {
    const [a, b] = await twoProcesses();
    const { intent } = await a.approvals.propose(buy());

    const results = await Promise.all([
      a.approvals.approve(intent.id, alice),
      b.approvals.approve(intent.id, bob),
    ]);

    expect(results.map((r) => r.status).sort()).toEqual(['awaiting-second', 'submitted']);
    expect(w.broker.callsOf('placeOrder')).toHaveLength(1);
  });

  it('when the same approver clicks twice at once in two processes then nothing is sent', async () => {
    const [a, b] = await twoProcesses();
    const { intent } = await a.approvals.propose(buy());

    const results = await Promise.all([
      a.approvals.approve(intent.id, alice),
      b.approvals.approve(intent.id, alice),
    ]);

    expect(results.map((r) => r.status).sort()).toEqual(['awaiting-second', 'same-approver']);
    expect(w.broker.callsOf('placeOrder')).toEqual([]);
    expect((await w.store.getIntent(intent.id))!.status).toBe('AWAITING_APPROVAL');
  });

  it('when the first approval is on record but the card expired then the second approver is told it expired', async () => {
    const [a] = await twoProcesses();
    const { intent } = await a.approvals.propose(buy());
    await a.approvals.approve(intent.id, alice);
    w.clock.advance(10 * 60_000 + 1);

    const late = await a.approvals.approve(intent.id, bob);

    expect(late.status).toBe('expired');
    expect(w.broker.callsOf('placeOrder')).toEqual([]);
  });

  it('when the terminal owner approves then one approval is enough (the terminal is one person)', async () => {
    const [a] = await twoProcesses();
    const { intent } = await a.approvals.propose(buy());

    const result = await a.approvals.approve(intent.id, {
      userId: 'owner',
      roleIds: [],
      channel: 'terminal',
    });

    expect(result.status).toBe('submitted');
    expect(w.broker.callsOf('placeOrder')).toHaveLength(1);
  });
});
