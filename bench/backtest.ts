import { pathToFileURL } from 'node:url';
import { availablePriceTickers } from '../src/adapters/prices/load';
import { defaultBacktestConfig } from '../src/backtest/config';
import { loadBacktestData } from '../src/backtest/load';
import { runBacktestWithBenchmark, tickersFor } from '../src/backtest/run';

const TARGET_SECONDS = 1;

/**
 * Wall time of a 10-year daily backtest over every shipped ETF (the ones whose data ends early are dropped
 * part-way, which exercises that path too), printed as a ratio of the 1 s target. Data loading is timed
 * separately: it is file parsing, not the simulation loop.
 */
export async function runBacktestBench(): Promise<void> {
  const base = defaultBacktestConfig('2016-01-01', '2025-12-31', 1_000_000);
  const universe = availablePriceTickers().filter((t) => t !== base.strategy.safeAsset);
  const config = { ...base, strategy: { ...base.strategy, universe } };

  const loadStart = performance.now();
  const data = loadBacktestData(tickersFor(config));
  const loadSeconds = (performance.now() - loadStart) / 1000;

  const runs: { wall: number; cpu: number }[] = [];
  let days = 0;
  let fills = 0;
  for (let i = 0; i < 4; i++) {
    const start = performance.now();
    const cpuStart = process.cpuUsage();
    const result = runBacktestWithBenchmark(config, data);
    const cpu = process.cpuUsage(cpuStart);
    runs.push({ wall: (performance.now() - start) / 1000, cpu: (cpu.user + cpu.system) / 1e6 });
    days = result.strategy.days.length;
    fills = result.strategy.fills.length;
  }
  const cold = runs[0]!.wall;
  const warm = runs.slice(1).sort((a, b) => a.wall - b.wall)[1]!;
  const line = (label: string, seconds: number): string =>
    `${label.padEnd(44)} ${seconds.toFixed(3)} s  ratio ${(seconds / TARGET_SECONDS).toFixed(3)} of ${TARGET_SECONDS} s target`;
  console.log(
    `backtest bench: ${universe.length} risk ETFs + safe, ${config.from}..${config.to}, ${days} trading days, ${fills} fills`,
  );
  console.log(line('backtest, first run (cold JIT)', cold));
  console.log(line('backtest, median of 3 warm runs', warm.wall));
  console.log(`${'  (CPU time of that run, for a busy machine)'.padEnd(44)} ${warm.cpu.toFixed(3)} s`);
  console.log(line('data load (CSV parse + tick snap + calendar)', loadSeconds));
}

if (process.argv[1] && import.meta.url === pathToFileURL(process.argv[1]).href) {
  await runBacktestBench();
}
