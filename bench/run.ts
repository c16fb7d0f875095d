/**
 * `npm run bench [-- name …]`: runs the performance harnesses and prints each figure as a ratio against
 * its target. Nothing here asserts: the numbers are for people and for the issue notes.
 */
const BENCHES: Record<string, { file: string; fn: string; what: string }> = {
  guard: { file: './guard', fn: 'runGuardBench', what: 'risk guard decisions per second' },
  kis: { file: './kis', fn: 'runKisBench', what: 'KIS client rate vs limit, latency' },
  'kis-shared': {
    file: './kis-shared',
    fn: 'runKisSharedBench',
    what: 'one KIS budget across three processes through Postgres',
  },
  memory: { file: './memory', fn: 'runMemoryBench', what: 'memory search p95 and recall@5 at 20,000' },
  prompt: { file: './prompt-tokens', fn: 'runPromptTokensBench', what: 'prompt tokens per turn' },
  discord: { file: './discord', fn: 'runDiscordBench', what: 'button → ack and → order POST latency' },
  cycle: {
    file: './cycle',
    fn: 'runCycleBench',
    what: 'market fetch vs rate-limit floor; backtest wall time',
  },
  backtest: { file: './backtest', fn: 'runBacktestBench', what: '10-year full-universe backtest wall time' },
  watch: { file: './watch', fn: 'runWatchBench', what: 'intraday watch: 40 tickers, tick → alert latency' },
  study: { file: './study', fn: 'runStudyBench', what: 'default study (npm run study) wall time vs 60 s' },
};

const requested = process.argv.slice(2).filter((a) => !a.startsWith('-'));
const names = requested.length > 0 ? requested : Object.keys(BENCHES);
let failed = 0;
for (const name of names) {
  const bench = BENCHES[name];
  if (!bench) {
    console.error(`unknown bench "${name}"; choose from: ${Object.keys(BENCHES).join(', ')}`);
    failed++;
    continue;
  }
  console.log(`\n=== ${name}: ${bench.what}`);
  try {
    const mod = (await import(bench.file)) as Record<string, () => Promise<void>>;
    const run = mod[bench.fn];
    if (!run) throw new Error(`${bench.file} does not export ${bench.fn}`);
    await run();
  } catch (error) {
    failed++;
    console.error(`${name}: ${error instanceof Error ? error.message : String(error)}`);
  }
}
process.exit(failed > 0 ? 1 : 0);
export {};
