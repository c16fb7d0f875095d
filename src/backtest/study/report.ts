/**
 * docs/study/: study.md (tables), grid-heatmap.png (full-period CAGR over the grid), oos-equity.png (the
 * walk-forward's chained out-of-sample NAV against the benchmarks), offset-sensitivity.png (CAGR by
 * rebalance-day offset), and study.json (the figures other reports quote, e.g. the out-of-sample CAGR).
 */
import { formatCompact, renderBarChartPng, renderHeatmapPng, renderLineChartPng } from '../../adapters/chart';
import { DEFAULT_STRATEGY_CONFIG } from '../../domain/strategy/config';
import { decimalYear } from '../equity-chart';
import { pct, table } from '../report';
import { paramsLabel, type StudyParams } from './jobs';
import type { StudyResult, StudyRun } from './run';
import { cagrOf, indexAtOrAfter, periodReturn, yearsBetween } from './walk-forward';

export const STUDY_FILES = {
  markdown: 'study.md',
  heatmap: 'grid-heatmap.png',
  equity: 'oos-equity.png',
  offsets: 'offset-sensitivity.png',
  json: 'study.json',
} as const;

const percent = (bp: number): string => `${bp / 100}%`;
const budget = (bp: number | null): string => (bp === null ? 'off' : percent(bp));

/** Rows: top N · lookback/skip; columns: ATR budget · cap · sweep; cells: full-period CAGR (mean over offsets). */
export function heatmapCells(result: StudyResult): {
  rows: string[];
  cols: string[];
  values: (number | null)[][];
} {
  const rowKey = (p: StudyParams) => `top ${p.topN} · ${p.lookbackDays}/${p.skipDays}`;
  const colKey = (p: StudyParams) =>
    `${budget(p.riskBudgetBp)} · ${percent(p.maxPositionWeightBp)} · ${p.cashSweep ? 'sweep' : 'no sweep'}`;
  const rows = [...new Set(result.grid.map((r) => rowKey(r.job.params)))];
  const cols = [...new Set(result.grid.map((r) => colKey(r.job.params)))];
  const sums = new Map<string, { sum: number; n: number }>();
  for (const r of result.grid) {
    const key = `${rowKey(r.job.params)}|${colKey(r.job.params)}`;
    const cell = sums.get(key) ?? { sum: 0, n: 0 };
    cell.sum += r.result.metrics.cagr;
    cell.n++;
    sums.set(key, cell);
  }
  const values = rows.map((row) =>
    cols.map((col) => {
      const cell = sums.get(`${row}|${col}`);
      return cell ? Number(((cell.sum / cell.n) * 100).toFixed(2)) : null;
    }),
  );
  return { rows, cols, values };
}

