/**
 * The terminal's report commands end to end: the real Desk facade, the trading core over the FakeBroker,
 * PGlite, the scorecard listening to the desk's events. Lines go in through a stream; the test reads what
 * is printed and the rows written.
 */
import { PassThrough, Writable } from 'node:stream';
import { sql } from 'drizzle-orm';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { createTerminalChannel } from '../../src/adapters/console/terminal';
import { createDbScorecardStore } from '../../src/adapters/db/scorecard-store';
import { createDbTradingStore } from '../../src/adapters/db/trading-store';
import { createDesk } from '../../src/app/desk';
import { ScorecardService } from '../../src/app/reports/scorecard';
import { PnlService } from '../../src/app/reports/pnl';
import { brokerClosePrices } from '../../src/app/reports/close-prices';
import { createDbFillsReader } from '../../src/adapters/db/fills-reader';
import { kstInstant } from '../../src/domain/market';
import { deskBacktestOutcome } from '../../src/app/jobs';
import { guardLimitsFor } from '../../src/backtest/config';
import { runDeskBacktest, type DeskBacktestSetup } from '../../src/backtest/desk-backtest';
import { runStudyJob } from '../../src/backtest/study/worker';
import { DEFAULT_STRATEGY_CONFIG } from '../../src/domain/strategy/config';
import { testDatabaseTargets, useTestDatabase } from '../support/db';
import { calendar } from '../support/trading';
import { buildWorld, UNIVERSE, type AssistantWorld } from '../integration/assistant/support/harness';

const [pglite] = testDatabaseTargets();
const backtestSetup: DeskBacktestSetup = {
  strategy: DEFAULT_STRATEGY_CONFIG,
  limits: guardLimitsFor(DEFAULT_STRATEGY_CONFIG, 1_000_000),
  commissionPpm: 140,
  navFloorBp: 8_000,
};

