/**
 * `npm run cycle -- [--date YYYY-MM-DD] [--status]`: runs or resumes a trade date's daily cycle by hand, under
 * the same exactly-once rules as the scheduler (a COMPLETED run is only reported), or prints a date's run.
 * The run is a job on the desk's job queue (one cycle per trade date across every process). When a desk is
 * running on the same database the job is handed to it and this command follows it; otherwise this process
 * works the job itself, under the same shared KIS budget — and, like the desk at start-up, it reconciles with
 * the broker first: until that succeeds trading stays HALTED, and a cycle run against HALTED trading would
 * spend the day's only run on denied legs.
 */
import { Readable } from 'node:stream';
import { pathToFileURL } from 'node:url';
import { parseArgs } from 'node:util';
import { pino } from 'pino';
import { z } from 'zod';
import { createTerminalChannel } from '../adapters/console/terminal';
import { createDbPublicationLog } from '../adapters/db/publication-log';
import { createLogger } from '../adapters/logging/logger';
import { Redactor } from '../adapters/logging/redact';
import { repoPath } from '../adapters/resources';
import { manualRunDateAt, summarizeRun, type DailyCycle } from '../app/cycle';
import { loadTradingCalendar } from '../adapters/calendar/load';
import { SystemClock } from '../adapters/clock/system';
import { openDatabase, type Database } from '../adapters/db/client';
import { createDbCycleStore } from '../adapters/db/cycle-store';
import { createDbJobAuditStore } from '../adapters/db/job-audit-store';
import {
  deskRunningOn,
  processName,
  startSchedulerLeadership,
  type SchedulerLeadership,
} from '../adapters/jobs/advisory-leader';
import { startPgBossQueue } from '../adapters/jobs/pg-boss-queue';
import { JobService, queuedCycleRunner } from '../app/jobs';
import { cycleMessages } from '../app/cycle/messages';
import type { CycleSummary, Locale } from '../app/desk-api';
import { composeDesk } from '../compose';
import { ConfigError, loadConfig, type Config } from '../config';
import type { Clock } from '../domain/clock';
import { isKstDate, kstDate, kstParts, type TradingCalendar } from '../domain/market';
import { cycleCliEn } from '../i18n/en/cycle-cli';
import { cycleCliKo, type CycleCliMessages } from '../i18n/ko/cycle-cli';
import { DEFAULT_SIM_ACCOUNTS } from '../sim/kis';

export interface CycleCliDesk {
  cycle: Pick<DailyCycle, 'runNow' | 'runFor' | 'summaryFor' | 'recoverInterrupted'>;
  clock: Clock;
  calendar: Pick<TradingCalendar, 'isTradingDay' | 'closedReason'>;
  /** One reconciliation with the broker; true once it succeeded (trading may leave HALTED). */
  reconcile(): Promise<boolean>;
  /** Whether a desk process runs on the same database (then the run is handed to it). */
  deskRunning?(): Promise<boolean>;
  /** Hands the date's run to the running desk (the job queue); resolves with the run once its attempt ended. */
  handToDesk?(date: string): Promise<CycleSummary>;
  close(): Promise<void>;
}

export interface CycleCliOptions {
  locale?: Locale;
  /** Start-up reconciliation attempts before giving up (default 8). */
  reconcileAttempts?: number;
  /** Wait between them (default 2,500 ms). */
  reconcileDelayMs?: number;
  sleep?: (ms: number) => Promise<void>;
}

/** Exit codes: the run COMPLETED or there is nothing to run; the run did not complete; bad usage. */
export const EXIT = { ok: 0, notCompleted: 1, usage: 2 } as const;

const argsSchema = z.object({
  date: z
    .string()
    .refine(isKstDate, 'must be a real calendar date written YYYY-MM-DD, e.g. 2026-11-02')
    .optional(),
  status: z.boolean().default(false),
  help: z.boolean().default(false),
});