export function renderStudyCharts(result: StudyResult): Record<'heatmap' | 'equity' | 'offsets', Buffer> {
  const cells = heatmapCells(result);
  const heatmap = renderHeatmapPng({
    width: Math.max(900, 110 * cells.cols.length + 260),
    height: Math.max(420, 34 * cells.rows.length + 160),
    xLabels: cells.cols.map((c) => c.replaceAll(' · ', '\n')),
    yLabels: cells.rows,
    values: cells.values,
    title: `Full-period CAGR % (in-sample; ATR budget · cap · sweep across, top N · lookback/skip down)`,
    formatValue: (v) => v.toFixed(1),
  });
  const points = (equity: readonly { date: string; nav: number }[]) =>
    equity.map((e) => ({ x: decimalYear(e.date), y: e.nav }));
  const wf = result.walkForward;
  const oosFrom = wf.from ?? result.days[0]!;
  const rebase = (equity: readonly { date: string; nav: number }[]) => {
    const start = equity.findIndex((e) => e.date >= oosFrom);
    const base = start > 0 ? equity[start - 1]!.nav : result.spec.capital;
    return equity
      .slice(Math.max(0, start))
      .map((e) => ({ date: e.date, nav: (e.nav / base) * result.spec.capital }));
  };
  const navSeries = (run: StudyRun) => run.result.days.map((date, i) => ({ date, nav: run.result.nav[i]! }));
  const colors = ['#e07b00', '#2e9e44', '#8c564b'];
  const equity = renderLineChartPng({
    width: 1000,
    height: 520,
    title: `Walk-forward out-of-sample NAV (${result.spec.inSampleMonths}-month in-sample choice, ${result.spec.outOfSampleMonths}-month windows)`,
    series: [
      { label: 'Walk-forward (out-of-sample)', color: '#1f5fbf', points: points(wf.equity) },
      ...(result.currentDefault
        ? [
            {
              label: 'Previous defaults',
              color: '#7f7f7f',
              points: points(rebase(navSeries(result.currentDefault))),
            },
          ]
        : []),
      ...result.benchmarks.map((b, i) => ({
        label: b.label,
        color: colors[i % colors.length]!,
        points: points(rebase(b.equity)),
      })),
    ],
    formatX: (x) => (Math.abs(x - Math.round(x)) < 1e-6 ? String(Math.round(x)) : ''),
    formatY: formatCompact,
    drawdown: { label: 'Walk-forward drawdown from peak (%)' },
  });
  const offsets = renderBarChartPng({
    width: 900,
    height: 420,
    title: `CAGR by rebalance day (trading days after the month's first), ${paramsLabel({ ...result.choice.job.params, rebalanceOffsetDays: 0 }).replace(', day +0', '')}`,
    categories: result.offsets.map((r) => `+${r.job.params.rebalanceOffsetDays}`),
    series: [
      {
        label: 'CAGR %',
        color: '#1f5fbf',
        values: result.offsets.map((r) => Number((r.result.metrics.cagr * 100).toFixed(2))),
      },
    ],
    formatY: (y) => `${y.toFixed(1)}%`,
  });
  return { heatmap, equity, offsets };
}

/** The figures other documents quote (docs/backtest/report.md reads the out-of-sample CAGR from here). */
export function studySummary(result: StudyResult, command: string) {
  const wf = result.walkForward;
  return {
    command,
    period: { from: result.days[0], to: result.days[result.days.length - 1] },
    runs: result.runs,
    walkForward: {
      inSampleMonths: result.spec.inSampleMonths,
      outOfSampleMonths: result.spec.outOfSampleMonths,
      from: wf.from,
      to: wf.to,
      outOfSampleCagr: wf.cagr,
      windows: wf.windows.map((w) => ({
        outOfSample: w.outOfSample,
        chosen: result.grid[w.chosen]!.job.params,
        outOfSampleReturn: w.outOfSampleReturn,
      })),
    },
    choice: { params: result.choice.job.params, fullPeriodCagr: result.choice.result.metrics.cagr },
  };
}

/** Mean and range of CAGR over the offsets: what the timing of the monthly rebalance alone is worth. */
function offsetSummary(result: StudyResult): string {
  const cagrs = result.offsets.map((r) => r.result.metrics.cagr);
  if (cagrs.length === 0) return '';
  const mean = cagrs.reduce((a, b) => a + b, 0) / cagrs.length;
  return `The same strategy started ${result.offsets.map((r) => `+${r.job.params.rebalanceOffsetDays}`).join('/')} trading days into the month: CAGR ${pct(Math.min(...cagrs))} .. ${pct(Math.max(...cagrs))}, mean ${pct(mean)}. Read the grid's and the walk-forward's figures (all at +0) with that spread in mind: part of any single offset's result is timing luck.`;
}

