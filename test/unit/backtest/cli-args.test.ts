import { describe, expect, it } from 'vitest';
import { CliArgsError, parseBacktestArgs } from '../../../src/backtest/cli-args';
import { DEFAULT_STRATEGY_CONFIG } from '../../../src/domain/strategy/config';

const base = ['--from', '2016-01-01', '--to', '2025-12-31', '--capital', '1000000'];

describe('backtest CLI arguments', () => {
  it('when only the required flags are given then the defaults apply', () => {
    const { config, outDir } = parseBacktestArgs(base);

    expect(config).toMatchObject({
      from: '2016-01-01',
      to: '2025-12-31',
      capital: 1_000_000,
      slippageTicks: 1,
      commissionPpm: 140,
    });
    expect(config.strategy.safeAsset).toBe('114260');
    expect(config.strategy.topN).toBe(DEFAULT_STRATEGY_CONFIG.topN);
    expect(outDir).toBe('docs/backtest');
  });

  it('when universe, safe asset, top N and rates are given then they replace the defaults', () => {
    const { config, outDir } = parseBacktestArgs([
      ...base,
      '--universe',
      '069500, 133690',
      '--safe',
      'CASH',
      '--top',
      '1',
      '--out',
      '/tmp/x',
      '--cash-rate',
      '2.5',
      '--risk-free',
      '3',
      '--capital',
      '2_000_000',
    ]);

    expect(config.strategy.universe).toEqual(['069500', '133690']);
    expect(config.strategy.safeAsset).toBe('CASH');
    expect(config.strategy.topN).toBe(1);
    expect(config.cashRateBp).toBe(250);
    expect(config.riskFreeRate).toBeCloseTo(0.03, 12);
    expect(config.capital).toBe(2_000_000);
    expect(outDir).toBe('/tmp/x');
  });

  it('when the classic 12-1 window is asked for then the strategy runs it, and a skip not shorter than the window is refused', () => {
    const { config } = parseBacktestArgs([
      ...base,
      '--lookback',
      '252',
      '--skip',
      '21',
      '--atr-budget-bp',
      '100',
    ]);
    expect(config.strategy).toMatchObject({ lookbackDays: 252, skipDays: 21, riskBudgetBp: 100 });

    expect(() => parseBacktestArgs([...base, '--lookback', '30', '--skip', '40'])).toThrow(CliArgsError);
    expect(() => parseBacktestArgs([...base, '--lookback', '5'])).toThrow(/--lookback/);
  });

  it('when a date is malformed then the error names the flag', () => {
    expect(() =>
      parseBacktestArgs(['--from', '2016-13-01', '--to', '2025-12-31', '--capital', '1000000']),
    ).toThrow(/--from must be a date YYYY-MM-DD/);
  });

  it('when from is after to then it is rejected', () => {
    expect(() =>
      parseBacktestArgs(['--from', '2020-01-01', '--to', '2019-01-01', '--capital', '1000000']),
    ).toThrow(/--from must not be after --to/);
  });

  it('when a flag is unknown or a value is not a number then a CliArgsError with the usage is thrown', () => {
    expect(() => parseBacktestArgs([...base, '--fast'])).toThrow(CliArgsError);
    expect(() => parseBacktestArgs([...base, '--fast'])).toThrow(/usage: npm run backtest/);
    expect(() =>
      parseBacktestArgs(['--from', '2016-01-01', '--to', '2025-12-31', '--capital', 'lots']),
    ).toThrow(/--capital must be a whole number/);
    expect(() => parseBacktestArgs([...base, '--universe', '69500'])).toThrow(/6 digits/);
    expect(() => parseBacktestArgs([...base, '--top', '0'])).toThrow(CliArgsError);
  });

  it('when a required flag is missing then the error says which', () => {
    expect(() => parseBacktestArgs(['--from', '2016-01-01', '--to', '2025-12-31'])).toThrow(/capital/);
  });
});