export function cycleCliMessages(locale: Locale): CycleCliMessages {
  return locale === 'ko' ? cycleCliKo : cycleCliEn;
}

export function summaryLines(summary: CycleSummary, locale: Locale): string[] {
  const m = cycleMessages(locale).cli;
  return [
    m.run({
      date: summary.tradeDate,
      status: summary.status,
      startedAt: summary.startedAt,
      finishedAt: summary.finishedAt ?? '—',
    }),
    ...summary.steps.map((s) =>
      m.step({ step: s.step, status: s.status, attempts: s.attempts, error: s.error ? ` — ${s.error}` : '' }),
    ),
  ];
}

function kstMinute(instant: Date): string {
  const p = kstParts(instant);
  return `${p.date} ${String(p.hour).padStart(2, '0')}:${String(p.minute).padStart(2, '0')}`;
}

async function reconcileUntilReady(
  desk: CycleCliDesk,
  attempts: number,
  delayMs: number,
  sleep: (ms: number) => Promise<void>,
): Promise<boolean> {
  for (let attempt = 1; attempt <= attempts; attempt++) {
    if (await desk.reconcile().catch(() => false)) return true;
    if (attempt < attempts) await sleep(delayMs);
  }
  return false;
}

/** Returns the process exit code (EXIT). */
export async function runCycleCli(
  argv: readonly string[],
  open: () => Promise<CycleCliDesk>,
  out: (line: string) => void,
  options: CycleCliOptions = {},
): Promise<number> {
  const locale = options.locale ?? 'ko';
  const m = cycleMessages(locale).cli;
  const say = cycleCliMessages(locale);
  let args: z.infer<typeof argsSchema>;
  try {
    const { values } = parseArgs({
      args: [...argv],
      options: { date: { type: 'string' }, status: { type: 'boolean' }, help: { type: 'boolean' } },
      strict: true,
    });
    args = argsSchema.parse(values);
  } catch (error) {
    const problem =
      error instanceof z.ZodError
        ? z.prettifyError(error)
        : error instanceof Error
          ? error.message
          : String(error);
    out(m.badArgs({ problem }));
    out(m.usage);
    return EXIT.usage;
  }
  if (args.help) {
    out(m.usage);
    return EXIT.ok;
  }

  const desk = await open();
  try {
    const now = desk.clock.now();
    const today = kstDate(now);
    const date = args.date ?? today;
    if (args.status) {
      const summary = await desk.cycle.summaryFor(date);
      if (!summary) out(m.noRun({ date }));
      else summaryLines(summary, locale).forEach((line) => out(line));
      return EXIT.ok;
    }
    if (!desk.calendar.isTradingDay(date)) {
      out(say.closedDay({ date, reason: desk.calendar.closedReason(date) ?? '—' }));
      return EXIT.ok;
    }
    if (date > today) {
      out(say.futureDate({ date, today }));
      return EXIT.usage;
    }
    const existing = await desk.cycle.summaryFor(date);
    if (existing?.status === 'COMPLETED') {
      out(say.alreadyCompleted({ date }));
      summaryLines(existing, locale).forEach((line) => out(line));
      return EXIT.ok;
    }

    if (desk.handToDesk && (await desk.deskRunning?.())) {
      out(say.handedToDesk({ date }));
      const handed = await desk.handToDesk(date);
      summaryLines(handed, locale).forEach((line) => out(line));
      if (handed.status === 'FAILED') out(say.desksRetry({ date }));
      if (handed.status === 'SKIPPED') out(say.skipped({ date }));
      return handed.status === 'COMPLETED' ? EXIT.ok : EXIT.notCompleted;
    }

    await desk.cycle.recoverInterrupted();
    out(say.reconciling);
    const attempts = Math.max(1, options.reconcileAttempts ?? 8);
    const sleep = options.sleep ?? ((ms: number) => new Promise<void>((resolve) => setTimeout(resolve, ms)));
    if (!(await reconcileUntilReady(desk, attempts, options.reconcileDelayMs ?? 2_500, sleep))) {
      out(say.reconcileFailed({ attempts }));
      return EXIT.notCompleted;
    }

    if (date < today) out(say.pastDate({ date, now: kstMinute(now) }));
    const summary = date === today ? await desk.cycle.runNow('cli') : await desk.cycle.runFor(date, 'manual');
    summaryLines(summary, locale).forEach((line) => out(line));
    if (summary.status === 'RUNNING') out(say.runningElsewhere({ date }));
    if (summary.status === 'SKIPPED') out(say.skipped({ date }));
    if (summary.status === 'COMPLETED') out(say.deferredHint);
    return summary.status === 'COMPLETED' ? EXIT.ok : EXIT.notCompleted;
  } finally {
    await desk.close();
  }
}

