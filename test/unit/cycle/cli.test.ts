import { describe, expect, it } from 'vitest';
import { FakeClock } from '../../../src/adapters/clock/fake';
import type { CycleSummary } from '../../../src/app/desk-api';
import { runCycleCli, type CycleCliDesk } from '../../../src/cli/cycle';
import { kstInstant } from '../../../src/domain/market';

const TODAY = '2026-11-23';

function desk(summary: CycleSummary | null) {
  const calls: string[] = [];
  let closed = false;
  const value: CycleCliDesk = {
    clock: new FakeClock(kstInstant(TODAY, 10, 0)),
    cycle: {
      runNow: async (actor) => {
        calls.push(`runNow:${actor}`);
        return summary!;
      },
      summaryFor: async (date) => {
        calls.push(`summaryFor:${date}`);
        return summary;
      },
    },
    close: async () => void (closed = true),
  };
  return { value, calls, closed: () => closed };
}

const COMPLETED: CycleSummary = {
  tradeDate: TODAY,
  status: 'COMPLETED',
  steps: [{ step: 'news', status: 'DONE', attempts: 1, error: null }],
  startedAt: '2026-11-22T23:00:00.000Z',
  finishedAt: '2026-11-22T23:00:05.000Z',
};

describe('npm run cycle', () => {
  it('when the date is malformed then it exits 2 with the usage and opens nothing', async () => {
    // Arrange
    const lines: string[] = [];
    let opened = false;

    // Act
    const code = await runCycleCli(['--date', '2026-13-01'], async () => ((opened = true), desk(null).value), (l) => lines.push(l));

    // Assert
    expect(code).toBe(2);
    expect(opened).toBe(false);
    expect(lines[0]).toContain('인자가 올바르지 않습니다');
  });

  it('when asked to run another date then it refuses and runs nothing', async () => {
    // Arrange
    const d = desk(COMPLETED);
    const lines: string[] = [];

    // Act
    const code = await runCycleCli(['--date', '2026-11-20'], async () => d.value, (l) => lines.push(l), 'en');

    // Assert
    expect(code).toBe(2);
    expect(d.calls).toEqual([]);
    expect(lines[0]).toContain('2026-11-20 is not today (2026-11-23)');
    expect(d.closed()).toBe(true);
  });

  it('when run without a date then today\'s cycle runs through runNow and its steps are printed', async () => {
    // Arrange
    const d = desk(COMPLETED);
    const lines: string[] = [];

    // Act
    const code = await runCycleCli([], async () => d.value, (l) => lines.push(l), 'en');

    // Assert
    expect(code).toBe(0);
    expect(d.calls).toEqual(['runNow:cli']);
    expect(lines).toEqual([
      '2026-11-23 COMPLETED (started 2026-11-22T23:00:00.000Z, finished 2026-11-22T23:00:05.000Z)',
      '  news: DONE, 1 attempt(s)',
    ]);
  });

  it('when --status is given then the date\'s run is shown and nothing runs', async () => {
    // Arrange
    const d = desk(null);
    const lines: string[] = [];

    // Act
    const code = await runCycleCli(['--status', '--date', '2026-11-20'], async () => d.value, (l) => lines.push(l), 'en');

    // Assert
    expect(code).toBe(0);
    expect(d.calls).toEqual(['summaryFor:2026-11-20']);
    expect(lines).toEqual(['No run for 2026-11-20']);
  });
});
