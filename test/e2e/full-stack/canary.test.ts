/**
 * The pre-open canary on the real stack: read-only probes of the KIS simulator, the database and memory at
 * 07:45 before the 08:00 cycle. A failure holds the cycle, posts the reason to the alert channel and retries;
 * still failing at the catch-up cutoff, the day's cycle is skipped and nothing is ever sent.
 */
import { sql } from 'drizzle-orm';
import { afterEach, describe, expect, it } from 'vitest';
import { testDatabaseTargets, useTestDatabase } from '../../support/db';
import type { FakeDiscord } from '../../support/fake-discord';
import { CHANNEL_MESSAGE } from './support/flows';
import { rowsOf } from './support/database-scan';
import { startFullStack, type FullStack } from './support/harness';

const [pglite] = testDatabaseTargets();
const BALANCE = '/uapi/domestic-stock/v1/trading/inquire-balance';
/** Tuesday 2026-12-01, the first trading day of December: the cycle would rebalance. */
const at = (hhmm: string) => new Date(`2026-12-01T${hhmm}:00+09:00`);

/** A post in the alert channel whose text or embeds contain `text`. */
function alertPost(fake: FakeDiscord, text: string) {
  return fake.waitForRequest(
    (r) =>
      r.route === CHANNEL_MESSAGE &&
      r.params.channelId === fake.channels.alert.id &&
      JSON.stringify(r.body).includes(text),
    20_000,
  );
}

async function runsOf(stack: FullStack): Promise<{ status: string }[]> {
  return rowsOf<{ status: string }>(
    await stack.runtime.database.db.execute(
      sql`select status from daily_runs where trade_date = '2026-12-01'`,
    ),
  );
}

describe('full stack: pre-open canary', () => {
  const handle = useTestDatabase(pglite!);
  let stack: FullStack | undefined;

  afterEach(async () => {
    await stack?.close();
    stack = undefined;
  });

  it('when the balance cannot be read before the open then the cycle is held, the reason is posted, and at the cutoff the day is skipped with 0 orders', async () => {
    // Arrange: up at 07:40 (start-up reconciliation), then KIS stops answering balance reads
    stack = await startFullStack({ database: handle.database, startAt: '2026-12-01T07:40:00+09:00' });
    const { fake, runtime, clock } = stack;
    const simulator = runtime.simulator!;
    expect((await runtime.scheduler.tick()).reconciled).toBe(true);
    simulator.control.injectFault({ kind: 'http5xx', path: BALANCE, count: 100_000 });

    // Act: the canary at 07:45, the cycle time, retries, the cutoff
    clock.set(at('07:45'));
    const canaryTick = await runtime.scheduler.tick();
    const alert = await alertPost(fake, '개장 전 점검 실패');
    const ticks = [];
    for (const hhmm of ['08:05']) {
      clock.set(at(hhmm));
      ticks.push(await runtime.scheduler.tick());
    }
    const held = await runtime.desk.status();
    clock.set(at('15:00'));
    await runtime.scheduler.tick();
    const skippedAlert = await alertPost(fake, '오늘(2026-12-01) 일일 사이클을 건너뜁니다');
    const afterCutoff = await runtime.desk.status();

    // Assert: the canary ran and failed on the balance probe, read-only
    expect(canaryTick.ran).toContain('canary');
    const record = (await runtime.desk.status()).canary;
    expect(record).toMatchObject({ tradeDate: '2026-12-01', status: 'SKIPPED' });
    expect(record!.reason).toMatch(/^balance: /);
    expect(record!.attempts).toBe(2); // 07:45, then 08:05 (the cycle tick runs the due retry)
    expect(JSON.stringify(alert.body)).toContain('balance: HTTP_500');
    expect(JSON.stringify(skippedAlert.body)).toContain('balance: HTTP_500');
    // Assert: the cycle never started, nothing was sent
    expect(ticks.map((t) => t.cycle)).toEqual([null]);
    expect(await runsOf(stack)).toEqual([]);
    expect(simulator.control.receivedOrders()).toEqual([]);
    expect(held.canary?.status).toBe('FAILED');
    expect(afterCutoff.canary?.status).toBe('SKIPPED');
    expect(afterCutoff.recentAlerts.some((a) => a.kind === 'CANARY_FAILED')).toBe(true);
  }, 60_000);

  it('when a retry succeeds before the cutoff then the held cycle runs at that tick', async () => {
    // Arrange
    stack = await startFullStack({ database: handle.database, startAt: '2026-12-01T07:40:00+09:00' });
    const { runtime, clock } = stack;
    const simulator = runtime.simulator!;
    await runtime.scheduler.tick();
    simulator.control.injectFault({ kind: 'http5xx', path: BALANCE, count: 100_000 });
    clock.set(at('08:05'));
    const heldTick = await runtime.scheduler.tick();

    // Act: KIS answers again; the next retry is due five minutes after the last attempt
    simulator.control.clearFaults();
    clock.set(at('08:11'));
    const tick = await runtime.scheduler.tick();

    // Assert
    expect(heldTick.cycle).toBeNull();
    expect(tick.cycle).toMatchObject({ tradeDate: '2026-12-01', status: 'COMPLETED' });
    const status = await runtime.desk.status();
    expect(status.canary).toMatchObject({ status: 'PASSED', reason: null });
    expect(status.canary!.attempts).toBe(2);
  }, 60_000);
});
