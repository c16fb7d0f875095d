/**
 * KIS maintenance windows on the real stack: /blackout through the fake Discord (approvers only, one clear
 * message on bad input), a card approved inside the window waits with the reason on it, and the scheduler's
 * tick after the window sends it once.
 */
import { afterEach, describe, expect, it } from 'vitest';
import { testDatabaseTargets, useTestDatabase } from '../../support/db';
import { bodyOf, editOf, openTradeThread, scriptTrade } from './support/flows';
import { reconcileForTrading, startFullStack, type FullStack } from './support/harness';

const [pglite] = testDatabaseTargets();

function statusField(body: ReturnType<typeof bodyOf>): string | undefined {
  return body.embeds?.[0]?.fields?.find((f) => f.name === '상태')?.value;
}

describe('full stack: KIS maintenance windows', () => {
  const handle = useTestDatabase(pglite!);
  let stack: FullStack | undefined;

  afterEach(async () => {
    await stack?.close();
    stack = undefined;
  });

  it('when /blackout is used then approvers add, list and remove windows and bad input or other people change nothing', async () => {
    // Arrange
    stack = await startFullStack({ database: handle.database, startAt: '2026-11-23T09:55:00+09:00' });
    const { fake, runtime } = stack;
    const slash = (user: typeof fake.users.alice, sub: string, options: Record<string, string> = {}) =>
      editOf(fake, fake.slash(user, 'blackout', options, { subcommand: sub }));

    // Act
    const added = await slash(fake.users.alice, 'add', {
      from: '10:00',
      to: '10:30',
      reason: 'KIS 긴급 점검 @everyone',
    });
    const byMallory = await fake.waitForCallback(
      fake.slash(fake.users.mallory, 'blackout', { from: '11:00', to: '12:00' }, { subcommand: 'add' }),
    );
    const overlapping = await slash(fake.users.alice, 'add', { from: '10:20', to: '11:00' });
    const garbled = await slash(fake.users.alice, 'add', { from: '25:00', to: '11:00' });
    const listed = await slash(fake.users.bob, 'list');

    // Assert
    expect(bodyOf(added).content).toBe(
      '점검 시간 #1을(를) 추가했습니다: 11-23 10:00 ~ 11-23 10:30 KST. 이 시간에는 주문을 보내지 않고 보류합니다.',
    );
    expect(JSON.stringify(byMallory)).toContain('승인');
    expect(bodyOf(overlapping).content).toBe(
      '10:20 ~ 11:00이(가) 이미 있는 점검 시간 #1과(와) 겹칩니다. 바꾸려면 먼저 지우세요.',
    );
    expect(bodyOf(garbled).content).toBe(
      '"25:00"은(는) 시각 형식이 아닙니다. YYYY-MM-DD HH:MM 또는 HH:MM(KST)으로 입력하세요.',
    );
    const list = bodyOf(listed).embeds![0]!.description!;
    expect(list).toContain('매일 23:30-00:10 (KST, 설정 ORDER_BLACKOUT_WINDOWS_KST)');
    expect(list).toContain(
      // The typed reason is escaped (its @everyone is inert); the desk's own mention of alice is not.
      `#1 11-23 10:00 ~ 11-23 10:30 KST · KIS 긴급 점검 @\u200beveryone · 추가: <@${fake.users.alice.id}>`,
    );
    expect(
      (listed.body as { allowed_mentions?: { parse?: string[] } }).allowed_mentions?.parse ?? [],
    ).toEqual([]);
    expect((await runtime.desk.blackouts()).adhoc.map((w) => w.id)).toEqual([1]);

    const removed = await slash(fake.users.alice, 'remove', { id: '#1' });
    expect(bodyOf(removed).content).toBe('점검 시간 #1(11-23 10:00 ~ 11-23 10:30 KST)을(를) 지웠습니다.');
    expect((await runtime.desk.blackouts()).adhoc).toEqual([]);
  });

  it('when alice approves a card inside a window then it waits with the reason on the card and the first tick after the window sends it once', async () => {
    // Arrange: a window 10:00–10:30; the card is proposed at 10:01
    stack = await startFullStack({ database: handle.database, startAt: '2026-11-23T09:55:00+09:00' });
    await reconcileForTrading(stack);
    const { fake, openai, runtime, clock } = stack;
    const simulator = runtime.simulator!;
    const alice = {
      userId: fake.users.alice.id,
      roleIds: [fake.roles.approver],
      channel: 'discord' as const,
    };
    expect(
      (await runtime.desk.addBlackout({ from: '10:00', to: '10:30', reason: 'KIS 서버 작업' }, alice)).status,
    ).toBe('ok');
    clock.set(new Date('2026-11-23T10:01:00+09:00'));
    scriptTrade(openai);
    const { card, intentId } = await openTradeThread(fake, fake.users.alice);
    clock.set(new Date('2026-11-23T10:05:00+09:00'));
    const requestsBefore = simulator.control.stats().requests;

    // Act: approved in the window
    const edit = await editOf(fake, fake.click(fake.users.alice, card.id, `approve:${intentId}`));

    // Assert: waiting, the reason on the card, nothing asked of or sent to KIS
    expect((await runtime.store.getIntent(intentId))!.status).toBe('DEFERRED');
    const embed = JSON.stringify(bodyOf(edit).embeds?.[0]);
    expect(embed).toContain(
      '⏸ KIS 점검 시간: KIS 점검 시간(#1)이라 주문을 보내지 않습니다. 2026-11-23 10:30 이후',
    );
    expect(embed).toContain('사유: KIS 서버 작업');
    expect(statusField(bodyOf(edit))).toBeDefined();
    expect(simulator.control.stats().requests).toBe(requestsBefore);

    // Act: ticks in the window and after it
    clock.set(new Date('2026-11-23T10:20:00+09:00'));
    await runtime.scheduler.tick();
    const ordersDuring = simulator.control.receivedOrders().length;
    clock.set(new Date('2026-11-23T10:31:00+09:00'));
    await runtime.scheduler.tick();
    await runtime.scheduler.tick();

    // Assert
    expect(ordersDuring).toBe(0);
    expect(simulator.control.receivedOrders()).toHaveLength(1);
    expect((await runtime.store.getIntent(intentId))!.status).toBe('SUBMITTED');
  });
});
