import { describe, expect, it } from 'vitest';
import { FakeClock } from '../../../src/adapters/clock/fake';
import type { CycleSummary } from '../../../src/app/desk-api';
import { runCycleCli, type CycleCliDesk, type CycleCliOptions } from '../../../src/cli/cycle';
import { kstInstant } from '../../../src/domain/market';
import { calendar } from '../../support/trading';

/** Monday, a trading day. */
const TODAY = '2026-11-23';

const summaryOf = (tradeDate: string, status: CycleSummary['status']): CycleSummary => ({
  tradeDate,
  status,
  steps: [{ step: 'news', status: status === 'FAILED' ? 'FAILED' : 'DONE', attempts: 1, error: null }],
  startedAt: '2026-11-22T23:00:00.000Z',
  finishedAt: '2026-11-22T23:00:05.000Z',
});

/** A desk that records what the command asked of it, in order. */
function fakeDesk(p: {
  existing?: CycleSummary | null;
  result?: CycleSummary;
  /** Reconciliation answers, in order; the last one repeats. */
  reconciled?: boolean[];
}) {
  const calls: string[] = [];
  let closed = false;
  const reconciled = p.reconciled ?? [true];
  let reconciles = 0;
  const desk: CycleCliDesk = {
    clock: new FakeClock(kstInstant(TODAY, 10, 0)),
    calendar,
    cycle: {
      runNow: async (actor) => {
        calls.push(`runNow:${actor}`);
        return p.result ?? summaryOf(TODAY, 'COMPLETED');
      },
      runFor: async (date, trigger) => {
        calls.push(`runFor:${date}:${trigger}`);
        return p.result ?? summaryOf(date, 'COMPLETED');
      },
      summaryFor: async (date) => {
        calls.push(`summaryFor:${date}`);
        return p.existing ?? null;
      },
      recoverInterrupted: async () => {
        calls.push('recoverInterrupted');
        return 0;
      },
    },
    reconcile: async () => {
      calls.push('reconcile');
      return reconciled[Math.min(reconciles++, reconciled.length - 1)]!;
    },
    close: async () => void (closed = true),
  };
  return { desk, calls, closed: () => closed };
}

async function run(argv: string[], desk: CycleCliDesk | null, options: CycleCliOptions = { locale: 'en' }) {
  const lines: string[] = [];
  let opened = false;
  const code = await runCycleCli(
    argv,
    async () => {
      opened = true;
      return desk!;
    },
    (line) => lines.push(line),
    { sleep: async () => undefined, ...options },
  );
  return { code, lines, opened };
}

