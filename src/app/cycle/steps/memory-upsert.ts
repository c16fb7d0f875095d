/**
 * Step 8: the briefing text into long-term memory (kind 'briefing', id `briefing:<date>`, so a re-run
 * overwrites rather than duplicates). Tomorrow's memory step reads it back.
 */
import type { CycleStep, StepContext } from '../context';
import type { MemoryUpsertOutput } from '../outputs';
import { briefingMemoryId } from './memory-summary';

export const memoryUpsertStep: CycleStep<'memory_upsert'> = {
  name: 'memory_upsert',
  async run(ctx: StepContext): Promise<MemoryUpsertOutput> {
    const { deps, tradeDate, run } = ctx;
    if (!deps.memory) return { memoryId: null, skipped: 'NO_MEMORY_STORE' };
    const briefing = ctx.output('briefing');
    const id = briefingMemoryId(tradeDate);
    await deps.memory.upsert([
      {
        id,
        kind: 'briefing',
        content: briefing.text[deps.locale],
        date: tradeDate,
        tickers: briefing.tickers.slice(0, 100),
        threadId: null,
        source: `daily_run:${run.id}`,
      },
    ]);
    return { memoryId: id, skipped: null };
  },
};
