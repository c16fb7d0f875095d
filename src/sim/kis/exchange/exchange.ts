import type { Clock } from '../../../domain/clock';
import { kstInstant, marketSessionAt, type KstDate, type TradingCalendar } from '../../../domain/market';
import { feeFor, type Krw, type Shares } from '../../../domain/money';
import type { Market, MarketSnapshot, TradePrint } from '../market/market';
import type { SimEnvironment } from '../types';
import type { AccountLedger } from './ledger';
import {
  checkDivision,
  checkExchange,
  checkLimitPrice,
  checkSession,
  divisionRule,
  isRejection,
  REJECTIONS,
  type DivisionRule,
  type Rejection,
} from './order-rules';
import { isLive, remainingOf, type Fill, type Side, type SimOrder } from './orders';

export interface NewOrderInput {
  ledger: AccountLedger;
  ticker: string;
  side: Side;
  ordDvsn: string;
  quantity: number;
  price: number;
  exchangeId: string;
}

export interface ReviseInput {
  ledger: AccountLedger;
  orgNo: string;
  originalOdno: string;
  ordDvsn: string;
  action: 'modify' | 'cancel';
  quantity: number;
  price: number;
  allQuantity: boolean;
}

export type OrderOutcome =
  { ok: true; order: SimOrder } | { ok: false; rejection: Rejection; order: SimOrder };

export type ExchangeEvent =
  /** A new order, a modify replacement or a cancel was accepted (CNTG_YN 1). */
  | { type: 'accepted'; order: SimOrder }
  | { type: 'fill'; order: SimOrder; fill: Fill }
  /** IOC/FOK remainder cancelled by the exchange. */
  | { type: 'immediateCancelled'; order: SimOrder; quantity: Shares };

export interface ExchangeDeps {
  market: Market;
  calendar: TradingCalendar;
  clock: Clock;
  commissionPpm: number;
  /** Every account by CANO. */
  ledgers: ReadonlyMap<string, AccountLedger>;
  /** Consumes a queued partialFill fault, if any. */
  takePartialFillRatio: () => number | undefined;
}

/**
 * The matching engine: validates orders like KIS/KRX, reserves buying power, fills against the market's prints
 * as the clock moves, and books fills into the accounts. Nothing happens in the background: `sync()` catches
 * up to the clock and is called before every request is answered and by the realtime feed.
 */
export class Exchange {
  private readonly orders: SimOrder[] = [];
  private readonly live = new Set<SimOrder>();
  private readonly listeners = new Set<(event: ExchangeEvent) => void>();
  private readonly changeListeners = new Set<() => void>();
  private readonly odnoCounter: Record<SimEnvironment, number> = { real: 0, paper: 0 };

  constructor(private readonly deps: ExchangeDeps) {}

  onEvent(listener: (event: ExchangeEvent) => void): () => void {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  }

  /** Called after anything the state file keeps has changed (orders, fills, cash and positions through fills). */
  onStateChange(listener: () => void): () => void {
    this.changeListeners.add(listener);
    return () => this.changeListeners.delete(listener);
  }

  odnoCounters(): Readonly<Record<SimEnvironment, number>> {
    return { ...this.odnoCounter };
  }

  /**
   * Puts saved orders back (before any request is served). Orders still live resume matching from where they
   * were checked; the counters never go below an ODNO already given out, so numbers are not reused.
   */
  restore(orders: readonly SimOrder[], counters: Readonly<Record<SimEnvironment, number>>): void {
    if (this.orders.length > 0) throw new Error('orders can only be restored into an empty exchange');
    for (const order of orders) {
      this.orders.push(order);
      if (isLive(order)) this.live.add(order);
      const number = order.odno === '' ? 0 : Number(order.odno);
      this.odnoCounter[order.environment] = Math.max(this.odnoCounter[order.environment], number);
    }
    for (const environment of ['real', 'paper'] as const)
      this.odnoCounter[environment] = Math.max(this.odnoCounter[environment], counters[environment]);
  }

  /** An acceptThenDrop fault destroyed the socket instead of answering this order. */
  markResponseDropped(order: SimOrder): void {
    order.responseDropped = true;
    this.changed();
  }

  allOrders(): readonly SimOrder[] {
    return this.orders;
  }

  ordersOf(cano: string): SimOrder[] {
    return this.orders.filter((o) => o.cano === cano && !o.rejection);
  }

