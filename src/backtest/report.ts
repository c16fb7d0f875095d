import { formatKrw } from '../domain/money';
import { CASH } from '../domain/strategy/config';
import type { PerformanceMetrics } from './metrics';
import type { BacktestResult } from './run';

export const pct = (ratio: number, signed = true): string => {
  const text = `${(ratio * 100).toFixed(2)}%`;
  return signed && ratio > 0 ? `+${text}` : text;
};
const krw = (value: number): string => formatKrw(value, 'en').replace('₩', '');

/** Display width as Markdown formatters count it: Hangul and CJK take two columns. */
function displayWidth(text: string): number {
  let width = 0;
  for (const char of text) {
    const code = char.codePointAt(0)!;
    const wide =
      (code >= 0x1100 && code <= 0x115f) ||
      (code >= 0x2e80 && code <= 0xa4cf) ||
      (code >= 0xac00 && code <= 0xd7a3) ||
      (code >= 0xf900 && code <= 0xfaff) ||
      (code >= 0xff00 && code <= 0xff60);
    width += wide ? 2 : 1;
  }
  return width;
}

/** A Markdown table with padded columns, so it reads well in a terminal and Prettier leaves it as it is. */
export function table(header: string[], rows: string[][], align: ('l' | 'r')[]): string {
  const widths = header.map((h, c) =>
    Math.max(3, displayWidth(h), ...rows.map((r) => displayWidth(r[c] ?? ''))),
  );
  const pad = (cell: string, c: number): string => {
    const fill = ' '.repeat(widths[c]! - displayWidth(cell));
    return align[c] === 'r' ? fill + cell : cell + fill;
  };
  const line = (cells: string[]): string => `| ${cells.map(pad).join(' | ')} |`;
  const rule = widths.map((w, c) => (align[c] === 'r' ? `${'-'.repeat(w - 1)}:` : '-'.repeat(w)));
  return [line(header), `| ${rule.join(' | ')} |`, ...rows.map(line)].join('\n');
}

/** Strategy vs the passive comparisons: the figures the CLI prints and the report embeds verbatim. */
export function formatMetricsTable(result: BacktestResult): string {
  const s = result.metrics.strategy;
  const columns = [
    { metrics: s, cagrAfterTax: result.tax.cagrAfterTax, taxPaid: result.tax.paid },
    ...result.comparisons,
  ];
  const rfLabel = pct(result.config.riskFreeRate, false);
  const row = (label: string, f: (m: PerformanceMetrics) => string): string[] => [
    label,
    ...columns.map((c) => f(c.metrics)),
  ];
  return table(
    ['Metric', 'Strategy', ...result.comparisons.map((c) => c.label)],
    [
      row('Period', (m) => `${m.from} .. ${m.to}`),
      row('Initial capital (KRW)', (m) => krw(m.initialCapital)),
      row('Final NAV (KRW)', (m) => krw(m.finalNav)),
      row('Total return', (m) => pct(m.totalReturn)),
      row('CAGR (NAV: costs and withheld tax paid)', (m) => pct(m.cagr)),
      [
        `CAGR after tax (${result.config.accountType}, as if sold out on the last day)`,
        ...columns.map((c) => pct(c.cagrAfterTax)),
      ],
      ['Tax paid or due (KRW)', ...columns.map((c) => krw(c.taxPaid))],
      row('Annualised volatility', (m) => pct(m.annualVolatility, false)),
      row(`Sharpe (risk-free ${rfLabel} a year)`, (m) => m.sharpe.toFixed(2)),
      row('Max drawdown', (m) => pct(m.maxDrawdown, false)),
      row('Max drawdown peak → trough', (m) => `${m.maxDrawdownPeak ?? '-'} → ${m.maxDrawdownTrough ?? '-'}`),
      row('Turnover (traded value ÷ average NAV, per year)', (m) => `${m.annualTurnover.toFixed(2)}x`),
      row('Trades (fills)', (m) => String(m.trades)),
      row('Commission paid (KRW)', (m) => krw(m.commissionPaid)),
    ],
    ['l', 'r', ...result.comparisons.map(() => 'r' as const)],
  );
}

