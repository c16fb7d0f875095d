import { afterEach, describe, expect, it } from 'vitest';
import { addDays, fromKisDate, isWeekend, kisDate } from '../../../src/domain/market';
import { KIS_PATHS } from '../../../src/adapters/kis/urls';
import { buildBroker, ok, router } from './support/broker-harness';
import { fixtureBody } from './support/fixtures';
import { type KisStub, type RecordedRequest, startKisStub, TEST_TOKEN } from './support/kis-stub';

let stub: KisStub | undefined;
afterEach(async () => {
  await stub?.close();
  stub = undefined;
});

/** Weekday bars between FID_INPUT_DATE_1 and _2, newest first, at most 100 — like the chart API. */
function chartAnswer(req: RecordedRequest) {
  const from = fromKisDate(req.query.get('FID_INPUT_DATE_1')!);
  const to = fromKisDate(req.query.get('FID_INPUT_DATE_2')!);
  const rows: Array<Record<string, string>> = [];
  for (let d = to; d >= from && rows.length < 100; d = addDays(d, -1)) {
    if (isWeekend(d)) continue;
    const close = 10_000 + rows.length * 5;
    rows.push({
      stck_bsop_date: kisDate(d),
      stck_oprc: String(close - 5),
      stck_hgpr: String(close + 10),
      stck_lwpr: String(close - 10),
      stck_clpr: String(close),
      acml_vol: '1000',
      acml_tr_pbmn: '0',
      flng_cls_code: '00',
      prtt_rate: '0.00',
      mod_yn: 'N',
      prdy_vrss_sign: '3',
      prdy_vrss: '0',
      revl_issu_reas: '',
    });
  }
  return ok({ rt_cd: '0', msg_cd: 'MCA00000', msg1: '정상처리 되었습니다.', output1: {}, output2: rows });
}

describe('getQuote', () => {
  it('when the real sample is served then the quote carries its integers and the request has KIS headers', async () => {
    // Arrange
    stub = await startKisStub(
      router({ [KIS_PATHS.quote]: () => ok(fixtureBody('inquire_price_005930_real.json')) }),
    );
    const { broker } = buildBroker(
      stub.url,
      {},
      { nameOf: (t) => (t === '005930' ? '삼성전자' : undefined) },
    );
    // Act
    const quote = await broker.getQuote('005930');
    // Assert
    expect(quote).toMatchObject({
      ticker: '005930',
      name: '삼성전자',
      price: 65850,
      open: 65700,
      high: 66000,
      low: 65500,
      basePrice: 66000,
      upperLimit: 85800,
      lowerLimit: 46200,
      changeFromPrevious: -150,
      volume: 1943202,
      tickSize: 100,
      halted: false,
    });
    const [req] = stub.apiRequests();
    expect(req!.headers).toMatchObject({
      authorization: `Bearer ${TEST_TOKEN}`,
      tr_id: 'FHKST01010100',
      custtype: 'P',
      'content-type': 'application/json; charset=utf-8',
    });
    expect(Object.fromEntries(req!.query)).toEqual({ FID_COND_MRKT_DIV_CODE: 'J', FID_INPUT_ISCD: '005930' });
  });

  it('when the quote says stck_prpr 0 then the ticker is reported unknown', async () => {
    // Arrange
    const body = structuredClone(fixtureBody('inquire_price_005930_real.json')) as {
      output: Record<string, string>;
    };
    body.output['stck_prpr'] = '0';
    stub = await startKisStub(router({ [KIS_PATHS.quote]: () => ok(body) }));
    const { broker } = buildBroker(stub.url);
    // Act + Assert
    await expect(broker.getQuote('999999')).rejects.toMatchObject({ code: 'UNKNOWN_TICKER', retry: 'never' });
  });

  it('when trading is suspended then the quote is halted', async () => {
    // Arrange
    const body = structuredClone(fixtureBody('inquire_price_005930_real.json')) as {
      output: Record<string, string>;
    };
    body.output['temp_stop_yn'] = 'Y';
    stub = await startKisStub(router({ [KIS_PATHS.quote]: () => ok(body) }));
    const { broker } = buildBroker(stub.url);
    // Act
    const quote = await broker.getQuote('005930');
    // Assert
    expect(quote.halted).toBe(true);
  });

  it('when the ticker is malformed then nothing is sent', async () => {
    // Arrange
    stub = await startKisStub(router({}));
    const { broker } = buildBroker(stub.url);
    // Act + Assert
    await expect(broker.getQuote('69500')).rejects.toMatchObject({ code: 'INVALID_TICKER' });
    expect(stub.requests).toHaveLength(0);
  });
});

