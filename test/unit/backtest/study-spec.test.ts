import { describe, expect, it } from 'vitest';
import { gridJobs, robustnessJobs, PREVIOUS_DEFAULTS } from '../../../src/backtest/study/jobs';
import {
  dataProblems,
  gridSize,
  MAX_STUDY_RUNS,
  monthsBetween,
  parseStudyArgs,
  StudyInputError,
} from '../../../src/backtest/study/spec';

const problemsOf = (argv: string[]): string[] => {
  try {
    parseStudyArgs(argv);
  } catch (error) {
    if (error instanceof StudyInputError) return error.problems;
    throw error;
  }
  return [];
};

describe('study flags', () => {
  it('when no flag is given then the default study is 144 grid runs, 8 offsets and 13 universe runs', () => {
    const spec = parseStudyArgs([]);

    expect(gridSize(spec.grid)).toBe(144);
    expect(gridJobs(spec)).toHaveLength(144);
    expect(robustnessJobs(spec, PREVIOUS_DEFAULTS, 144).map((j) => j.label)).toEqual([
      ...[0, 1, 2, 3, 5, 7, 10, 15].map((d) => `day +${d}`),
      'base universe',
      ...spec.universe.map((t) => `without ${t}`),
      'with 305720',
      'with 130680',
      'with 192090',
      'with 238720',
      'with 305720+130680+192090+238720',
    ]);
    expect(spec).toMatchObject({ from: '2016-01-01', to: '2025-12-31', capital: 1_000_000, workers: 2 });
    // The weight cap is the guard's as well as the strategy's.
    const capped = gridJobs(spec).find((j) => j.params.maxPositionWeightBp === 5_000)!;
    expect(capped.config.limits.maxPositionWeightBp).toBe(5_000);
    expect(capped.config.strategy.maxPositionWeightBp).toBe(5_000);
  });

  it('when several flags are bad then one error names every problem', () => {
    const problems = problemsOf([
      '--top',
      '',
      '--cap',
      '40,150',
      '--budget',
      'abc',
      '--sweep',
      'maybe',
      '--universe',
      '06950X',
      '--from',
      '2030-01-01',
      '--to',
      '2029-01-01',
    ]);

    expect(problems).toEqual(
      expect.arrayContaining([
        '--cap: 150 % is more than 100 % of NAV',
        '--budget: "abc" is not a number (percent of NAV, or off)',
        '--sweep: "maybe" must be on or off',
        '--universe: "06950X" is not a 6-digit ticker',
        '--from 2030-01-01 is after --to 2029-01-01',
        'the grid has 0 runs: every grid flag needs at least one value',
      ]),
    );
  });

  it('when the grid would exceed 10,000 runs then it is refused with its size', () => {
    const problems = problemsOf([
      '--top',
      '1,2,3,4,5,6,7,8,9,10',
      '--lookback',
      '60,90,120,150,180,210,240,270,300,330',
      '--skip',
      '0,5,10,15,20',
      '--budget',
      '1,2,3,4,off',
      '--cap',
      '30,40,50',
    ]);
    expect(10 * 10 * 5 * 5 * 3 * 1 * 2).toBeGreaterThan(MAX_STUDY_RUNS);
    expect(problems).toEqual(['the grid has 15,000 runs, more than 10,000']);
  });

  it('when a ticker has no data or the range has none then the data check names them all', () => {
    const available = ['069500', '114260', '133690'];
    const range = () => ({ first: '2014-05-30', last: '2026-08-21' });
    expect(
      dataProblems(
        {
          from: '2030-01-01',
          to: '2030-12-31',
          universe: ['069500', '999999'],
          safeAsset: '114260',
          additions: ['888888'],
        },
        available,
        range,
      ),
    ).toEqual([
      'no daily price data for 999999, 888888 (available: 069500, 114260, 133690)',
      'no price data between 2030-01-01 and 2030-12-31 (the data runs 2014-05-30 .. 2026-08-21)',
    ]);
  });

  it('when the range is shorter than one walk-forward window then it is refused', () => {
    expect(monthsBetween('2016-01-01', '2025-12-31')).toBe(120);
    expect(problemsOf(['--from', '2020-01-01', '--to', '2021-06-30'])).toEqual([
      '--from 2020-01-01 --to 2021-06-30 spans 18 months, fewer than one walk-forward window (--in-sample 36 + --out-of-sample 12)',
    ]);
  });
});