export function formatYearlyTable(result: BacktestResult): string {
  return table(
    ['Year', 'Strategy', ...result.comparisons.map((c) => c.label)],
    result.yearly.map((y) => [
      String(y.year),
      pct(y.strategy),
      ...result.comparisons.map((c) => {
        const r = c.yearly.get(y.year);
        return r === undefined ? '-' : pct(r);
      }),
    ]),
    ['l', 'r', ...result.comparisons.map(() => 'r' as const)],
  );
}

export interface ExecutionStats {
  rebalances: number;
  fills: number;
  openBeyondLimit: number;
  buysCutForCash: number;
  legsWithoutBar: number;
  averageCashFraction: number;
  dataEndedSales: number;
  /** Plan legs cut by a guard limit (fit) or denied by an offline guard rule. */
  clippedLegs: number;
  /** Orders the carry-over sent on the days after a plan. */
  carriedOrders: number;
  /** Plan tickers still not at their target when the next plan (or the end) came. */
  abandonedLegs: number;
  limitNotReached: number;
  filledAtLimit: number;
}

export function executionStats(result: BacktestResult): ExecutionStats {
  const run = result.strategy;
  const equity = run.equity;
  return {
    rebalances: run.plans.length,
    fills: run.fills.length,
    openBeyondLimit: run.fills.filter((f) => f.openBeyondLimit).length,
    buysCutForCash: run.unfilled.filter((u) => u.reason === 'NO_CASH').length,
    legsWithoutBar: run.unfilled.filter((u) => u.reason === 'NO_BAR_ON_DAY').length,
    averageCashFraction:
      equity.reduce((sum, e) => sum + (e.nav > 0 ? e.cash / e.nav : 0), 0) / Math.max(1, equity.length),
    dataEndedSales: run.fills.filter((f) => f.reason === 'DATA_ENDED').length,
    clippedLegs: run.clipped.filter((c) => c.kind === 'PLAN').length,
    carriedOrders: run.orders.filter((o) => o.kind === 'CARRY_OVER').length,
    abandonedLegs: run.abandoned.length,
    limitNotReached: run.unfilled.filter((u) => u.reason === 'LIMIT_NOT_REACHED').length,
    filledAtLimit: run.fills.filter((f) => f.filledAt === 'LIMIT').length,
  };
}

export function formatExecutionSummary(result: BacktestResult): string {
  const x = executionStats(result);
  const events = result.strategy.events;
  const lines = [
    `- Rebalances: ${x.rebalances} (${result.config.strategy.rebalanceOffsetDays === 0 ? 'first trading day' : `trading day ${result.config.strategy.rebalanceOffsetDays + 1}`} of each month; the first backtest day is forced)`,
    `- Fills: ${x.fills}, of which ${x.filledAtLimit} at the limit (the open was beyond it and the day's range reached it); orders not filled (limit not reached): ${x.limitNotReached}`,
    `- Post-plan path (the live cycle's): clipped legs ${x.clippedLegs} (plan legs cut by a guard limit or denied by an offline guard rule); carried orders ${x.carriedOrders} (carry-over orders on the days after a plan); abandoned legs ${x.abandonedLegs} (still undone when the next plan came)`,
    `- Buy legs cut for cash at the open: ${x.buysCutForCash}; legs with no bar on the day: ${x.legsWithoutBar}`,
    `- Tax (account: ${result.tax.accountType}; 15.4 % on gains of non-domestic-equity ETFs in a taxable account, ISA 9.9 % above 2,000,000 KRW at closing, pension none — src/backtest/tax.ts): ${result.tax.paid.toLocaleString('en-US')} KRW; CAGR before tax ${pct(result.tax.cagrBeforeTax)}, after tax ${pct(result.tax.cagrAfterTax)} (tax withheld on sales, plus what selling out on the last day would owe). 069500 is a domestic-equity ETF: no tax on its gains.`,
    `- Average cash: ${pct(x.averageCashFraction, false)} of NAV`,
    events.length === 0
      ? '- Universe changes: none (no ticker in this run ran out of data before the end date)'
      : `- Universe changes: ${events
          .map(
            (e) =>
              `${e.ticker} dropped on ${e.date} (data ends ${e.lastBarDate}, ${e.liquidatedQuantity} shares sold at the last close)`,
          )
          .join('; ')}`,
  ];
  return lines.join('\n');
}

