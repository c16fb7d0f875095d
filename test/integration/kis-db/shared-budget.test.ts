import { describe, expect, it } from 'vitest';
import { runSharedScenario } from '../../../bench/kis-shared-scenario';
import { openFreshPostgres } from '../../support/db';

const adminUrl = process.env.TEST_DATABASE_URL;

describe.runIf(adminUrl)('one KIS budget across processes through Postgres', () => {
  it('when two processes approve while a third floods reads then no approval is denied for the rate and KIS never answers EGW00201', async () => {
    // Arrange
    const database = await openFreshPostgres(adminUrl!);
    try {
      // Act
      const result = await runSharedScenario({ databaseUrl: database.url }, 4_000);
      // Assert
      const approvers = result.children.filter((c) => c.role === 'approver');
      const flooder = result.children.find((c) => c.role === 'flooder')!;
      expect(approvers.every((c) => c.approvals > 0)).toBe(true);
      expect(approvers.reduce((n, c) => n + c.deniedByRate + c.deniedOther, 0)).toBe(0);
      expect(flooder.reads).toBeGreaterThan(0);
      expect(result.rateLimited).toBe(0);
    } finally {
      await database.close();
    }
  }, 180_000);
});
