import type { KstDate } from '../../../domain/market';
import { mulDivRound, type Krw, type Shares } from '../../../domain/money';
import type { SimAccount } from '../types';

export interface CashFlow {
  amount: Krw;
  settleDate: KstDate;
}

export interface PositionState {
  ticker: string;
  quantity: Shares;
  /** pchs_amt: what the shares still held cost, fees excluded. */
  purchaseAmount: Krw;
  /** Sold-out rows stay visible (hldg_qty 0) until D+2 like KIS shows them. */
  lastSellDate: KstDate | undefined;
}

/** Everything a ledger holds, as plain data (what the state file keeps). */
export interface LedgerState {
  baseCash: Krw;
  flows: CashFlow[];
  positions: PositionState[];
}

/** Cash (settling T+2) and positions of one account. All amounts are integer KRW. */
export class AccountLedger {
  private baseCash: Krw;
  private flows: CashFlow[] = [];
  private readonly positionsByTicker = new Map<string, PositionState>();

  constructor(
    readonly account: SimAccount,
    readonly orgNo: string,
  ) {
    this.baseCash = Math.trunc(account.initialCash);
    for (const p of account.positions ?? []) this.setPosition(p.ticker, p.quantity, p.avgPrice);
  }

  /** Deposit counting only flows settled on or before `date` (dnca_tot_amt for today, D+1 for tomorrow). */
  cashSettledBy(date: KstDate): Krw {
    return this.flows.reduce((sum, f) => (f.settleDate <= date ? sum + f.amount : sum), this.baseCash);
  }

  /** D+2 cash: every trade so far settled (prvs_rcdl_excc_amt); buying power is based on it. */
  cashD2(): Krw {
    return this.flows.reduce((sum, f) => sum + f.amount, this.baseCash);
  }

  position(ticker: string): PositionState | undefined {
    return this.positionsByTicker.get(ticker);
  }

  positions(): PositionState[] {
    return [...this.positionsByTicker.values()].sort((a, b) => a.ticker.localeCompare(b.ticker));
  }

  applyBuy(ticker: string, quantity: Shares, price: Krw, fee: Krw, settleDate: KstDate): void {
    const value = quantity * price;
    this.flows.push({ amount: -(value + fee), settleDate });
    const p = this.positionOrNew(ticker);
    p.quantity += quantity;
    p.purchaseAmount += value;
  }

  applySell(
    ticker: string,
    quantity: Shares,
    price: Krw,
    fee: Krw,
    tradeDate: KstDate,
    settleDate: KstDate,
  ): void {
    const p = this.positionOrNew(ticker);
    if (quantity > p.quantity)
      throw new Error(`sell of ${quantity} ${ticker} exceeds the ${p.quantity} held`);
    this.flows.push({ amount: quantity * price - fee, settleDate });
    p.purchaseAmount -= mulDivRound(p.purchaseAmount, quantity, p.quantity);
    p.quantity -= quantity;
    if (p.quantity === 0) p.purchaseAmount = 0;
    p.lastSellDate = tradeDate;
  }

  /** Replaces every balance: D+0, D+1 and D+2 cash all become `amount`. */
  setCash(amount: Krw): void {
    this.baseCash = Math.trunc(amount);
    this.flows = [];
  }

  setPosition(ticker: string, quantity: Shares, avgPrice: number): void {
    if (!Number.isSafeInteger(quantity) || quantity < 0) throw new Error(`bad quantity ${quantity}`);
    const p = this.positionOrNew(ticker);
    p.quantity = quantity;
    p.purchaseAmount = Math.round(quantity * avgPrice);
  }

  snapshot(): LedgerState {
    return {
      baseCash: this.baseCash,
      flows: this.flows.map((f) => ({ ...f })),
      positions: this.positions().map((p) => ({ ...p })),
    };
  }

  /** Replaces cash, pending settlements and positions with a saved state. */
  restore(state: LedgerState): void {
    this.baseCash = state.baseCash;
    this.flows = state.flows.map((f) => ({ ...f }));
    this.positionsByTicker.clear();
    for (const p of state.positions) this.positionsByTicker.set(p.ticker, { ...p });
  }

  private positionOrNew(ticker: string): PositionState {
    let p = this.positionsByTicker.get(ticker);
    if (!p) {
      p = { ticker, quantity: 0, purchaseAmount: 0, lastSellDate: undefined };
      this.positionsByTicker.set(ticker, p);
    }
    return p;
  }
}
