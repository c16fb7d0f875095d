import { describe, expect, it } from 'vitest';
import { createKisRequestCounter, meteredFetch } from '../../../src/adapters/http/kis-metering';
import { createDeskMetrics } from '../../../src/adapters/http/metrics';
import type { KisRequestObservation } from '../../../src/adapters/http/metrics';
import type { Database } from '../../../src/adapters/db/client';

const json = (status: number, body: unknown) =>
  new Response(JSON.stringify(body), { status, headers: { 'content-type': 'application/json' } });

async function settle(): Promise<void> {
  for (let i = 0; i < 5; i++) await new Promise((r) => setImmediate(r));
}

describe('metered KIS fetch', () => {
  it('when KIS answers EGW00201 then the outcome is EGW00201 and the caller still reads the body', async () => {
    const seen: KisRequestObservation[] = [];
    let t = 0;
    const fetch = meteredFetch(
      async () => {
        t += 40;
        return json(500, { rt_cd: '1', msg_cd: 'EGW00201', msg1: '초당 거래건수를 초과하였습니다.' });
      },
      (e) => seen.push(e),
      () => t,
    );

    const response = await fetch('http://127.0.0.1/uapi/x', { headers: { tr_id: 'FHKST01010100' } });
    const body = (await response.json()) as { msg_cd: string };
    await settle();

    expect(body.msg_cd).toBe('EGW00201');
    expect(seen).toEqual([{ trId: 'FHKST01010100', outcome: 'EGW00201', seconds: 0.04 }]);
  });

  it.each([
    [json(200, { rt_cd: '0', output: {} }), 'OK'],
    [json(200, { access_token: 'x', expires_in: 86400 }), 'OK'],
    [json(200, { rt_cd: '1', msg_cd: 'APBK0952', msg1: 'x' }), 'APBK0952'],
    [new Response('<html>bad gateway</html>', { status: 502 }), 'HTTP_502'],
  ])('when the answer is %# then the outcome is %s', async (answer, outcome) => {
    const seen: KisRequestObservation[] = [];
    const fetch = meteredFetch(async () => answer, (e) => seen.push(e));

    await fetch('http://127.0.0.1/oauth2/tokenP', { method: 'POST' });
    await settle();

    expect(seen.map((e) => [e.trId, e.outcome])).toEqual([['/oauth2/tokenP', outcome]]);
  });

  it('when the exchange times out then TIMEOUT is observed and the error reaches the caller', async () => {
    const seen: KisRequestObservation[] = [];
    const fetch = meteredFetch(
      async () => {
        throw Object.assign(new Error('aborted'), { name: 'AbortError' });
      },
      (e) => seen.push(e),
    );

    await expect(fetch('http://127.0.0.1/uapi/x', { headers: { tr_id: 'VTTC0802U' } })).rejects.toThrow('aborted');
    expect(seen.map((e) => e.outcome)).toEqual(['TIMEOUT']);
  });

  it('when observations land in one minute then the counter flushes one row per TR and outcome', async () => {
    const flushed: unknown[] = [];
    const counter = createKisRequestCounter({
      flush: async (counts) => void flushed.push(...counts),
      now: () => new Date('2026-12-01T01:00:30Z'),
    });

    counter.record({ trId: 'A', outcome: 'OK', seconds: 0.1 });
    counter.record({ trId: 'A', outcome: 'OK', seconds: 0.3 });
    counter.record({ trId: 'A', outcome: 'EGW00201', seconds: 0.02 });
    await counter.close();

    expect(flushed).toEqual([
      { bucket: new Date('2026-12-01T01:00:00Z'), trId: 'A', outcome: 'OK', requests: 2, latencyMsSum: 400, latencyMsMax: 300 },
      { bucket: new Date('2026-12-01T01:00:00Z'), trId: 'A', outcome: 'EGW00201', requests: 1, latencyMsSum: 20, latencyMsMax: 20 },
    ]);
  });

  it('when EGW00201 is observed then the Prometheus series counts it', async () => {
    const metrics = createDeskMetrics({ database: {} as Database, defaultMetrics: false });

    metrics.observeKisRequest({ trId: 'FHKST01010100', outcome: 'EGW00201', seconds: 0.01 });
    metrics.observeKisRequest({ trId: 'FHKST01010100', outcome: 'OK', seconds: 0.01 });
    const text = await metrics.registry.getSingleMetricAsString('kis_desk_kis_egw00201_total');

    expect(text).toContain('kis_desk_kis_egw00201_total{tr_id="FHKST01010100"} 1');
  });
});
