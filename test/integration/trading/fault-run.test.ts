import { describe, expect, it } from 'vitest';
import { testDatabaseTargets, useTestDatabase } from '../../support/db';
import { runFaultEpisodes } from '../../support/fault-episodes';

const pglite = testDatabaseTargets().find((t) => t.name === 'pglite')!;

describe('seeded randomized fault run (simulator + KIS client + trading core)', () => {
  const handle = useTestDatabase(pglite);

  it('when 200 episodes mix double clicks, lost answers, crashes, restarts and EGW00201 bursts then no order is duplicated or lost', async () => {
    const totals = await runFaultEpisodes({ database: handle.database, episodes: 200, seed: 20261123 });

    expect(totals.episodes).toBe(200);
    expect(Object.keys(totals.byKind).length).toBe(7);
    expect(totals.approvals).toBeGreaterThan(100);
    expect(totals.brokerOrders).toBeGreaterThan(50);
    expect(totals.duplicates).toBe(0);
    expect(totals.lost).toBe(0);
    expect(totals.notTerminal).toBe(0);
    expect(totals.ourOrdersWithBrokerId).toBe(totals.brokerOrders);
  }, 300_000);
});
