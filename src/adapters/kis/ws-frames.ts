/**
 * KIS realtime data frames: `<enc>|<tr_id>|<count>|<payload>`, fields joined by '^', several records simply
 * concatenated. Execution notices arrive AES-256-CBC encrypted with the key/iv from their subscribe ack.
 */
import { createDecipheriv } from 'node:crypto';
import { parseIntegerString } from '../../domain/money';
import type { FillNotice, TradeTick } from '../../domain/ports';

export interface DataFrame {
  encrypted: boolean;
  trId: string;
  count: number;
  payload: string;
}

export interface FrameCipher {
  key: string;
  iv: string;
}

export const TRADE_FIELD_COUNT = 46;
export const NOTICE_FIELD_COUNT = 26;

export function isDataFrame(text: string): boolean {
  return (text.startsWith('0|') || text.startsWith('1|')) && text.split('|', 4).length === 4;
}

export function parseDataFrame(text: string): DataFrame | null {
  const first = text.indexOf('|');
  const second = text.indexOf('|', first + 1);
  const third = text.indexOf('|', second + 1);
  if (first !== 1 || second < 0 || third < 0) return null;
  const count = Number(text.slice(second + 1, third));
  if (!Number.isInteger(count) || count < 1) return null;
  return {
    encrypted: text[0] === '1',
    trId: text.slice(first + 1, second),
    count,
    payload: text.slice(third + 1),
  };
}

/** Base64 → AES-256-CBC (key and iv are the UTF-8 bytes of the ack's strings) → PKCS7-stripped UTF-8. */
export function decryptPayload(payload: string, cipher: FrameCipher): string {
  const decipher = createDecipheriv(
    'aes-256-cbc',
    Buffer.from(cipher.key, 'utf8'),
    Buffer.from(cipher.iv, 'utf8'),
  );
  return Buffer.concat([decipher.update(Buffer.from(payload, 'base64')), decipher.final()]).toString('utf8');
}

/** Splits a payload into records of `fieldCount` fields; a single record may carry extra trailing fields. */
export function splitRecords(payload: string, count: number, fieldCount: number): string[][] {
  const fields = payload.split('^');
  if (count <= 1) return [fields];
  const size = fields.length === count * fieldCount ? fieldCount : Math.floor(fields.length / count);
  const records: string[][] = [];
  for (let i = 0; i < count; i++) records.push(fields.slice(i * size, (i + 1) * size));
  return records;
}

/** H0STCNT0: MKSC_SHRN_ISCD(0), STCK_CNTG_HOUR(1), STCK_PRPR(2), … CNTG_VOL(12). */
export function toTradeTick(fields: readonly string[]): TradeTick | null {
  const ticker = fields[0];
  const time = fields[1];
  const price = integerOrNull(fields[2]);
  const volume = integerOrNull(fields[12]);
  if (!ticker || !time || price === null || volume === null || price <= 0) return null;
  const tick: TradeTick = { ticker, price, volume, time };
  const dayOpen = integerOrNull(fields[7]);
  const dayVolume = integerOrNull(fields[13]);
  if (dayOpen !== null && dayOpen >= 0) tick.dayOpen = dayOpen;
  if (dayVolume !== null && dayVolume >= 0) tick.dayVolume = dayVolume;
  return tick;
}

/** Positions of the 26 H0STCNI0/H0STCNI9 fields this client reads. */
const N = {
  account: 1,
  orderNo: 2,
  originalOrderNo: 3,
  side: 4,
  modifyCancel: 5,
  ticker: 8,
  quantity: 9,
  price: 10,
  time: 11,
  refused: 12,
  fill: 13,
  orderQuantity: 16,
  orderPrice: 25,
} as const;

export interface NoticeRecord {
  /** ACNT_NO as sent (the HTS id can carry several accounts). */
  account: string;
  notice: FillNotice;
}

/**
 * RFUS_YN 1 = rejected; CNTG_YN 2 = fill; CNTG_YN 1 = receipt of an order, modify or cancel (RCTF_CLS 2 =
 * cancel). For receipts KIS puts the order quantity/price where fills carry the fill quantity/price.
 */
export function toNoticeRecord(fields: readonly string[]): NoticeRecord | null {
  const get = (i: number): string => (fields[i] ?? '').trim();
  const orderNo = get(N.orderNo);
  const ticker = get(N.ticker);
  const sideCode = get(N.side);
  if (!orderNo || !ticker || (sideCode !== '01' && sideCode !== '02')) return null;
  const kind: FillNotice['kind'] =
    get(N.refused) === '1'
      ? 'rejected'
      : get(N.fill) === '2'
        ? 'fill'
        : get(N.modifyCancel) === '2'
          ? 'cancelled'
          : 'receipt';
  const firstPositive = (...values: string[]): number => {
    for (const v of values) {
      const n = integerOrNull(v);
      if (n !== null && n > 0) return n;
    }
    return 0;
  };
  const quantity =
    kind === 'fill' ? firstPositive(get(N.quantity)) : firstPositive(get(N.orderQuantity), get(N.quantity));
  const price =
    kind === 'fill' ? firstPositive(get(N.price)) : firstPositive(get(N.orderPrice), get(N.price));
  return {
    account: get(N.account),
    notice: {
      kind,
      brokerOrderId: orderNo,
      originalOrderId: get(N.originalOrderNo),
      ticker,
      side: sideCode === '01' ? 'SELL' : 'BUY',
      quantity,
      price,
      time: get(N.time),
    },
  };
}

function integerOrNull(value: string | undefined): number | null {
  if (value === undefined) return null;
  try {
    return parseIntegerString(value);
  } catch {
    return null;
  }
}