/** What the CLI prints: exactly the blocks the report embeds. */
export function formatConsoleSummary(result: BacktestResult): string {
  return [formatMetricsTable(result), '', formatYearlyTable(result), '', formatExecutionSummary(result)].join(
    '\n',
  );
}

const UNIVERSE_REASONS: Record<string, string> = {
  '069500': 'Korean large caps (KOSPI 200): the core domestic equity exposure.',
  '229200':
    'Korean small/mid growth (KOSDAQ 150): a different cycle from KOSPI 200. Listed 2015-10, ranked once it has 12 months of bars.',
  '133690': 'US large-cap technology (Nasdaq-100), KRW unhedged: foreign equity plus USD.',
  '360750':
    'US broad market (S&P 500). Listed 2020-08: ranked only from about 2021-08 (no signal before 252 bars exist).',
  '132030': 'Gold futures (hedged): a crisis and inflation diversifier with low equity correlation.',
  '148070': 'Korean 10-year government bonds: duration, ranked against the 3-year bond hurdle.',
  '091160': 'Korean semiconductors: the dominant domestic sector trend, a higher-momentum equity sleeve.',
  '139260': 'Korean IT (KOSPI 200 IT).',
  '114260': 'Korean 3-year government bonds.',
};

const EXCLUDED_NOTE = [
  '102110 (TIGER 200) and 379800 (KODEX 미국S&P500TR) duplicate 069500 and 360750.',
  '139260 (TIGER 200 IT) overlaps 091160 and 069500 heavily; one Korean tech sleeve is enough.',
  '122630 / 114800 (leverage / inverse) are daily-reset products, unsuitable for monthly holding; inverse momentum would double-count the equity signal.',
  '305720, 130680, 192090, 238720 have data ending in 2022–2023: they would be dropped part-way through 2016–2025.',
  '261220, 157450, 153130 have no daily data.',
].map((l) => `- ${l}`);

export interface ReportContext {
  names: Record<string, string>;
  command: string;
  chartFile: string;
  /** The study's walk-forward (docs/study/study.json), when it has been run. */
  walkForward?: {
    outOfSampleCagr: number;
    from: string;
    to: string;
    command: string;
    inSampleMonths: number;
    outOfSampleMonths: number;
  } | null;
}

function holdingMonths(result: BacktestResult): Map<string, number> {
  const months = new Map<string, number>();
  for (const plan of result.strategy.plans) {
    for (const t of plan.targets) if (t.quantity > 0) months.set(t.ticker, (months.get(t.ticker) ?? 0) + 1);
  }
  return months;
}

function firstRanked(result: BacktestResult, ticker: string): string {
  const plan = result.strategy.plans.find((p) =>
    p.signals.risk.some((s) => s.ticker === ticker && s.status === 'RANKED'),
  );
  return plan?.date ?? '-';
}

