import { execFile } from 'node:child_process';
import path from 'node:path';
import { promisify } from 'node:util';
import { describe, expect, it } from 'vitest';
import { startKisSimulator } from '../../../src/sim/kis';
import { openFreshPostgres } from '../../support/db';

const run = promisify(execFile);
const adminUrl = process.env.TEST_DATABASE_URL;

describe.runIf(adminUrl)('KIS token cache shared through Postgres', () => {
  it('when two processes start at once with an empty cache then exactly one token is issued', async () => {
    // Arrange
    const sim = await startKisSimulator();
    const database = await openFreshPostgres(adminUrl!);
    const child = path.resolve(__dirname, '../../support/token-child.ts');
    const env = {
      ...process.env,
      CHILD_DATABASE_URL: database.url,
      CHILD_REST_URL: sim.urls.real.rest,
      CHILD_WS_URL: sim.urls.real.ws,
    };
    try {
      // Act
      const results = await Promise.all([
        run(process.execPath, ['--import', 'tsx', child], { env }),
        run(process.execPath, ['--import', 'tsx', child], { env }),
      ]);

      // Assert
      for (const r of results) expect(r.stdout).toMatch(/^quote \d+/m);
      expect(sim.control.stats().tokensIssued).toBe(1);
      expect(sim.control.stats().byPath['/oauth2/tokenP']).toBe(1); // the second process never even asked
      const rows = await database.db.execute<{ ciphertext: string }>(
        (await import('drizzle-orm')).sql`select ciphertext from kis_token_cache`,
      );
      const list = rows as unknown as { ciphertext: string }[];
      expect(list).toHaveLength(1);
      expect(list[0]!.ciphertext).toMatch(/^v1\./);
    } finally {
      await database.close();
      await sim.close();
    }
  }, 60_000);
});
