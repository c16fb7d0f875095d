import { padRight } from '../format';

export interface Page<T> {
  rows: T[];
  more: boolean;
  /** This request continued a previous one (request tr_cont "N" with a cursor). */
  continued: boolean;
  /** ctx_area_nk100 to send back: the key of the last row returned. */
  nextCursor: string;
}

/**
 * tr_cont paging as KIS does it: rows in a fixed order, a page of `size`, and ctx_area_nk100 naming the last row
 * returned (CANO^ACNT_PRDT_CD^key^, space-padded to 100). A cursor that no longer matches starts from the top.
 */
export function paginate<T>(input: {
  rows: readonly T[];
  size: number;
  keyOf: (row: T) => string;
  /** True if `key` comes after the cursor key in the listing order. */
  isAfter: (key: string, cursor: string) => boolean;
  requestTrCont: string;
  nkCursor: string;
  accountPrefix: string;
}): Page<T> {
  const cursorKey = parseCursor(input.nkCursor, input.accountPrefix);
  const continued = input.requestTrCont.trim().toUpperCase() === 'N' && cursorKey !== undefined;
  const start = continued ? input.rows.findIndex((row) => input.isAfter(input.keyOf(row), cursorKey)) : 0;
  const from = start < 0 ? input.rows.length : start;
  const rows = input.rows.slice(from, from + input.size);
  const more = from + input.size < input.rows.length;
  const last = rows[rows.length - 1];
  const nextCursor = padRight(
    more && last !== undefined ? `${input.accountPrefix}${input.keyOf(last)}^` : '',
    100,
  );
  return { rows, more, continued, nextCursor };
}

/** Response header tr_cont: F/M when more data follows (first / later page), D/E on the last page. */
export function responseTrCont(page: Page<unknown>): string {
  if (page.more) return page.continued ? 'M' : 'F';
  return page.continued ? 'E' : 'D';
}

function parseCursor(nk: string, accountPrefix: string): string | undefined {
  const trimmed = nk.trim();
  if (!trimmed.startsWith(accountPrefix)) return undefined;
  const key = trimmed.slice(accountPrefix.length).replace(/\^$/, '');
  return key === '' ? undefined : key;
}
