/**
 * One desk process for the multi-process job tests: the real composition (composeDesk, built-in simulator) on
 * the Postgres in DATABASE_URL, with the background work main.ts starts (scheduler leadership, job workers,
 * scheduler) on short test timings. Its clock runs in real time from DESK_CHILD_START (an ISO instant), or stands
 * still there with DESK_CHILD_FROZEN=true.
 * Prints `READY <host:pid>` once working; SIGTERM closes it.
 */
import { createLogger } from '../../src/adapters/logging/logger';
import { openDatabase } from '../../src/adapters/db/client';
import type { CyclePublisher } from '../../src/app/cycle/ports';
import { composeDesk } from '../../src/compose';
import { loadConfig } from '../../src/config';
import { processName } from '../../src/adapters/jobs/advisory-leader';
import { createLocalEmbedder } from '../../src/adapters/llm/local-embedder';
import { testMemoryStore } from './memory';

const start = Date.parse(process.env.DESK_CHILD_START ?? '');
if (Number.isNaN(start)) throw new Error('DESK_CHILD_START must be an ISO instant');
const offset = start - Date.now();
const frozen = process.env.DESK_CHILD_FROZEN === 'true';
const clock = { now: () => new Date(frozen ? start : Date.now() + offset) };
const config = loadConfig(process.env);
const database = await openDatabase({ url: config.database.url! });
const runtime = await composeDesk(config, {
  clock,
  database,
  logger: createLogger({ level: 'silent', secrets: [] }),
  simulator: { rateLimitPerSecond: { real: 200, paper: 200 }, tokenIssueIntervalMs: 0 },
  renderChart: () => Buffer.from('png'),
  memory: testMemoryStore(database, createLocalEmbedder(), clock),
  jobs: { pollingIntervalSeconds: 0.5, maintenanceIntervalSeconds: 1, leaderPollMs: 200 },
});
const publisher: CyclePublisher = {
  publishPlan: async () => undefined,
  publishBriefing: async () => undefined,
};
runtime.channels.attach(publisher);
await runtime.startBackgroundWork();
process.stdout.write(`READY ${processName()}\n`);

let closing = false;
process.on('SIGTERM', () => {
  if (closing) return;
  closing = true;
  void runtime
    .close()
    .then(() => database.close())
    .finally(() => process.exit(0));
});
