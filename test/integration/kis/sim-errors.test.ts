import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { classifyKisResponse, type KisResponseClass } from '../../../src/adapters/kis/http/errors';
import { KIS_PATHS } from '../../../src/adapters/kis/urls';
import { ETF, type SimHarness, startSimHarness } from './support/sim-harness';

/**
 * Requests the client itself never sends (its guards and validation stop them first), sent raw to the
 * simulator to check that every gateway error it emits is classified as the client expects.
 */
let h: SimHarness;
let token = '';
let rest = '';
let appKey = '';
let appSecret = '';
let cano = '';

beforeAll(async () => {
  h = await startSimHarness();
  const a = h.account('paper');
  ({ appKey, appSecret, cano } = a);
  rest = h.sim.urls.paper.rest;
  const response = await fetch(`${rest}/oauth2/tokenP`, {
    method: 'POST',
    body: JSON.stringify({ grant_type: 'client_credentials', appkey: appKey, appsecret: appSecret }),
  });
  token = String(((await response.json()) as { access_token: string }).access_token);
});
afterAll(async () => {
  await h.close();
});

interface RawCase {
  name: string;
  method?: 'GET' | 'POST';
  path?: string;
  headers?: Record<string, string | undefined>;
  query?: Record<string, string>;
  body?: string;
  code: string;
  kind: KisResponseClass;
}

const quoteQuery = { FID_COND_MRKT_DIV_CODE: 'J', FID_INPUT_ISCD: ETF };
const orderBody = (over: Record<string, unknown> = {}) =>
  JSON.stringify({
    CANO: cano,
    ACNT_PRDT_CD: '01',
    PDNO: ETF,
    ORD_DVSN: '00',
    ORD_QTY: '1',
    ORD_UNPR: '10000',
    EXCG_ID_DVSN_CD: 'KRX',
    ...over,
  });