  /** Matches every open order against the prints since it was last checked, then expires day orders. */
  sync(): void {
    const now = this.deps.clock.now().getTime();
    for (const order of [...this.live]) {
      const until = Math.min(now, order.expiresAt);
      if (!order.stuck && until > order.checkedUntil) {
        const prints = this.deps.market.printsBetween(
          order.ticker,
          order.tradeDate,
          order.checkedUntil,
          until,
        );
        for (const print of prints) {
          this.matchPrint(order, print);
          if (!isLive(order) || order.stuck) break;
        }
      }
      order.checkedUntil = Math.max(order.checkedUntil, until);
      if (now >= order.expiresAt && remainingOf(order) > 0) {
        order.expired = true;
        this.changed();
      }
      if (!isLive(order)) this.live.delete(order);
    }
  }

  /** Matches the open orders of `ticker` against its current price, after a test pinned a new one. */
  matchCurrentPrice(ticker: string): void {
    const now = this.deps.clock.now();
    const snapshot = this.deps.market.snapshot(ticker, now);
    if (!snapshot || snapshot.phase !== 'CONTINUOUS') return;
    for (const order of [...this.live]) {
      if (order.ticker !== ticker || order.stuck) continue;
      this.matchPrint(order, { at: now.getTime(), price: snapshot.price, kind: 'continuous' });
      if (!isLive(order)) this.live.delete(order);
    }
  }

  /** Cash the account can still commit: D+2 cash minus what open buys reserve. */
  availableCash(ledger: AccountLedger): Krw {
    let reserved = 0;
    for (const o of this.live)
      if (o.cano === ledger.account.cano && o.side === 'BUY') reserved += this.reserveFor(o, remainingOf(o));
    return ledger.cashD2() - reserved;
  }

  sellableQuantity(ledger: AccountLedger, ticker: string): Shares {
    let pending = 0;
    for (const o of this.live)
      if (o.cano === ledger.account.cano && o.side === 'SELL' && o.ticker === ticker)
        pending += remainingOf(o);
    return Math.max(0, (ledger.position(ticker)?.quantity ?? 0) - pending);
  }

  /** Per-share price a buy of this division reserves; undefined for an unknown division. */
  provisionPrice(ordDvsn: string, price: number, snapshot: MarketSnapshot): Krw | undefined {
    const division = divisionRule(ordDvsn);
    if (!division) return undefined;
    switch (division.price) {
      case 'limit':
      case 'afterHoursSingle':
        return price;
      case 'market':
        return snapshot.band.upper;
      case 'preMarketClose':
        return snapshot.base;
      case 'postMarketClose':
        return snapshot.price;
    }
  }

  placeOrder(input: NewOrderInput): OrderOutcome {
    this.sync();
    const now = this.deps.clock.now();
    const { ledger } = input;
    const order = this.newRecord(ledger, {
      kind: 'order',
      originalOdno: '',
      ticker: input.ticker,
      side: input.side,
      ordDvsn: input.ordDvsn,
      quantity: input.quantity,
      price: input.price,
      receivedAt: now,
    });
    const checked = this.validate(order, input.exchangeId);
    if (isRejection(checked)) return this.reject(order, checked);
    const { snapshot, division } = checked;
    order.provisionPrice = this.provisionPrice(order.ordDvsn, order.price, snapshot) ?? order.price;
    if (order.side === 'BUY' && this.reserveFor(order, order.quantity) > this.availableCash(ledger)) {
      return this.reject(order, REJECTIONS.insufficientCash);
    }
    if (order.side === 'SELL' && order.quantity > this.sellableQuantity(ledger, order.ticker)) {
      return this.reject(order, REJECTIONS.insufficientQuantity);
    }
    this.accept(order, snapshot, division);
    return { ok: true, order };
  }

