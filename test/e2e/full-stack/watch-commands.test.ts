/**
 * /watch on the real stack through the fake Discord: add, list (live price and distance to each trigger),
 * remove, autocomplete from the ETF list; bad input gets one clear message and leaves the watchlist rows as
 * they were; /status shows the watch's state, counts and last tick per ticker.
 */
import { InteractionResponseType, Locale } from 'discord.js';
import { afterEach, describe, expect, it } from 'vitest';
import { DEFAULT_ETF_UNIVERSE } from '../../../src/domain/universe';
import { DEFAULT_SIM_ACCOUNTS } from '../../../src/sim/kis';
import { testDatabaseTargets, useTestDatabase } from '../../support/db';
import { bodyOf, editOf } from './support/flows';
import { reconcileForTrading, startFullStack, type FullStack } from './support/harness';

const [pglite] = testDatabaseTargets();
const PAPER = DEFAULT_SIM_ACCOUNTS.find((a) => a.environment === 'paper')!;
const HELD = '069500';
const LISTED = '229200';

async function untilWatch(stack: FullStack, check: () => boolean, what: string): Promise<void> {
  for (let i = 0; i < 400; i++) {
    await stack.runtime.watch.tick();
    if (check()) return;
    stack.clock.advance(1_100);
    await new Promise((resolve) => setTimeout(resolve, 25));
  }
  throw new Error(`timed out waiting for ${what}: ${JSON.stringify(stack.runtime.watch.status())}`);
}

