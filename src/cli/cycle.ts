/**
 * `npm run cycle -- [--date YYYY-MM-DD] [--status]`: runs or resumes today's daily cycle by hand, under the
 * same exactly-once rules as the scheduler (a COMPLETED run is only reported), or prints a date's run.
 */
import { pathToFileURL } from 'node:url';
import { parseArgs } from 'node:util';
import { z } from 'zod';
import type { DailyCycle } from '../app/cycle';
import { cycleMessages } from '../app/cycle/messages';
import type { CycleSummary, Locale } from '../app/desk-api';
import type { Clock } from '../domain/clock';
import { isKstDate, kstDate } from '../domain/market';

export interface CycleCliDesk {
  cycle: Pick<DailyCycle, 'runNow' | 'summaryFor'>;
  clock: Clock;
  close(): Promise<void>;
}

const argsSchema = z.object({
  date: z.string().refine(isKstDate, 'must be YYYY-MM-DD').optional(),
  status: z.boolean().default(false),
  help: z.boolean().default(false),
});

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

/** Returns the process exit code: 0 done, 1 the run did not complete, 2 bad usage. */
export async function runCycleCli(
  argv: readonly string[],
  open: () => Promise<CycleCliDesk>,
  out: (line: string) => void,
  locale: Locale = 'ko',
): Promise<number> {
  const m = cycleMessages(locale).cli;
  let args: z.infer<typeof argsSchema>;
  try {
    const { values } = parseArgs({
      args: [...argv],
      options: { date: { type: 'string' }, status: { type: 'boolean' }, help: { type: 'boolean' } },
      strict: true,
    });
    args = argsSchema.parse(values);
  } catch (error) {
    const problem = error instanceof z.ZodError ? z.prettifyError(error) : error instanceof Error ? error.message : String(error);
    out(m.badArgs({ problem }));
    out(m.usage);
    return 2;
  }
  if (args.help) {
    out(m.usage);
    return 0;
  }
  const desk = await open();
  try {
    const today = kstDate(desk.clock.now());
    const date = args.date ?? today;
    if (args.status) {
      const summary = await desk.cycle.summaryFor(date);
      if (!summary) out(m.noRun({ date }));
      else summaryLines(summary, locale).forEach((line) => out(line));
      return 0;
    }
    if (date !== today) {
      out(m.notToday({ date, today }));
      return 2;
    }
    const summary = await desk.cycle.runNow('cli');
    summaryLines(summary, locale).forEach((line) => out(line));
    return summary.status === 'COMPLETED' ? 0 : 1;
  } finally {
    await desk.close();
  }
}

if (process.argv[1] && import.meta.url === pathToFileURL(process.argv[1]).href) {
  // TODO(lead): build the desk through src/compose.ts once it exists, e.g.
  //   const desk = await composeDesk(loadConfig(process.env));
  //   process.exitCode = await runCycleCli(process.argv.slice(2),
  //     async () => ({ cycle: desk.cycle, clock: desk.clock, close: desk.close }), console.log, config.locale);
  const notWired = async (): Promise<CycleCliDesk> => {
    throw new Error(cycleMessages('ko').cli.notWired);
  };
  process.exitCode = await runCycleCli(process.argv.slice(2), notWired, (line) => console.log(line)).catch(
    (error: unknown) => {
      console.error(error instanceof Error ? error.message : String(error));
      return 2;
    },
  );
}
