import { afterEach, describe, expect, it } from 'vitest';
import {
  allStrings,
  keysOf,
  PAPER,
  RawKis,
  REAL,
  sample,
  startSim,
  WEDNESDAY_10_00,
  type KisResponse,
  type SimHarness,
} from './support';

const CHART = '/uapi/domestic-stock/v1/quotations/inquire-daily-itemchartprice';
const fast = { rateLimitPerSecond: { real: 1_000, paper: 1_000 } };

interface ChartBody {
  output1: Record<string, string>;
  output2: Array<Record<string, string>>;
}

function chart(
  kis: RawKis,
  ticker: string,
  from: string,
  to: string,
  period = 'D',
): Promise<KisResponse<ChartBody>> {
  return kis.get<ChartBody>(CHART, 'FHKST03010100', {
    FID_COND_MRKT_DIV_CODE: 'J',
    FID_INPUT_ISCD: ticker,
    FID_INPUT_DATE_1: from,
    FID_INPUT_DATE_2: to,
    FID_PERIOD_DIV_CODE: period,
    FID_ORG_ADJ_PRC: '0',
  });
}

describe('KIS simulator: quotations', () => {
  let harness: SimHarness | undefined;
  afterEach(async () => {
    await harness?.sim.close();
    harness = undefined;
  });

  it('when a price is asked for then the output has exactly the real capture field names, all strings, band and tick derived', async () => {
    harness = await startSim(WEDNESDAY_10_00, fast);
    const kis = RawKis.for(harness.sim, PAPER);
    await kis.issueToken();

    const { status, body } = await kis.quote('069500');

    const real = sample<{ body: { output: object } }>('inquire_price_005930_real.json').body;
    expect(status).toBe(200);
    expect(keysOf(body)).toEqual(keysOf(real));
    expect(keysOf(body.output)).toEqual(keysOf(real.output));
    expect(allStrings(body.output)).toBe(true);
    const o = body.output;
    const base = Number(o.stck_sdpr);
    expect(Number(o.stck_mxpr)).toBe(Math.floor((base * 1.3) / 5) * 5);
    expect(Number(o.stck_llam)).toBe(Math.ceil((base * 0.7) / 5) * 5);
    expect(o.aspr_unit).toBe('5');
    expect(Number(o.stck_prpr) % 5).toBe(0);
    expect(Number(o.prdy_vrss)).toBe(Number(o.stck_prpr) - base);
    expect(Number(o.stck_prpr)).toBe(harness.sim.control.currentPrice('069500'));
  });

  it('when the base price comes from the distribution-adjusted data then it is the previous close snapped to the tick grid', async () => {
    harness = await startSim(WEDNESDAY_10_00, fast);
    const kis = RawKis.for(harness.sim, PAPER);
    await kis.issueToken();

    const { body } = await kis.quote('069500');

    // resources/krx/prices/069500.csv closes 2026-07-14 at 109499: the nearest 5-KRW tick is 109500.
    expect(body.output.stck_sdpr).toBe('109500');
  });

  it('when the chart is paged by date then each call returns 100 bars newest first that continue the previous page', async () => {
    harness = await startSim(WEDNESDAY_10_00, fast);
    const kis = RawKis.for(harness.sim, PAPER);
    await kis.issueToken();

    const first = await chart(kis, '069500', '20250101', '20260715');
    const oldest = first.body.output2.at(-1)!.stck_bsop_date!;
    const dayBefore = new Date(
      Date.UTC(+oldest.slice(0, 4), +oldest.slice(4, 6) - 1, +oldest.slice(6, 8) - 1),
    )
      .toISOString()
      .slice(0, 10)
      .replaceAll('-', '');
    const second = await chart(kis, '069500', '20250101', dayBefore);

    const doc = sample<{ body: { output1: object; output2: object[] } }>(
      'inquire_daily_itemchartprice_000660_doc.json',
    ).body;
    expect(first.body.output2).toHaveLength(100);
    expect(second.body.output2).toHaveLength(100);
    expect(first.body.output2[0]!.stck_bsop_date).toBe('20260715');
    const dates = [...first.body.output2, ...second.body.output2].map((b) => b.stck_bsop_date);
    expect(dates).toEqual([...dates].sort().reverse());
    expect(new Set(dates).size).toBe(200);
    expect(keysOf(first.body.output1)).toEqual(keysOf(doc.output1));
    expect(keysOf(first.body.output2[0])).toEqual(keysOf(doc.output2[0]));
    expect(first.body.output2.every((bar) => allStrings(bar))).toBe(true);
    expect(second.body.output2[0]!.prdy_vrss).toBe(
      String(Number(second.body.output2[0]!.stck_clpr) - Number(second.body.output2[1]!.stck_clpr)),
    );
  });

  it('when the range is in the future then no bars come back and today never shows a bar before it trades', async () => {
    harness = await startSim('2026-07-15T08:00:00+09:00', fast);
    const kis = RawKis.for(harness.sim, PAPER);
    await kis.issueToken();

    const future = await chart(kis, '069500', '20260716', '20260801');
    const beforeOpen = await chart(kis, '069500', '20260701', '20260731');

    expect(future.body.output2).toEqual([]);
    expect(beforeOpen.body.output2[0]!.stck_bsop_date).toBe('20260714');
  });

  it('when the clock walks through a trading day then the quote at the close is that day bar: open, high, low and close', async () => {
    harness = await startSim('2026-07-15T08:50:00+09:00', fast);
    const kis = RawKis.for(harness.sim, PAPER);
    await kis.issueToken();
    const seen: number[] = [];

    for (let minute = 0; minute < 400; minute += 7) {
      harness.clock.set(Date.parse('2026-07-15T09:00:00+09:00') + minute * 60_000);
      seen.push(harness.sim.control.currentPrice('069500'));
    }
    harness.clock.set('2026-07-15T15:31:00+09:00');
    const closed = await kis.quote('069500');
    harness.clock.set('2026-07-16T08:00:00+09:00');
    const bar = (await chart(kis, '069500', '20260715', '20260715')).body.output2[0]!;

    const o = closed.body.output;
    expect([o.stck_oprc, o.stck_hgpr, o.stck_lwpr, o.stck_prpr]).toEqual([
      bar.stck_oprc,
      bar.stck_hgpr,
      bar.stck_lwpr,
      bar.stck_clpr,
    ]);
    // 069500.csv 2026-07-15: 116350 / 119230 / 115317 / 116500, snapped to 5 KRW
    expect([bar.stck_oprc, bar.stck_hgpr, bar.stck_lwpr, bar.stck_clpr]).toEqual([
      '116350',
      '119230',
      '115315',
      '116500',
    ]);
    expect(seen.every((p) => p >= 115_315 && p <= 119_230 && p % 5 === 0)).toBe(true);
    expect(new Set(seen).size).toBeGreaterThan(5);
  });

  it('when the data has ended then prices continue on a seeded path that is the same for the same seed', async () => {
    const a = await startSim('2026-10-20T11:00:00+09:00', { seed: 7 });
    const b = await startSim('2026-10-20T11:00:00+09:00', { seed: 7 });
    const c = await startSim('2026-10-20T11:00:00+09:00', { seed: 8 });
    try {
      const prices = [a, b, c].map((h) => h.sim.control.currentPrice('069500'));
      expect(prices[0]).toBe(prices[1]);
      expect(prices[2]).not.toBe(prices[0]);
      expect(prices.every((p) => p % 5 === 0 && p > 0)).toBe(true);
    } finally {
      await Promise.all([a, b, c].map((h) => h.sim.close()));
    }
  });

  it('when 30 daily prices are asked for then 30 rows come back newest first with the sample field names', async () => {
    harness = await startSim(WEDNESDAY_10_00, fast);
    const kis = RawKis.for(harness.sim, PAPER);
    await kis.issueToken();

    const { body } = await kis.get<{ output: Array<Record<string, string>> }>(
      '/uapi/domestic-stock/v1/quotations/inquire-daily-price',
      'FHKST01010400',
      {
        fid_cond_mrkt_div_code: 'J',
        fid_input_iscd: '069500',
        fid_period_div_code: 'D',
        fid_org_adj_prc: '1',
      },
    );

    const doc = sample<{ body: { output: object[] } }>('inquire_daily_price_000660_doc.json').body;
    expect(body.output).toHaveLength(30);
    expect(body.output[0]!.stck_bsop_date).toBe('20260715');
    expect(keysOf(body.output[0])).toEqual(keysOf(doc.output[0]));
  });

  it('when a real-only or real TR reaches the paper host then it is refused with EGW02006 (EGW02004 the other way), and works on the real host (ETF NAV answers on both)', async () => {
    harness = await startSim(WEDNESDAY_10_00, fast);
    const paper = RawKis.for(harness.sim, PAPER);
    const real = RawKis.for(harness.sim, REAL);
    await paper.issueToken();
    await real.issueToken();
    const etf = { fid_cond_mrkt_div_code: 'J', fid_input_iscd: '069500' };

    const etfOnPaper = await paper.get<{ output: Record<string, string> }>(
      '/uapi/etfetn/v1/quotations/inquire-price',
      'FHPST02400000',
      etf,
    );
    const holidayOnPaper = await paper.get('/uapi/domestic-stock/v1/quotations/chk-holiday', 'CTCA0903R', {
      BASS_DT: '20260921',
      CTX_AREA_NK: '',
      CTX_AREA_FK: '',
    });
    const realOrderOnPaper = await paper.post('/uapi/domestic-stock/v1/trading/order-cash', 'TTTC0012U', {});
    const paperTrOnReal = await real.get('/uapi/domestic-stock/v1/trading/inquire-balance', 'VTTC8434R', {});
    const etfOnReal = await real.get<{ output: Record<string, string> }>(
      '/uapi/etfetn/v1/quotations/inquire-price',
      'FHPST02400000',
      etf,
    );
    const holidays = await real.get<{ output: Array<Record<string, string>> }>(
      '/uapi/domestic-stock/v1/quotations/chk-holiday',
      'CTCA0903R',
      { BASS_DT: '20260921', CTX_AREA_NK: '', CTX_AREA_FK: '' },
    );

    // A deliberate difference from KIS: the embedded (paper) desk needs NAV to exercise its NAV guard.
    expect(etfOnPaper.status).toBe(200);
    expect(Number(etfOnPaper.body.output.nav)).toBeGreaterThan(0);
    for (const refused of [holidayOnPaper, realOrderOnPaper]) {
      expect(refused.status).toBe(500);
      expect(refused.body).toEqual({ rt_cd: '1', msg_cd: 'EGW02006', msg1: '모의투자 TR 이 아닙니다.' });
    }
    expect(paperTrOnReal.body).toMatchObject({ msg_cd: 'EGW02004', msg1: '실전투자 TR 이 아닙니다.' });
    const etfDoc = sample<{ body: { output: object } }>('etfetn_inquire_price_069500_doc.json').body;
    expect(keysOf(etfOnReal.body.output)).toEqual(keysOf(etfDoc.output));
    expect(Number(etfOnReal.body.output.nav)).toBeGreaterThan(0);
    const days = Object.fromEntries(holidays.body.output.map((d) => [d.bass_dt, d.opnd_yn]));
    expect(days).toMatchObject({
      '20260923': 'Y',
      '20260924': 'N',
      '20260925': 'N',
      '20260926': 'N',
      '20260928': 'Y',
    });
  });

  it('when an unknown code is quoted then the envelope is normal and stck_prpr is "0"', async () => {
    harness = await startSim(WEDNESDAY_10_00, fast);
    const kis = RawKis.for(harness.sim, PAPER);
    await kis.issueToken();

    const { body } = await kis.quote('999999');

    expect(body.rt_cd).toBe('0');
    expect(body.output.stck_prpr).toBe('0');
  });

  it('when a NAV premium is set through the control then the ETF TR reports that premium on both hosts until cleared', async () => {
    harness = await startSim(WEDNESDAY_10_00, fast);
    const paper = RawKis.for(harness.sim, PAPER);
    const real = RawKis.for(harness.sim, REAL);
    await paper.issueToken();
    await real.issueToken();
    const etf = { fid_cond_mrkt_div_code: 'J', fid_input_iscd: '069500' };
    const ask = (kis: RawKis) =>
      kis.get<{ output: Record<string, string> }>(
        '/uapi/etfetn/v1/quotations/inquire-price',
        'FHPST02400000',
        etf,
      );

    harness.sim.control.setNavPremium('069500', 200);
    const onPaper = (await ask(paper)).body.output;
    const onReal = (await ask(real)).body.output;
    harness.sim.control.setNavPremium('069500', null);
    const cleared = (await ask(real)).body.output;

    const price = harness.sim.control.currentPrice('069500');
    for (const o of [onPaper, onReal]) {
      expect(o.dprt).toBe('2.00');
      expect(Number(o.nav)).toBeCloseTo(price / 1.02, 1);
    }
    expect(Math.abs(Number(cleared.dprt))).toBeLessThanOrEqual(0.15);
    expect(() => harness!.sim.control.setNavPremium('999999', 100)).toThrow(/universe/);
  });
});
