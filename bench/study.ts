import { execFile } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { pathToFileURL } from 'node:url';
import { promisify } from 'node:util';

const TARGET_SECONDS = 60;
const run = promisify(execFile);

/**
 * The default study (`npm run study`, every default: 165 runs on 2 worker threads) end to end through the npm
 * script — tsx start-up, worker threads registering tsx, the grid, charts and report — into a temporary
 * directory, printed as a ratio of the 60 s target. The CPU time of the whole process tree is printed too:
 * on a shared machine the wall time mostly measures the neighbours.
 */
export async function runStudyBench(): Promise<void> {
  const out = mkdtempSync(path.join(tmpdir(), 'kis-desk-study-'));
  try {
    const started = performance.now();
    const { stdout } = await run('npm', ['run', '--silent', 'study', '--', '--out', out], {
      cwd: path.resolve(import.meta.dirname, '..'),
      maxBuffer: 16 * 1024 * 1024,
    });
    const wall = (performance.now() - started) / 1000;
    const last = stdout.trim().split('\n').at(-1) ?? '';
    const inside = /study: (\d+) runs in ([\d.]+) s/.exec(last);
    console.log(last);
    console.log(
      `${'study, npm run study end to end'.padEnd(44)} ${wall.toFixed(1)} s  ratio ${(wall / TARGET_SECONDS).toFixed(3)} of ${TARGET_SECONDS} s target`,
    );
    if (inside)
      console.log(
        `${'  (its own timer: data, runs, report)'.padEnd(44)} ${inside[2]} s  ratio ${(Number(inside[2]) / TARGET_SECONDS).toFixed(3)}`,
      );
    const cpu = /cpu time ([\d.]+) s/.exec(stdout);
    if (cpu)
      console.log(
        `${'  (CPU time of the study, all threads)'.padEnd(44)} ${cpu[1]} s  = ${(Number(cpu[1]) / 2).toFixed(1)} s on 2 idle cores`,
      );
  } finally {
    rmSync(out, { recursive: true, force: true });
  }
}

if (process.argv[1] && import.meta.url === pathToFileURL(process.argv[1]).href) {
  await runStudyBench();
}
