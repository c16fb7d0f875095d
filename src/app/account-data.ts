/**
 * Fresh data for the risk guard: a quote, the balance and the buying power, read from the broker at the
 * moment of the check. A failed read becomes `null`, which the guard turns into a fail-closed denial.
 */
import type { Clock } from '../domain/clock';
import { kstDate, kstInstant, type TradingCalendar } from '../domain/market';
import { OPEN_ORDER_STATUSES } from '../domain/order';
import type { Broker, BrokerBalance, BuyingPower, EtfNav, Quote } from '../domain/ports';
import type { AccountSnapshot, GuardInput, GuardOrder, NewOrder, RiskLimits, TradingState } from '../domain/risk';
import { navSnapshotOf } from './nav';
import type { BlackoutService } from './blackouts';
import type { TradingStore } from './trading-store';

export interface AccountDataDeps {
  broker: Broker;
  store: TradingStore;
  clock: Clock;
  calendar: TradingCalendar;
  limits: RiskLimits;
  onReadError?: (what: string, error: unknown) => void;
  /** KIS maintenance windows; absent: none. */
  blackouts?: Pick<BlackoutService, 'active'>;
  /** How many approved orders may wait at once; absent: unbounded. */
  maxDeferred?: number;
}

export class AccountData {
  constructor(private readonly deps: AccountDataDeps) {}

  async quote(ticker: string): Promise<Quote | null> {
    try {
      return await this.deps.broker.getQuote(ticker);
    } catch (error) {
      this.deps.onReadError?.('quote', error);
      return null;
    }
  }

  /** The ETF's NAV; a failed read is `null`, which the NAV rule treats as missing data. */
  async nav(ticker: string): Promise<EtfNav | null> {
    try {
      return await this.deps.broker.getEtfNav(ticker);
    } catch (error) {
      this.deps.onReadError?.('nav', error);
      return null;
    }
  }

  async balance(): Promise<BrokerBalance | null> {
    try {
      return await this.deps.broker.getBalance();
    } catch (error) {
      this.deps.onReadError?.('balance', error);
      return null;
    }
  }

  /** The start-of-day NAV: the snapshot taken at the day's first look, recorded once per trade date. */
  async startOfDayNav(balance: BrokerBalance): Promise<number> {
    const today = kstDate(this.deps.clock.now());
    const existing = await this.deps.store.getNavSnapshot(today, 'start_of_day');
    if (existing) return existing.nav;
    await this.deps.store.saveNavSnapshot(
      navSnapshotOf(balance, today, 'start_of_day', this.deps.clock.now()),
    );
    return (await this.deps.store.getNavSnapshot(today, 'start_of_day'))?.nav ?? balance.totalValue;
  }

  /**
   * The balance and, for a buy, the buying power — read at the same time. The quote may still be on its way
   * (guardInput reads everything at once); only a MARKET buy waits for it, to price the buying-power question.
   */
  async account(
    order: GuardOrder,
    quote: Quote | null | PromiseLike<Quote | null>,
  ): Promise<AccountSnapshot | null> {
    const needsBuyingPower = order.kind === 'NEW' && order.side === 'BUY';
    const buyingPowerRead = needsBuyingPower ? this.buyingPower(order, quote) : Promise.resolve(null);
    const [balance, buyingPower] = await Promise.all([this.balance(), buyingPowerRead]);
    if (!balance) return null;
    if (needsBuyingPower && buyingPower === null) return null;
    return {
      cash: balance.cashD2,
      buyingPower,
      positions: balance.positions.map((p) => ({
        ticker: p.ticker,
        quantity: p.quantity,
        orderableQuantity: p.orderableQuantity,
        price: p.price,
      })),
      startOfDayNav: await this.startOfDayNav(balance),
      asOf: balance.asOf,
    };
  }

  /** The buying power for a buy; a failed read is `null` (the account is then unknown and the guard fails closed). */
  private async buyingPower(
    order: NewOrder,
    quote: Quote | null | PromiseLike<Quote | null>,
  ): Promise<BuyingPower | null> {
    try {
      const price = order.orderType === 'LIMIT' ? order.limitPrice : (await quote)?.price;
      return await this.deps.broker.getBuyingPower(order.ticker, price);
    } catch (error) {
      this.deps.onReadError?.('buying power', error);
      return null;
    }
  }

  /** Orders still open (UNKNOWN counts as open) and how many were created on the trade date. */
  async orderActivity(tradeDate: string): Promise<Pick<GuardInput, 'openOrders' | 'ordersToday'>> {
    const open = await this.deps.store.listOrders({ statuses: OPEN_ORDER_STATUSES });
    return {
      openOrders: open.map((o) => ({
        ticker: o.ticker,
        side: o.side,
        remainingQuantity: o.quantity - o.filledQuantity,
      })),
      ordersToday: await this.deps.store.countOrdersCreatedSince(kstInstant(tradeDate, 0, 0)),
    };
  }

  get limits(): RiskLimits {
    return this.deps.limits;
  }

  /** Everything the guard needs, read fresh. A quote the caller just read may be passed in to avoid a second read. */
  async guardInput(
    order: GuardOrder,
    tradingState: TradingState,
    freshQuote?: Quote | null,
  ): Promise<GuardInput> {
    const now = this.deps.clock.now();
    // Every read at once: the quote, the NAV, the balance (and buying power) and the books are independent, so a
    // click waits for the slowest read rather than for their sum (the shared KIS budget still paces them).
    const quoteRead = freshQuote !== undefined ? Promise.resolve(freshQuote) : this.quote(order.ticker);
    const max = this.deps.maxDeferred;
    const [quote, nav, account, { openOrders, ordersToday }, deferredCount] = await Promise.all([
      quoteRead,
      order.kind === 'NEW' ? this.nav(order.ticker) : Promise.resolve(null),
      this.account(order, quoteRead),
      this.orderActivity(kstDate(now)),
      max === undefined
        ? Promise.resolve(0)
        : this.deps.store.listIntents({ statuses: ['DEFERRED'] }).then((rows) => rows.length),
    ]);
    const deferredQueue = max === undefined ? undefined : { size: deferredCount, max };
    return {
      order,
      quote,
      nav,
      account,
      openOrders,
      ordersToday,
      tradingState,
      environment: this.deps.broker.environment,
      calendar: this.deps.calendar,
      now,
      limits: this.deps.limits,
      blackout: this.deps.blackouts?.active(now) ?? null,
      ...(deferredQueue ? { deferredQueue } : {}),
    };
  }
}
