import { eq } from 'drizzle-orm';
import type { PublicationLog } from '../../app/ports/publication-log';
import type { Db } from './client';
import { publications } from './schema';

export function createDbPublicationLog(db: Db, channel: string, now: () => Date): PublicationLog {
  return {
    async has(key) {
      const rows = await db
        .select({ key: publications.key })
        .from(publications)
        .where(eq(publications.key, key));
      return rows.length > 0;
    },
    async add(key) {
      await db.insert(publications).values({ key, channel, at: now() }).onConflictDoNothing();
    },
  };
}
