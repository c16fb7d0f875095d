import type { DiscordCatalog } from '../ko/discord';

export const discordEn: DiscordCatalog = {
  badge: {
    PAPER: '🧪 PAPER · paper trading',
    LIVE: '🔴 LIVE · real money',
    SIM: '🧩 SIM · simulator',
  },
  denial: {
    wrongGuild: 'kis-desk is not available in this server.',
    wrongChannel: (channelId: string) => `This command works only in <#${channelId}>.`,
    notApprover: 'Not allowed. Only people registered as approvers can do this.',
    unknownComponent: 'Unknown button. The card may be outdated.',
    unknownCommand: 'Unknown command. The command list may be outdated.',
    failed: 'Could not handle the request. Please try again shortly.',
    missingPermission: (permission: string, channelId: string | null) =>
      `The bot lacks the '${permission}' permission${channelId ? ` in <#${channelId}>` : ''}, so this could not be done. Ask a server admin to grant it.`,
  },
  permissions: {
    SendMessages: 'Send Messages (in threads: Send Messages in Threads)',
    SendMessagesInThreads: 'Send Messages in Threads',
    CreatePublicThreads: 'Create Public Threads',
    ManageThreads: 'Manage Threads',
    EmbedLinks: 'Embed Links',
    AttachFiles: 'Attach Files',
  },
  trade: {
    modalTitle: 'Trading question',
    questionLabel: 'Question',
    questionDescription: 'Ask anything. Orders go out only after ✅ on a card.',
    questionPlaceholder: 'e.g. Should I buy 100,000 KRW of KODEX 200?',
    tickerLabel: 'Ticker (optional)',
    tickerDescription: '6-digit code or name',
    tickerPlaceholder: '069500',
    defaultThreadName: 'Trading question',
    invalidQuestion: 'Please write a question of 1–1000 characters.',
    working: 'Opening a thread and preparing the answer…',
    threadOpened: (threadId: string) => `Thread opened: <#${threadId}>`,
    answerFailed: 'Could not produce an answer. Please ask again in this thread.',
    threadFailed: 'Could not create the thread. Check the bot can create public threads.',
    offline: 'Answered by the offline planner (no language model).',
    answerAsFile: (file) => `The answer is long; the whole of it is attached as ${file}.`,
    sources: 'Sources',
    noSuggestions: 'No matching ticker',
  },
  card: {
    title: (side: string, ticker: string, name: string) => `Proposed ${side} · ${ticker} ${name}`.trim(),
    ticker: 'Ticker',
    side: 'Side',
    quantity: 'Quantity',
    shares: (quantity: number) => `${quantity.toLocaleString('en-US')} sh`,
    price: 'Price',
    limitPrice: (price: string) => `${price} (limit)`,
    marketPrice: 'Market',
    marketReference: (price: string) => `Market (quote ${price})`,
    estimatedValue: 'Estimated value',
    notAvailable: '—',
    expires: 'Approve by',
    rationale: 'Rationale',
    checks: 'Risk checks',
    status: 'Status',
    footer: (intentId: string) => `Intent ${intentId}`,
    approversCalled: (mentions: string) => `${mentions} approval requested.`,
    approve: 'Approve',
    reject: 'Reject',
    approvals: 'Approvers',
    firstOfTwo: (approver) => `1 of 2 approved · ${approver} — sent once a different approver presses ✅`,
    bothApproved: (first, second) => `2 of 2 approved · ${first}, ${second}`,
    precheck: {
      ALLOW: '✅ Pre-check passed — on approval the checks run again on fresh data, then the order is sent.',
      DENY: '❌ Denied by the pre-check; it cannot be approved.',
      DEFER: (until: string) =>
        `⏸ Not accepted right now. If approved, it is checked again and sent at ${until}.`,
    },
    planTitle: (title: string) => `📋 ${title}`,
  },
  cardStatus: {
    submitted: (orderNumber: string, approver: string) =>
      `✅ Order sent · order no. ${orderNumber} · approved by ${approver}`,
    submittedRejected: (message: string, approver: string) =>
      `❌ The broker rejected the order: ${message} · approved by ${approver}`,
    submittedUnknown: (approver: string) =>
      `⚠️ Outcome being confirmed — not re-sent; order inquiry will settle it · approved by ${approver}`,
    deferred: (at: string, approver: string) =>
      `⏸ Approved · checked again and sent at ${at} · approved by ${approver}`,
    denied: (reason: string) => `❌ Denied by the risk checks: ${reason}`,
    needsReapproval: (reason: string) => `🔁 Needs a new approval: ${reason}. See the new card below.`,
    rejected: (by: string) => `✖️ Rejected · ${by}`,
    expired: '⌛ Expired: nobody approved it in time.',
    closed: 'This proposal can no longer be approved.',
    partlyFilled: (orderNumber: string, filled: number, total: number, approver: string) =>
      `🟡 Partly filled ${filled.toLocaleString('en-US')}/${total.toLocaleString('en-US')} · order ${orderNumber} · approved by ${approver}`,
    filled: (orderNumber: string, total: number, approver: string) =>
      `🟢 Filled ${total.toLocaleString('en-US')} · order ${orderNumber} · approved by ${approver}`,
    cancelled: (orderNumber: string, filled: number, total: number) =>
      `🚫 Cancelled (confirmed by KIS) · filled ${filled.toLocaleString('en-US')}/${total.toLocaleString('en-US')} · order ${orderNumber}`,
    orderExpired: (filled: number, total: number) =>
      `⌛ Unfilled remainder lapsed at the close · filled ${filled.toLocaleString('en-US')}/${total.toLocaleString('en-US')}`,
  },
  reapprovalReason: {
    priceMoved: (from: string, to: string) => `the market order's price moved from ${from} to ${to}`,
  },
  click: {
    notFound: 'This proposal no longer exists.',
    expired: '⌛ This proposal has expired and cannot be approved. Please ask again.',
    alreadyDecided: {
      AWAITING_APPROVAL: 'This proposal is already being handled.',
      APPROVED: 'Already approved (being processed).',
      DEFERRED: 'Already approved; it is waiting for the market to accept it.',
      SUBMITTED: 'Already approved; the order has been sent.',
      DENIED: 'This proposal was denied by the risk checks.',
      REJECTED: 'This proposal was already rejected.',
      EXPIRED: '⌛ This proposal has already expired.',
      SUPERSEDED: 'Replaced by a new card. Approve the new one.',
    },
    notApproved: 'The approval did not complete. Please check the status.',
    firstOfTwo: 'Approval 1 of 2 recorded. The order goes out once a different approver presses ✅.',
    sameApprover: 'You already approved this. A different approver must press ✅; nothing was sent.',
    approveAll: 'Approve all',
    planApproved: (total: number, submitted: number, deferred: number, other: number) =>
      total === 0
        ? 'Nothing is waiting for approval.'
        : `${total} approved: ${submitted} sent, ${deferred} waiting for the open, ${other} other (see each card)`,
  },
  confirm: {
    title: '🔴 Confirm a LIVE order',
    quantityLabel: 'Confirm: type the quantity (shares)',
    quantityDescription: (ticker, side) =>
      `${ticker} ${side} — type the card's quantity to approve. This moves real money.`,
    planLabel: 'Confirm: type the total quantity (shares)',
    planDescription: (legs) =>
      `Type the total quantity of the ${legs} waiting orders to approve them all. This moves real money.`,
    placeholder: 'e.g. 3',
    notANumber: 'Type the quantity as a whole number of at least 1. Nothing was sent.',
    mismatch: (typed, expected) =>
      `You typed ${typed.toLocaleString('en-US')} shares but the order is for ${expected.toLocaleString('en-US')}. Nothing was sent.`,
    planMismatch: (typed, expected) =>
      `You typed ${typed.toLocaleString('en-US')} shares but the waiting orders total ${expected.toLocaleString('en-US')}. Nothing was sent.`,
  },
  order: {
    accepted: (ticker: string, side: string, quantity: number, orderNumber: string) =>
      `📨 Order accepted: ${side} ${quantity.toLocaleString('en-US')} ${ticker} · order no. ${orderNumber}`,
    fill: (quantity: number, price: string, filled: number, total: number) =>
      `🟢 Filled ${quantity.toLocaleString('en-US')} @ ${price} (${filled.toLocaleString('en-US')}/${total.toLocaleString('en-US')} so far)`,
    filled: (filled: number, amount: string) =>
      `🟢 Fully filled: ${filled.toLocaleString('en-US')} shares, ${amount}`,
    rejected: (message: string) => `❌ Order rejected: ${message}`,
    unknown: '⚠️ The order outcome is unknown. It is not re-sent; the order inquiry will settle it.',
    cancelled: (filled: number, total: number) => `🚫 Order cancelled (${filled}/${total} filled)`,
    expired: (filled: number, total: number) =>
      `⌛ The session ended; the unfilled rest lapsed (${filled}/${total} filled)`,
  },
  tradingState: {
    title: 'Trading state',
    changed: (from: string, to: string) => `Trading state: ${from} → ${to}`,
    setTo: (state: string) => `Trading state set to ${state}.`,
    unchanged: (state: string) => `Already ${state}.`,
    reason: 'Reason',
    actor: 'Changed by',
  },
  portfolio: {
    title: 'Portfolio',
    cash: 'Cash',
    securities: 'Holdings value',
    nav: 'Net asset value',
    dayPnl: "Today's P&L",
    realizedPnl: 'Realized P&L',
    fees: 'Fees paid',
    positions: 'Holdings',
    noPositions: 'No holdings.',
    position: (ticker: string, name: string, quantity: number, value: string, pnl: string, weight: string) =>
      `**${ticker} ${name}** ${quantity.toLocaleString('en-US')} sh · ${value} · P&L ${pnl} · weight ${weight}`,
    asOf: (at: string) => `As of ${at}`,
  },
  status: {
    title: 'Desk status',
    tradingState: 'Trading state',
    reconciling: 'Start-up reconciliation running — trading is paused until it finishes',
    since: 'Changed',
    openOrders: 'Open orders',
    pendingIntents: 'Awaiting approval',
    none: 'None',
    lastCycle: 'Latest daily cycle',
    model: 'Model',
    offlineModel: 'offline planner',
    budgetLeft: (cents: number) => `budget left $${(cents / 100).toFixed(2)}`,
    recentAlerts: 'Recent alerts',
    market: 'KRX session',
    session: { OPEN: '🟢 Open', PRE_OPEN: '🟡 Pre-open', CLOSED: '⚪ Closed', HOLIDAY: '⚪ Holiday' },
    closedBecause: (reason: string) => (reason === 'weekend' ? 'weekend' : reason),
    nextOpen: (date: string, time: string) => `next open ${date} ${time} KST`,
    connections: 'Connections',
    connection: {
      kisRest: 'KIS REST',
      kisWebsocket: 'KIS websocket',
      discordGateway: 'Discord gateway',
      database: 'Database',
      model: 'Model',
    },
    connectionMark: { ok: '✅', down: '❌', offline: '⚪', unknown: '❔' },
    tokenUntil: (at: string) => `token valid (until ${at})`,
    connected: 'connected',
    disconnected: 'disconnected',
    notChecked: 'not checked',
    down: 'not answering',
    gatewayPing: (ms: number) => `connected · ${ms} ms latency`,
    orderLine: (ticker: string, side: string, quantity: number, status: string) =>
      `${side} ${quantity.toLocaleString('en-US')} ${ticker} · ${status}`,
    intentLine: (ticker: string, side: string, quantity: number, expires: string) =>
      `${side} ${quantity.toLocaleString('en-US')} ${ticker} · approve by ${expires}`,
  },
  memory: {
    title: 'Memory',
    empty: 'Nothing remembered.',
    searched: (query: string) => `Query: ${query}`,
    forgotten: (id: string) => `Forgot memory ${id}.`,
    notFound: (id: string) => `No memory ${id}.`,
  },
  cycle: {
    title: 'Daily cycle',
    none: 'No daily cycle has run yet.',
    started: (at: string) => `Started ${at}`,
    finished: (at: string) => `Finished ${at}`,
    running: 'running',
    step: (icon: string, step: string, status: string, attempts: number) =>
      `${icon} ${step} — ${status}${attempts > 1 ? ` (${attempts} attempts)` : ''}`,
  },
  help: {
    title: 'kis-desk help',
    description:
      'An ETF trading desk for one Korea Investment & Securities account. Orders go out only when an approver presses ✅ on a card.',
    approverOnly: '(approvers only)',
    threads: 'Keep asking inside a thread and the desk continues the conversation.',
  },
  briefing: {
    chart: 'Net asset value',
  },
  alert: {
    severity: { info: 'ℹ️ Info', warning: '⚠️ Warning', critical: '🚨 Critical' },
    tradingStateChanged: 'Trading state changed',
    approversCalled: (mentions: string) => `${mentions} critical alert.`,
  },
};
