/**
 * `/pnl [day|week|month|year]`: realised and unrealised P&L, fees and taxes, against KODEX 200 (069500) over
 * the same period, from the stored fills and the closing NAV snapshots. Reads only.
 */
import type { Clock } from '../../domain/clock';
import { addDays, kstDate, kstInstant, type KstDate, type TradingCalendar } from '../../domain/market';
import { computePnl, type PnlFigures } from '../../domain/pnl';
import { parsePeriod, type DatePeriod } from '../../domain/scorecard';
import type { FillsReader } from '../ports/fills-reader';
import type { NavSnapshotRecord, TradingStore } from '../trading-store';
import type { ClosePrices } from './scorecard';

export const PNL_BENCHMARK = '069500';

export interface PnlDeps {
  snapshots: Pick<TradingStore, 'listNavSnapshots'>;
  fills: FillsReader;
  closes: ClosePrices;
  clock: Clock;
  calendar: TradingCalendar;
  onError?: (what: string, error: unknown) => void;
}

export type PnlResult =
  | {
      status: 'ok';
      period: DatePeriod;
      /** The base snapshot's date (a close, or a first start-of-day for a new account) and the end close's. */
      baseDate: KstDate;
      baseKind: 'close' | 'start_of_day';
      endDate: KstDate;
      figures: PnlFigures;
    }
  | { status: 'bad-period'; input: string }
  | { status: 'no-data'; period: DatePeriod };

export class PnlService {
  constructor(private readonly deps: PnlDeps) {}

  async report(request: { period?: string | null }): Promise<PnlResult> {
    const today = kstDate(this.deps.clock.now());
    const asked = parsePeriod(request.period, today, 'day', ['day', 'week', 'month', 'year']);
    if (!asked) return { status: 'bad-period', input: (request.period ?? '').slice(0, 40) };
    const closes = await this.deps.snapshots.listNavSnapshots({
      kind: 'close',
      fromDate: addDays(asked.from, -400),
      toDate: asked.to,
    });
    const end = closes.at(-1);
    // `day` is the last session with a close; the others need a close inside the period.
    const period: DatePeriod =
      asked.kind === 'day' && end
        ? { ...asked, from: end.tradeDate, to: end.tradeDate, label: end.tradeDate }
        : asked;
    if (!end || end.tradeDate < period.from) return { status: 'no-data', period };
    let base: NavSnapshotRecord | undefined = [...closes].reverse().find((c) => c.tradeDate < period.from);
    if (!base) {
      const starts = await this.deps.snapshots.listNavSnapshots({
        kind: 'start_of_day',
        fromDate: period.from,
        toDate: end.tradeDate,
      });
      base = starts[0];
    }
    if (!base) return { status: 'no-data', period };
    const baseKind = base.kind === 'close' ? 'close' : 'start_of_day';
    // Fills after the base close (or from the start-of-day's date) up to the end of the end date, KST.
    const fillsFrom =
      baseKind === 'close' ? kstInstant(addDays(base.tradeDate, 1)) : kstInstant(base.tradeDate);
    const fills = await this.deps.fills.listFills({
      from: fillsFrom,
      to: kstInstant(addDays(end.tradeDate, 1)),
    });
    const benchmarkBaseDate =
      baseKind === 'close' ? base.tradeDate : this.deps.calendar.previousTradingDay(base.tradeDate);
    const figures = computePnl({
      base: base,
      end,
      fills,
      benchmark: await this.benchmark(benchmarkBaseDate, end.tradeDate),
    });
    return { status: 'ok', period, baseDate: base.tradeDate, baseKind, endDate: end.tradeDate, figures };
  }

  private async benchmark(from: KstDate, to: KstDate): Promise<{ base: number; end: number } | null> {
    try {
      const closes = await this.deps.closes.closes(PNL_BENCHMARK, from, to);
      const base = closes.get(from);
      const end = closes.get(to);
      return base !== undefined && end !== undefined ? { base, end } : null;
    } catch (error) {
      this.deps.onError?.('pnl benchmark', error);
      return null;
    }
  }
}