describe('getDailyBars', () => {
  it('when a year is asked then calls walk back 100 bars at a time and the bars come back ascending', async () => {
    // Arrange
    stub = await startKisStub(router({ [KIS_PATHS.dailyChart]: chartAnswer }));
    const { broker } = buildBroker(stub.url);
    // Act
    const bars = await broker.getDailyBars('069500', '2025-01-01', '2025-12-31');
    // Assert
    const calls = stub
      .apiRequests()
      .map((r) => [r.query.get('FID_INPUT_DATE_1'), r.query.get('FID_INPUT_DATE_2')]);
    expect(calls).toHaveLength(3);
    expect(calls[0]).toEqual(['20250101', '20251231']);
    expect(calls[1]![1]).toBe(kisDate(addDays(bars[bars.length - 100]!.date, -1)));
    expect(bars).toHaveLength(261);
    expect(bars[0]!.date).toBe('2025-01-01');
    expect(bars.at(-1)!.date).toBe('2025-12-31');
    expect(new Set(bars.map((b) => b.date)).size).toBe(bars.length);
    expect(bars.every((b, i) => i === 0 || b.date > bars[i - 1]!.date)).toBe(true);
    expect(stub.apiRequests()[0]!.query.get('FID_PERIOD_DIV_CODE')).toBe('D');
  });

  it('when pages overlap or repeat rows then every date appears once', async () => {
    // Arrange
    let calls = 0;
    stub = await startKisStub(
      router({
        [KIS_PATHS.dailyChart]: (req) => {
          calls += 1;
          const answer = chartAnswer(req) as { body: { output2: unknown[] } };
          if (calls === 1) answer.body.output2.push(answer.body.output2[0]);
          return answer;
        },
      }),
    );
    const { broker } = buildBroker(stub.url);
    // Act
    const bars = await broker.getDailyBars('069500', '2025-03-03', '2025-03-07');
    // Assert
    expect(bars.map((b) => b.date)).toEqual([
      '2025-03-03',
      '2025-03-04',
      '2025-03-05',
      '2025-03-06',
      '2025-03-07',
    ]);
    expect(bars[0]).toEqual({
      date: '2025-03-03',
      open: 10015,
      high: 10030,
      low: 10010,
      close: 10020,
      volume: 1000,
    });
  });

  it('when the range holds no trading day then the chart answers empty and so does the client', async () => {
    // Arrange
    stub = await startKisStub(
      router({
        [KIS_PATHS.dailyChart]: () =>
          ok({ rt_cd: '0', msg_cd: 'MCA00000', msg1: '', output1: {}, output2: [{}] }),
      }),
    );
    const { broker } = buildBroker(stub.url);
    // Act
    const bars = await broker.getDailyBars('069500', '2025-03-08', '2025-03-09');
    // Assert
    expect(bars).toEqual([]);
    expect(stub.apiRequests()).toHaveLength(1);
  });
});

describe('getEtfNav', () => {
  it('when real then NAV, previous NAV and premium come from FHPST02400000', async () => {
    // Arrange
    stub = await startKisStub(
      router({ [KIS_PATHS.etfPrice]: () => ok(fixtureBody('etfetn_inquire_price_069500_doc.json')) }),
    );
    const { broker } = buildBroker(stub.url);
    // Act
    const nav = await broker.getEtfNav('069500');
    // Assert
    expect(nav).toMatchObject({
      supported: true,
      ticker: '069500',
      nav: 36127.3,
      previousNav: 36036.22,
      premiumPercent: -0.1,
    });
    expect(stub.apiRequests()[0]!.headers['tr_id']).toBe('FHPST02400000');
  });

  it('when paper then it answers unsupported without calling KIS', async () => {
    // Arrange
    stub = await startKisStub(router({}));
    const { broker } = buildBroker(stub.url, { environment: 'paper' });
    // Act
    const nav = await broker.getEtfNav('069500');
    // Assert
    expect(nav).toMatchObject({ supported: false, ticker: '069500' });
    expect(stub.requests).toHaveLength(0);
  });
});