  revise(input: ReviseInput): OrderOutcome {
    this.sync();
    const now = this.deps.clock.now();
    const { ledger } = input;
    const original = this.orders.find(
      (o) =>
        o.odno === input.originalOdno &&
        o.cano === ledger.account.cano &&
        o.kind !== 'cancel' &&
        !o.rejection,
    );
    const record = this.newRecord(ledger, {
      kind: input.action,
      originalOdno: input.originalOdno,
      ticker: original?.ticker ?? '',
      side: original?.side ?? 'BUY',
      ordDvsn: input.action === 'cancel' ? (original?.ordDvsn ?? input.ordDvsn) : input.ordDvsn,
      quantity: input.quantity,
      price: input.action === 'cancel' ? 0 : input.price,
      receivedAt: now,
    });
    const session = marketSessionAt(now, this.deps.calendar);
    const closed = checkSession(
      session,
      original?.ordDvsn ?? '00',
      ledger.account.environment,
      this.deps.calendar,
    );
    if (closed) return this.reject(record, closed);
    if (!original) return this.reject(record, REJECTIONS.originalNotFound);
    if (input.orgNo !== '' && input.orgNo !== original.orgNo)
      return this.reject(record, REJECTIONS.wrongOrgNo);
    const remaining = isLive(original) ? remainingOf(original) : 0;
    if (remaining === 0) return this.reject(record, REJECTIONS.nothingToRevise);
    const quantity = input.allQuantity ? remaining : input.quantity;
    if (!Number.isSafeInteger(quantity) || quantity <= 0) return this.reject(record, REJECTIONS.badQuantity);
    if (quantity > remaining) return this.reject(record, REJECTIONS.reviseQuantityTooLarge);
    record.quantity = quantity;

    if (input.action === 'cancel') {
      original.cancelledQuantity += quantity;
      if (!isLive(original)) this.live.delete(original);
      this.assignNumber(record);
      this.emit({ type: 'accepted', order: record });
      return { ok: true, order: record };
    }

    const checked = this.validate(record, '');
    if (isRejection(checked)) return this.reject(record, checked);
    record.provisionPrice =
      this.provisionPrice(record.ordDvsn, record.price, checked.snapshot) ?? record.price;
    if (record.side === 'BUY') {
      const freed = this.reserveFor(original, quantity);
      if (this.reserveFor(record, quantity) > this.availableCash(ledger) + freed) {
        return this.reject(record, REJECTIONS.insufficientCash);
      }
    }
    original.replacedQuantity += quantity;
    if (!isLive(original)) this.live.delete(original);
    this.accept(record, checked.snapshot, checked.division);
    return { ok: true, order: record };
  }

  private validate(
    order: SimOrder,
    exchangeId: string,
  ): Rejection | { snapshot: MarketSnapshot; division: DivisionRule } {
    const environment = order.environment;
    const division = checkDivision(order.ordDvsn, environment);
    if (isRejection(division)) return division;
    const wrongExchange = checkExchange(exchangeId, environment);
    if (wrongExchange) return wrongExchange;
    const closed = checkSession(
      marketSessionAt(order.receivedAt, this.deps.calendar),
      order.ordDvsn,
      environment,
      this.deps.calendar,
    );
    if (closed) return closed;
    const snapshot = this.deps.market.snapshot(order.ticker, order.receivedAt);
    if (!snapshot) return REJECTIONS.unknownTicker;
    if (!Number.isSafeInteger(order.quantity) || order.quantity <= 0) return REJECTIONS.badQuantity;
    if (division.price === 'limit' || division.price === 'afterHoursSingle') {
      const bad = checkLimitPrice(order.price, snapshot.band);
      if (bad) return bad;
    }
    return { snapshot, division };
  }

  private accept(order: SimOrder, snapshot: MarketSnapshot, division: DivisionRule): void {
    this.assignNumber(order);
    order.tradeDate = snapshot.tradeDate;
    order.expiresAt =
      division.price === 'afterHoursSingle'
        ? kstInstant(snapshot.tradeDate, 18, 0).getTime()
        : kstInstant(snapshot.tradeDate, 15, 30).getTime();
    order.checkedUntil = order.receivedAt.getTime();
    order.partialRatio = this.deps.takePartialFillRatio();
    this.live.add(order);
    this.emit({ type: 'accepted', order });
    this.matchAtOnce(order, snapshot, division);
    if (!isLive(order)) this.live.delete(order);
  }

  /** What happens on arrival: marketable orders trade at the current price during continuous trading. */
  private matchAtOnce(order: SimOrder, snapshot: MarketSnapshot, division: DivisionRule): void {
    const at = order.receivedAt;
    const price = snapshot.price;
    switch (division.price) {
      case 'preMarketClose':
        this.fill(order, remainingOf(order), snapshot.base, at);
        return;
      case 'postMarketClose':
        this.fill(order, remainingOf(order), price, at);
        return;
      case 'afterHoursSingle':
        if (this.crosses(order, price)) this.fill(order, remainingOf(order), price, at);
        return;
      default:
        break;
    }
    if (snapshot.phase === 'CONTINUOUS' && (division.price === 'market' || this.crosses(order, price))) {
      this.fill(order, remainingOf(order), price, at);
    }
    if (division.immediate && remainingOf(order) > 0) {
      const quantity = remainingOf(order);
      order.cancelledQuantity += quantity;
      this.emit({ type: 'immediateCancelled', order, quantity });
    }
  }

