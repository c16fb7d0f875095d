import type { Side } from '../../domain/ports';

export interface FillRecord {
  ticker: string;
  side: Side;
  quantity: number;
  price: number;
  amount: number;
  fee: number;
  tax: number;
  filledAt: Date;
}

/** Stored fills for the P&L reports. */
export interface FillsReader {
  /** Fills with filledAt in [from, to), oldest first. */
  listFills(filter: { from: Date; to: Date }): Promise<FillRecord[]>;
}
