import type { ActiveBlackout } from '../blackout';
import type { TradingCalendar, OrderType } from '../market';
import type { Krw, Shares } from '../money';
import type { BrokerEnvironment, BuyingPower, EtfNav, Quote, Side } from '../ports';
import type { RiskLimits } from './limits';

export type TradingState = 'ACTIVE' | 'REDUCING' | 'HALTED';

export interface NewOrder {
  kind: 'NEW';
  ticker: string;
  side: Side;
  quantity: Shares;
  orderType: OrderType;
  /** Required for LIMIT; must be absent for MARKET. */
  limitPrice?: Krw;
}

export interface CancelOrder {
  kind: 'CANCEL';
  ticker: string;
  brokerOrderId: string;
}

export type GuardOrder = NewOrder | CancelOrder;

/** A holding as the broker reports it; `BrokerPosition` fits this shape. */
export interface PositionSnapshot {
  ticker: string;
  quantity: Shares;
  orderableQuantity: Shares;
  price: Krw;
}

export interface AccountSnapshot {
  /** The cash part of NAV (KIS D+2 settled cash) — not the amount the broker lets us spend. */
  cash: Krw;
  /** The broker's orderable amount; buys are checked against it, never against the deposit. */
  buyingPower: BuyingPower | null;
  positions: readonly PositionSnapshot[];
  /** Equity at the start of the trading day, the base of the daily loss breaker. */
  startOfDayNav: Krw;
  asOf: Date;
}

export interface OpenOrder {
  ticker: string;
  side: Side;
  remainingQuantity: Shares;
}

export interface GuardInput {
  order: GuardOrder;
  /** A quote of the order's ticker, fetched just before the check. */
  quote: Quote | null;
  /**
   * The ETF's NAV (iNAV) from the broker, read with the quote. `null` or `supported: false` is missing data:
   * the NAV premium rule denies the order in the real environment and only warns in paper.
   */
  nav: EtfNav | null;
  account: AccountSnapshot | null;
  openOrders: readonly OpenOrder[];
  /** Orders already sent today (every side, every outcome). */
  ordersToday: number;
  tradingState: TradingState;
  environment: BrokerEnvironment;
  calendar: TradingCalendar;
  now: Date;
  limits: RiskLimits;
  /** A KIS maintenance window in force now: the order waits until it ends. Absent: none. */
  blackout?: ActiveBlackout | null;
  /** Approved orders already waiting, and how many may wait; a full queue refuses another deferral. */
  deferredQueue?: { size: number; max: number };
}
