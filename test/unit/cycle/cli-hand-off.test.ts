import { describe, expect, it } from 'vitest';
import { FakeClock } from '../../../src/adapters/clock/fake';
import type { CycleSummary } from '../../../src/app/desk-api';
import { runCycleCli, type CycleCliDesk } from '../../../src/cli/cycle';
import { kstInstant } from '../../../src/domain/market';
import { calendar } from '../../support/trading';

const TODAY = '2026-11-23';

const summary = (status: CycleSummary['status']): CycleSummary => ({
  tradeDate: TODAY,
  status,
  steps: [{ step: 'news', status: status === 'FAILED' ? 'FAILED' : 'DONE', attempts: 1, error: null }],
  startedAt: '2026-11-22T23:00:00.000Z',
  finishedAt: '2026-11-22T23:00:05.000Z',
});

function handOffDesk(result: CycleSummary) {
  const calls: string[] = [];
  const desk: CycleCliDesk = {
    clock: new FakeClock(kstInstant(TODAY, 10, 0)),
    calendar,
    cycle: {
      runNow: async () => (calls.push('runNow'), result),
      runFor: async () => (calls.push('runFor'), result),
      summaryFor: async () => null,
      recoverInterrupted: async () => (calls.push('recoverInterrupted'), 0),
    },
    reconcile: async () => (calls.push('reconcile'), true),
    deskRunning: async () => true,
    handToDesk: async (date) => (calls.push(`handToDesk:${date}`), result),
    close: async () => undefined,
  };
  return { desk, calls };
}

async function run(desk: CycleCliDesk) {
  const lines: string[] = [];
  const code = await runCycleCli(
    [],
    async () => desk,
    (line) => lines.push(line),
    { locale: 'en' },
  );
  return { code, lines };
}

describe('npm run cycle with a desk running on the same database', () => {
  it('when a desk runs then the run is handed to it, nothing runs or reconciles here, and the run is reported', async () => {
    // Arrange
    const { desk, calls } = handOffDesk(summary('COMPLETED'));
    // Act
    const { code, lines } = await run(desk);
    // Assert
    expect(code).toBe(0);
    expect(calls).toEqual([`handToDesk:${TODAY}`]);
    expect(lines.join('\n')).toContain('handed to its job queue');
    expect(lines.join('\n')).toContain(TODAY);
  });

  it('when the desk run fails then the command exits 1 and says the desk retries it', async () => {
    // Arrange
    const { desk, calls } = handOffDesk(summary('FAILED'));
    // Act
    const { code, lines } = await run(desk);
    // Assert
    expect(code).toBe(1);
    expect(calls).toEqual([`handToDesk:${TODAY}`]);
    expect(lines.at(-1)).toContain('The desk retries it');
  });
});
