import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { KIS_PATHS } from '../../../src/adapters/kis/urls';
import { ETF, type SimHarness, startSimHarness } from './support/sim-harness';

const FIXTURES = join(import.meta.dirname, '..', '..', 'fixtures', 'kis');
const sample = (file: string): Record<string, unknown> =>
  JSON.parse(readFileSync(join(FIXTURES, file), 'utf8')) as Record<string, unknown>;
const sampleBody = (file: string): Record<string, unknown> => sample(file)['body'] as Record<string, unknown>;

type Json = Record<string, unknown>;
const keys = (value: unknown): string[] =>
  Object.keys((Array.isArray(value) ? value[0] : value) as Json).sort();

let h: SimHarness;
let token = '';
const raw = { rest: '', appKey: '', appSecret: '', cano: '', productCode: '' };

async function call(
  method: 'GET' | 'POST',
  path: string,
  trId: string,
  params: Record<string, string>,
): Promise<Json> {
  const url = method === 'GET' ? `${raw.rest}${path}?${new URLSearchParams(params)}` : `${raw.rest}${path}`;
  const response = await fetch(url, {
    method,
    headers: {
      'content-type': 'application/json; charset=utf-8',
      authorization: `Bearer ${token}`,
      appkey: raw.appKey,
      appsecret: raw.appSecret,
      tr_id: trId,
      custtype: 'P',
      tr_cont: '',
    },
    body: method === 'POST' ? JSON.stringify(params) : undefined,
  });
  return (await response.json()) as Json;
}

const account = () => ({ CANO: raw.cano, ACNT_PRDT_CD: raw.productCode });

beforeAll(async () => {
  h = await startSimHarness();
  const a = h.account('real');
  Object.assign(raw, {
    rest: h.sim.urls.real.rest,
    appKey: a.appKey,
    appSecret: a.appSecret,
    cano: a.cano,
    productCode: a.productCode,
  });
  const response = await fetch(`${raw.rest}/oauth2/tokenP`, {
    method: 'POST',
    headers: { 'content-type': 'application/json; charset=utf-8' },
    body: JSON.stringify({ grant_type: 'client_credentials', appkey: a.appKey, appsecret: a.appSecret }),
  });
  const body = (await response.json()) as Json;
  expect(keys(body)).toEqual(keys(sampleBody('auth_token_response.json')));
  token = String(body['access_token']);
  h.sim.control.setPosition(a.cano, ETF, 5, h.sim.control.currentPrice(ETF));
});
afterAll(async () => {
  await h.close();
});

