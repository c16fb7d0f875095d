/**
 * Interfaces the application depends on. Adapters implement them; only src/main.ts picks which.
 * Every amount is an integer KRW, every quantity an integer number of shares.
 */
import type { Krw, Shares } from './money';
import type { KstDate, OrderType } from './market';

export type { Clock } from './clock';

export type Side = 'BUY' | 'SELL';
export type BrokerEnvironment = 'real' | 'paper';

export interface Quote {
  ticker: string;
  name: string;
  price: Krw;
  open: Krw;
  high: Krw;
  low: Krw;
  /** The base price for today's ±30 % band (stck_sdpr, usually yesterday's close). */
  basePrice: Krw;
  upperLimit: Krw;
  lowerLimit: Krw;
  changeFromPrevious: Krw;
  volume: Shares;
  tickSize: Krw;
  /** Trading halted (temp_stop_yn) or under a warning state that blocks orders. */
  halted: boolean;
  asOf: Date;
}

export interface DailyBar {
  date: KstDate;
  open: Krw;
  high: Krw;
  low: Krw;
  close: Krw;
  volume: Shares;
}

export type EtfNav =
  | { supported: true; ticker: string; nav: number; previousNav: number; premiumPercent: number; asOf: Date }
  | { supported: false; ticker: string; reason: string };

export interface BrokerPosition {
  ticker: string;
  name: string;
  quantity: Shares;
  orderableQuantity: Shares;
  /** Total purchase amount (pchs_amt); the average price is derived, never stored as a float. */
  purchaseAmount: Krw;
  price: Krw;
  marketValue: Krw;
  unrealizedPnl: Krw;
}

export interface BrokerBalance {
  positions: BrokerPosition[];
  /** D+0 deposit (dnca_tot_amt). */
  cash: Krw;
  /** D+2 settled cash (prvs_rcdl_excc_amt). */
  cashD2: Krw;
  securitiesValue: Krw;
  /** Securities value + D+2 cash (tot_evlu_amt). */
  totalValue: Krw;
  asOf: Date;
}

export interface BuyingPower {
  ticker: string;
  /** Price the broker used to compute the quantity. */
  price: Krw;
  /** Cash-based orderable amount (ord_psbl_cash). */
  orderableCash: Krw;
  /** Orderable amount and quantity without margin (nrcvb_buy_amt / nrcvb_buy_qty). */
  maxAmount: Krw;
  maxQuantity: Shares;
  asOf: Date;
}

export interface PlaceOrderRequest {
  ticker: string;
  side: Side;
  quantity: Shares;
  orderType: OrderType;
  /** Required for LIMIT, ignored for MARKET. */
  limitPrice?: Krw;
}

export type PlaceOrderResult =
  | { status: 'accepted'; brokerOrderId: string; orgNo: string; orderTime: string; message: string }
  | { status: 'rejected'; code: string; message: string }
  /** Sent, but we cannot know what happened (timeout, 5xx, unparseable). Only reconciliation resolves it. */
  | { status: 'unknown'; reason: string; message: string };

export interface CancelOrderRequest {
  brokerOrderId: string;
  orgNo: string;
  /** Cancel the whole remaining quantity when omitted. */
  quantity?: Shares;
}

export interface BrokerOrder {
  brokerOrderId: string;
  orgNo: string;
  originalOrderId: string;
  date: KstDate;
  /** HHMMSS KST */
  time: string;
  ticker: string;
  side: Side;
  orderDivision: string;
  quantity: Shares;
  price: Krw;
  filledQuantity: Shares;
  filledAmount: Krw;
  remainingQuantity: Shares;
  rejectedQuantity: Shares;
  cancelled: boolean;
}

export interface FillNotice {
  kind: 'receipt' | 'fill' | 'rejected' | 'cancelled';
  brokerOrderId: string;
  originalOrderId: string;
  ticker: string;
  side: Side;
  quantity: Shares;
  price: Krw;
  /** HHMMSS KST */
  time: string;
}

export interface TradeTick {
  ticker: string;
  price: Krw;
  volume: Shares;
  time: string;
  /** Today's cumulative volume and opening price (ACML_VOL, STCK_OPRC), when the feed carries them. */
  dayVolume?: Shares;
  dayOpen?: Krw;
}

/** One cash distribution (분배금) as the depository lists it. */
export interface BrokerDistribution {
  ticker: string;
  /** 지급기준일: the ex-date is the trading day before it. */
  recordDate: KstDate;
  /** KRW per share (may carry decimals). */
  amount: number;
}

export interface Subscription {
  close(): Promise<void>;
}

/** Whether KRX opens on a date, as the broker knows it (KIS chk-holiday); `known: false` where it cannot say. */
export type MarketDayAnswer = { known: true; open: boolean } | { known: false; reason: string };

export interface Broker {
  readonly environment: BrokerEnvironment;
  getQuote(ticker: string): Promise<Quote>;
  getDailyBars(ticker: string, from: KstDate, to: KstDate): Promise<DailyBar[]>;
  getEtfNav(ticker: string): Promise<EtfNav>;
  /** Optional: the access token is valid or can be renewed (gets or renews it); when it runs out. */
  checkAccess?(): Promise<{ expiresAt: Date }>;
  /**
   * Optional: cash distributions with a record date in [from, to]. Daily bars are on the price basis; the
   * strategy's signal adds these back (src/domain/strategy/price-basis.ts).
   */
  getDistributions?(ticker: string, from: KstDate, to: KstDate): Promise<BrokerDistribution[]>;
  /** Optional: brokers that can tell KRX holidays (used beyond the shipped calendar data). */
  checkMarketDay?(date: KstDate): Promise<MarketDayAnswer>;
  getBalance(): Promise<BrokerBalance>;
  getBuyingPower(ticker: string, price?: Krw): Promise<BuyingPower>;
  /** Sends exactly one POST. Never retried: a lost answer is `unknown`. */
  placeOrder(request: PlaceOrderRequest): Promise<PlaceOrderResult>;
  cancelOrder(request: CancelOrderRequest): Promise<PlaceOrderResult>;
  /** Every order of the account between the dates, all pages. Throws if any page could not be read. */
  listOrders(from: KstDate, to: KstDate): Promise<BrokerOrder[]>;
  subscribeFills(onNotice: (notice: FillNotice) => void): Promise<Subscription>;
  /** `onMalformed` hears every record that could not be read (it is dropped). */
  subscribeTrades(
    tickers: string[],
    onTick: (tick: TradeTick) => void,
    onMalformed?: (fields: readonly string[]) => void,
  ): Promise<Subscription>;
  /** Optional: whether the realtime session is connected now (false while it reconnects). */
  realtimeConnected?(): boolean;
  close(): Promise<void>;
}
