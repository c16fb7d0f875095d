import { describe, expect, it } from 'vitest';
import { loadConfig } from '../../../src/config';

describe('strategy settings in the configuration', () => {
  it('when the weight cap is below the top-N slot then start-up warns with the idle share and the cap that would fit', () => {
    const config = loadConfig({
      RISK_MAX_POSITION_WEIGHT_PCT: '40',
      CYCLE_TOP_N: '2',
      CYCLE_CASH_SWEEP: 'false',
    });

    expect(config.warnings).toHaveLength(1);
    expect(config.warnings![0]).toContain('RISK_MAX_POSITION_WEIGHT_PCT');
    expect(config.warnings![0]).toContain('49.5 %');
    expect(config.warnings![0]).toContain('19.0 % of NAV stays cash');
    expect(config.warnings![0]).toContain('at least 50');
  });

  it('when the cap covers the slot then there is no warning', () => {
    expect(loadConfig({ RISK_MAX_POSITION_WEIGHT_PCT: '50', CYCLE_TOP_N: '2' }).warnings).toEqual([]);
    expect(loadConfig({ RISK_MAX_POSITION_WEIGHT_PCT: '40', CYCLE_TOP_N: '3' }).warnings).toEqual([]);
  });

  it('when the cash sweep and the rebalance offset are set then the cycle settings carry them, and bad values are refused', () => {
    const config = loadConfig({ CYCLE_CASH_SWEEP: 'true', CYCLE_REBALANCE_OFFSET_DAYS: '3' });
    expect(config.cycle).toMatchObject({ cashSweep: true, rebalanceOffsetDays: 3 });
    expect(() => loadConfig({ CYCLE_CASH_SWEEP: 'maybe', CYCLE_REBALANCE_OFFSET_DAYS: '40' })).toThrow(
      /CYCLE_CASH_SWEEP[\s\S]*CYCLE_REBALANCE_OFFSET_DAYS|CYCLE_REBALANCE_OFFSET_DAYS[\s\S]*CYCLE_CASH_SWEEP/,
    );
  });
});

describe('the momentum window in the configuration', () => {
  it('when the owner sets the classic 12-1 window then the cycle plans with it, and the defaults are the study’s', async () => {
    const { cycleStrategyConfig } = await import('../../../src/app/cycle/strategy-config');
    const { DEFAULT_RISK_LIMITS } = await import('../../../src/domain/risk');
    const classic = loadConfig({
      CYCLE_LOOKBACK_DAYS: '252',
      CYCLE_SKIP_DAYS: '21',
      CYCLE_ATR_BUDGET_BP: '100',
    });
    const plan = cycleStrategyConfig({ settings: classic.cycle, limits: DEFAULT_RISK_LIMITS });
    expect(plan).toMatchObject({ lookbackDays: 252, skipDays: 21, riskBudgetBp: 100 });

    const defaults = cycleStrategyConfig({ settings: loadConfig({}).cycle, limits: DEFAULT_RISK_LIMITS });
    expect(defaults).toMatchObject({ lookbackDays: 126, skipDays: 0, riskBudgetBp: 10_000 });
  });

  it('when the skip is not shorter than the window, or either is out of range, then every problem is named at once', () => {
    expect(() => loadConfig({ CYCLE_LOOKBACK_DAYS: '60', CYCLE_SKIP_DAYS: '60' })).toThrow(
      /CYCLE_SKIP_DAYS: 60 must be smaller than CYCLE_LOOKBACK_DAYS \(60\)/,
    );
    expect(() => loadConfig({ CYCLE_LOOKBACK_DAYS: '5', CYCLE_ATR_BUDGET_BP: '0' })).toThrow(
      /CYCLE_LOOKBACK_DAYS[\s\S]*CYCLE_ATR_BUDGET_BP/,
    );
  });
});
