import { mkdirSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { createStudyPool } from '../backtest/study/pool';
import { renderStudyCharts, renderStudyMarkdown, STUDY_FILES, studySummary } from '../backtest/study/report';
import { assertStudyData, runStudy } from '../backtest/study/run';
import { studyTickers } from '../backtest/study/jobs';
import { readStudyArgs, STUDY_USAGE, StudyInputError } from '../backtest/study/spec';
import { progressBar } from './progress';

/**
 * `npm run study [-- flags]`: the parameter grid, walk-forward, sub-periods, offsets and universe
 * perturbations on worker threads; writes docs/study/ and ends with `study: <runs> runs in <seconds> s`.
 * Bad input: every problem in one message on stderr, exit 2, nothing written.
 */
async function main(argv: string[]): Promise<number> {
  if (argv.includes('--help') || argv.includes('-h')) {
    console.log(STUDY_USAGE);
    return 0;
  }
  const started = performance.now();
  const { spec, problems } = readStudyArgs(argv);
  const data = assertStudyData(spec, problems);
  const pool = createStudyPool(spec.workers, studyTickers(spec));
  let lastShown = -1;
  const onProgress = (done: number, total: number): void => {
    if (process.stderr.isTTY) process.stderr.write(`\r${progressBar(done, total)} runs`);
    else {
      const decile = Math.floor((done / total) * 10);
      if (decile > lastShown) {
        lastShown = decile;
        process.stderr.write(`${progressBar(done, total)} runs\n`);
      }
    }
  };
  let result;
  try {
    result = await runStudy(spec, data, pool, onProgress);
  } finally {
    await pool.close();
  }
  if (process.stderr.isTTY) process.stderr.write('\n');
  const seconds = (performance.now() - started) / 1000;
  const command = `npm run study${argv.length ? ` -- ${argv.join(' ')}` : ''}`;

  const dir = path.resolve(process.cwd(), spec.outDir);
  mkdirSync(dir, { recursive: true });
  const charts = renderStudyCharts(result);
  writeFileSync(path.join(dir, STUDY_FILES.heatmap), charts.heatmap);
  writeFileSync(path.join(dir, STUDY_FILES.equity), charts.equity);
  writeFileSync(path.join(dir, STUDY_FILES.offsets), charts.offsets);
  writeFileSync(path.join(dir, STUDY_FILES.markdown), renderStudyMarkdown(result, command, seconds));
  writeFileSync(
    path.join(dir, STUDY_FILES.json),
    `${JSON.stringify(studySummary(result, command), null, 2)}\n`,
  );

  const wf = result.walkForward;
  console.log(`walk-forward out-of-sample CAGR ${(wf.cagr * 100).toFixed(2)} % (${wf.from} .. ${wf.to})`);
  console.log(`chosen defaults: ${result.choice.job.label}`);
  console.log(`wrote ${spec.outDir}/${STUDY_FILES.markdown} and 3 charts`);
  const cpu = process.cpuUsage();
  console.log(`cpu time ${((cpu.user + cpu.system) / 1e6).toFixed(1)} s (all threads)`);
  console.log(`study: ${result.runs} runs in ${seconds.toFixed(1)} s`);
  return 0;
}

try {
  process.exitCode = await main(process.argv.slice(2));
} catch (error) {
  if (error instanceof StudyInputError) {
    console.error(`study: ${error.message}`);
    process.exitCode = 2;
  } else {
    throw error;
  }
}
