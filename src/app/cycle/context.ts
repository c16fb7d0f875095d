/**
 * What the daily cycle is built from and what each step is handed when it runs.
 */
import type { Clock } from '../../domain/clock';
import type { TradingCalendar } from '../../domain/market';
import type { Broker } from '../../domain/ports';
import type { MemoryStore } from '../../domain/ports/memory';
import type { RiskLimits } from '../../domain/risk';
import type { StrategyConfig } from '../../domain/strategy';
import type { Locale } from '../desk-api';
import type { CycleStore, DailyRunRecord } from '../ports/cycle-store';
import type { TradingCore } from '../trading-core';
import type { TradingStore } from '../trading-store';
import type { StepName, StepOutputs } from './outputs';
import type { ChartRenderer, CyclePublisher, NewsSource } from './ports';

/** The `cycle` section of the configuration. */
export interface CycleSettings {
  /** HH:MM KST: the scheduled start. */
  time: string;
  /** HH:MM KST: no run is started or resumed at or after this time. */
  catchUpCutoff: string;
  universe: readonly string[];
  /** A ticker, or 'CASH'. */
  safeAsset: string;
  topN: number;
  /** Cash sweep into the safe ETF (default: DEFAULT_STRATEGY_CONFIG's, chosen by the study). */
  cashSweep?: boolean;
  /** Plan on the (offset + 1)-th trading day of the month (default 0). */
  rebalanceOffsetDays?: number;
  /** Momentum window and skipped recent days in trading days; ATR loss budget in bp (default: the study's). */
  lookbackDays?: number;
  skipDays?: number;
  riskBudgetBp?: number;
  /** approve: one plan card for people to approve; auto: the cycle approves its own legs (the guard still runs). */
  orders: 'approve' | 'auto';
  newsFeeds: readonly string[];
}

export interface RetryPolicy {
  /** Attempts per step within one run attempt (≥ 1). */
  attempts: number;
  /** Wait before attempt n+1 is delaysMs[n-1] (the last one repeats). */
  delaysMs: readonly number[];
  sleep?: (ms: number) => Promise<void>;
}

export interface DailyCycleDeps {
  store: CycleStore;
  tradingStore: TradingStore;
  core: Pick<TradingCore, 'approvals' | 'alerts' | 'tradingState' | 'accountData'>;
  broker: Broker;
  clock: Clock;
  calendar: TradingCalendar;
  limits: RiskLimits;
  settings: CycleSettings;
  /** Overrides of DEFAULT_STRATEGY_CONFIG beyond universe / safe asset / topN (which come from settings). */
  strategy?: Partial<StrategyConfig>;
  /** Long-term memory; without it the memory steps record that they were skipped. */
  memory: MemoryStore | null;
  /** Without it (or without feeds) the news step records an empty crawl. */
  news: NewsSource | null;
  publisher: CyclePublisher;
  renderChart: ChartRenderer;
  /** Language of the stored briefing memory and the intents' rationale. */
  locale: Locale;
  /** ETF names by ticker, for the briefing. */
  names?: Readonly<Record<string, string>>;
  /** The approval scorecard's line for the Friday briefing (null on other days). */
  scorecard?: { briefingLine(tradeDate: string): Promise<Record<Locale, string> | null> };
  retry?: RetryPolicy;
  /** A FAILED run is resumed by the scheduler at most this often (manual runs resume at once). Default 5 min. */
  retryFailedAfterMs?: number;
  onError?: (what: string, error: unknown) => void;
}

export interface StepContext {
  run: DailyRunRecord;
  tradeDate: string;
  deps: DailyCycleDeps;
  /** The checkpointed output of an earlier step of this run. */
  output<K extends StepName>(step: K): StepOutputs[K];
  /** 1-based attempt of this step within the current run attempt. */
  attempt: number;
  /** On the last attempt a step degrades (records what it could not get) instead of failing, where it can. */
  lastAttempt: boolean;
}

export interface CycleStep<K extends StepName> {
  readonly name: K;
  run(ctx: StepContext): Promise<StepOutputs[K]>;
}
