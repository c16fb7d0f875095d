import type { Krw, Shares } from '../money';
import type { Side } from '../ports';
import type { StrategyConfig } from './config';
import { marketableLimitPrice } from './limit-price';
import type { TargetHolding } from './sizing';
import { formatWon, localized, type LocalizedText } from './text';

export interface RebalanceLeg {
  ticker: string;
  side: Side;
  quantity: Shares;
  /** On the ETF tick grid. */
  limitPrice: Krw;
  /** quantity × limitPrice. */
  estimatedValue: Krw;
  heldQuantity: Shares;
  /** The plan's target; a buy cut to the cash (note BUY_REDUCED_FOR_CASH) reaches less than this. */
  targetQuantity: Shares;
  rationale: LocalizedText;
}

export type PlanNoteCode =
  | 'SAFE_ASSET_UNAVAILABLE'
  | 'BUY_REDUCED_FOR_CASH'
  | 'LEG_BELOW_MINIMUM'
  | 'UNMANAGED_HOLDING'
  | 'MISSING_PRICE';

export interface PlanNote {
  code: PlanNoteCode;
  ticker: string;
  text: LocalizedText;
}

export interface LegInput {
  /** Managed tickers in the order buys should be funded: momentum picks best first, then the safe asset. */
  order: readonly string[];
  held: ReadonlyMap<string, Shares>;
  targets: ReadonlyMap<string, TargetHolding>;
  /** Tick-grid last close of a ticker with fresh data, or null. */
  priceOf: (ticker: string) => Krw | null;
  cash: Krw;
  config: Pick<StrategyConfig, 'minTradeValue' | 'limitOffsetTicks' | 'limitOffsetBp'>;
  rationale: (ticker: string, held: Shares, target: TargetHolding | undefined) => LocalizedText;
}

/**
 * Order legs that move the holdings to the targets: all sells first, then buys in `order`. Legs worth less
 * than the minimum trade value are skipped, except full exits (dust would otherwise stay forever). Buys are
 * cut to what cash plus the sells' proceeds (both at limit prices) can pay.
 */
export function buildLegs(input: LegInput): { legs: RebalanceLeg[]; notes: PlanNote[] } {
  const { held, targets, config } = input;
  const notes: PlanNote[] = [];
  const sells: RebalanceLeg[] = [];
  const buys: RebalanceLeg[] = [];
  const tickers = [...new Set([...input.order, ...held.keys()])];
  for (const ticker of tickers) {
    const heldQuantity = held.get(ticker) ?? 0;
    const target = targets.get(ticker);
    const targetQuantity = target?.quantity ?? 0;
    if (heldQuantity === targetQuantity) continue;
    const price = input.priceOf(ticker);
    if (price === null) {
      notes.push({ code: 'MISSING_PRICE', ticker, text: localized((m) => m.notes.missingPrice({ ticker })) });
      continue;
    }
    const side: Side = targetQuantity > heldQuantity ? 'BUY' : 'SELL';
    const quantity = Math.abs(targetQuantity - heldQuantity);
    const limitPrice = marketableLimitPrice(price, side, config.limitOffsetTicks, config.limitOffsetBp);
    const leg: RebalanceLeg = {
      ticker,
      side,
      quantity,
      limitPrice,
      estimatedValue: quantity * limitPrice,
      heldQuantity,
      targetQuantity,
      rationale: input.rationale(ticker, heldQuantity, target),
    };
    const fullExit = side === 'SELL' && targetQuantity === 0;
    if (!fullExit && leg.estimatedValue < config.minTradeValue) {
      notes.push(belowMinimum(ticker, leg.estimatedValue, config.minTradeValue));
      continue;
    }
    (side === 'SELL' ? sells : buys).push(leg);
  }
  sells.sort((a, b) => (a.ticker < b.ticker ? -1 : 1));
  let available = input.cash + sells.reduce((sum, leg) => sum + leg.estimatedValue, 0);
  const fundedBuys: RebalanceLeg[] = [];
  for (const leg of buys) {
    if (leg.estimatedValue > available) {
      const affordable = Math.max(0, Math.floor(available / leg.limitPrice));
      const { ticker } = leg;
      notes.push({
        code: 'BUY_REDUCED_FOR_CASH',
        ticker,
        text: localized((m) => m.notes.buyReducedForCash({ ticker, from: leg.quantity, to: affordable })),
      });
      leg.quantity = affordable;
      leg.estimatedValue = affordable * leg.limitPrice;
      if (affordable === 0 || leg.estimatedValue < config.minTradeValue) {
        if (affordable > 0) notes.push(belowMinimum(ticker, leg.estimatedValue, config.minTradeValue));
        continue;
      }
    }
    available -= leg.estimatedValue;
    fundedBuys.push(leg);
  }
  return { legs: [...sells, ...fundedBuys], notes };
}

function belowMinimum(ticker: string, value: Krw, minimum: Krw): PlanNote {
  const text = localized((m, locale) =>
    m.notes.legBelowMinimum({ ticker, value: formatWon(value, locale), minimum: formatWon(minimum, locale) }),
  );
  return { code: 'LEG_BELOW_MINIMUM', ticker, text };
}
