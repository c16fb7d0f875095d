/**
 * `/backtest` in a real discord.js client against the fake Discord: deferred, then one public embed with the
 * desk's figures (the brief the desk's runner produced); a forged out-of-range option gets the clear refusal
 * and runs nothing.
 */
import { InteractionResponseType, Locale } from 'discord-api-types/v10';
import { afterEach, describe, expect, it } from 'vitest';
import { guardLimitsFor } from '../../../src/backtest/config';
import { runDeskBacktest, type DeskBacktestSetup } from '../../../src/backtest/desk-backtest';
import type { DeskBacktestRequest } from '../../../src/backtest/desk-request';
import { runStudyJob } from '../../../src/backtest/study/worker';
import { DEFAULT_STRATEGY_CONFIG } from '../../../src/domain/strategy/config';
import { testDatabaseTargets, useTestDatabase } from '../../support/db';
import { bodyOf, editOf } from './support/flows';
import { startDiscordHarness, type DiscordHarness } from './support/harness';

const setup: DeskBacktestSetup = {
  strategy: DEFAULT_STRATEGY_CONFIG,
  limits: guardLimitsFor(DEFAULT_STRATEGY_CONFIG, 1_000_000),
  commissionPpm: 140,
  navFloorBp: 8_000,
};

describe.each(testDatabaseTargets())('discord /backtest on $name', (target) => {
  const handle = useTestDatabase(target);
  let h: DiscordHarness | undefined;
  const asked: { request: DeskBacktestRequest; actor: string }[] = [];
  const backtest = async (request: DeskBacktestRequest, actor: string) => {
    asked.push({ request, actor });
    const brief = await runDeskBacktest(request, setup, '2026-12-07', async (config, tickers) =>
      runStudyJob({ id: 1, config, dataTickers: [...tickers] }),
    );
    return { status: 'done' as const, brief };
  };

  afterEach(async () => {
    await h?.close();
    h = undefined;
    asked.length = 0;
  });

  it('when someone asks /backtest for 12 months then one public embed shows the desk’s figures and KODEX 200', async () => {
    h = await startDiscordHarness(handle.database, { backtest });
    const { fake } = h;

    const slash = fake.slash(fake.users.mallory, 'backtest', { months: 12 });
    const edit = await editOf(fake, slash);

    expect(
      fake
        .callbacksFor(slash.id)
        .map((c) => [c.type, (c.data as { flags?: number } | undefined)?.flags ?? 0]),
    ).toEqual([[InteractionResponseType.DeferredChannelMessageWithSource, 0]]);
    expect(asked).toEqual([{ request: { months: 12, capital: 1_000_000 }, actor: fake.users.mallory.id }]);
    const body = bodyOf(edit);
    const embed = body.embeds![0]!;
    expect(embed.title).toBe('백테스트 · 최근 12개월 (2025-08-21 → 2026-08-21)');
    expect(embed.fields!.map((f) => f.name)).toEqual(['이 데스크의 전략', 'KODEX 200 (069500) 보유', '⚙️']);
    expect(embed.fields![0]!.value).toMatch(
      /^1,000,000원 → [\d,]+원 \(매도 후 세후 [\d,]+원\)\n연환산 [+-]?\d+\.\d% · 세후 [+-]?\d+\.\d% · 최대낙폭 -?\d+\.\d% · 샤프 -?\d+\.\d\d\n체결 \d+건/,
    );
    expect(embed.fields![2]!.value).toContain(`상위 ${DEFAULT_STRATEGY_CONFIG.topN}개`);
    expect(body.allowed_mentions).toEqual({ parse: [] });
  });

  it('when an English client sends a forged 500-month option then it is refused in English and nothing runs', async () => {
    h = await startDiscordHarness(handle.database, { backtest });
    const { fake } = h;

    const slash = fake.slash(fake.users.mallory, 'backtest', { months: 500 }, { locale: Locale.EnglishUS });
    const edit = await editOf(fake, slash);

    expect(bodyOf(edit).content).toBe(
      'Please check: months must be a whole number from 1 to 120. Nothing was run.',
    );
    expect(asked).toEqual([]);
  });
});
