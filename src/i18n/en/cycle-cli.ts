/** What `npm run cycle` prints beyond the cycle's own `cli` messages, in English: the same keys as `ko/cycle-cli.ts`. */
import type { CycleCliMessages } from '../ko/cycle-cli';

export const cycleCliEn: CycleCliMessages = {
  configError: (p) => `설정 오류 / configuration error\n${p.problem}`,
  cycleDisabled: 'CYCLE_ENABLED=false: the daily cycle is turned off, so there is nothing to run.',
  logsAt: (p) => `logs: ${p.file}`,
  closedDay: (p) => `${p.date} is a KRX closed day (${p.reason}): there is no cycle run.`,
  futureDate: (p) => `${p.date} has not come yet (today is ${p.today}). Its cycle runs on the day.`,
  alreadyCompleted: (p) =>
    `The cycle for ${p.date} already COMPLETED. It runs once per trade date, so it is not run again.`,
  reconciling: 'Reconciling with the broker… (trading stays HALTED until this succeeds)',
  reconcileFailed: (p) =>
    `Reconciliation with the broker did not succeed after ${p.attempts} attempts; trading stays HALTED, so the cycle was not run.`,
  pastDate: (p) =>
    `Note: ${p.date} is in the past. The run uses the quotes and balance of now (${p.now} KST), and orders are only proposed/sent according to the live session rules (outside the session they are deferred, and being that day's they expire soon).`,
  runningElsewhere: (p) => `The cycle for ${p.date} is running in another process.`,
  handedToDesk: (p) =>
    `A desk is running on the same database: the ${p.date} cycle was handed to its job queue. Waiting for it to finish…`,
  desksRetry: (p) => `The ${p.date} cycle failed. The desk retries it by the job queue's retry rules.`,
  skipped: (p) =>
    `The cycle for ${p.date} was not started: the day's cut-off (CYCLE_CATCHUP_CUTOFF) has passed.`,
  deferredHint:
    'Orders waiting for the session to open or for approval are handled by the running desk (npm start); this command exits after the run.',
};