/**
 * The command when a desk runs on the same database: no broker, no simulator, no KIS call from here — the
 * cycle job runs in the desk under its budget; this process queues it (or joins it) and reads the run.
 */
async function openHandOffDesk(config: Config, database: Database): Promise<CycleCliDesk> {
  const clock = new SystemClock();
  const calendar = loadTradingCalendar();
  const queue = await startPgBossQueue({ connection: database.connection });
  const jobs = new JobService({
    queue,
    audit: createDbJobAuditStore(database.db),
    clock,
    worker: processName(),
  });
  const store = createDbCycleStore(database.db);
  const summaryFor = async (date: string): Promise<CycleSummary | null> => {
    const run = await store.getRun(date);
    return run ? summarizeRun(store, run) : null;
  };
  const refuse = (): never => {
    throw new Error('a desk runs this cycle: hand it over with handToDesk');
  };
  return {
    cycle: { summaryFor, recoverInterrupted: async () => 0, runNow: refuse, runFor: refuse },
    clock,
    calendar,
    reconcile: async () => true,
    deskRunning: async () => true,
    async handToDesk(date) {
      const now = clock.now();
      if (date === kstDate(now) && manualRunDateAt(now, calendar, config.cycle.catchUpCutoff) === null) {
        const iso = now.toISOString();
        return (
          (await summaryFor(date)) ?? {
            tradeDate: date,
            status: 'SKIPPED',
            steps: [],
            startedAt: iso,
            finishedAt: iso,
          }
        );
      }
      const job = await jobs.enqueue('cycle', { tradeDate: date, trigger: 'manual' }, 'cli');
      await jobs.follow('cycle', job.id, { until: 'attempt' });
      const summary = await summaryFor(date);
      if (!summary) throw new Error(`the cycle job ${job.id} ended before a run of ${date} started`);
      return summary;
    },
    async close() {
      await queue.stop();
      await database.close();
    },
  };
}

function simulatorKeys(config: Config): string[] {
  return config.kis.mode === 'simulator' ? DEFAULT_SIM_ACCOUNTS.flatMap((a) => [a.appKey, a.appSecret]) : [];
}

/**
 * The real desk for the command: the whole composition, logs to ./data/kis-desk.log (stdout is the command's
 * output), and a terminal publisher that prints the plan and the briefing and saves the NAV chart under
 * ./data/briefings. The scheduler is not started: this process runs one cycle and exits.
 */
