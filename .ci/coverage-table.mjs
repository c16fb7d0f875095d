// Prints CI's per-folder coverage table from vitest's coverage/coverage-summary.json (istanbul json-summary format).
// Usage: node .ci/coverage-table.mjs [coverage/coverage-summary.json]
import { existsSync, readFileSync } from 'node:fs';
import path from 'node:path';

const file = process.argv[2] ?? 'coverage/coverage-summary.json';
if (!existsSync(file)) {
  console.log(`coverage: no summary at ${file} (the test run did not get as far as writing it)`);
  process.exit(0);
}
const summary = JSON.parse(readFileSync(file, 'utf8'));
const root = process.cwd();

/** The folder a file is reported under: src/adapters/<name>, else the first level below src. */
export function folderOf(relative) {
  const parts = relative.split('/');
  if (parts[0] !== 'src') return parts[0];
  if (parts.length === 2) return 'src (root files)';
  if (parts[1] === 'adapters' && parts.length > 3) return `src/adapters/${parts[2]}`;
  return `src/${parts[1]}`;
}

const metrics = ['lines', 'statements', 'branches', 'functions'];
const folders = new Map();
for (const [key, value] of Object.entries(summary)) {
  if (key === 'total') continue;
  const relative = path.relative(root, key).split(path.sep).join('/');
  const folder = folderOf(relative);
  const row = folders.get(folder) ?? {
    files: 0,
    ...Object.fromEntries(metrics.map((m) => [m, { covered: 0, total: 0 }])),
  };
  row.files += 1;
  for (const m of metrics) {
    row[m].covered += value[m].covered;
    row[m].total += value[m].total;
  }
  folders.set(folder, row);
}

const pct = ({ covered, total }) =>
  total === 0 ? '  n/a ' : `${((100 * covered) / total).toFixed(1).padStart(5)}%`;
const header = `${'folder'.padEnd(28)} files  ${metrics.map((m) => m.padStart(10)).join('')}`;
console.log('coverage by folder:');
console.log(header);
for (const [folder, row] of [...folders.entries()].sort(([a], [b]) => a.localeCompare(b))) {
  console.log(
    `${folder.padEnd(28)} ${String(row.files).padStart(5)}  ${metrics.map((m) => pct(row[m]).padStart(10)).join('')}`,
  );
}
const total = summary.total;
console.log(
  `${'all of src'.padEnd(28)} ${String(folders.size ? [...folders.values()].reduce((n, r) => n + r.files, 0) : 0).padStart(5)}  ${metrics.map((m) => pct(total[m]).padStart(10)).join('')}`,
);
console.log(
  `coverage: lines ${total.lines.pct}% (${total.lines.covered}/${total.lines.total}); thresholds in vitest.config.ts`,
);
