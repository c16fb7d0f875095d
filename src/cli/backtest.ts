import { mkdirSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { BACKTEST_USAGE, CliArgsError, parseBacktestArgs } from '../backtest/cli-args';
import { renderEquityChart } from '../backtest/equity-chart';
import { loadBacktestData, UnknownTickerError } from '../backtest/load';
import { formatConsoleSummary, renderReportMarkdown } from '../backtest/report';
import { runBacktestWithBenchmark, tickersFor } from '../backtest/run';

/** `npm run backtest -- --from 2016-01-01 --to 2025-12-31 --capital 1000000`: prints the metrics, writes equity.png and report.md. */
function main(argv: string[]): number {
  if (argv.includes('--help') || argv.includes('-h')) {
    console.log(BACKTEST_USAGE);
    return 0;
  }
  const { config, outDir } = parseBacktestArgs(argv);
  const data = loadBacktestData(tickersFor(config));
  const result = runBacktestWithBenchmark(config, data);
  console.log(formatConsoleSummary(result));

  const dir = path.resolve(process.cwd(), outDir);
  mkdirSync(dir, { recursive: true });
  writeFileSync(path.join(dir, 'equity.png'), renderEquityChart(result));
  const command = `npm run backtest -- ${argv.join(' ')}`;
  writeFileSync(
    path.join(dir, 'report.md'),
    renderReportMarkdown(result, { names: data.names, command, chartFile: 'equity.png' }),
  );
  console.log(`\nwrote ${path.join(outDir, 'equity.png')} and ${path.join(outDir, 'report.md')}`);
  return 0;
}

try {
  process.exitCode = main(process.argv.slice(2));
} catch (error) {
  if (error instanceof CliArgsError || error instanceof UnknownTickerError) {
    console.error(`backtest: ${error.message}`);
    process.exitCode = 2;
  } else {
    throw error;
  }
}
