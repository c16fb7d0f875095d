/**
 * `npm run study` as a person runs it: through the npm script (tsx), with its worker threads loading the
 * TypeScript worker themselves. A small grid keeps it quick; bad input is refused before anything runs.
 */
import { execFile } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { promisify } from 'node:util';
import { afterEach, describe, expect, it } from 'vitest';

const run = promisify(execFile);
const root = path.resolve(import.meta.dirname, '../..');
const dirs: string[] = [];
afterEach(() => {
  for (const d of dirs.splice(0)) rmSync(d, { recursive: true, force: true });
});

async function study(args: string[]): Promise<{ code: number; stdout: string; stderr: string }> {
  try {
    const { stdout, stderr } = await run('npm', ['run', '--silent', 'study', '--', ...args], {
      cwd: root,
      maxBuffer: 16 * 1024 * 1024,
    });
    return { code: 0, stdout, stderr };
  } catch (error) {
    const e = error as { code: number; stdout: string; stderr: string };
    return { code: e.code, stdout: e.stdout, stderr: e.stderr };
  }
}

describe('npm run study', () => {
  it('when run on a small grid then the worker threads run every backtest, the report and charts are written and the last line counts the runs', async () => {
    // Arrange
    const out = mkdtempSync(path.join(tmpdir(), 'study-'));
    dirs.push(out);

    // Act
    const result = await study([
      ...['--from', '2019-01-01', '--to', '2022-12-31', '--universe', '069500,133690', '--add', '305720'],
      ...[
        '--top',
        '1,2',
        '--lookback',
        '126',
        '--skip',
        '0',
        '--budget',
        'off',
        '--cap',
        '50',
        '--sweep',
        'off',
      ],
      ...['--offsets', '0,3', '--in-sample', '24', '--out-of-sample', '12', '--workers', '2', '--out', out],
    ]);

    // Assert: 2 grid runs + 2 offsets + base, 2 leave-one-out and 1 addition = 8 runs
    expect(result.stderr).not.toMatch(/Error/);
    expect(result.code).toBe(0);
    expect(result.stdout.trim().split('\n').at(-1)).toMatch(/^study: 8 runs in \d+\.\d s$/);
    for (const file of [
      'study.md',
      'study.json',
      'grid-heatmap.png',
      'oos-equity.png',
      'offset-sensitivity.png',
    ])
      expect(existsSync(path.join(out, file))).toBe(true);
    const summary = JSON.parse(readFileSync(path.join(out, 'study.json'), 'utf8')) as {
      runs: number;
      walkForward: { windows: unknown[]; outOfSampleCagr: number };
    };
    expect(summary.runs).toBe(8);
    expect(summary.walkForward.windows).toHaveLength(2);
    expect(Number.isFinite(summary.walkForward.outOfSampleCagr)).toBe(true);
    const markdown = readFileSync(path.join(out, 'study.md'), 'utf8');
    expect(markdown).toContain('with 305720');
    expect(markdown).toContain('without 133690');
    expect(readFileSync(path.join(out, 'grid-heatmap.png')).subarray(1, 4).toString()).toBe('PNG');
  }, 600_000);

  it('when the input is bad then one message lists every problem, the exit code is 2 and nothing is written', async () => {
    const parent = mkdtempSync(path.join(tmpdir(), 'study-bad-'));
    dirs.push(parent);
    const out = path.join(parent, 'out');

    const result = await study([
      ...['--universe', '069500,999999', '--add', '888888', '--top', '', '--cap', '120'],
      ...['--from', '2030-01-01', '--to', '2032-12-31', '--out', out],
    ]);

    expect(result.code).toBe(2);
    expect(result.stdout).toBe('');
    expect(result.stderr).toContain('--cap: 120 % is more than 100 % of NAV');
    expect(result.stderr).toContain('the grid has 0 runs');
    // Flag problems and data problems in the same message.
    expect(result.stderr).toContain('no daily price data for 999999, 888888');
    expect(result.stderr).toContain('no price data between 2030-01-01 and 2032-12-31');
    expect(existsSync(out)).toBe(false);

    const data = await study([
      '--universe',
      '069500,999999',
      '--add',
      '888888',
      '--from',
      '2030-01-01',
      '--to',
      '2032-12-31',
      '--out',
      out,
    ]);
    expect(data.code).toBe(2);
    expect(data.stderr).toContain('no daily price data for 999999, 888888');
    expect(data.stderr).toContain('no price data between 2030-01-01 and 2032-12-31');
    expect(existsSync(out)).toBe(false);
  }, 300_000);
});
