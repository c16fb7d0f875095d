/**
 * The approval scorecard on the real stack: a ✅ through the fake Discord is recorded as a decision (from the
 * desk's events, wired in compose) and /scorecard answers with it; a bad period gets one clear line.
 */
import { sql } from 'drizzle-orm';
import { afterEach, describe, expect, it } from 'vitest';
import { testDatabaseTargets, useTestDatabase } from '../../support/db';
import { bodyOf, editOf, openTradeThread, scriptTrade } from './support/flows';
import { reconcileForTrading, startFullStack, type FullStack } from './support/harness';

const [pglite] = testDatabaseTargets();

describe('full stack: approval scorecard', () => {
  const handle = useTestDatabase(pglite!);
  let stack: FullStack | undefined;

  afterEach(async () => {
    await stack?.close();
    stack = undefined;
  });

  it('when alice approves a card then the decision is recorded and /scorecard shows it; a bad period changes nothing', async () => {
    // Arrange
    stack = await startFullStack({ database: handle.database, startAt: '2026-11-23T10:00:00+09:00' });
    await reconcileForTrading(stack);
    const { fake, openai, runtime } = stack;
    const trade = scriptTrade(openai);
    const { card, intentId } = await openTradeThread(fake, fake.users.alice);

    // Act
    await editOf(fake, fake.click(fake.users.alice, card.id, `approve:${intentId}`));
    const rows = async () =>
      (
        (await handle.database.db.execute(
          sql`select intent_id, decision, person, quantity, reference_price::int as price, exposure from decision_scores`,
        )) as unknown as { rows: Record<string, unknown>[] }
      ).rows;
    await expect.poll(rows, { timeout: 10_000 }).toHaveLength(1);
    const shown = bodyOf(await editOf(fake, fake.slash(fake.users.bob, 'scorecard', {})));
    const bad = bodyOf(await editOf(fake, fake.slash(fake.users.bob, 'scorecard', { period: 'fortnight' })));

    // Assert: one decision by alice at the quote of the approval, exposure = the bought shares
    expect(await rows()).toEqual([
      {
        intent_id: intentId,
        decision: 'APPROVED',
        person: fake.users.alice.id,
        quantity: trade.quantity,
        price: trade.quote?.price,
        exposure: trade.quantity,
      },
    ]);
    const embed = shown.embeds?.[0];
    expect(embed?.title).toBe('승인 성적표 · 2026-11');
    expect(embed?.fields?.map((f) => f.name)).toEqual(['전체', `<@${fake.users.alice.id}>`]);
    expect(embed?.fields?.[0]?.value).toContain('결정 1건');
    expect(embed?.fields?.[0]?.value).toContain('1거래일 후: 아직 종가 없음');
    expect((shown as { allowed_mentions?: { parse?: string[] } }).allowed_mentions?.parse ?? []).toEqual([]);
    expect(bad.content).toContain('"fortnight"은(는) 기간이 아닙니다');
    expect(bad.embeds ?? []).toEqual([]);
    expect(await rows()).toHaveLength(1);
    expect(runtime.simulator!.control.receivedOrders()).toHaveLength(1);
  });

  it('when /pnl is asked before any close snapshot then it says there is no data, and a bad period is refused', async () => {
    stack = await startFullStack({ database: handle.database, startAt: '2026-11-23T10:00:00+09:00' });
    const { fake } = stack;
    const empty = bodyOf(await editOf(fake, fake.slash(fake.users.bob, 'pnl', { period: 'month' })));
    const bad = bodyOf(await editOf(fake, fake.slash(fake.users.bob, 'pnl', { period: '2026-11' })));

    expect(empty.content).toBe(
      '2026-11 기간의 종가 기록(NAV 스냅샷)이 없습니다. 장 마감 후 스냅샷이 쌓이면 볼 수 있습니다.',
    );
    expect(bad.content).toContain('"2026-11"은(는) 기간이 아닙니다');
  });
});
