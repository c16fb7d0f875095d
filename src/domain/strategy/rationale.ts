import type { Shares } from '../money';
import { CASH, type StrategyConfig } from './config';
import type { MomentumSignals } from './signals';
import type { TargetHolding } from './sizing';
import { formatBpPercent, formatRatioPercent, localized, type LocalizedText } from './text';

export interface RationaleContext {
  signals: MomentumSignals;
  config: StrategyConfig;
  emptySlots: number;
  /** The safe ETF's target is the cash sweep's (everything the momentum picks leave). */
  swept?: boolean;
}

/** Why a leg exists: the signal behind it (ROC, rank, hurdle or safe-asset slots) and the sizing. */
export function legRationale(
  ticker: string,
  heldQuantity: Shares,
  target: TargetHolding | undefined,
  context: RationaleContext,
): LocalizedText {
  const { signals, config, emptySlots } = context;
  const hurdle = formatRatioPercent(signals.hurdle.roc);
  return localized((m) => {
    const hurdleName = config.safeAsset === CASH ? m.cash : config.safeAsset;
    let reason: string;
    if (ticker === config.safeAsset) {
      const safeRoc = signals.safe?.roc;
      reason = context.swept
        ? m.safeSweep({ safe: ticker, filled: config.topN - emptySlots, topN: config.topN })
        : emptySlots > 0
          ? m.safeSlots({
              safe: ticker,
              filled: config.topN - emptySlots,
              empty: emptySlots,
              topN: config.topN,
              roc: safeRoc === null || safeRoc === undefined ? '-' : formatRatioPercent(safeRoc),
            })
          : m.safeNotNeeded({ safe: ticker, topN: config.topN });
    } else {
      const s = signals.risk.find((r) => r.ticker === ticker);
      if (!s || s.status !== 'RANKED' || s.rank === null || s.roc === null) {
        reason = m.noSignal({ ticker, problem: !s || s.status === 'RANKED' ? 'NO_DATA' : s.status });
      } else {
        const figures = { ticker, rank: s.rank, roc: formatRatioPercent(s.roc), hurdleName, hurdle };
        if (s.selected) reason = m.momentumPick(figures);
        else if (!s.aboveHurdle) reason = m.belowHurdle(figures);
        else reason = m.rankedOut({ ...figures, topN: config.topN });
      }
    }
    const sizing =
      target && target.quantity > 0
        ? m.sizing({
            targetQuantity: target.quantity,
            heldQuantity,
            weight: formatBpPercent(target.weightBp),
            limit: target.limit,
          })
        : m.exitAll({ heldQuantity });
    return `${reason} · ${sizing}`;
  });
}
