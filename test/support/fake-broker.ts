import type {
  Broker,
  BrokerBalance,
  BrokerOrder,
  BuyingPower,
  CancelOrderRequest,
  DailyBar,
  EtfNav,
  FillNotice,
  PlaceOrderRequest,
  PlaceOrderResult,
  Quote,
  Subscription,
  TradeTick,
} from '../../src/domain/ports';
import type { Clock } from '../../src/domain/clock';
import { kisTime, kstDate, type KstDate } from '../../src/domain/market';
import { priceBand } from '../../src/domain/money';

/**
 * An in-memory broker for trading-core tests: prices and cash are set by the test, every call is recorded,
 * and placeOrder's outcome can be scripted (accept, reject, lose the answer after "sending", …).
 */
export class FakeBroker implements Broker {
  readonly environment = 'paper' as const;
  readonly calls: { method: string; args: unknown[] }[] = [];
  readonly brokerOrders: BrokerOrder[] = [];
  prices = new Map<string, number>([
    ['069500', 35_980],
    ['114260', 59_000],
    ['133690', 120_000],
  ]);
  cash = 1_000_000;
  holdings = new Map<string, { quantity: number; purchaseAmount: number }>();
  /** Scripted outcomes for the next placeOrder calls; default is accept. */
  placeScript: ('accept' | 'reject' | 'unknown-executed' | 'unknown-not-received' | 'throw')[] = [];
  /** Scripted outcomes for the next cancelOrder calls; default is accept (the order is cancelled). */
  cancelScript: ('accept' | 'reject' | 'unknown-executed' | 'unknown-not-received' | 'throw')[] = [];
  failListOrders = 0;
  failBalance = 0;
  private nextOdno = 1;
  private fillListeners: ((n: FillNotice) => void)[] = [];

  constructor(private readonly clock: Clock) {}

  private record(method: string, ...args: unknown[]) {
    this.calls.push({ method, args });
  }

  callsOf(method: string) {
    return this.calls.filter((c) => c.method === method);
  }

  async getQuote(ticker: string): Promise<Quote> {
    this.record('getQuote', ticker);
    const price = this.prices.get(ticker);
    if (price === undefined) throw new Error(`unknown ticker ${ticker}`);
    const band = priceBand(price, 'ETF');
    return {
      ticker,
      name: `ETF ${ticker}`,
      price,
      open: price,
      high: price,
      low: price,
      basePrice: price,
      upperLimit: band.upper,
      lowerLimit: band.lower,
      changeFromPrevious: 0,
      volume: 0,
      tickSize: price < 2000 ? 1 : 5,
      halted: false,
      asOf: this.clock.now(),
    };
  }

  async getDailyBars(): Promise<DailyBar[]> {
    return [];
  }

  async getEtfNav(ticker: string): Promise<EtfNav> {
    return { supported: false, ticker, reason: 'paper' };
  }

  async getBalance(): Promise<BrokerBalance> {
    this.record('getBalance');
    if (this.failBalance > 0) {
      this.failBalance--;
      throw new Error('balance unavailable');
    }
    const positions = [...this.holdings.entries()]
      .filter(([, h]) => h.quantity > 0)
      .map(([ticker, h]) => {
        const price = this.prices.get(ticker) ?? 0;
        return {
          ticker,
          name: ticker,
          quantity: h.quantity,
          orderableQuantity: h.quantity,
          purchaseAmount: h.purchaseAmount,
          price,
          marketValue: price * h.quantity,
          unrealizedPnl: price * h.quantity - h.purchaseAmount,
        };
      });
    const securitiesValue = positions.reduce((s, p) => s + p.marketValue, 0);
    return {
      positions,
      cash: this.cash,
      cashD2: this.cash,
      securitiesValue,
      totalValue: this.cash + securitiesValue,
      asOf: this.clock.now(),
    };
  }

  async getBuyingPower(ticker: string, price?: number): Promise<BuyingPower> {
    this.record('getBuyingPower', ticker, price);
    const p = price ?? this.prices.get(ticker) ?? 1;
    return {
      ticker,
      price: p,
      orderableCash: this.cash,
      maxAmount: this.cash,
      maxQuantity: Math.floor(this.cash / p),
      asOf: this.clock.now(),
    };
  }

