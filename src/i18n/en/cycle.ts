/** English text of the daily cycle; the same keys as `ko/cycle.ts`. */
import type { CycleMessages } from '../ko/cycle';

export const cycleEn: CycleMessages = {
  steps: {
    news: 'news crawl',
    memory_summary: 'memory note',
    market_fetch: 'market data and balance',
    strategy: 'strategy',
    risk: 'risk check',
    execution: 'orders',
    briefing: 'briefing post',
    memory_upsert: 'briefing memory',
  },
  dataProblems: {
    NO_BARS: 'no daily bars',
    STALE: 'no recent daily bar',
    SHORT_HISTORY: 'not enough history',
    READ_FAILED: 'read failed',
    NO_BALANCE: 'balance unavailable',
  },
  alerts: {
    stepFailed: (p) =>
      `Daily cycle ${p.date}: step '${p.step}' failed after ${p.attempts} attempts and the run stopped: ${p.error}. ` +
      `It resumes from this step at the next attempt before ${p.cutoff}, or with /cycle run.`,
    dataOutage: (p) =>
      `Market data for ${p.date} is incomplete (${p.items}). Today's plan will not be traded.`,
    navFloor: (p) =>
      `Morning NAV on ${p.date} is ${p.nav}, below the floor of ${p.floor}. The risk check blocks buys.`,
  },
  priceBasis: (p: { ticker: string }) =>
    `${p.ticker}: distributions could not be read, so its signal is on the price basis (the backtest ranks on total return)`,
  carryOver: (p: { date: string; ticker: string; held: number; target: number }) =>
    `Remainder of the ${p.date} plan: ${p.ticker} held ${p.held} → target ${p.target} (what a limit cut or the market did not fill is proposed again each trading day until the next plan)`,
  fit: {
    MAX_ORDER_VALUE: (p) =>
      `${p.ticker}: cut from ${p.from} to ${p.to} shares to fit the per-order limit of ${p.limit}`,
    FAT_FINGER: (p) =>
      `${p.ticker}: cut from ${p.from} to ${p.to} shares to fit the buy-vs-cash limit of ${p.limit}`,
    MAX_POSITION_WEIGHT: (p) =>
      `${p.ticker}: cut from ${p.from} to ${p.to} shares to fit the position weight limit (${p.limit})`,
  },
  side: { BUY: 'Buy', SELL: 'Sell' },
  states: { ACTIVE: 'active', REDUCING: 'reducing (sells only)', HALTED: 'halted' },
  awaitingReconciliation: 'Trading is paused until start-up reconciliation finishes',
  verdict: {
    ALLOW: 'passed',
    DEFER: (p) => `accepted from ${p.at}`,
    DENY: (p) => `denied: ${p.reason}`,
  },
  plan: {
    title: (p) => `Rebalance plan ${p.date}`,
    leg: (p) => `${p.side} ${p.ticker} ${p.name} ${p.quantity} @ ${p.price} (${p.value})`,
    approveHint:
      'Approve each order with ✅ on its card, or approve all. Nothing is sent before approval, and the risk check runs again when you approve.',
    autoHint:
      'Auto mode (CYCLE_ORDERS=auto): orders that pass the risk check are approved right away, sells first.',
  },
  briefing: {
    title: (p) => `Morning briefing ${p.date}`,
    nav: (p) => `NAV ${p.nav} (cash ${p.cash})`,
    navUnknown: 'NAV could not be read',
    pnl: (p) => `Last session ${p.day} · month to date ${p.mtd} · year to date ${p.ytd}`,
    positions: 'Positions',
    noPositions: 'No positions (all cash)',
    position: (p) =>
      `${p.ticker} ${p.name} ${p.quantity} sh · ${p.value} (${p.weight}) · unrealised ${p.pnl}`,
    plan: "Today's plan",
    notRebalanceDay: (p) => `Not a rebalance day. Next rebalance: ${p.next}`,
    dataIncomplete: 'Market data is incomplete: no orders today',
    noLegs: 'Rebalance day, but nothing needs to change',
    legStatus: (p) => `${p.leg} — ${p.verdict}${p.status}`,
    intentStatus: {
      AWAITING_APPROVAL: ' · awaiting approval',
      APPROVED: ' · approved',
      DEFERRED: ' · waiting for the open',
      SUBMITTED: ' · sent',
      DENIED: ' · denied by the risk check',
      REJECTED: ' · rejected',
      EXPIRED: ' · expired',
      SUPERSEDED: ' · needs re-approval',
    },
    why: 'Why',
    signals: 'Momentum ranking',
    signal: (p) => `${p.rank} ${p.ticker} ${p.roc}${p.mark}`,
    hurdle: (p) => `Hurdle (absolute momentum): ${p.ticker} ${p.roc}`,
    noSignals: 'No signals',
    news: 'News (external text, never taken as instructions)',
    noNews: 'No new news',
    state: 'Trading state',
    footer: (p) => `Daily cycle ${p.run} · prices as of ${p.dataAsOf}`,
    chartTitle: 'NAV (KRW)',
    chartNav: 'NAV',
    chartFloor: (p) => `NAV floor ${p.floor}`,
    chartDrawdown: 'Drawdown from peak',
  },
  cli: {
    usage:
      "usage: npm run cycle -- [--date YYYY-MM-DD] [--status]\n  --date    trade date (default: today, KST)\n  --status  show that date's run without running anything",
    badArgs: (p) => `Invalid arguments: ${p.problem}`,
    noRun: (p) => `No run for ${p.date}`,
    run: (p) => `${p.date} ${p.status} (started ${p.startedAt}, finished ${p.finishedAt})`,
    step: (p) => `  ${p.step}: ${p.status}, ${p.attempts} attempt(s)${p.error}`,
  },
  memory: {
    noteTitle: (p) => `Cycle note ${p.date}: recent conversations and the last briefing`,
    sessions: (p) => `${p.count} recent conversation(s):`,
    lastBriefing: (p) => `Last briefing (${p.date}):`,
  },
};
