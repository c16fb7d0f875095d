/**
 * The NAV premium guard on the real stack: the KIS client reads the ETF's NAV from the simulator's ETF price TR
 * (on its paper host), the guard compares it with the price at ✅ time, and the card says why nothing was sent.
 */
import { afterEach, describe, expect, it } from 'vitest';
import { testDatabaseTargets, useTestDatabase } from '../../support/db';
import { bodyOf, editOf, openTradeThread, scriptTrade } from './support/flows';
import { reconcileForTrading, startFullStack, type FullStack } from './support/harness';

const [pglite] = testDatabaseTargets();
const ETF_PRICE = '/uapi/etfetn/v1/quotations/inquire-price';

function statusField(body: ReturnType<typeof bodyOf>): string | undefined {
  return body.embeds?.[0]?.fields?.find((f) => f.name === '상태')?.value;
}

describe('full stack: NAV premium guard', () => {
  const handle = useTestDatabase(pglite!);
  let stack: FullStack | undefined;

  afterEach(async () => {
    await stack?.close();
    stack = undefined;
  });

  it('when the ETF trades 2 % over its NAV by the time alice approves a buy then it is denied with NAV_PREMIUM on the card and nothing is sent', async () => {
    // Arrange: the card is proposed while the price is near NAV
    stack = await startFullStack({ database: handle.database });
    await reconcileForTrading(stack);
    const { fake, openai, runtime } = stack;
    const simulator = runtime.simulator!;
    scriptTrade(openai);
    const { card, intentId } = await openTradeThread(fake, fake.users.alice);
    const proposed = (await runtime.store.getIntent(intentId))!;
    expect(proposed.status).toBe('AWAITING_APPROVAL');
    expect(proposed.precheck.checks.find((c) => c.rule === 'navPremium')).toMatchObject({ ok: true });
    const cardText = JSON.stringify(card.embeds[0]);
    expect(cardText).toMatch(/NAV 괴리율 -?\d+(\.\d+)?% \(NAV [\d,]+\.\d\d원, 한도 ±0\.5%\)/);

    // Act: market makers pull back; the price is now 2 % above NAV when ✅ is pressed
    simulator.control.setNavPremium('069500', 200);
    const navReadsBefore = simulator.control.stats().byPath[ETF_PRICE] ?? 0;
    const click = fake.click(fake.users.alice, card.id, `approve:${intentId}`);
    const edit = await editOf(fake, click);

    // Assert
    const intent = (await runtime.store.getIntent(intentId))!;
    expect(intent.status).toBe('DENIED');
    expect(intent.precheck.code).toBe('NAV_PREMIUM');
    expect(simulator.control.stats().byPath[ETF_PRICE]).toBe(navReadsBefore + 1);
    expect(simulator.control.receivedOrders()).toEqual([]);
    const status = statusField(bodyOf(edit)) ?? '';
    expect(status).toMatch(
      /069500 매수 가격 [\d,]+원이\(가\) NAV [\d,]+\.\d\d원 대비 괴리율 2%로 한도 ±0\.5%를 벗어납니다/,
    );
    expect(JSON.stringify(bodyOf(edit).embeds?.[0])).toContain('❌ NAV 괴리율');
  });
});
