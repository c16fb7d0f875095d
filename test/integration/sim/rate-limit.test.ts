import { afterEach, describe, expect, it } from 'vitest';
import { PAPER, RawKis, REAL, sample, startSim, WEDNESDAY_10_00, type SimHarness } from './support';

describe('KIS simulator: per-key request rate', () => {
  let harness: SimHarness | undefined;
  afterEach(async () => {
    await harness?.sim.close();
    harness = undefined;
  });

  it('when a paper key sends a second request within a second then it gets HTTP 500 EGW00201', async () => {
    // Only the fake clock ends a window: a loaded machine may take over a second between two requests.
    harness = await startSim(WEDNESDAY_10_00, { rateWindowsInRealTime: false });
    const kis = RawKis.for(harness.sim, PAPER);
    await kis.issueToken();

    const first = await kis.quote('069500');
    const second = await kis.quote('069500');
    harness.clock.advance(1_000);
    const third = await kis.quote('069500');

    expect(first.status).toBe(200);
    expect(second.status).toBe(500);
    expect(second.body).toEqual(
      sample<{ rate_limit: { body: object } }>('errors_gateway.json').rate_limit.body,
    );
    expect(third.status).toBe(200);
    expect(harness.sim.control.stats().rateLimited).toBe(1);
  });

  it('when a real key sends 19 requests at once then exactly one is refused', async () => {
    harness = await startSim(WEDNESDAY_10_00, { rateWindowsInRealTime: false });
    const kis = RawKis.for(harness.sim, REAL);
    await kis.issueToken();

    const answers = await Promise.all(Array.from({ length: 19 }, () => kis.quote('069500')));

    expect(answers.filter((a) => a.status === 200)).toHaveLength(18);
    expect(answers.filter((a) => a.status === 500 && a.body.msg_cd === 'EGW00201')).toHaveLength(1);
  });

  it('when a rateLimitBurst fault is injected then the next requests answer EGW00201 and later ones pass', async () => {
    harness = await startSim(WEDNESDAY_10_00, { rateLimitPerSecond: { real: 100, paper: 100 } });
    const kis = RawKis.for(harness.sim, PAPER);
    await kis.issueToken();
    harness.sim.control.injectFault({ kind: 'rateLimitBurst', count: 2 });

    const answers = [await kis.quote('069500'), await kis.quote('069500'), await kis.quote('069500')];

    expect(answers.map((a) => a.body.msg_cd ?? a.body.rt_cd)).toEqual(['EGW00201', 'EGW00201', 'MCA00000']);
    expect(answers.map((a) => a.status)).toEqual([500, 500, 200]);
  });

  it('when an http5xx fault is injected for a path then that path answers 500 with an HTML body once', async () => {
    harness = await startSim(WEDNESDAY_10_00, { rateLimitPerSecond: { real: 100, paper: 100 } });
    const kis = RawKis.for(harness.sim, PAPER);
    await kis.issueToken();
    harness.sim.control.injectFault({ kind: 'http5xx', path: 'inquire-price' });

    const failed = await fetch(
      `${kis.rest}/uapi/domestic-stock/v1/quotations/inquire-price?FID_COND_MRKT_DIV_CODE=J&FID_INPUT_ISCD=069500`,
      {
        headers: kis.headers('FHKST01010100'),
      },
    );
    const html = await failed.text();
    const next = await kis.quote('069500');

    expect(failed.status).toBe(500);
    expect(failed.headers.get('content-type')).toContain('text/html');
    expect(html).toContain('<html>');
    expect(next.status).toBe(200);
  });
});