export async function openCliDesk(config: Config, out: (line: string) => void): Promise<CycleCliDesk> {
  // A desk on the same Postgres takes the run: this process then needs only the queue and the run records.
  // (PGlite: a running desk owns the directory, and opening it fails with a message saying so.)
  if (config.database.url) {
    const database = await openDatabase({ url: config.database.url });
    if (await deskRunningOn(database.db).catch(() => false)) return openHandOffDesk(config, database);
    await database.close();
  }
  const logFile = repoPath('data', 'kis-desk.log');
  const logger = createLogger({
    level: config.logLevel,
    secrets: [...config.secrets, ...simulatorKeys(config)],
    destination: pino.destination({ dest: logFile, mkdir: true, sync: true }),
  });
  const runtime = await composeDesk(config, { logger });
  const cycle = runtime.cycle;
  if (!cycle) {
    await runtime.close();
    throw new Error('the daily cycle is disabled (CYCLE_ENABLED=false)');
  }
  out(cycleCliMessages(config.locale).logsAt({ file: logFile }));
  const terminal = createTerminalChannel({
    desk: runtime.desk,
    input: Readable.from([]),
    output: process.stdout,
    locale: config.locale,
    clock: runtime.clock,
    onError: (what, error) => logger.warn({ err: error, what }, 'terminal'),
  });
  runtime.channels.attach(
    terminal.cyclePublisher({
      chartDir: repoPath('data', 'briefings'),
      published: createDbPublicationLog(runtime.database.db, 'terminal', () => runtime.clock.now()),
    }),
  );
  const { jobs } = runtime;
  const viaQueue = queuedCycleRunner(jobs, cycle);
  const runOnQueue = async (date: string): Promise<CycleSummary> => {
    const job = await jobs.enqueue('cycle', { tradeDate: date, trigger: 'manual' }, 'cli');
    await jobs.follow('cycle', job.id, { until: 'attempt' });
    const summary = await cycle.summaryFor(date);
    if (!summary) throw new Error(`the cycle job ${job.id} ended before a run of ${date} started`);
    return summary;
  };
  const handToDesk = (date: string) =>
    date === kstDate(runtime.clock.now()) ? viaQueue.runNow('cli') : runOnQueue(date);
  let presence: SchedulerLeadership | null = null;
  // No desk: this process works the cycle job itself (the same handler a desk runs), holding the presence lock
  // meanwhile so a desk starting now sees the job's process alive and leaves the attempt to it.
  const workHere = async (): Promise<void> => {
    if (presence) return;
    presence = await startSchedulerLeadership({ connection: runtime.database.connection, lead: false });
    const handler = runtime.jobHandlers.cycle;
    if (handler) await jobs.work({ cycle: handler });
  };
  return {
    cycle: {
      summaryFor: (date) => cycle.summaryFor(date),
      recoverInterrupted: () => cycle.recoverInterrupted(),
      runNow: async (actor) => (await workHere(), viaQueue.runNow(actor)),
      runFor: async (date) => (await workHere(), runOnQueue(date)),
    },
    clock: runtime.clock,
    calendar: runtime.calendar,
    reconcile: async () => (await runtime.core.reconciliation.reconcile()).ok,
    deskRunning: () => runtime.deskRunning(),
    handToDesk,
    async close() {
      await runtime.close();
      await presence?.stop();
    },
  };
}

async function main(): Promise<number> {
  let config: Config;
  try {
    config = loadConfig(process.env);
  } catch (error) {
    if (error instanceof ConfigError) {
      console.error(cycleCliKo.configError({ problem: error.message }));
      return EXIT.notCompleted;
    }
    throw error;
  }
  const out = (line: string) => console.log(line);
  if (!config.cycle.enabled) {
    out(cycleCliMessages(config.locale).cycleDisabled);
    return EXIT.notCompleted;
  }
  try {
    return await runCycleCli(process.argv.slice(2), () => openCliDesk(config, out), out, {
      locale: config.locale,
    });
  } catch (error) {
    const redactor = new Redactor([...config.secrets, ...simulatorKeys(config)]);
    console.error(redactor.text(error instanceof Error ? `${error.name}: ${error.message}` : String(error)));
    return EXIT.notCompleted;
  }
}

if (process.argv[1] && import.meta.url === pathToFileURL(process.argv[1]).href) {
  const code = await main();
  // The runtime is closed by now; exit explicitly so a lingering keep-alive socket cannot hold the command open.
  process.exit(code);
}