describe('terminal reports', () => {
  const handle = useTestDatabase(pglite!);
  let world: AssistantWorld;
  let scorecard: ScorecardService;
  let input: PassThrough;
  let printed: string;
  let finished: Promise<void>;

  beforeEach(async () => {
    world = await buildWorld(handle.database, null);
    await world.broker.subscribeFills((notice) => void world.core.fills.onNotice(notice));
    scorecard = new ScorecardService({
      store: createDbScorecardStore(handle.database.db),
      calendar,
      clock: world.clock,
      closes: {
        // 2026-11-24 is the first trading day after the decisions of Monday 2026-11-23.
        async closes(ticker, from, to) {
          const closes = new Map<string, number>([['2026-11-24', 36_480]]);
          return ticker === '069500' ? new Map([...closes].filter(([d]) => d >= from && d <= to)) : new Map();
        },
      },
      quote: async (ticker) => (await world.broker.getQuote(ticker)).price,
    });
    world.core.events.subscribe(scorecard.listener());
    const desk = createDesk({
      core: world.core,
      store: createDbTradingStore(handle.database.db),
      broker: world.broker,
      clock: world.clock,
      conversations: world.assistant({ model: 'offline' }),
      cycle: null,
      universe: UNIVERSE,
      simulated: true,
      scorecard,
      backtest: (request) =>
        deskBacktestOutcome(
          runDeskBacktest(request, backtestSetup, '2026-11-23', async (config, tickers) =>
            runStudyJob({ id: 1, config, dataTickers: [...tickers] }),
          ),
        ),
      pnl: new PnlService({
        snapshots: createDbTradingStore(handle.database.db),
        fills: createDbFillsReader(handle.database.db),
        closes: brokerClosePrices(world.broker),
        clock: world.clock,
        calendar,
      }),
    });
    input = new PassThrough();
    printed = '';
    const output = new Writable({
      write(chunk: Buffer, _encoding, done) {
        printed += chunk.toString('utf8');
        done();
      },
    });
    finished = createTerminalChannel({ desk, input, output, locale: 'ko', clock: world.clock }).run();
  });

  afterEach(async () => {
    input.end();
    await finished;
  });

  async function type(line: string, expectToSee: string): Promise<string> {
    const before = printed.length;
    input.write(`${line}\n`);
    await vi.waitFor(() => expect(printed.slice(before)).toContain(expectToSee), {
      timeout: 10_000,
      interval: 20,
    });
    return printed.slice(before);
  }

  async function decisionRows(): Promise<
    { decision: string; person: string; reference_price: number; exposure: number }[]
  > {
    const result = await handle.database.db.execute(
      sql`select decision, person, reference_price::int as reference_price, exposure from decision_scores order by id`,
    );
    return (result as unknown as { rows: never[] }).rows;
  }

  it('when the operator rejects one proposal and approves another then /scorecard shows both decisions and the next close scores them', async () => {
    // Act: one rejection (a proposal: doing nothing is its baseline) and one approval of 3 × 069500.
    await type('069500 2주 매수', '승인하려면 y');
    await type('n', '거절');
    await type('069500 3주 매수', '승인하려면 y');
    await type('y', '주문 전송됨');
    await scorecard.settled();
    const before = await type('/scorecard', '승인 성적표');
    world.clock.set(kstInstant('2026-11-24', 16, 0));
    const after = await type('/scorecard me', '승인 성적표');

    // Assert: rows at the quote of the decision (35,980), and 3 × (36,480 − 35,980) = +1,500 after one day.
    expect(await decisionRows()).toEqual([
      { decision: 'REJECTED', person: 'terminal-operator', reference_price: 35_980, exposure: 0 },
      { decision: 'APPROVED', person: 'terminal-operator', reference_price: 35_980, exposure: 3 },
    ]);
    expect(before).toContain('결정 2건');
    expect(before).toContain('1거래일 후: 아직 종가 없음');
    expect(after).toContain('승인 성적표 · terminal-operator · 2026-11');
    expect(after).toContain('1거래일 후: 도움 1 / 손해 0 · 순 +1,500원');
  });

  it('when /scorecard gets a bad period or a person who never decided then it says so in one line and writes nothing', async () => {
    const bad = await type('/scorecard fortnight', '기간이 아닙니다');
    const stranger = await type('/scorecard @carol', '결정한 기록이 없습니다');
    const empty = await type('/scorecard 2025-01', '기록된 결정이 없습니다');
    const usage = await type('/scorecard month year', '사용법: /scorecard');

    expect(bad).toContain('"fortnight"은(는) 기간이 아닙니다');
    expect(stranger).toContain('carol님은 아직 결정한 기록이 없습니다.');
    expect(empty).toContain('2025-01 기간에 기록된 결정이 없습니다.');
    expect(usage).toContain('[me | @사람ID]');
    expect(await decisionRows()).toEqual([]);
  });

  it('when /pnl is typed then a period with no closes, a bad period and too many words each get one line', async () => {
    const empty = await type('/pnl week', 'NAV 스냅샷');
    const bad = await type('/pnl fortnight', '기간이 아닙니다');
    const usage = await type('/pnl day week', '사용법: /pnl');

    expect(empty).toContain('2026-11-23..2026-11-23 기간의 종가 기록(NAV 스냅샷)이 없습니다.');
    expect(bad).toContain('"fortnight"은(는) 기간이 아닙니다. day · week · month · year');
    expect(usage).toContain('/pnl [day | week | month | year]');
  });

  it('when /backtest is typed then the desk’s figures print, and bad words get the refusal or the usage', async () => {
    const ran = await type('/backtest 6 2,000,000', '세후');
    const bad = await type('/backtest six', '입력을 확인하세요');
    const usage = await type('/backtest 1 2 3', '사용법: /backtest');

    expect(ran).toContain('백테스트를 실행합니다');
    expect(ran).toContain('백테스트 · 최근 6개월 (2026-02-23 → 2026-08-21)');
    expect(ran).toMatch(/2,000,000원 → [\d,]+원/);
    expect(ran).toContain('KODEX 200 (069500) 보유');
    expect(bad).toContain('기간은 1–120개월 사이의 정수');
    expect(usage).toContain('/backtest [개월 1–120] [자본(원)]');
  });
});
