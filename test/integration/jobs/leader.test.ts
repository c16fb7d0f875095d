import { describe, expect, it } from 'vitest';
import { deskRunningOn, startSchedulerLeadership } from '../../../src/adapters/jobs/advisory-leader';
import { openFreshPostgres } from '../../support/db';
import { openMigratedPglite } from '../../support/pglite-image';

const adminUrl = process.env.TEST_DATABASE_URL;

describe('scheduler leadership', () => {
  it('when the desk runs alone on PGlite then it leads, and the database shows a desk running', async () => {
    // Arrange
    const database = await openMigratedPglite();
    try {
      const changes: boolean[] = [];
      // Act
      const leadership = await startSchedulerLeadership({
        connection: database.connection,
        pollMs: 100,
        onChange: (leading) => changes.push(leading),
      });
      const running = await deskRunningOn(database.db);
      const status = await leadership.status();
      await leadership.stop();
      // Assert
      expect(changes).toEqual([true, false]);
      expect(running).toBe(true);
      expect(status).toMatchObject({ leading: true, me: `${status.me}` });
      expect(await deskRunningOn(database.db)).toBe(false);
    } finally {
      await database.close();
    }
  }, 180_000);

  it.runIf(adminUrl)(
    'when two desks share Postgres then exactly one leads, and when it stops the other takes over',
    async () => {
      // Arrange
      const database = await openFreshPostgres(adminUrl!);
      try {
        const first = await startSchedulerLeadership({ connection: database.connection, pollMs: 100 });
        const second = await startSchedulerLeadership({ connection: database.connection, pollMs: 100 });
        const before = [first.isLeader(), second.isLeader()];
        const standbyView = await second.status();
        // Act
        await first.stop();
        const deadline = Date.now() + 5_000;
        while (!second.isLeader() && Date.now() < deadline) await new Promise((r) => setTimeout(r, 50));
        // Assert
        expect(before).toEqual([true, false]);
        expect(standbyView.leader).toBe(standbyView.me); // one process here: both are named host:pid
        expect(second.isLeader()).toBe(true);
        expect(await deskRunningOn(database.db)).toBe(true);
        await second.stop();
        expect(await deskRunningOn(database.db)).toBe(false);
      } finally {
        await database.close();
      }
    },
    60_000,
  );
});