const cases = (): RawCase[] => [
  { name: 'no app key', headers: { appkey: undefined }, code: 'EGW00102', kind: 'FATAL' },
  { name: 'unknown app key', headers: { appkey: 'PSNOPE' }, code: 'EGW00103', kind: 'FATAL' },
  { name: 'no app secret', headers: { appsecret: undefined }, code: 'EGW00104', kind: 'FATAL' },
  { name: 'wrong app secret', headers: { appsecret: 'nope' }, code: 'EGW00105', kind: 'FATAL' },
  { name: 'no Bearer word', headers: { authorization: token }, code: 'EGW00205', kind: 'FATAL' },
  {
    name: 'unknown token',
    headers: { authorization: 'Bearer nope' },
    code: 'EGW00121',
    kind: 'REISSUE_TOKEN',
  },
  {
    name: 'real TR on the paper host',
    headers: { tr_id: 'TTTC8434R' },
    path: KIS_PATHS.balance,
    code: 'EGW02006',
    kind: 'CONFIGURATION',
  },
  { name: 'unknown TR id', headers: { tr_id: 'FHKST99999999' }, code: 'OPSQ0002', kind: 'REJECTED' },
  { name: 'missing tr_id', headers: { tr_id: undefined }, code: 'OPSQ9999', kind: 'REJECTED' },
  { name: 'missing query field', query: { FID_COND_MRKT_DIV_CODE: 'J' }, code: 'OPSQ2001', kind: 'REJECTED' },
  {
    name: 'real-only TR (chk-holiday) on the paper host',
    headers: { tr_id: 'CTCA0903R' },
    path: KIS_PATHS.holiday,
    query: { BASS_DT: '20260715', CTX_AREA_NK: '', CTX_AREA_FK: '' },
    code: 'EGW02006',
    kind: 'CONFIGURATION',
  },
  { name: 'unrouted /uapi path', path: '/uapi/domestic-stock/v1/quotations/nope', code: '', kind: 'FATAL' },
  {
    name: 'malformed CANO',
    path: KIS_PATHS.buyingPower,
    headers: { tr_id: 'VTTC8908R' },
    query: {
      CANO: '123',
      ACNT_PRDT_CD: '01',
      PDNO: ETF,
      ORD_UNPR: '0',
      ORD_DVSN: '01',
      CMA_EVLU_AMT_ICLD_YN: 'N',
      OVRS_ICLD_YN: 'N',
    },
    code: 'OPSQ2002',
    kind: 'REJECTED',
  },
  {
    name: 'lowercase body key',
    method: 'POST',
    path: KIS_PATHS.orderCash,
    headers: { tr_id: 'VTTC0012U' },
    body: orderBody({ pdno: ETF }),
    code: 'IGW00007',
    kind: 'REJECTED',
  },
  {
    name: 'body not JSON',
    method: 'POST',
    path: KIS_PATHS.orderCash,
    headers: { tr_id: 'VTTC0012U' },
    body: '{',
    code: 'OPSQ9997',
    kind: 'REJECTED',
  },
  {
    name: 'empty body',
    method: 'POST',
    path: KIS_PATHS.orderCash,
    headers: { tr_id: 'VTTC0012U' },
    body: '',
    code: 'OPSQ9995',
    kind: 'REJECTED',
  },
  {
    name: 'hashkey mismatch',
    method: 'POST',
    path: KIS_PATHS.orderCash,
    headers: { tr_id: 'VTTC0012U', hashkey: 'bad' },
    body: orderBody(),
    code: 'EGW00131',
    kind: 'REJECTED',
  },
  {
    name: 'paper ORD_DVSN 11',
    method: 'POST',
    path: KIS_PATHS.orderCash,
    headers: { tr_id: 'VTTC0012U' },
    body: orderBody({ ORD_DVSN: '11' }),
    code: '90000000',
    kind: 'REJECTED',
  },
  {
    name: 'zero quantity',
    method: 'POST',
    path: KIS_PATHS.orderCash,
    headers: { tr_id: 'VTTC0012U' },
    body: orderBody({ ORD_QTY: '0' }),
    code: 'APBK0918',
    kind: 'REJECTED',
  },
  {
    name: 'unknown ORD_DVSN',
    method: 'POST',
    path: KIS_PATHS.orderCash,
    headers: { tr_id: 'VTTC0012U' },
    body: orderBody({ ORD_DVSN: '99' }),
    code: 'APBK0918',
    kind: 'REJECTED',
  },
];

async function send(c: RawCase): Promise<{ httpStatus: number; body: unknown }> {
  const headers: Record<string, string | undefined> = {
    'content-type': 'application/json; charset=utf-8',
    authorization: `Bearer ${token}`,
    appkey: appKey,
    appsecret: appSecret,
    tr_id: 'FHKST01010100',
    custtype: 'P',
    ...c.headers,
  };
  const method = c.method ?? 'GET';
  const path = c.path ?? KIS_PATHS.quote;
  const url =
    method === 'GET' ? `${rest}${path}?${new URLSearchParams(c.query ?? quoteQuery)}` : `${rest}${path}`;
  const sent = Object.fromEntries(
    Object.entries(headers).filter((e): e is [string, string] => e[1] !== undefined),
  );
  const response = await fetch(url, { method, headers: sent, body: method === 'POST' ? c.body : undefined });
  const text = await response.text();
  let body: unknown = text;
  try {
    body = JSON.parse(text);
  } catch {
    // left as text
  }
  return { httpStatus: response.status, body };
}

describe('gateway and business errors the simulator emits', () => {
  it('when each malformed request is sent then the answer carries its code and is classified as expected', async () => {
    // Act
    const seen: Array<[string, string, KisResponseClass]> = [];
    for (const c of cases()) {
      const answer = await send(c);
      const code = (answer.body as { msg_cd?: string }).msg_cd ?? '';
      seen.push([c.name, code, classifyKisResponse({ sent: true, ...answer })]);
    }
    // Assert
    expect(seen).toEqual(cases().map((c) => [c.name, c.code, c.kind]));
  });
});
