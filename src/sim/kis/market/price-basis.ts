import type { PriceRow } from '../../../adapters/prices/load';

/**
 * The shipped (distribution-adjusted) rows turned back into the price basis the exchange prints, given the
 * distributions paid: the vendor scaled every row before an ex-date by (1 − d ÷ raw close before it), so
 * going backwards from the last row (where both bases agree) each earlier row is divided by the running
 * factor A, and at an ex-date A becomes A × TR ÷ (TR + A × d) for the rows before it — which gives
 * raw = TR ÷ A_after + d for the close before the ex-date, as the vendor's adjustment requires.
 */
export function toPriceBasis(
  rows: readonly PriceRow[],
  distributions: readonly { exDate: string; amount: number }[],
): PriceRow[] {
  const out: PriceRow[] = new Array(rows.length);
  let factor = 1;
  const scale = (v: number | null): number | null => (v === null ? null : v / factor);
  for (let j = rows.length - 1; j >= 0; j--) {
    const row = rows[j]!;
    out[j] = {
      ...row,
      open: scale(row.open),
      high: scale(row.high),
      low: scale(row.low),
      close: row.close / factor,
    };
    const previous = rows[j - 1];
    if (!previous) continue;
    const amount = distributions
      .filter((d) => d.exDate > previous.date && d.exDate <= row.date)
      .reduce((sum, d) => sum + d.amount, 0);
    if (amount > 0) factor = (factor * previous.close) / (previous.close + factor * amount);
  }
  return out;
}
