/** The simulator's public types. The KIS client and its tests depend on these names: keep them stable. */
import type { Clock } from '../../domain/clock';

export type SimEnvironment = 'real' | 'paper';

export interface SimAccount {
  appKey: string;
  appSecret: string;
  environment: SimEnvironment;
  /** 8-digit account number (CANO). */
  cano: string;
  /** ACNT_PRDT_CD, '01' for a cash account. */
  productCode: string;
  /** HTS id: the tr_key of the execution-notice subscription. */
  htsId: string;
  initialCash: number;
  positions?: { ticker: string; quantity: number; avgPrice: number }[];
}

export interface KisSimulatorOptions {
  /** Default SystemClock. Tests pass a FakeClock and move it. */
  clock?: Clock;
  /** Default DEFAULT_SIM_ACCOUNTS (readonly, so the exported defaults can be passed as they are). */
  accounts?: readonly SimAccount[];
  /** Tickers to replay; default every ticker whose price data reaches 2026-08-21. */
  universe?: string[];
  /**
   * Extra tickers (added to the universe) that replay another ticker's daily data with their own intraday
   * paths, e.g. {"990001": "069500"}: for benches that need more tickers than the shipped data has.
   */
  replicas?: Record<string, string>;
  /** Default 18 real / 1 paper. */
  rateLimitPerSecond?: { real: number; paper: number };
  /**
   * Default true: a rate window also ends when a second of real time has passed (a client that waits gets a
   * fresh window while a FakeClock stands still). False: only the injected clock ends it — tests that count
   * refusals use it, so a slow machine cannot open a window between two requests.
   */
  rateWindowsInRealTime?: boolean;
  /** Default 60 000 (EGW00133 inside it). */
  tokenIssueIntervalMs?: number;
  /** Default 140 (0.014 %). ETFs pay no sell tax. */
  commissionPpm?: number;
  /** Seeds the synthetic path after the data ends and every intraday path. */
  seed?: number;
  /** WebSocket PINGPONG interval, default 20 000. */
  pingIntervalMs?: number;
  /** Default 127.0.0.1. */
  host?: string;
  /**
   * JSON file that keeps the accounts across restarts: cash (with unsettled T+2 amounts), positions, every order
   * with its fills, and the ODNO counters. Loaded at start (a corrupt or incompatible file is moved aside to
   * `<file>.corrupt-<timestamp>` and the simulator starts fresh), saved atomically after changes and on close().
   * Without it nothing is written to disk.
   */
  stateFile?: string;
  /** Debounce of state-file writes, default 200 ms. */
  stateSaveDelayMs?: number;
  /** Problems that do not stop the simulator (a state file set aside, a failed save). Default console.warn. */
  onWarning?: (message: string) => void;
  /**
   * Cash distributions (분배금) to model. The shipped prices are distribution-adjusted, so by default the
   * simulated market is that total-return series and pays nothing. With distributions, a ticker's prints are
   * the price-basis series KIS serves (the shipped series divided by the vendor's adjustment factor): they
   * drop by the distribution on its ex-date, the daily chart flags the day (flng_cls_code 03 분배락) under
   * both FID_ORG_ADJ_PRC values, and ksdinfo/dividend lists it.
   */
  distributions?: readonly SimDistribution[];
}

export interface SimDistribution {
  ticker: string;
  /** The first trading day without the distribution; the record date is the next trading day. */
  exDate: string;
  /** KRW per share. */
  amount: number;
}

export interface KisSimulator {
  /** Two listeners, one per KIS "host". */
  urls: { real: { rest: string; ws: string }; paper: { rest: string; ws: string } };
  control: SimControl;
  close(): Promise<void>;
}

export type SimOrderStatus =
  | 'open'
  | 'partiallyFilled'
  | 'filled'
  | 'cancelled'
  | 'replaced'
  | 'expired'
  | 'rejected'
  /** A modify/cancel instruction that was carried out (the replacement order of a modify has its own row). */
  | 'confirmed';

export interface SimReceivedOrder {
  /** '' when the order was rejected before it got a number. */
  odno: string;
  environment: SimEnvironment;
  cano: string;
  ticker: string;
  side: 'BUY' | 'SELL';
  quantity: number;
  /** Limit price; 0 for market-type orders and cancels. */
  price: number;
  ordDvsn: string;
  receivedAt: Date;
  status: SimOrderStatus;
  filledQuantity: number;
  /** Extra detail beyond the contract. */
  kind: 'order' | 'modify' | 'cancel';
  originalOdno: string;
  /** msg_cd of a rejection. */
  rejectCode?: string;
  /** True when an acceptThenDrop fault destroyed the socket instead of answering. */
  responseDropped: boolean;
}

export type SimPathStep = { afterMs: number } & ({ price: number } | { changePct: number });

export interface SimControl {
  /** Faults are consumed in order as matching requests arrive. */
  injectFault(fault: SimFault): void;
  clearFaults(): void;
  /** Every order-cash / order-rvsecncl POST that reached the matching engine, oldest first. */
  receivedOrders(): SimReceivedOrder[];
  stats(): { requests: number; rateLimited: number; tokensIssued: number; byPath: Record<string, number> };
  setCash(cano: string, amount: number): void;
  setPosition(cano: string, ticker: string, quantity: number, avgPrice: number): void;
  /** What inquire-price would answer now. */
  currentPrice(ticker: string): number;
  /** Pins the intraday price for the rest of the trading day; snapped to the tick grid and the band. */
  setPrice(ticker: string, price: number): void;
  expireTokens(): void;
  /**
   * Scripts the intraday path from now: each step sets the price `afterMs` from now, either as a price or as
   * a change in percent from the current price (e.g. −9). Returns the snapped prices.
   */
  scriptPath(ticker: string, steps: readonly SimPathStep[]): number[];
  /** A volume spike now: `shares` extra, or `multiple` × the 20-day average volume. Returns the shares added. */
  spikeVolume(ticker: string, spike: { shares: number } | { multiple: number }): number;
  /**
   * Makes the ETF price TR report NAV so that price = NAV × (1 + premiumBp / 10,000) for this ticker (negative:
   * a discount); `null` returns to the simulated ±0.15 % noise.
   */
  setNavPremium(ticker: string, premiumBp: number | null): void;
  /** `true` cuts every realtime session and refuses new ones (a KIS WebSocket outage); `false` ends it. */
  realtimeOutage(down: boolean): void;
}

export type SimFault =
  | { kind: 'latency'; ms: number; path?: string; count?: number }
  /** The next `count` /uapi requests answer 500 EGW00201. */
  | { kind: 'rateLimitBurst'; count: number }
  /** 500 with an HTML gateway body before processing. */
  | { kind: 'http5xx'; path?: string; count?: number }
  /** order-cash is executed, then the socket is destroyed without a response. */
  | { kind: 'acceptThenDrop'; count?: number }
  /** order-cash connection destroyed before the order reaches the engine. */
  | { kind: 'dropBeforeReceive'; count?: number }
  /** The next matching orders fill only `ratio` of their quantity; the rest stays open and never fills. */
  | { kind: 'partialFill'; ratio: number; count?: number };