describe('npm run cycle', () => {
  it('when the date is malformed then it exits 2 with the usage and opens nothing', async () => {
    // Act
    const { code, lines, opened } = await run(['--date', '2026-13-01'], null, { locale: 'ko' });

    // Assert
    expect(code).toBe(2);
    expect(opened).toBe(false);
    expect(lines[0]).toContain('인자가 올바르지 않습니다');
    expect(lines[0]).toContain('YYYY-MM-DD');
    expect(lines[1]).toContain('사용법');
  });

  it('when the date does not exist on the calendar then it exits 2 and opens nothing', async () => {
    // Act
    const { code, lines, opened } = await run(['--date', '2026-02-30'], null);

    // Assert
    expect(code).toBe(2);
    expect(opened).toBe(false);
    expect(lines[0]).toContain('Invalid arguments');
  });

  it('when an unknown option is given then it exits 2 and opens nothing', async () => {
    // Act
    const { code, lines, opened } = await run(['--force'], null);

    // Assert
    expect(code).toBe(2);
    expect(opened).toBe(false);
    expect(lines[0]).toContain("Unknown option '--force'");
  });

  it('when run without a date then it reconciles first and runs today through runNow, printing the steps', async () => {
    // Arrange
    const d = fakeDesk({});

    // Act
    const { code, lines } = await run([], d.desk);

    // Assert
    expect(code).toBe(0);
    expect(d.calls).toEqual([`summaryFor:${TODAY}`, 'recoverInterrupted', 'reconcile', 'runNow:cli']);
    expect(lines).toContain(
      '2026-11-23 COMPLETED (started 2026-11-22T23:00:00.000Z, finished 2026-11-22T23:00:05.000Z)',
    );
    expect(lines).toContain('  news: DONE, 1 attempt(s)');
    expect(lines.some((l) => l.includes('is in the past'))).toBe(false);
    expect(d.closed()).toBe(true);
  });

  it('when reconciliation fails twice then the cycle waits for it and runs after the third attempt', async () => {
    // Arrange
    const d = fakeDesk({ reconciled: [false, false, true] });

    // Act
    const { code } = await run([], d.desk);

    // Assert
    expect(code).toBe(0);
    expect(d.calls).toEqual([
      `summaryFor:${TODAY}`,
      'recoverInterrupted',
      'reconcile',
      'reconcile',
      'reconcile',
      'runNow:cli',
    ]);
  });

  it('when reconciliation never succeeds then nothing runs and it exits 1 saying trading stays HALTED', async () => {
    // Arrange
    const d = fakeDesk({ reconciled: [false] });

    // Act
    const { code, lines } = await run([], d.desk, { locale: 'en', reconcileAttempts: 3 });

    // Assert
    expect(code).toBe(1);
    expect(d.calls.filter((c) => c === 'reconcile')).toHaveLength(3);
    expect(d.calls.some((c) => c.startsWith('run'))).toBe(false);
    expect(lines.at(-1)).toContain('trading stays HALTED, so the cycle was not run');
    expect(d.closed()).toBe(true);
  });

  it('when given a past trading day then it runs that date manually and says orders follow the live session rules', async () => {
    // Arrange
    const d = fakeDesk({});

    // Act
    const { code, lines } = await run(['--date', '2026-11-02'], d.desk);

    // Assert
    expect(code).toBe(0);
    expect(d.calls).toEqual([
      'summaryFor:2026-11-02',
      'recoverInterrupted',
      'reconcile',
      'runFor:2026-11-02:manual',
    ]);
    const note = lines.find((l) => l.includes('2026-11-02 is in the past'));
    expect(note).toContain('2026-11-23 10:00 KST');
    expect(note).toContain('only proposed/sent according to the live session rules');
  });

  it('when the date already COMPLETED then it is reported and not run again', async () => {
    // Arrange
    const d = fakeDesk({ existing: summaryOf('2026-11-02', 'COMPLETED') });

    // Act
    const { code, lines } = await run(['--date', '2026-11-02'], d.desk);

    // Assert
    expect(code).toBe(0);
    expect(d.calls).toEqual(['summaryFor:2026-11-02']);
    expect(lines[0]).toBe(
      'The cycle for 2026-11-02 already COMPLETED. It runs once per trade date, so it is not run again.',
    );
    expect(lines[1]).toContain('2026-11-02 COMPLETED');
  });

  it('when the date is a weekend then it says there is no run and touches nothing', async () => {
    // Arrange
    const d = fakeDesk({});

    // Act
    const { code, lines } = await run(['--date', '2026-11-21'], d.desk);

    // Assert
    expect(code).toBe(0);
    expect(d.calls).toEqual([]);
    expect(lines).toEqual(['2026-11-21 is a KRX closed day (weekend): there is no cycle run.']);
    expect(d.closed()).toBe(true);
  });

  it('when the date is a KRX holiday then it says there is no run, in Korean by default', async () => {
    // Arrange
    const d = fakeDesk({});

    // Act
    const { code, lines } = await run(['--date', '2026-10-09'], d.desk, {});

    // Assert
    expect(code).toBe(0);
    expect(d.calls).toEqual([]);
    expect(lines[0]).toMatch(/^2026-10-09은\(는\) KRX 휴장일\(.+\)이라 사이클 실행이 없습니다\.$/);
  });

  it('when the date is in the future then it exits 2 and runs nothing', async () => {
    // Arrange
    const d = fakeDesk({});

    // Act
    const { code, lines } = await run(['--date', '2026-11-24'], d.desk);

    // Assert
    expect(code).toBe(2);
    expect(d.calls).toEqual([]);
    expect(lines[0]).toContain('2026-11-24 has not come yet (today is 2026-11-23)');
  });

  it('when the run ends FAILED then the failed step is printed and it exits 1', async () => {
    // Arrange
    const failed: CycleSummary = {
      ...summaryOf(TODAY, 'FAILED'),
      steps: [{ step: 'market_fetch', status: 'FAILED', attempts: 3, error: 'Error: broker down' }],
    };
    const d = fakeDesk({ result: failed });

    // Act
    const { code, lines } = await run([], d.desk);

    // Assert
    expect(code).toBe(1);
    expect(lines).toContain('  market_fetch: FAILED, 3 attempt(s) — Error: broker down');
  });

  it('when today is past the cut-off then runNow skips and it exits 1 saying why', async () => {
    // Arrange
    const d = fakeDesk({ result: { ...summaryOf(TODAY, 'SKIPPED'), steps: [] } });

    // Act
    const { code, lines } = await run([], d.desk);

    // Assert
    expect(code).toBe(1);
    expect(lines.at(-1)).toContain('CYCLE_CATCHUP_CUTOFF');
  });

  it('when another process is running the date then it says so and exits 1', async () => {
    // Arrange
    const d = fakeDesk({ result: { ...summaryOf(TODAY, 'RUNNING'), finishedAt: null } });

    // Act
    const { code, lines } = await run([], d.desk);

    // Assert
    expect(code).toBe(1);
    expect(lines).toContain('2026-11-23 RUNNING (started 2026-11-22T23:00:00.000Z, finished —)');
    expect(lines.at(-1)).toBe('The cycle for 2026-11-23 is running in another process.');
  });

  it("when --status is given then the date's run is shown and nothing runs", async () => {
    // Arrange
    const d = fakeDesk({});

    // Act
    const { code, lines } = await run(['--status', '--date', '2026-11-20'], d.desk);

    // Assert
    expect(code).toBe(0);
    expect(d.calls).toEqual(['summaryFor:2026-11-20']);
    expect(lines).toEqual(['No run for 2026-11-20']);
  });
});
