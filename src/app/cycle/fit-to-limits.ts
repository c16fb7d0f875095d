import { mulDivFloor } from '../../domain/money';
import type { Side } from '../../domain/ports';
import type { RiskLimits } from '../../domain/risk';
import type { FitLimit } from './outputs';

export interface LegToFit {
  ticker: string;
  side: Side;
  quantity: number;
  limitPrice: number;
}

export interface FittedLeg<L extends LegToFit> {
  leg: L;
  /** ≤ the leg's quantity; 0 means the guard's limits leave nothing of it. */
  quantity: number;
  clippedBy: FitLimit | null;
  /** The limit's value in KRW (per order, cash share, or weight ceiling), for the note. */
  limitValue: number | null;
}

export interface FitInput<L extends LegToFit> {
  /** Sells first, as the plan orders them. */
  legs: readonly L[];
  /** The cash part of NAV (D+2), which the fat-finger rule measures against. */
  cash: number;
  positions: readonly { ticker: string; quantity: number; price: number }[];
  /** Fresh prices where known; positions fall back to their balance price, others to the limit price. */
  marks: ReadonlyMap<string, number>;
  limits: Pick<RiskLimits, 'maxOrderValue' | 'fatFingerCashBp' | 'maxPositionWeightBp'>;
}

/**
 * Cuts each leg to what the risk guard would accept, walking the plan as `checkPlan` does (sells first, each
 * leg's cash and holdings carried into the next): per-order value for every leg; for buys also the cash share
 * (fat finger) and the post-trade position weight. The strategy sizes for the portfolio it wants; the guard
 * decides what one day may send. What is cut is reached at a later rebalance.
 */
export function fitLegsToLimits<L extends LegToFit>(input: FitInput<L>): FittedLeg<L>[] {
  const { limits } = input;
  let cash = input.cash;
  const held = new Map(input.positions.map((p) => [p.ticker, p.quantity]));
  const markOf = (ticker: string, fallback: number): number =>
    input.marks.get(ticker) ?? input.positions.find((p) => p.ticker === ticker)?.price ?? fallback;
  const equity = (): number => {
    let total = cash;
    for (const [ticker, quantity] of held) total += quantity * markOf(ticker, 0);
    return total;
  };

  const ordered = [
    ...input.legs.filter((l) => l.side === 'SELL'),
    ...input.legs.filter((l) => l.side !== 'SELL'),
  ];
  return ordered.map((leg) => {
    const caps: { limit: FitLimit; quantity: number; value: number }[] = [
      {
        limit: 'MAX_ORDER_VALUE',
        quantity: Math.floor(limits.maxOrderValue / leg.limitPrice),
        value: limits.maxOrderValue,
      },
    ];
    if (leg.side === 'BUY') {
      const cashCap = mulDivFloor(Math.max(cash, 0), limits.fatFingerCashBp, 10_000);
      caps.push({ limit: 'FAT_FINGER', quantity: Math.floor(cashCap / leg.limitPrice), value: cashCap });
      const weightCap = mulDivFloor(Math.max(equity(), 0), limits.maxPositionWeightBp, 10_000);
      const weightPrice = Math.max(leg.limitPrice, markOf(leg.ticker, leg.limitPrice));
      const room = Math.floor(weightCap / weightPrice) - (held.get(leg.ticker) ?? 0);
      caps.push({ limit: 'MAX_POSITION_WEIGHT', quantity: room, value: limits.maxPositionWeightBp });
    }
    let quantity = leg.quantity;
    let binding: (typeof caps)[number] | null = null;
    for (const cap of caps) {
      if (cap.quantity < quantity) {
        quantity = Math.max(0, cap.quantity);
        binding = cap;
      }
    }
    if (quantity > 0) {
      const value = quantity * leg.limitPrice;
      cash += leg.side === 'SELL' ? value : -value;
      held.set(leg.ticker, (held.get(leg.ticker) ?? 0) + (leg.side === 'SELL' ? -quantity : quantity));
    }
    return { leg, quantity, clippedBy: binding?.limit ?? null, limitValue: binding?.value ?? null };
  });
}
