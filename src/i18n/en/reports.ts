import type { ReportsCatalog } from '../ko/reports';

export const reportsEn: ReportsCatalog = {
  scorecard: {
    title: (period) => `Approval scorecard · ${period}`,
    titleFor: (who, period) => `Approval scorecard · ${who} · ${period}`,
    explain:
      "KRW effect against the alternative: the strategy's plan for plan legs, doing nothing for proposals (from the price at the decision, fees left out).",
    overall: 'Overall',
    nobody: 'Expired (nobody decided)',
    decisions: (n) => `${n} decision${n === 1 ? '' : 's'}`,
    horizon: (h, helped, hurt, net, scored, total) =>
      `after ${h} trading day${h === 1 ? '' : 's'}: helped ${helped} / hurt ${hurt} · net ${net}${scored < total ? ` (${scored}/${total} scored)` : ''}`,
    notYet: (h) => `after ${h} trading day${h === 1 ? '' : 's'}: no close yet`,
    asOf: (date) => `closes up to ${date}`,
    badPeriod: (input) =>
      `"${input}" is not a period. Use one of week · month · year · all · YYYY-MM · YYYY (default: month).`,
    unknownPerson: (who) => `${who} has not decided anything yet.`,
    noDecisions: (period) => `No decisions recorded in ${period}.`,
    noDecisionsFor: (who, period) => `${who} has no decisions recorded in ${period}.`,
    briefing: (decisions, helped, hurt, net) =>
      `This month ${decisions} decision${decisions === 1 ? '' : 's'} · after 5 trading days helped ${helped} / hurt ${hurt} · net ${net} (/scorecard)`,
    briefingNone: 'No decisions recorded this month',
    briefingField: 'Approval scorecard',
    periodAll: 'all time',
  },
  pnl: {
    title: (period, base, end) => `P&L · ${period} (close ${base} → close ${end})`,
    titleNew: (period, base, end) => `P&L · ${period} (open ${base} → close ${end})`,
    nav: (start, end, total, pct) => `NAV ${start} → ${end} (${total}, ${pct})`,
    split: (realized, unrealized) => `realised ${realized} · unrealised ${unrealized}`,
    other: (other) => `other ${other} (deposits, withdrawals, dividends: not explained by fills)`,
    costs: (fees, taxes, buys, sells) =>
      `fees ${fees} · taxes ${taxes} (where known) · fills: ${buys} buys / ${sells} sells`,
    benchmark: (pct, krw, excess) =>
      `KODEX 200 (069500) ${pct}: the same money would have made ${krw} → excess ${excess}`,
    noBenchmark: 'KODEX 200 (069500) closes could not be read; no comparison.',
    badPeriod: (input) => `"${input}" is not a period. Use one of day · week · month · year (default: day).`,
    noData: (period) => `No closing NAV snapshots for ${period}. They build up after each close.`,
  },
  backtest: {
    running: 'Running the backtest… (a few seconds)',
    title: (months, from, to) => `Backtest · last ${months} months (${from} → ${to})`,
    strategy: "This desk's strategy",
    nav: (capital, final, afterTax) => `${capital} → ${final} (${afterTax} after tax if sold)`,
    returns: (cagr, afterTax, mdd, sharpe) =>
      `CAGR ${cagr} · after tax ${afterTax} · max drawdown ${mdd} · Sharpe ${sharpe}`,
    activity: (trades, clipped, carried, abandoned, cash) =>
      `${trades} fills · ${clipped} clipped by limits · ${carried} carried to a later day · ${abandoned} abandoned · average cash ${cash}`,
    benchmark: (ticker) => `KODEX 200 (${ticker}) buy & hold`,
    benchmarkLine: (cagr, mdd, final) => `CAGR ${cagr} · max drawdown ${mdd} · final ${final}`,
    settings: (top, lookback, skip, cap, sweep) =>
      `Settings: top ${top} · ${lookback}-day momentum (skipping the last ${skip}) · at most ${cap} per ETF · leftover cash ${sweep ? 'into the safe asset' : 'kept as cash'}`,
    footer:
      'Past results from the same engine, limits and fill model as the live cycle; no promise of future returns. After tax assumes a taxable account.',
    invalid: (fields) => `Please check: ${fields}. Nothing was run.`,
    months: (max) => `months must be a whole number from 1 to ${max}`,
    capital: (min, max) => `capital must be a whole number of KRW from ${min} to ${max}`,
    noData: 'No price data covers the requested period.',
    notConfigured: 'This desk cannot run backtests.',
    failed: (error) => `The backtest could not run: ${error}`,
  },
};