export function renderReportMarkdown(result: BacktestResult, context: ReportContext): string {
  const { config } = result;
  const strategy = config.strategy;
  const name = (t: string): string => context.names[t] ?? '';
  const months = holdingMonths(result);
  const universeRows = strategy.universe.map((t) => [
    t,
    name(t),
    firstRanked(result, t),
    String(months.get(t) ?? 0),
    UNIVERSE_REASONS[t] ?? '',
  ]);
  const safeLabel =
    strategy.safeAsset === CASH ? 'CASH (hurdle 0 %)' : `${strategy.safeAsset} ${name(strategy.safeAsset)}`;
  const lastPlan = result.strategy.plans[result.strategy.plans.length - 1];
  const cappedInvestedBp =
    strategy.topN * Math.min(strategy.maxPositionWeightBp, Math.floor(10_000 / strategy.topN));
  const structuralCash = `${(Math.max(0, 10_000 - cappedInvestedBp) / 100).toFixed(0)} %`;
  const lastTargets = lastPlan
    ? table(
        ['Ticker', 'Role', 'Shares', 'Weight', 'Sized by'],
        lastPlan.targets.map((t) => [
          t.ticker,
          t.role,
          String(t.quantity),
          `${(t.weightBp / 100).toFixed(1)}%`,
          t.limit,
        ]),
        ['l', 'l', 'r', 'r', 'l'],
      )
    : '(no rebalance)';
  const lastLegs =
    lastPlan?.legs.map(
      (l) =>
        `- ${l.side} ${l.ticker} ${l.quantity} @ ${krw(l.limitPrice)}: ${l.rationale.ko} / ${l.rationale.en}`,
    ) ?? [];

  const wf = context.walkForward;
  const walkForwardLine = wf
    ? `Walk-forward out-of-sample CAGR (the study engine, \`${wf.command}\`, ${wf.from} .. ${wf.to}: each ${wf.outOfSampleMonths}-month window traded with the parameters that were best over the ${wf.inSampleMonths} months before it): **${pct(wf.outOfSampleCagr)}**. That, not the full-period figure below, is the fair expectation: the defaults were chosen from the same data (docs/study/study.md).`
    : 'Walk-forward out-of-sample CAGR: run `npm run study` (docs/study/).';
  const budget = strategy.riskBudgetBp >= 10_000 ? 'no ATR budget' : `${strategy.riskBudgetBp} bp ATR budget`;

  return `# Backtest: ${strategy.lookbackDays}/${strategy.skipDays} momentum, top ${strategy.topN}, absolute filter, ${budget}

Generated by \`${context.command}\`. Every figure below is the CLI's printed output, pasted verbatim.

${walkForwardLine}

![equity](${context.chartFile})

## Results

Strategy and three passive comparisons with the same capital, costs and ${config.accountType} account: ${config.benchmark} bought and held; a static 50/50 069500/114260 and the equal-weight universe, both rebalanced to their weights on the first trading day of each month (no guard limits: they are reference portfolios).

${formatMetricsTable(result)}

### Calendar-year returns

${formatYearlyTable(result)}

### Execution

${formatExecutionSummary(result)}

## Strategy (the same \`planRebalance\` the live daily cycle calls)

- Signal: momentum on trading-day bars, \`close[i−${strategy.skipDays}] / close[i−${strategy.lookbackDays}] − 1\` where _i_ is the last bar before the decision day (bars up to the previous trading day; the 08:00 KST run never sees the day's own bar).
- Selection: top ${strategy.topN} of the risk universe by that return, only if strictly above the safe asset's (absolute-momentum filter). Unfilled slots go to the safe asset ${safeLabel}${strategy.cashSweep ? '; with the cash sweep on, so does whatever the caps leave' : ''}.
- Parameters: chosen by the walk-forward of \`npm run study\` (docs/study/study.md), never the full-period in-sample best.
- Sizing: shares = min(slot ÷ price, NAV × ${strategy.riskBudgetBp} bp ÷ ⌈ATR(${strategy.atrDays}) × ${strategy.atrMultiplier}⌉, NAV × ${strategy.maxPositionWeightBp / 100} % ÷ price), slot = (NAV − ${strategy.cashReserveBp} bp reserve) ÷ ${strategy.topN}. ATR is the simple mean of true ranges. The safe asset takes the unfilled slots at equal weight. Whatever the caps leave stays cash: with ${strategy.topN} momentum picks capped at ${strategy.maxPositionWeightBp / 100} % each, at least ${structuralCash} of NAV is cash whenever every slot holds a risk asset, more when the ATR budget binds (see "Average cash" above).
- Rebalance: ${strategy.rebalanceOffsetDays === 0 ? 'first trading day' : `trading day ${strategy.rebalanceOffsetDays + 1}`} of the month. Sells before buys; legs under ${krw(strategy.minTradeValue)} KRW are skipped (full exits never are); limit = last close ± max(${strategy.limitOffsetTicks} ticks, ${strategy.limitOffsetBp} bp) on the ETF tick grid.

## Simulation

- Decisions on day D use bars dated before D. After planning, every leg goes through the live cycle's post-plan path (src/domain/strategy/post-plan.ts): cut to the guard's per-order limits (order value ${config.limits.maxOrderValue.toLocaleString('en-US')} KRW, ${config.limits.fatFingerCashBp / 100} % of cash per buy, ${config.limits.maxPositionWeightBp / 100} % weight), checked by every guard rule that applies offline (order count, order value, fat finger, weight, buying power, holdings, tick, price band, session) when proposed (each intent alone against the morning's account, as ApprovalService does) and again when sent at the open; what a plan leaves undone is re-proposed every following trading day until the next plan (carry-over).
- Fill model (day limit orders sent at the open): a buy fills at the open if the open ≤ its limit, else at the limit if the day's low reaches it, else not at all; sells mirrored. The limit is first tightened toward the open to the guard's quote distance (${config.limits.maxQuoteDistanceBp} bp), as ExecutionService does. Open fills move ${config.slippageTicks} tick(s) against the trade, never past the limit; commission ${config.commissionPpm} ppm per fill (rounded down), ETF sell tax ${config.sellTaxPpm} ppm, integer shares and KRW; buys are cut to the cash on hand.
- Uninvested cash earns ${(config.cashRateBp / 100).toFixed(2)} % a year. Sharpe ratios use a ${pct(config.riskFreeRate, false)} risk-free rate a year (roughly the 2016–2025 average of short Korean government yields). Benchmark: ${config.benchmark} ${name(config.benchmark)} bought with all the capital at the first open (same slippage and commission), held.
- Tax: per ETF class and account (src/backtest/tax.ts, sources there): in a taxable account 15.4 % of the gain on every sale of a non-domestic-equity ETF; after-tax figures also deduct what selling out on the last day would owe.
- A ticker whose data ends before the end date is dropped from the universe on the next trading day and any holding is sold at its last close.
- Prices: the shipped KRX files are distribution-adjusted (total-return style) vendor series, snapped to the nearest tick before use. Adjusted prices sit below the real prints before each distribution, so fills and position sizes are approximations of what the real order book offered; returns include distributions. The live desk ranks on the same basis: KIS's daily chart leaves distributions in the price, and the cycle adds them back (docs/backtest/price-basis.md).

## Universe (${strategy.universe.length} risk assets + safe asset)

${table(['Ticker', 'Name', 'First ranked', 'Months held', 'Why'], universeRows, ['l', 'l', 'l', 'r', 'l'])}

Safe asset: ${safeLabel}: short-duration Korean government bonds, the lowest-volatility series with full 2014–2026 daily data (no daily data exists here for 153130/157450 short-term bond ETFs). Months held: ${months.get(strategy.safeAsset) ?? 0}.

Left out:

${EXCLUDED_NOTE.join('\n')}

## Last rebalance (${lastPlan?.date ?? '-'})

${lastTargets}

${lastLegs.length > 0 ? lastLegs.join('\n') : '(no legs)'}
`;
}
