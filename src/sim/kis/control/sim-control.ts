import type { Clock } from '../../../domain/clock';
import type { Exchange } from '../exchange/exchange';
import type { AccountLedger } from '../exchange/ledger';
import { statusOf, type SimOrder } from '../exchange/orders';
import type { FaultQueue } from '../gateway/faults';
import type { GatewayStats } from '../gateway/http-gateway';
import type { TokenStore } from '../gateway/tokens';
import type { Market } from '../market/market';
import type { SimControl, SimReceivedOrder } from '../types';

export interface SimControlDeps {
  clock: Clock;
  market: Market;
  exchange: Exchange;
  ledgers: readonly AccountLedger[];
  faults: FaultQueue;
  tokens: TokenStore;
  stats: GatewayStats;
  /** Read by the ETF price TR: a set premium replaces the simulated NAV noise. */
  navPremiums: Map<string, number>;
  /** Cash and positions set by hand must reach the state file too. */
  onStateChange: () => void;
  /** Starts or ends a realtime outage (the WebSocket server). */
  realtimeOutage: (down: boolean) => void;
}

/** The test/operator handle on a running simulator. */
export function createSimControl(deps: SimControlDeps): SimControl {
  const ledger = (cano: string): AccountLedger => {
    const found = deps.ledgers.find((l) => l.account.cano === cano);
    if (!found) throw new Error(`no simulated account ${cano}`);
    return found;
  };
  const knownTicker = (ticker: string): void => {
    if (!deps.market.has(ticker)) throw new Error(`ticker ${ticker} is not in the simulator's universe`);
  };
  return {
    injectFault: (fault) => deps.faults.add(fault),
    realtimeOutage: (down) => deps.realtimeOutage(down),
    clearFaults: () => deps.faults.clear(),
    receivedOrders: () => {
      deps.exchange.sync();
      return deps.exchange.allOrders().map(toReceivedOrder);
    },
    stats: () => ({
      requests: deps.stats.requests,
      rateLimited: deps.stats.rateLimited,
      tokensIssued: deps.tokens.issuedCount,
      byPath: { ...deps.stats.byPath },
    }),
    setCash: (cano, amount) => {
      if (!Number.isSafeInteger(amount)) throw new Error(`cash must be an integer KRW amount, got ${amount}`);
      deps.exchange.sync();
      ledger(cano).setCash(amount);
      deps.onStateChange();
    },
    setPosition: (cano, ticker, quantity, avgPrice) => {
      knownTicker(ticker);
      deps.exchange.sync();
      ledger(cano).setPosition(ticker, quantity, avgPrice);
      deps.onStateChange();
    },
    currentPrice: (ticker) => {
      knownTicker(ticker);
      deps.exchange.sync();
      const snapshot = deps.market.snapshot(ticker, deps.clock.now());
      if (!snapshot) throw new Error(`ticker ${ticker} has no price at this time`);
      return snapshot.price;
    },
    setPrice: (ticker, price) => {
      knownTicker(ticker);
      deps.exchange.sync();
      deps.market.pin(ticker, price, deps.clock.now());
      deps.exchange.matchCurrentPrice(ticker);
    },
    scriptPath: (ticker, steps) => {
      knownTicker(ticker);
      deps.exchange.sync();
      const now = deps.clock.now();
      const current = deps.market.snapshot(ticker, now)?.price;
      if (current === undefined) throw new Error(`ticker ${ticker} has no price at this time`);
      for (const step of steps) {
        if (!Number.isSafeInteger(step.afterMs) || step.afterMs < 0)
          throw new Error(`afterMs must be a non-negative integer, got ${step.afterMs}`);
        if ('changePct' in step && !(step.changePct > -100 && step.changePct <= 1_000))
          throw new Error(`changePct must be above -100 and at most 1000, got ${step.changePct}`);
        if ('price' in step && !(step.price > 0))
          throw new Error(`price must be positive, got ${step.price}`);
      }
      const prices = deps.market.scriptPath(
        ticker,
        steps.map((step) => ({
          afterMs: step.afterMs,
          price: 'price' in step ? step.price : (current * (100 + step.changePct)) / 100,
        })),
        now,
      );
      deps.exchange.matchCurrentPrice(ticker);
      return prices;
    },
    spikeVolume: (ticker, spike) => {
      knownTicker(ticker);
      deps.exchange.sync();
      const now = deps.clock.now();
      const shares =
        'shares' in spike
          ? spike.shares
          : Math.ceil(spike.multiple * deps.market.averageVolume(ticker, now, 20));
      if (!Number.isSafeInteger(shares) || shares <= 0)
        throw new Error(`a volume spike must add a positive whole number of shares, got ${shares}`);
      deps.market.addVolume(ticker, shares, now);
      return shares;
    },
    expireTokens: () => deps.tokens.expireAll(),
    setNavPremium: (ticker, premiumBp) => {
      knownTicker(ticker);
      if (premiumBp === null) {
        deps.navPremiums.delete(ticker);
        return;
      }
      if (!Number.isSafeInteger(premiumBp) || premiumBp <= -10_000 || premiumBp > 10_000)
        throw new Error(`premiumBp must be an integer above -10000 and at most 10000, got ${premiumBp}`);
      deps.navPremiums.set(ticker, premiumBp);
    },
  };
}

function toReceivedOrder(order: SimOrder): SimReceivedOrder {
  const received: SimReceivedOrder = {
    odno: order.odno,
    environment: order.environment,
    cano: order.cano,
    ticker: order.ticker,
    side: order.side,
    quantity: order.quantity,
    price: order.price,
    ordDvsn: order.ordDvsn,
    receivedAt: order.receivedAt,
    status: statusOf(order),
    filledQuantity: order.filledQuantity,
    kind: order.kind,
    originalOdno: order.originalOdno,
    responseDropped: order.responseDropped,
  };
  if (order.rejection) received.rejectCode = order.rejection.msgCd;
  return received;
}
