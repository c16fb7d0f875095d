import type { KisRequestCount } from '../db/dashboard-store';
import type { KisRequestObservation } from './metrics';

export type FetchLike = (input: string, init: RequestInit) => Promise<Response>;

function headerOf(init: RequestInit, name: string): string | undefined {
  const h = init.headers;
  if (!h) return undefined;
  if (h instanceof Headers) return h.get(name) ?? undefined;
  if (Array.isArray(h)) return h.find(([k]) => k?.toLowerCase() === name)?.[1];
  return (h as Record<string, string>)[name];
}

/** KIS's answer as an outcome label: 'OK' for rt_cd 0, else its msg_cd, else the HTTP status. */
export async function outcomeOf(response: Response): Promise<string> {
  try {
    const body = (await response.json()) as { rt_cd?: unknown; msg_cd?: unknown; access_token?: unknown };
    if (body.rt_cd === '0' || (response.ok && typeof body.access_token === 'string')) return 'OK';
    if (typeof body.msg_cd === 'string' && /^[A-Z0-9_]{3,16}$/.test(body.msg_cd)) return body.msg_cd;
  } catch {
    // not JSON: fall through to the status
  }
  return response.ok ? 'OK' : `HTTP_${response.status}`;
}

/**
 * A fetch for the KIS adapter that observes every exchange (TR id, outcome, latency) without changing it: the
 * caller gets the original response; the body is read from a clone, after the fact.
 */
export function meteredFetch(
  inner: FetchLike,
  observe: (e: KisRequestObservation) => void,
  now: () => number = () => performance.now(),
): FetchLike {
  return async (input, init) => {
    const trId = headerOf(init, 'tr_id') ?? new URL(input).pathname;
    const started = now();
    let response: Response;
    try {
      response = await inner(input, init);
    } catch (error) {
      const aborted = error instanceof Error && (error.name === 'AbortError' || error.name === 'TimeoutError');
      observe({ trId, outcome: aborted ? 'TIMEOUT' : 'NETWORK', seconds: (now() - started) / 1000 });
      throw error;
    }
    const seconds = (now() - started) / 1000;
    void outcomeOf(response.clone()).then(
      (outcome) => observe({ trId, outcome, seconds }),
      () => observe({ trId, outcome: `HTTP_${response.status}`, seconds }),
    );
    return response;
  };
}

/**
 * Counts observations per minute, TR id and outcome and hands them to `flush` (the kis_request_counts table)
 * every `intervalMs` and on close.
 */
export function createKisRequestCounter(deps: {
  flush: (counts: KisRequestCount[]) => Promise<void>;
  now: () => Date;
  intervalMs?: number;
  onError?: (error: unknown) => void;
}): { record(e: KisRequestObservation): void; flush(): Promise<void>; close(): Promise<void> } {
  const pending = new Map<string, KisRequestCount>();
  const flush = async () => {
    if (pending.size === 0) return;
    const counts = [...pending.values()];
    pending.clear();
    await deps.flush(counts).catch((error) => deps.onError?.(error));
  };
  const timer = setInterval(() => void flush(), deps.intervalMs ?? 60_000);
  timer.unref();
  return {
    record({ trId, outcome, seconds }) {
      const at = deps.now().getTime();
      const bucket = new Date(at - (at % 60_000));
      const key = `${bucket.getTime()}|${trId}|${outcome}`;
      const ms = Math.round(seconds * 1000);
      const entry = pending.get(key) ?? { bucket, trId, outcome, requests: 0, latencyMsSum: 0, latencyMsMax: 0 };
      entry.requests += 1;
      entry.latencyMsSum += ms;
      entry.latencyMsMax = Math.max(entry.latencyMsMax, ms);
      pending.set(key, entry);
    },
    flush,
    async close() {
      clearInterval(timer);
      await flush();
    },
  };
}