  private matchPrint(order: SimOrder, print: TradePrint): void {
    const division = divisionRule(order.ordDvsn);
    if (!division || division.price === 'afterHoursSingle') return;
    let price: Krw | undefined;
    if (division.price === 'market') price = print.price;
    else if (division.conditional && print.kind === 'close') price = print.price;
    else if (this.crosses(order, print.price))
      price = print.kind === 'continuous' ? order.price : print.price;
    if (price !== undefined) this.fill(order, remainingOf(order), price, new Date(print.at));
  }

  private crosses(order: SimOrder, marketPrice: Krw): boolean {
    return order.side === 'BUY' ? marketPrice <= order.price : marketPrice >= order.price;
  }

  private fill(order: SimOrder, wanted: Shares, price: Krw, at: Date): void {
    const ledger = this.ledgerOf(order);
    let quantity = wanted;
    if (order.partialRatio !== undefined) {
      quantity = Math.min(wanted, Math.floor(order.quantity * order.partialRatio));
      order.stuck = true;
    }
    if (order.side === 'SELL') quantity = Math.min(quantity, ledger?.position(order.ticker)?.quantity ?? 0);
    if (!ledger || quantity <= 0) return;
    const value = quantity * price;
    const fee = feeFor(value, this.deps.commissionPpm);
    const settleDate = this.settlementDate(order.tradeDate);
    if (order.side === 'BUY') ledger.applyBuy(order.ticker, quantity, price, fee, settleDate);
    else ledger.applySell(order.ticker, quantity, price, fee, order.tradeDate, settleDate);
    const fill: Fill = { quantity, price, fee, at };
    order.fills.push(fill);
    order.filledQuantity += quantity;
    order.filledAmount += value;
    order.fees += fee;
    this.emit({ type: 'fill', order, fill });
    this.changed();
  }

  private reserveFor(order: SimOrder, quantity: Shares): Krw {
    const value = quantity * order.provisionPrice;
    return value + feeFor(value, this.deps.commissionPpm);
  }

  private settlementDate(tradeDate: KstDate): KstDate {
    return this.deps.calendar.nextTradingDay(this.deps.calendar.nextTradingDay(tradeDate));
  }

  private reject(order: SimOrder, rejection: Rejection): OrderOutcome {
    order.rejection = rejection;
    return { ok: false, rejection, order };
  }

  private assignNumber(order: SimOrder): void {
    this.odnoCounter[order.environment] += 1;
    order.odno = String(this.odnoCounter[order.environment]).padStart(10, '0');
  }

  private newRecord(
    ledger: AccountLedger,
    fields: Pick<
      SimOrder,
      'kind' | 'originalOdno' | 'ticker' | 'side' | 'ordDvsn' | 'quantity' | 'price' | 'receivedAt'
    >,
  ): SimOrder {
    const session = marketSessionAt(fields.receivedAt, this.deps.calendar);
    const order: SimOrder = {
      ...fields,
      odno: '',
      orgNo: ledger.orgNo,
      environment: ledger.account.environment,
      cano: ledger.account.cano,
      productCode: ledger.account.productCode,
      provisionPrice: fields.price,
      tradeDate: session.date,
      expiresAt: fields.receivedAt.getTime(),
      checkedUntil: fields.receivedAt.getTime(),
      fills: [],
      filledQuantity: 0,
      filledAmount: 0,
      fees: 0,
      cancelledQuantity: 0,
      replacedQuantity: 0,
      expired: false,
      stuck: false,
      partialRatio: undefined,
      rejection: undefined,
      responseDropped: false,
    };
    this.orders.push(order);
    this.changed();
    return order;
  }

  private ledgerOf(order: SimOrder): AccountLedger | undefined {
    return this.deps.ledgers.get(order.cano);
  }

  private emit(event: ExchangeEvent): void {
    for (const listener of this.listeners) listener(event);
  }

  /** Listeners only schedule work (the state file is written debounced), so calling early in a change is enough. */
  private changed(): void {
    for (const listener of this.changeListeners) listener();
  }
}
