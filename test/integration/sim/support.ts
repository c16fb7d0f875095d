import { readFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { FakeClock } from '../../../src/adapters/clock/fake';
import {
  DEFAULT_SIM_ACCOUNTS,
  startKisSimulator,
  type KisSimulator,
  type KisSimulatorOptions,
  type SimAccount,
} from '../../../src/sim/kis';

const here = path.dirname(fileURLToPath(import.meta.url));

/** A recorded KIS payload from test/fixtures/kis. */
export function sample<T = Record<string, unknown>>(file: string): T {
  return JSON.parse(readFileSync(path.resolve(here, '../../fixtures/kis', file), 'utf8')) as T;
}

export const PAPER = DEFAULT_SIM_ACCOUNTS.find((a) => a.environment === 'paper')!;
export const REAL = DEFAULT_SIM_ACCOUNTS.find((a) => a.environment === 'real')!;

/** 2026-07-15 (Wednesday) 10:00 KST: a trading day inside the shipped data. */
export const WEDNESDAY_10_00 = '2026-07-15T10:00:00+09:00';

export interface SimHarness {
  sim: KisSimulator;
  clock: FakeClock;
}

export async function startSim(
  at: string,
  options: Omit<KisSimulatorOptions, 'clock'> = {},
): Promise<SimHarness> {
  const clock = new FakeClock(at);
  const sim = await startKisSimulator({
    clock,
    universe: ['069500', '102110', '114800', '360750'],
    ...options,
  });
  return { sim, clock };
}

export interface KisResponse<T = Record<string, unknown>> {
  status: number;
  headers: Headers;
  body: T;
}

/** A bare-hands KIS caller: raw fetch with the headers KIS wants, no client library. */
export class RawKis {
  token = '';

  constructor(
    readonly rest: string,
    readonly account: SimAccount,
  ) {}

  static for(sim: KisSimulator, account: SimAccount): RawKis {
    return new RawKis(sim.urls[account.environment].rest, account);
  }

  async issueToken(): Promise<KisResponse> {
    const response = await this.postJson('/oauth2/tokenP', {
      grant_type: 'client_credentials',
      appkey: this.account.appKey,
      appsecret: this.account.appSecret,
    });
    if (response.status === 200) this.token = String(response.body.access_token);
    return response;
  }

  async approvalKey(): Promise<string> {
    const response = await this.postJson('/oauth2/Approval', {
      grant_type: 'client_credentials',
      appkey: this.account.appKey,
      secretkey: this.account.appSecret,
    });
    return String(response.body.approval_key);
  }

  headers(trId: string, extra: Record<string, string> = {}): Record<string, string> {
    return {
      'content-type': 'application/json; charset=utf-8',
      authorization: `Bearer ${this.token}`,
      appkey: this.account.appKey,
      appsecret: this.account.appSecret,
      tr_id: trId,
      custtype: 'P',
      ...extra,
    };
  }

  async get<T = Record<string, unknown>>(
    pathname: string,
    trId: string,
    query: Record<string, string>,
    extra: Record<string, string> = {},
  ): Promise<KisResponse<T>> {
    const url = `${this.rest}${pathname}?${new URLSearchParams(query).toString()}`;
    const res = await fetch(url, { headers: this.headers(trId, extra) });
    return { status: res.status, headers: res.headers, body: (await res.json()) as T };
  }

  async post<T = Record<string, unknown>>(
    pathname: string,
    trId: string,
    body: unknown,
  ): Promise<KisResponse<T>> {
    const res = await fetch(`${this.rest}${pathname}`, {
      method: 'POST',
      headers: this.headers(trId),
      body: JSON.stringify(body),
    });
    return { status: res.status, headers: res.headers, body: (await res.json()) as T };
  }

  async postJson(pathname: string, body: unknown): Promise<KisResponse> {
    const res = await fetch(`${this.rest}${pathname}`, {
      method: 'POST',
      headers: { 'content-type': 'application/json; charset=utf-8' },
      body: JSON.stringify(body),
    });
    return { status: res.status, headers: res.headers, body: (await res.json()) as Record<string, unknown> };
  }

  quote(
    ticker: string,
  ): Promise<KisResponse<{ output: Record<string, string>; rt_cd: string; msg_cd: string }>> {
    return this.get('/uapi/domestic-stock/v1/quotations/inquire-price', 'FHKST01010100', {
      FID_COND_MRKT_DIV_CODE: 'J',
      FID_INPUT_ISCD: ticker,
    });
  }

  order(
    side: 'BUY' | 'SELL',
    fields: { PDNO: string; ORD_DVSN: string; ORD_QTY: string; ORD_UNPR: string },
  ): Promise<KisResponse> {
    const paper = this.account.environment === 'paper';
    const trId = `${paper ? 'V' : 'T'}TTC${side === 'BUY' ? '0012U' : '0011U'}`;
    return this.post('/uapi/domestic-stock/v1/trading/order-cash', trId, {
      CANO: this.account.cano,
      ACNT_PRDT_CD: this.account.productCode,
      EXCG_ID_DVSN_CD: 'KRX',
      ...fields,
    });
  }

  dailyCcld(date: string, trCont = '', nk = '', fk = ''): Promise<KisResponse> {
    const paper = this.account.environment === 'paper';
    return this.get(
      '/uapi/domestic-stock/v1/trading/inquire-daily-ccld',
      paper ? 'VTTC0081R' : 'TTTC0081R',
      {
        CANO: this.account.cano,
        ACNT_PRDT_CD: this.account.productCode,
        INQR_STRT_DT: date,
        INQR_END_DT: date,
        SLL_BUY_DVSN_CD: '00',
        INQR_DVSN: '00',
        PDNO: '',
        CCLD_DVSN: '00',
        ORD_GNO_BRNO: '',
        ODNO: '',
        INQR_DVSN_3: '00',
        INQR_DVSN_1: '',
        EXCG_ID_DVSN_CD: 'KRX',
        CTX_AREA_FK100: fk,
        CTX_AREA_NK100: nk,
      },
      { tr_cont: trCont },
    );
  }

  balance(trCont = '', nk = '', fk = ''): Promise<KisResponse> {
    const paper = this.account.environment === 'paper';
    return this.get(
      '/uapi/domestic-stock/v1/trading/inquire-balance',
      paper ? 'VTTC8434R' : 'TTTC8434R',
      {
        CANO: this.account.cano,
        ACNT_PRDT_CD: this.account.productCode,
        AFHR_FLPR_YN: 'N',
        OFL_YN: '',
        INQR_DVSN: '02',
        UNPR_DVSN: '01',
        FUND_STTL_ICLD_YN: 'N',
        FNCG_AMT_AUTO_RDPT_YN: 'N',
        PRCS_DVSN: '00',
        CTX_AREA_FK100: fk,
        CTX_AREA_NK100: nk,
      },
      { tr_cont: trCont },
    );
  }
}

export function keysOf(value: unknown): string[] {
  return Object.keys(value as object).sort();
}

/** True when every leaf of a KIS payload is a string (numbers included). */
export function allStrings(record: Record<string, unknown>): boolean {
  return Object.values(record).every((v) => typeof v === 'string');
}
