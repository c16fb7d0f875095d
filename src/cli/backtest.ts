import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { BACKTEST_USAGE, CliArgsError, parseBacktestArgs } from '../backtest/cli-args';
import { renderEquityChart } from '../backtest/equity-chart';
import { loadBacktestData, UnknownTickerError } from '../backtest/load';
import { formatConsoleSummary, renderReportMarkdown } from '../backtest/report';
import { REPLAY_MIN_LEGS, runReplayCheck } from '../backtest/replay';
import { runBacktestWithBenchmark, tickersFor } from '../backtest/run';
import { formatOverlaySection, OVERLAY_USAGE, runWithOverlay, takeOverlayArgs } from '../backtest/overlay';
import { progressBar } from './progress';

/**
 * `npm run backtest -- --replay-check [--months 24]`: the composed desk on the simulator against the backtest
 * over the same months. Last line `replay: <same> of <total> legs identical`; exit 0 only when every leg is
 * identical and there are at least REPLAY_MIN_LEGS of them.
 */
async function replayCheck(argv: string[]): Promise<number> {
  const rest = argv.filter((a) => a !== '--replay-check');
  const problems: string[] = [];
  let months = 24;
  for (let i = 0; i < rest.length; i++) {
    if (rest[i] === '--months') {
      const value = rest[++i] ?? '';
      months = /^\d+$/.test(value) ? Number(value) : NaN;
      if (!(months >= 1 && months <= 120))
        problems.push(`--months must be a whole number from 1 to 120, got "${value}"`);
    } else problems.push(`unknown option with --replay-check: ${rest[i]}`);
  }
  if (problems.length > 0)
    throw new CliArgsError(`${problems.join('\n')}\nusage: npm run backtest -- --replay-check [--months 24]`);
  const started = Date.now();
  const result = await runReplayCheck({
    months,
    onDay: (date, index, total) => {
      if (process.stderr.isTTY) process.stderr.write(`\r${progressBar(index + 1, total)} ${date}`);
    },
  });
  if (process.stderr.isTTY) process.stderr.write('\n');
  for (const d of result.differences)
    console.log(`differs: live ${JSON.stringify(d.live)} backtest ${JSON.stringify(d.backtest)}`);
  console.log(`${months} months, ${((Date.now() - started) / 1000).toFixed(1)} s`);
  console.log(`replay: ${result.same} of ${result.total} legs identical`);
  return result.same === result.total && result.total >= REPLAY_MIN_LEGS ? 0 : 1;
}

/** The study's walk-forward figures (docs/study/study.json), or null when the study has not been run. */
function readStudySummary(file: string) {
  if (!existsSync(file)) return null;
  const json = JSON.parse(readFileSync(file, 'utf8')) as {
    command: string;
    walkForward: {
      outOfSampleCagr: number;
      from: string;
      to: string;
      inSampleMonths: number;
      outOfSampleMonths: number;
    };
  };
  return { ...json.walkForward, command: json.command };
}

/** `npm run backtest -- --from 2016-01-01 --to 2025-12-31 --capital 1000000`: prints the metrics, writes equity.png and report.md. */
function main(argv: string[]): number {
  if (argv.includes('--help') || argv.includes('-h')) {
    console.log(`${BACKTEST_USAGE}\n${OVERLAY_USAGE}`);
    return 0;
  }
  const { overlay, rest } = takeOverlayArgs(argv);
  const { config, outDir } = parseBacktestArgs(rest);
  const data = loadBacktestData(tickersFor(config));
  const result = runBacktestWithBenchmark(config, data);
  console.log(formatConsoleSummary(result));
  // The watch's sell conditions as an exit overlay, next to the plain strategy (--overlay).
  const overlaySection = overlay
    ? formatOverlaySection(result.metrics.strategy, runWithOverlay(config, data, overlay))
    : null;
  if (overlaySection) console.log(`\n${overlaySection}`);

  const dir = path.resolve(process.cwd(), outDir);
  mkdirSync(dir, { recursive: true });
  writeFileSync(path.join(dir, 'equity.png'), renderEquityChart(result));
  const command = `npm run backtest -- ${argv.join(' ')}`;
  writeFileSync(
    path.join(dir, 'report.md'),
    renderReportMarkdown(result, {
      names: data.names,
      command,
      chartFile: 'equity.png',
      walkForward: readStudySummary(path.resolve(process.cwd(), 'docs/study/study.json')),
    }) + (overlaySection ? `\n## Exit overlay\n\n${overlaySection}\n` : ''),
  );
  console.log(`\nwrote ${path.join(outDir, 'equity.png')} and ${path.join(outDir, 'report.md')}`);
  return 0;
}

const argv = process.argv.slice(2);
try {
  process.exitCode = argv.includes('--replay-check') ? await replayCheck(argv) : main(argv);
} catch (error) {
  if (error instanceof CliArgsError || error instanceof UnknownTickerError) {
    console.error(`backtest: ${error.message}`);
    process.exitCode = 2;
  } else {
    throw error;
  }
}
