/**
 * `npm run soak [-- --episodes N --seed S]`: the randomized fault run at length. Prints the totals; CI runs a
 * 200-episode version as a test.
 */
import { openDatabase } from '../src/adapters/db/client';
import { runFaultEpisodes } from '../test/support/fault-episodes';

const arg = (name: string, fallback: number): number => {
  const i = process.argv.indexOf(`--${name}`);
  const value = i >= 0 ? Number(process.argv[i + 1]) : fallback;
  if (!Number.isSafeInteger(value) || value <= 0) throw new Error(`--${name} must be a positive integer`);
  return value;
};

const episodes = arg('episodes', 1_000);
const seed = arg('seed', Date.now() % 1_000_000);
const database = await openDatabase({ dataDir: 'memory://' });
const started = performance.now();
try {
  const totals = await runFaultEpisodes({ database, episodes, seed });
  console.log(
    JSON.stringify(
      { seed, seconds: Math.round((performance.now() - started) / 100) / 10, ...totals },
      null,
      2,
    ),
  );
  const ok = totals.duplicates === 0 && totals.lost === 0 && totals.notTerminal === 0;
  console.log(ok ? 'soak: 0 duplicate orders, 0 lost orders' : 'soak: FAILED — see totals above');
  process.exitCode = ok ? 0 : 1;
} finally {
  await database.close();
}