export function renderStudyMarkdown(result: StudyResult, command: string, seconds: number): string {
  const { spec, walkForward: wf } = result;
  const runRow = (r: StudyRun): string[] => {
    const m = r.result.metrics;
    return [
      r.job.label,
      pct(m.cagr),
      m.sharpe.toFixed(2),
      pct(m.maxDrawdown, false),
      pct(r.result.averageCash, false),
      String(r.result.clipped),
      String(r.result.carried),
      String(r.result.abandoned),
    ];
  };
  const runHeader = ['Run', 'CAGR', 'Sharpe', 'Max DD', 'Avg cash', 'Clipped', 'Carried', 'Abandoned'];
  const runAlign: ('l' | 'r')[] = ['l', 'r', 'r', 'r', 'r', 'r', 'r', 'r'];
  const byCagr = [...result.grid].sort((a, b) => b.result.metrics.cagr - a.result.metrics.cagr);
  const cagrs = byCagr.map((r) => r.result.metrics.cagr);
  const windows = wf.windows.map((w) => [
    `${w.inSample.from} .. ${w.inSample.to}`,
    `${w.outOfSample.from} .. ${w.outOfSample.to}`,
    result.grid[w.chosen]!.job.label,
    pct(w.inSampleReturn),
    pct(w.outOfSampleReturn),
  ]);
  const oosSpan = (nav: readonly number[]) => {
    if (!wf.from || !wf.to) return 0;
    const a = indexAtOrAfter(result.days, wf.from);
    const b = indexAtOrAfter(result.days, wf.to) + 1;
    return cagrOf(periodReturn(nav, spec.capital, a, b), yearsBetween(wf.from, wf.to));
  };
  const oosRows = [
    ['Walk-forward (choice re-made every window)', pct(wf.cagr)],
    [`Chosen defaults (${result.choice.job.label}), same span`, pct(oosSpan(result.choice.result.nav))],
    ...(result.currentDefault
      ? [
          [
            `Previous defaults (${result.currentDefault.job.label}), same span`,
            pct(oosSpan(result.currentDefault.result.nav)),
          ],
        ]
      : []),
    ...result.benchmarks.map((b) => [`${b.label}, same span`, pct(oosSpan(b.equity.map((e) => e.nav)))]),
  ];
  const counts = Object.entries(result.choiceCounts).map(([key, values]) => [
    key,
    [...values.entries()].map(([v, n]) => `${v} ×${n}`).join(', '),
  ]);
  const base = result.universe.find((r) => r.job.label === 'base universe');
  const universeRows = result.universe.map((r) => {
    const row = runRow(r);
    row.splice(1, 0, base ? pct(r.result.metrics.cagr - base.result.metrics.cagr) : '-');
    return row;
  });
  const sub = result.subPeriods.map((p) => [
    p.label,
    pct(p.chosen),
    p.currentDefault === null ? '-' : pct(p.currentDefault),
    pct(p.median),
    pct(p.best),
    pct(p.worst),
    pct(p.benchmark),
  ]);
  const bench = result.benchmarks.map((b) => [
    b.label,
    pct(b.metrics.cagr),
    b.metrics.sharpe.toFixed(2),
    pct(b.metrics.maxDrawdown, false),
    b.taxPaid.toLocaleString('en-US'),
  ]);
  const chosen = result.choice.job.params;
  const desk = DEFAULT_STRATEGY_CONFIG;
  const deskMatches =
    desk.topN === chosen.topN &&
    (desk.riskBudgetBp >= 10_000 ? null : desk.riskBudgetBp) === chosen.riskBudgetBp &&
    desk.lookbackDays === chosen.lookbackDays &&
    desk.skipDays === chosen.skipDays &&
    desk.maxPositionWeightBp === chosen.maxPositionWeightBp &&
    desk.cashSweep === chosen.cashSweep &&
    desk.rebalanceOffsetDays === chosen.rebalanceOffsetDays;

  return `# Strategy study: how far to trust the backtest

Generated by \`${command}\` — ${result.runs} runs of the one backtest engine (src/backtest/engine.ts: the live
cycle's post-plan path, guard limits, carry-over, limit-price fills, costs and ${spec.account} tax) in ${seconds.toFixed(1)} s on ${spec.workers} worker threads.
Period ${result.days[0]} .. ${result.days[result.days.length - 1]}, capital ${spec.capital.toLocaleString('en-US')} KRW, Sharpe at a
${(spec.riskFreeRate * 100).toFixed(1)} % risk-free rate. Universe ${spec.universe.join(', ')}; safe asset ${spec.safeAsset}.

## How the defaults were chosen

The grid's full-period results below are **in-sample**: the best of ${result.grid.length} configurations over the
whole period is an optimistic number, not a choice. The defaults come from a rolling **walk-forward**: for
each ${spec.outOfSampleMonths}-month window, the configuration with the best return over the preceding
${spec.inSampleMonths} months is chosen and then traded, unseen, through the window. The desk's default takes,
for each parameter, the value the walk-forward chose in most windows (src/domain/strategy/config.ts, and the
guard's weight cap in src/config.ts):

**${result.choice.job.label}**${deskMatches ? ' (the shipped defaults)' : ' (NOT yet the shipped defaults: the desk still runs ' + paramsLabel({ topN: desk.topN, lookbackDays: desk.lookbackDays, skipDays: desk.skipDays, riskBudgetBp: desk.riskBudgetBp >= 10_000 ? null : desk.riskBudgetBp, maxPositionWeightBp: desk.maxPositionWeightBp, rebalanceOffsetDays: desk.rebalanceOffsetDays, cashSweep: desk.cashSweep }) + ')'}.

The evidence for it is the walk-forward's own out-of-sample record below — every window's choice was made
on data before that window. The chosen defaults' figure over the same span is **not** out-of-sample (the
choice used every window's in-sample data, up to the last one), so it is shown for scale only.

### Out-of-sample result (${wf.from ?? '-'} .. ${wf.to ?? '-'})

${table(['Series', 'CAGR'], oosRows, ['l', 'r'])}

![out-of-sample equity](${STUDY_FILES.equity})

The walk-forward's NAV switches configuration at each window start as if for free (every run is continuous;
the trades of a switch are not modelled). The benchmarks and the previous defaults are rebased to the
walk-forward's start.

### Walk-forward windows

${table(['In-sample', 'Out-of-sample', 'Chosen', 'In-sample return', 'Out-of-sample return'], windows, ['l', 'l', 'l', 'r', 'r'])}

How often each value was chosen:

${table(['Parameter', 'Chosen (windows)'], counts, ['l', 'l'])}

## Grid (${result.grid.length} runs, full period, in-sample)

Dimensions: top N ${spec.grid.topN.join('/')}, lookback ${spec.grid.lookbackDays.join('/')} days, skip ${spec.grid.skipDays.join('/')} days,
ATR budget ${spec.grid.riskBudgetBp.map(budget).join('/')} of NAV per position, weight cap ${spec.grid.maxPositionWeightBp.map(percent).join('/')}
(strategy and guard), rebalance day +${spec.grid.rebalanceOffsetDays.join('/+')}, cash sweep ${spec.grid.cashSweep.map((s) => (s ? 'on' : 'off')).join('/')}.
CAGR across the grid: median ${pct(cagrs[cagrs.length >> 1] ?? 0)}, best ${pct(cagrs[0] ?? 0)}, worst ${pct(cagrs[cagrs.length - 1] ?? 0)}.

![grid heatmap](${STUDY_FILES.heatmap})

Best five and worst five (in-sample — for scale, not for choosing):

${table(runHeader, (byCagr.length <= 10 ? byCagr : [...byCagr.slice(0, 5), ...byCagr.slice(-5)]).map(runRow), runAlign)}

${
  result.currentDefault
    ? `Previous defaults: ${table(runHeader, [runRow(result.currentDefault)], runAlign)
        .split('\n')
        .slice(2)
        .join('')}`
    : ''
}

## Sub-periods (CAGR)

${table(['Years', 'Chosen defaults', 'Previous defaults', 'Grid median', 'Grid best', 'Grid worst', `${result.benchmarks[0]?.label ?? 'benchmark'}`], sub, ['l', 'r', 'r', 'r', 'r', 'r', 'r'])}

## Rebalance-day offset (timing luck), chosen defaults

${offsetSummary(result)}

${table(runHeader, result.offsets.map(runRow), runAlign)}

![offset sensitivity](${STUDY_FILES.offsets})

## Universe perturbation, chosen defaults

Each ETF left out in turn; each ETF whose shipped data ends early (${spec.additions.join(', ')}) added in turn and all
together — the engine drops a ticker the day after its data ends and sells any holding at its last close.

${table(['Run', 'Δ CAGR vs base', ...runHeader.slice(1)], universeRows, ['l', 'r', ...runAlign.slice(1)])}

## Benchmarks (full period, same costs and ${spec.account} tax)

${table(['Benchmark', 'CAGR', 'Sharpe', 'Max DD', 'Tax paid (KRW)'], bench, ['l', 'r', 'r', 'r', 'r'])}

"Clipped" counts plan legs cut by a guard limit or denied by an offline guard rule; "Carried" the carry-over
orders sent on the days after a plan; "Abandoned" plan tickers still off target when the next plan came.
`;
}
