/**
 * `npm start` with nothing configured, end to end: the real composition (embedded simulator, offline planner,
 * local embedder, pgvector) and the terminal channel, driven through streams. Ask a quote, get a proposal,
 * approve it, see the fill.
 */
import { PassThrough, Writable } from 'node:stream';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { FakeClock } from '../../src/adapters/clock/fake';
import { createTerminalChannel } from '../../src/adapters/console/terminal';
import { openDatabase, type Database } from '../../src/adapters/db/client';
import type { Subscription } from '../../src/domain/ports';
import { composeDesk, type DeskRuntime } from '../../src/compose';
import { loadConfig } from '../../src/config';
import { kstInstant } from '../../src/domain/market';

describe('npm start with nothing configured (terminal)', () => {
  let database: Database;
  let runtime: DeskRuntime;
  let fills: Subscription;
  let input: PassThrough;
  let printed = '';
  let finished: Promise<void>;

  beforeAll(async () => {
    database = await openDatabase({ dataDir: 'memory://' });
    const clock = new FakeClock(kstInstant('2026-11-23', 10, 0));
    runtime = await composeDesk(loadConfig({ LOG_LEVEL: 'silent' }), {
      clock,
      database,
      simulator: {
        rateLimitPerSecond: { real: 200, paper: 200 },
        tokenIssueIntervalMs: 0,
        pingIntervalMs: 3_600_000,
      },
    });
    fills = await runtime.broker.subscribeFills((n) => void runtime.core.fills.onNotice(n));
    expect((await runtime.core.reconciliation.reconcile()).ok).toBe(true);
    input = new PassThrough();
    const output = new Writable({
      write(chunk: Buffer, _encoding, done) {
        printed += chunk.toString('utf8');
        done();
      },
    });
    finished = createTerminalChannel({ desk: runtime.desk, input, output, locale: 'ko', clock }).run();
  });

  afterAll(async () => {
    input?.end();
    await finished;
    await fills?.close();
    await runtime?.close();
    await database?.close();
  });

  async function type(line: string, expectToSee: string | RegExp): Promise<string> {
    const before = printed.length;
    input.write(`${line}\n`);
    await vi.waitFor(() => expect(printed.slice(before)).toMatch(expectToSee), {
      timeout: 15_000,
      interval: 25,
    });
    return printed.slice(before);
  }

  it('when the operator asks a quote, gets a proposal and approves it then the simulator fills it and the terminal shows the fill', async () => {
    // Arrange: the banner says where the data comes from
    expect(runtime.simulator).not.toBeNull();

    // Act + Assert
    const quote = await type('069500 현재가', /KIS inquire-price 069500/);
    expect(quote).toContain('오프라인');
    const price = runtime.simulator!.control.currentPrice('069500');
    expect(quote).toContain(price.toLocaleString('en-US'));

    const card = await type('069500 2주 매수', /승인하려면 y/);
    expect(card).toContain('069500');
    expect(runtime.simulator!.control.receivedOrders()).toHaveLength(0);

    const fill = await type('y', /체결: 069500 2주/);
    expect(fill).toContain('체결');
    const atSimulator = runtime.simulator!.control.receivedOrders().filter((o) => o.kind === 'order');
    expect(atSimulator).toHaveLength(1);
    expect(atSimulator[0]).toMatchObject({ ticker: '069500', side: 'BUY', quantity: 2 });

    const portfolio = await type('/portfolio', /069500/);
    expect(portfolio).toContain('2주');
  });

  it('when the operator uses /watch then the watchlist rows follow, bad input changes nothing and /status shows the watch', async () => {
    // Arrange
    const rows = async () =>
      (await runtime.watch.listWatchlist()).map((e) => [e.ticker, e.conditions, e.overrides]);

    // Act + Assert: add with a condition and a threshold
    const added = await type('/watch add 229200 sell_stop_loss stopLossPct=6', /감시합니다/);
    expect(added).toContain('KODEX 코스닥150 (229200)을(를) 감시합니다: 손절');
    expect(await rows()).toEqual([['229200', ['sell_stop_loss'], { stopLossPct: 6 }]]);

    // bad input: one message each, the rows unchanged
    expect(await type('/watch add 999999', /바뀐 것은 없습니다/)).toContain('ETF 목록에 없는 종목');
    expect(await type('/watch add 229200 stopLossPct=120', /바뀐 것은 없습니다/)).toContain(
      'stopLossPct: must be at most 100 %',
    );
    expect(await type('/watch remove', /사용법: \/watch/)).toContain('/watch list');
    expect(await rows()).toEqual([['229200', ['sell_stop_loss'], { stopLossPct: 6 }]]);

    // list, status, remove
    expect(await type('/watch list', /229200/)).toMatch(/KODEX 코스닥150 \(229200\) .*\[감시 목록\]/);
    expect(await type('/status', /실시간 등록/)).toMatch(/감시 \d+종목 · 실시간 등록 \d+\/40/);
    expect(await type('/watch remove 229200', /뺐습니다/)).toContain('229200을(를) 감시 목록에서 뺐습니다.');
    expect(await rows()).toEqual([]);
  });
});