describe('full stack: /watch', () => {
  const handle = useTestDatabase(pglite!);
  let stack: FullStack | undefined;

  afterEach(async () => {
    await stack?.close();
    stack = undefined;
  });

  it('when /watch add, list and remove are used then the watchlist rows follow and list shows live prices and trigger distances', async () => {
    // Arrange: a holding bought at today's price, streaming
    stack = await startFullStack({ database: handle.database });
    const { fake, runtime } = stack;
    const sim = runtime.simulator!;
    sim.control.setPosition(PAPER.cano, HELD, 3, sim.control.currentPrice(HELD));
    await reconcileForTrading(stack);
    const watch = (
      user: typeof fake.users.alice,
      sub: string,
      options: Record<string, string> = {},
      locale?: Locale,
    ) => editOf(fake, fake.slash(user, 'watch', options, { subcommand: sub, ...(locale ? { locale } : {}) }));
    const rows = async () =>
      (await runtime.watch.listWatchlist()).map((e) => [e.ticker, e.conditions, e.overrides]);

    // Act: add with conditions and a threshold
    const added = await watch(fake.users.bob, 'add', {
      ticker: LISTED,
      conditions: 'buy_breakout, sell_stop_loss',
      thresholds: 'stopLossPct=5',
    });

    // Assert
    expect(bodyOf(added).content).toBe(
      'KODEX 코스닥150 (229200)을(를) 감시합니다: 20일 고점 돌파 매수, 손절',
    );
    expect(await rows()).toEqual([[LISTED, ['buy_breakout', 'sell_stop_loss'], { stopLossPct: 5 }]]);

    // Act: both tickers evaluated on realtime prices, then /watch list
    await untilWatch(
      stack,
      () => {
        const s = runtime.watch.status();
        return s.subscribed === 2 && s.lastTickAt[HELD] !== undefined && s.lastTickAt[LISTED] !== undefined;
      },
      'ticks on both tickers',
    );
    await untilWatch(stack, () => runtime.watch.status().counts.evaluations >= 2, 'two evaluations');
    const listed = bodyOf(await watch(fake.users.bob, 'list')).content!;

    // Assert: the holding's stop loss sits about 8 % below (bought at today's price), each with its price
    const lines = listed.split('\n');
    expect(lines[0]).toBe('상태: 장중 감시 중 · 실시간 2/40');
    const heldLine = lines.find((l) => l.includes(`(${HELD})`))!;
    const price = sim.control.currentPrice(HELD).toLocaleString('en-US');
    expect(heldLine).toContain(`KODEX 200 (${HELD}) ${price} [보유]`);
    expect(heldLine).toMatch(/손절 -[78]\.\d\d%/);
    expect(heldLine).toMatch(/추적 손절 -(9|10)\.\d\d%/);
    const listedLine = lines.find((l) => l.includes(`(${LISTED})`))!;
    expect(listedLine).toContain('[감시 목록]');
    expect(listedLine).toMatch(/20일 고점 돌파 매수 (발동 중|[+-]\d+\.\d\d%|가격 기준 없음)/);

    // Act: English client, remove, remove again
    const removed = await watch(fake.users.bob, 'remove', { ticker: LISTED }, Locale.EnglishUS);
    const again = await watch(fake.users.bob, 'remove', { ticker: LISTED });

    // Assert
    expect(bodyOf(removed).content).toBe('Removed 229200 from the watchlist.');
    expect(bodyOf(again).content).toBe('229200은(는) 감시 목록에 없습니다. 바뀐 것은 없습니다.');
    expect(await rows()).toEqual([]);
  });

  it('when /watch add gets an unknown ticker, a bad condition or an out-of-range threshold then one clear message each and nothing changes', async () => {
    // Arrange: one entry already there
    stack = await startFullStack({ database: handle.database, startAt: '2026-11-23T16:30:00+09:00' });
    const { fake, runtime } = stack;
    const add = (options: Record<string, string>) =>
      editOf(fake, fake.slash(fake.users.alice, 'watch', options, { subcommand: 'add' }));
    expect((await runtime.watch.addWatch({ ticker: LISTED, by: 'alice' })).ok).toBe(true);
    const before = await runtime.watch.listWatchlist();
    const requestsBefore = runtime.simulator!.control.stats().requests;

    // Act
    const unknown = await add({ ticker: '999999' });
    const notEtf = await add({ ticker: '005930' });
    const condition = await add({ ticker: HELD, conditions: 'sell_everything' });
    const negative = await add({ ticker: HELD, thresholds: 'stopLossPct=-3' });
    const tooBig = await add({ ticker: LISTED, thresholds: 'trailingStopPct=150' });
    const garbled = await add({ ticker: HELD, thresholds: 'stop=abc' });

    // Assert: one message each, the rows as before, no KIS call
    expect(bodyOf(unknown).content).toBe(
      '"999999"은(는) 이 데스크의 ETF 목록에 없는 종목입니다. 바뀐 것은 없습니다.',
    );
    expect(bodyOf(notEtf).content).toBe(
      '"005930"은(는) 이 데스크의 ETF 목록에 없는 종목입니다. 바뀐 것은 없습니다.',
    );
    expect(bodyOf(condition).content).toContain('"sell_everything"은(는) 모르는 조건입니다.');
    expect(bodyOf(negative).content).toBe(
      '기준값이 범위를 벗어났습니다 (stopLossPct: must be above 0 %). 바뀐 것은 없습니다.',
    );
    expect(bodyOf(tooBig).content).toBe(
      '기준값이 범위를 벗어났습니다 (trailingStopPct: must be at most 100 %). 바뀐 것은 없습니다.',
    );
    expect(bodyOf(garbled).content).toMatch(
      /^기준값이 범위를 벗어났습니다 \(stop=abc \(maFast, .*\)\. 바뀐 것은 없습니다\.$/,
    );
    expect(await runtime.watch.listWatchlist()).toEqual(before);
    expect(runtime.simulator!.control.stats().requests).toBe(requestsBefore);
  });

  it('when 40 tickers are watched then a 41st watch (the 42nd KIS registration) is refused and nothing changes', async () => {
    // Arrange: a universe of 41 ETFs, 40 of them watched
    const extra = Array.from({ length: 41 - DEFAULT_ETF_UNIVERSE.length }, (_, i) => String(900_001 + i));
    const universe = [...DEFAULT_ETF_UNIVERSE, ...extra];
    stack = await startFullStack({
      database: handle.database,
      startAt: '2026-11-23T16:30:00+09:00',
      env: { ETF_UNIVERSE: universe.join(',') },
    });
    const { fake, runtime } = stack;
    for (const ticker of universe.slice(0, 40))
      expect((await runtime.watch.addWatch({ ticker, by: 'alice' })).ok).toBe(true);

    // Act
    const refused = await editOf(
      fake,
      fake.slash(fake.users.alice, 'watch', { ticker: universe[40]! }, { subcommand: 'add' }),
    );
    const replaced = await editOf(
      fake,
      fake.slash(
        fake.users.alice,
        'watch',
        { ticker: universe[0]!, conditions: 'buy_breakout' },
        { subcommand: 'add' },
      ),
    );

    // Assert: refused with the reason; changing an entry already watched still works
    expect(bodyOf(refused).content).toBe(
      '실시간 등록은 40종목까지입니다 (KIS 세션당 41개, 체결 통보 1개 포함). 다른 종목을 빼고 다시 시도하세요. 바뀐 것은 없습니다.',
    );
    const list = await runtime.watch.listWatchlist();
    expect(list).toHaveLength(40);
    expect(list.map((e) => e.ticker)).not.toContain(universe[40]);
    expect(bodyOf(replaced).content).toBe('KODEX 200 (069500) 감시 조건을 바꿨습니다: 20일 고점 돌파 매수');
  });

  it('when someone types in /watch add ticker then autocomplete offers ETFs from the desk universe', async () => {
    // Arrange
    stack = await startFullStack({ database: handle.database, startAt: '2026-11-23T16:30:00+09:00' });
    const { fake } = stack;

    // Act
    const callback = await fake.waitForCallback(
      fake.autocomplete(fake.users.alice, 'watch', 'ticker', 'kodex 2', { subcommand: 'add' }),
    );

    // Assert
    expect(callback).toMatchObject({
      type: InteractionResponseType.ApplicationCommandAutocompleteResult,
      data: { choices: [{ name: '069500 KODEX 200', value: '069500' }] },
    });
  });

  it('when /status is asked during the session then it shows the watch state, counts and the last tick per ticker', async () => {
    // Arrange
    stack = await startFullStack({ database: handle.database });
    const { fake, runtime } = stack;
    const sim = runtime.simulator!;
    sim.control.setPosition(PAPER.cano, HELD, 3, sim.control.currentPrice(HELD));
    await reconcileForTrading(stack);
    await untilWatch(stack, () => runtime.watch.status().lastTickAt[HELD] !== undefined, 'a tick');

    // Act
    const status = bodyOf(await editOf(fake, fake.slash(fake.users.bob, 'status')));

    // Assert
    const field = status.embeds![0]!.fields!.find((f) => f.name === '장중 감시')!;
    expect(field.value).toContain('장중 감시 중 · 감시 1종목 · 실시간 등록 1/40');
    expect(field.value).toContain('시세: realtime');
    expect(field.value).toMatch(/체결 [1-9]\d* · 잘못된 프레임 0 · REST 조회 0/);
    expect(field.value).toMatch(new RegExp(`마지막 시세: ${HELD} \\d\\d:\\d\\d:\\d\\d`));
    const ready = await runtime.statusProviders.watch!();
    expect(ready.status).toBe('ok');
    expect(ready.detail).toContain('market_open · watched 1 · subscribed 1 · feed realtime');
  });
});
