/**
 * The job queue on pg-boss (10.x: the last line that runs on Node 20). On Postgres pg-boss keeps its own small
 * pool (node-postgres); on embedded PGlite it runs over the desk's PGlite client through pg-boss's `db` option,
 * so the single-process desk uses the same queue, the same SQL and the same code path.
 *
 * Why pg-boss over graphile-worker: graphile-worker needs LISTEN/NOTIFY on a pool of real connections (no
 * PGlite), and its 0.17+ lines need Node 22; pg-boss 10 needs only SQL (SKIP LOCKED, advisory locks, partitioned
 * tables — all of which PGlite has), gives singleton keys per queue policy, retries with delay, expiry of
 * attempts whose process died, and an archive of finished jobs.
 */
import type { PGlite } from '@electric-sql/pglite';
import PgBoss from 'pg-boss';
import type { JobQueue, QueueJob, QueueJobState, QueueJobStatus } from '../../app/ports/job-queue';

export interface PgBossQueueOptions {
  /** Postgres URL (pg-boss's own pool), or the desk's PGlite client. */
  connection: { url: string } | { pglite: PGlite };
  /** How often an idle worker looks for work (default 2 s; at least 0.5 s). */
  pollingIntervalSeconds?: number;
  /** How often expired attempts are failed and finished jobs archived (default 60 s). */
  maintenanceIntervalSeconds?: number;
  /** How long `stop` waits for a running handler before its job is failed (and retried elsewhere). */
  stopTimeoutMs?: number;
  onError?: (error: unknown) => void;
}

const SCHEMA = 'pgboss';

/** pg-boss's Db over PGlite: parameterised statements through `query`, pg-boss's multi-statement scripts through `exec`. */
export function pgliteBossDb(client: PGlite): PgBoss.Db {
  return {
    async executeSql(text: string, values?: unknown[]) {
      if (values && values.length > 0) return client.query(text, values);
      const results = await client.exec(text);
      const withRows = results.filter((r) => r.fields.length > 0);
      return { rows: withRows.at(-1)?.rows ?? [] };
    },
  };
}

export async function startPgBossQueue(options: PgBossQueueOptions): Promise<JobQueue> {
  const connection =
    'url' in options.connection
      ? { connectionString: options.connection.url, max: 4, application_name: 'kis-desk jobs' }
      : { db: pgliteBossDb(options.connection.pglite) };
  const boss = new PgBoss({
    ...connection,
    schema: SCHEMA,
    // The desk's own scheduler (node-cron, leader only) decides what is due; pg-boss only queues and runs.
    schedule: false,
    supervise: true,
    maintenanceIntervalSeconds: options.maintenanceIntervalSeconds ?? 60,
  });
  boss.on('error', (error) => options.onError?.(error));
  await boss.start();
  const db = boss.getDb();
  const created = new Map<string, Promise<void>>();
  let creating: Promise<unknown> = Promise.resolve();
  // One queue creation at a time in this process (two at once deadlock on the partition DDL), and a deadlock
  // with another process starting at the same moment is retried: the creation itself is idempotent.
  const ensureQueue = (kind: string): Promise<void> => {
    const known = created.get(kind);
    if (known) return known;
    const create = creating.then(async () => {
      for (let attempt = 1; ; attempt++) {
        try {
          // stately: at most one job per key waiting and one running (the cycle of a date runs once at a time).
          await boss.createQueue(kind, { name: kind, policy: 'stately' });
          return;
        } catch (error) {
          const code = (error as { code?: string }).code;
          if (attempt >= 5 || (code !== '40P01' && code !== '23505')) throw error;
          await new Promise((resolve) => setTimeout(resolve, 50 * attempt));
        }
      }
    });
    creating = create.catch(() => undefined);
    created.set(kind, create);
    create.catch(() => created.delete(kind));
    return create;
  };
  const pollingIntervalSeconds = options.pollingIntervalSeconds ?? 2;

  return {
    async send(kind, data, send) {
      await ensureQueue(kind);
      return boss.send(kind, data, {
        singletonKey: send.singletonKey,
        retryLimit: send.retryLimit,
        retryDelay: send.retryDelaySeconds,
        expireInSeconds: send.expireInSeconds,
      });
    },

    async work(kind, handler) {
      await ensureQueue(kind);
      await boss.work<object>(
        kind,
        { includeMetadata: true, batchSize: 1, pollingIntervalSeconds },
        async ([job]) => {
          if (!job) return null;
          const queued: QueueJob = {
            id: job.id,
            kind,
            data: job.data,
            attempt: job.retryCount + 1,
            lastAttempt: job.retryCount >= job.retryLimit,
          };
          return handler(queued);
        },
      );
    },

    async find(kind, id) {
      await ensureQueue(kind);
      const job = await boss.getJobById<object>(kind, id, { includeArchive: true });
      return job ? toStatus(kind, job) : null;
    },

    async findUnfinished(kind, singletonKey) {
      await ensureQueue(kind);
      const { rows } = await db.executeSql(
        `select id, state, singleton_key, output from ${SCHEMA}.job
         where name = $1 and singleton_key = $2 and state < 'completed' order by created_on limit 1`,
        [kind, singletonKey],
      );
      const row = rows[0] as
        { id: string; state: QueueJobState; singleton_key: string; output: unknown } | undefined;
      return row
        ? { id: row.id, kind, state: row.state, singletonKey: row.singleton_key, output: row.output }
        : null;
    },

    async retryNow(kind, id, reason) {
      await ensureQueue(kind);
      await boss.fail(kind, id, { error: reason });
      await db.executeSql(
        `update ${SCHEMA}.job set start_after = now() where name = $1 and id = $2 and state = 'retry'`,
        [kind, id],
      );
      return (await boss.getJobById<object>(kind, id, { includeArchive: true }))?.state ?? null;
    },

    async cancel(kind, id) {
      await boss.cancel(kind, id);
    },

    async stop() {
      await boss.stop({ graceful: true, wait: true, timeout: options.stopTimeoutMs ?? 10_000 });
    },
  };
}

function toStatus(kind: string, job: PgBoss.JobWithMetadata<object>): QueueJobStatus {
  return { id: job.id, kind, state: job.state, singletonKey: job.singletonKey, output: job.output ?? null };
}