describe('the simulator answers with the recorded field names', () => {
  it('when the approval key is issued then its fields match the sample', async () => {
    // Act
    const response = await fetch(`${raw.rest}/oauth2/Approval`, {
      method: 'POST',
      headers: { 'content-type': 'application/json; charset=utf-8' },
      body: JSON.stringify({
        grant_type: 'client_credentials',
        appkey: raw.appKey,
        secretkey: raw.appSecret,
      }),
    });
    // Assert
    expect(keys(await response.json())).toEqual(keys(sampleBody('auth_approval_response.json')));
  });

  it('when inquire-price answers then output has the fields of the real capture', async () => {
    // Act
    const body = await call('GET', KIS_PATHS.quote, 'FHKST01010100', {
      FID_COND_MRKT_DIV_CODE: 'J',
      FID_INPUT_ISCD: ETF,
    });
    // Assert
    const expected = sampleBody('inquire_price_005930_real.json');
    expect(keys(body)).toEqual(keys(expected));
    expect(keys(body['output'])).toEqual(keys(expected['output']));
  });

  it('when the daily chart answers then output1 and the bars have the sample fields', async () => {
    // Act
    const body = await call('GET', KIS_PATHS.dailyChart, 'FHKST03010100', {
      FID_COND_MRKT_DIV_CODE: 'J',
      FID_INPUT_ISCD: ETF,
      FID_INPUT_DATE_1: '20260101',
      FID_INPUT_DATE_2: '20260309',
      FID_PERIOD_DIV_CODE: 'D',
      FID_ORG_ADJ_PRC: '0',
    });
    // Assert
    const expected = sampleBody('inquire_daily_itemchartprice_000660_doc.json');
    expect(keys(body['output1'])).toEqual(keys(expected['output1']));
    expect(keys(body['output2'])).toEqual(keys(expected['output2']));
  });

  it('when the ETF price answers then output has the sample fields', async () => {
    // Act
    const body = await call('GET', KIS_PATHS.etfPrice, 'FHPST02400000', {
      fid_cond_mrkt_div_code: 'J',
      fid_input_iscd: ETF,
    });
    // Assert
    expect(keys(body['output'])).toEqual(keys(sampleBody('etfetn_inquire_price_069500_doc.json')['output']));
  });

  it('when the balance answers then holdings and summary have the sample fields', async () => {
    // Act
    const body = await call('GET', KIS_PATHS.balance, 'TTTC8434R', {
      ...account(),
      AFHR_FLPR_YN: 'N',
      OFL_YN: '',
      INQR_DVSN: '02',
      UNPR_DVSN: '01',
      FUND_STTL_ICLD_YN: 'N',
      FNCG_AMT_AUTO_RDPT_YN: 'N',
      PRCS_DVSN: '00',
      CTX_AREA_FK100: '',
      CTX_AREA_NK100: '',
    });
    // Assert
    const expected = sampleBody('inquire_balance_doc.json');
    expect(keys(body)).toEqual(keys(expected));
    expect(keys(body['output1'])).toEqual(keys(expected['output1']));
    expect(keys(body['output2'])).toEqual(keys(expected['output2']));
    expect(Array.isArray(body['output2'])).toBe(true);
  });

  it('when buying power answers then output has the sample fields', async () => {
    // Act
    const body = await call('GET', KIS_PATHS.buyingPower, 'TTTC8908R', {
      ...account(),
      PDNO: ETF,
      ORD_UNPR: '0',
      ORD_DVSN: '01',
      CMA_EVLU_AMT_ICLD_YN: 'N',
      OVRS_ICLD_YN: 'N',
    });
    // Assert
    expect(keys(body['output'])).toEqual(keys(sampleBody('inquire_psbl_order_doc.json')['output']));
  });

  it('when an order, its cancel and the order inquiry answer then they have the sample fields', async () => {
    // Arrange
    const price = h.sim.control.currentPrice(ETF) - 50;
    // Act
    const order = await call('POST', KIS_PATHS.orderCash, 'TTTC0012U', {
      ...account(),
      PDNO: ETF,
      ORD_DVSN: '00',
      ORD_QTY: '1',
      ORD_UNPR: String(price),
      EXCG_ID_DVSN_CD: 'KRX',
    });
    const output = order['output'] as Json;
    const cancel = await call('POST', KIS_PATHS.orderModifyCancel, 'TTTC0013U', {
      ...account(),
      KRX_FWDG_ORD_ORGNO: String(output['KRX_FWDG_ORD_ORGNO']),
      ORGN_ODNO: String(output['ODNO']),
      ORD_DVSN: '00',
      RVSE_CNCL_DVSN_CD: '02',
      ORD_QTY: '0',
      ORD_UNPR: '0',
      QTY_ALL_ORD_YN: 'Y',
      EXCG_ID_DVSN_CD: 'KRX',
    });
    const ccld = await call('GET', KIS_PATHS.dailyOrders, 'TTTC0081R', {
      ...account(),
      INQR_STRT_DT: '20260310',
      INQR_END_DT: '20260310',
      SLL_BUY_DVSN_CD: '00',
      INQR_DVSN: '00',
      PDNO: '',
      CCLD_DVSN: '00',
      ORD_GNO_BRNO: '',
      ODNO: '',
      INQR_DVSN_3: '00',
      INQR_DVSN_1: '',
      EXCG_ID_DVSN_CD: 'KRX',
      CTX_AREA_FK100: '',
      CTX_AREA_NK100: '',
    });
    // Assert
    const orderSample = (sample('order_cash_responses.json')['real_success'] as Json)['body'] as Json;
    expect(keys(order)).toEqual(keys(orderSample));
    expect(keys(output)).toEqual(keys(orderSample['output']));
    expect(keys(cancel['output'])).toEqual(keys(sampleBody('order_rvsecncl_doc.json')['output']));
    const ccldSample = sampleBody('inquire_daily_ccld_doc.json');
    expect(keys(ccld)).toEqual(keys(ccldSample));
    expect(keys(ccld['output1'])).toEqual(keys(ccldSample['output1']));
    expect(keys(ccld['output2'])).toEqual(keys(ccldSample['output2']));
  });
});