  async placeOrder(request: PlaceOrderRequest): Promise<PlaceOrderResult> {
    this.record('placeOrder', request);
    const step = this.placeScript.shift() ?? 'accept';
    if (step === 'throw') throw new Error('socket hang up');
    if (step === 'reject')
      return { status: 'rejected', code: 'APBK0952', message: '주문가능금액을 초과 했습니다' };
    if (step === 'unknown-not-received')
      return { status: 'unknown', reason: 'TIMEOUT', message: 'timed out' };
    const odno = String(this.nextOdno++).padStart(10, '0');
    const now = this.clock.now();
    this.brokerOrders.push({
      brokerOrderId: odno,
      orgNo: '00950',
      originalOrderId: '',
      date: kstDate(now),
      time: kisTime(now),
      ticker: request.ticker,
      side: request.side,
      orderDivision: request.orderType === 'LIMIT' ? '00' : '01',
      quantity: request.quantity,
      price: request.limitPrice ?? 0,
      filledQuantity: 0,
      filledAmount: 0,
      remainingQuantity: request.quantity,
      rejectedQuantity: 0,
      cancelled: false,
    });
    if (step === 'unknown-executed')
      return { status: 'unknown', reason: 'RESPONSE_LOST', message: 'connection reset after sending' };
    return {
      status: 'accepted',
      brokerOrderId: odno,
      orgNo: '00950',
      orderTime: kisTime(now),
      message: 'ok',
    };
  }

  /** Fills a broker order (as the exchange would) and notifies fill listeners. */
  fill(brokerOrderId: string, quantity: number, price: number, notify = true): void {
    const order = this.brokerOrders.find((o) => o.brokerOrderId === brokerOrderId);
    if (!order) throw new Error(`no broker order ${brokerOrderId}`);
    order.filledQuantity += quantity;
    order.filledAmount += quantity * price;
    order.remainingQuantity -= quantity;
    const h = this.holdings.get(order.ticker) ?? { quantity: 0, purchaseAmount: 0 };
    if (order.side === 'BUY') {
      h.quantity += quantity;
      h.purchaseAmount += quantity * price;
      this.cash -= quantity * price;
    } else {
      h.purchaseAmount -= Math.floor((h.purchaseAmount * quantity) / h.quantity);
      h.quantity -= quantity;
      this.cash += quantity * price;
    }
    this.holdings.set(order.ticker, h);
    if (notify) {
      for (const l of this.fillListeners) {
        l({
          kind: 'fill',
          brokerOrderId,
          originalOrderId: '',
          ticker: order.ticker,
          side: order.side,
          quantity,
          price,
          time: kisTime(this.clock.now()),
        });
      }
    }
  }

  async cancelOrder(request: CancelOrderRequest): Promise<PlaceOrderResult> {
    this.record('cancelOrder', request);
    const step = this.cancelScript.shift() ?? 'accept';
    if (step === 'throw') throw new Error('socket hang up');
    if (step === 'reject')
      return { status: 'rejected', code: 'APBK0918', message: '취소 가능 수량이 없습니다' };
    if (step === 'unknown-not-received')
      return { status: 'unknown', reason: 'TIMEOUT', message: 'timed out' };
    const order = this.brokerOrders.find((o) => o.brokerOrderId === request.brokerOrderId);
    if (order) order.cancelled = true;
    if (step === 'unknown-executed')
      return { status: 'unknown', reason: 'RESPONSE_LOST', message: 'connection reset after sending' };
    return {
      status: 'accepted',
      brokerOrderId: String(this.nextOdno++).padStart(10, '0'),
      orgNo: '00950',
      orderTime: kisTime(this.clock.now()),
      message: 'ok',
    };
  }

  /** Records the date range asked for; answers with every order it holds, whatever the range. */
  async listOrders(from?: KstDate, to?: KstDate): Promise<BrokerOrder[]> {
    this.record('listOrders', from, to);
    if (this.failListOrders > 0) {
      this.failListOrders--;
      throw new Error('inquiry page 2 failed');
    }
    return this.brokerOrders.map((o) => ({ ...o }));
  }

  async subscribeFills(onNotice: (notice: FillNotice) => void): Promise<Subscription> {
    this.fillListeners.push(onNotice);
    return {
      close: async () => void (this.fillListeners = this.fillListeners.filter((l) => l !== onNotice)),
    };
  }

  async subscribeTrades(_tickers: string[], _onTick: (tick: TradeTick) => void): Promise<Subscription> {
    return { close: async () => {} };
  }

  async close(): Promise<void> {}
}
