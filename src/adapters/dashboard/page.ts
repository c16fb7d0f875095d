import { dashboardEn } from '../../i18n/en/dashboard';
import { dashboardKo, type DashboardCatalog } from '../../i18n/ko/dashboard';
import type { DashboardData } from './panels';
import type { DashboardProblem } from './request';

/** The dashboard page as HTML: tables are rendered here, charts by ECharts in the browser from embedded JSON. */

export function dashboardCatalog(locale: 'ko' | 'en'): DashboardCatalog {
  return locale === 'en' ? dashboardEn : dashboardKo;
}

export function escapeHtml(value: string): string {
  return value.replace(/[&<>"']/g, (c) => `&#${c.charCodeAt(0)};`);
}

/** JSON inside <script type="application/json">: "<" escaped so no text can close the element. */
function scriptJson(value: unknown): string {
  return JSON.stringify(value).replace(/</g, '\\u003c');
}

/** The panels, in page order; the browser test expects each to render data on a seeded month. */
export const PANEL_IDS = [
  'nav',
  'drawdown',
  'pnlCalendar',
  'holdings',
  'denials',
  'orders',
  'cycles',
  'watch',
] as const;
export type PanelId = (typeof PANEL_IDS)[number];

interface Formatters {
  int(n: number): string;
  signed(n: number): string;
  pct(n: number | null): string;
  kst(iso: string): string;
  name(ticker: string): string;
}

function formatters(t: DashboardCatalog, names: Readonly<Record<string, string>>): Formatters {
  const integer = new Intl.NumberFormat(t.numberLocale, { maximumFractionDigits: 0 });
  const percent = new Intl.NumberFormat(t.numberLocale, {
    minimumFractionDigits: 2,
    maximumFractionDigits: 2,
    signDisplay: 'exceptZero',
  });
  return {
    int: (n) => integer.format(n),
    signed: (n) => (n > 0 ? `+${integer.format(n)}` : integer.format(n)),
    pct: (n) => (n === null ? '–' : `${percent.format(n)}%`),
    kst: (iso) => new Date(Date.parse(iso) + 9 * 3_600_000).toISOString().slice(0, 16).replace('T', ' '),
    name: (ticker) => (names[ticker] && names[ticker] !== ticker ? `${names[ticker]} (${ticker})` : ticker),
  };
}

type Cell = string | { text: string; className: string };

function table(headers: string[], rows: Cell[][], numeric: readonly number[] = []): string {
  const th = headers
    .map((h, i) => `<th${numeric.includes(i) ? ' class="num"' : ''}>${escapeHtml(h)}</th>`)
    .join('');
  const body = rows
    .map(
      (row) =>
        `<tr>${row
          .map((cell, i) => {
            const classes = [
              numeric.includes(i) ? 'num' : '',
              typeof cell === 'string' ? '' : cell.className,
            ].filter(Boolean);
            const content = typeof cell === 'string' ? cell : cell.text;
            return `<td${classes.length ? ` class="${classes.join(' ')}"` : ''}>${escapeHtml(content)}</td>`;
          })
          .join('')}</tr>`,
    )
    .join('');
  return `<div class="table-wrap"><table><thead><tr>${th}</tr></thead><tbody>${body}</tbody></table></div>`;
}

const signClass = (n: number | null) => (n === null || n === 0 ? 'flat' : n > 0 ? 'up' : 'down');

function panel(
  id: PanelId,
  title: string,
  body: string,
  options: { wide?: boolean; note?: string; empty: boolean; emptyText: string },
): string {
  const note = options.note ? `<span class="note">${escapeHtml(options.note)}</span>` : '';
  const content = options.empty ? `<p class="no-data">${escapeHtml(options.emptyText)}</p>` : body;
  return `<section class="panel${options.wide ? ' wide' : ''}" id="panel-${id}" data-panel="${id}" data-state="${options.empty ? 'empty' : 'data'}">
<h2>${escapeHtml(title)}${note}</h2>
${content}
</section>`;
}

const chart = (name: string, extraClass = '') =>
  `<div class="chart${extraClass ? ` ${extraClass}` : ''}" data-chart="${name}" role="img"></div>`;

/** What the browser script draws; labels are already in the page's language. */
export function chartPayload(
  data: DashboardData,
  t: DashboardCatalog,
  names: Readonly<Record<string, string>>,
) {
  const f = formatters(t, names);
  const holdings = data.holdings.rows.map((h) => ({ name: f.name(h.ticker), value: h.value }));
  if (data.holdings.cash !== null && data.holdings.rows.length > 0)
    holdings.push({ name: t.series.cash, value: data.holdings.cash });
  return {
    locale: t.locale,
    numberLocale: t.numberLocale,
    labels: { ...t.series, noData: t.noData },
    nav: {
      dates: data.nav.map((n) => n.date),
      nav: data.nav.map((n) => n.nav),
      floor: data.nav.map((n) => n.floor),
    },
    drawdown: { dates: data.nav.map((n) => n.date), values: data.nav.map((n) => n.drawdownPct) },
    pnlCalendar: {
      from: data.pnlDaily[0]?.date ?? data.from,
      to: data.pnlDaily.at(-1)?.date ?? data.to,
      days: data.pnlDaily.filter((d) => d.pnl !== null).map((d) => [d.date, d.pnl]),
    },
    holdings,
    denials: data.denials.byCode.map((d) => ({ code: d.code, count: d.count })),
  };
}

export interface PageInput {
  data: DashboardData;
  locale: 'ko' | 'en';
  names: Readonly<Record<string, string>>;
}

function head(t: DashboardCatalog): string {
  return `<!doctype html>
<html lang="${t.locale}">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<meta name="referrer" content="no-referrer">
<title>${escapeHtml(t.title)}</title>
<link rel="icon" href="data:,">
<link rel="stylesheet" href="/dashboard/assets/dashboard.css">
</head>`;
}

function header(t: DashboardCatalog, range: { from: string; to: string } | null): string {
  const query = (lang: 'ko' | 'en') =>
    escapeHtml(
      `/dashboard?${new URLSearchParams({ ...(range ?? {}), ...(lang === 'en' ? { lang } : {}) }).toString()}`,
    );
  const form = range
    ? `<form method="get" action="/dashboard" class="range">
<label>${escapeHtml(t.from)} <input type="date" name="from" value="${escapeHtml(range.from)}" required></label>
<label>${escapeHtml(t.to)} <input type="date" name="to" value="${escapeHtml(range.to)}" required></label>
${t.locale === 'en' ? '<input type="hidden" name="lang" value="en">' : ''}<button type="submit">${escapeHtml(t.show)}</button>
</form>`
    : '';
  return `<header>
<h1>${escapeHtml(t.title)} <span class="badge">${escapeHtml(t.readOnly)}</span></h1>
${range ? `<p class="range-text">${escapeHtml(t.range(range.from, range.to))}</p>` : ''}
${form}
<nav class="lang"><a href="${query('ko')}" hreflang="ko"${t.locale === 'ko' ? ' aria-current="true"' : ''}>${t.language.ko}</a> · <a href="${query('en')}" hreflang="en"${t.locale === 'en' ? ' aria-current="true"' : ''}>${t.language.en}</a></nav>
</header>`;
}

export function renderDashboardPage({ data, locale, names }: PageInput): string {
  const t = dashboardCatalog(locale);
  const f = formatters(t, names);
  const c = t.columns;
  const label = (map: Record<string, string>, key: string) => map[key] ?? key;
  const common = { emptyText: t.noData };

  const lastNav = data.nav.at(-1);
  const panels = [
    panel('nav', t.panels.nav, chart('nav'), {
      ...common,
      wide: true,
      empty: data.nav.length === 0,
      ...(lastNav
        ? {
            note: `${lastNav.date} · ${f.int(lastNav.nav)}${lastNav.floor !== null ? ` / ${t.series.floor} ${f.int(lastNav.floor)}` : ''}`,
          }
        : {}),
    }),
    panel('drawdown', t.panels.drawdown, chart('drawdown'), { ...common, empty: data.nav.length === 0 }),
    panel(
      'pnlCalendar',
      t.panels.pnlCalendar,
      `${chart('pnlCalendar', 'calendar')}${table(
        [c.month, c.pnl, c.pnlPct, c.realised, c.unrealised],
        data.pnlMonthly.map((m) => [
          m.month.slice(0, 7),
          { text: f.signed(m.pnl), className: signClass(m.pnl) },
          { text: f.pct(m.pnlPct), className: signClass(m.pnlPct) },
          f.signed(m.realised),
          f.signed(m.unrealised),
        ]),
        [1, 2, 3, 4],
      )}`,
      { ...common, empty: data.pnlDaily.length === 0 },
    ),
    panel(
      'holdings',
      t.panels.holdings,
      `${chart('holdings')}${table(
        [c.ticker, c.quantity, c.price, c.value, c.weight],
        data.holdings.rows.map((h) => [
          f.name(h.ticker),
          f.int(h.quantity),
          f.int(h.price),
          f.int(h.value),
          f.pct(h.weightPct).replace('+', ''),
        ]),
        [1, 2, 3, 4],
      )}`,
      {
        ...common,
        empty: data.holdings.rows.length === 0,
        ...(data.holdings.asOf ? { note: t.asOf(data.holdings.asOf) } : {}),
      },
    ),
    panel(
      'denials',
      t.panels.denials,
      `${chart('denials')}${table(
        [c.code, c.count],
        data.denials.byCode.map((d) => [d.code, f.int(d.count)]),
        [1],
      )}`,
      { ...common, empty: data.denials.byCode.length === 0 },
    ),
    panel(
      'orders',
      t.panels.orders,
      table(
        [
          c.time,
          c.ticker,
          c.side,
          c.quantity,
          c.status,
          c.filled,
          c.avgPrice,
          c.rejectCode,
          c.source,
          c.history,
        ],
        data.orders.rows.map((o) => [
          f.kst(o.time),
          f.name(o.ticker),
          { text: label(t.sides, o.side), className: o.side === 'BUY' ? 'up' : 'down' },
          f.int(o.quantity),
          { text: label(t.statuses, o.status), className: `status-${o.status.toLowerCase()}` },
          f.int(o.filledQuantity),
          o.averageFillPrice === null ? '–' : f.int(o.averageFillPrice),
          o.rejectCode ?? '',
          o.source,
          o.history ?? '',
        ]),
        [3, 5, 6],
      ),
      {
        ...common,
        wide: true,
        empty: data.orders.rows.length === 0,
        note: t.newestFirst(data.orders.rows.length, data.orders.total),
      },
    ),
    panel(
      'cycles',
      t.panels.cycles,
      table(
        [c.date, c.status, c.trigger, c.attempts, c.duration, c.steps, c.error],
        data.cycles.rows.map((r) => [
          r.date,
          { text: label(t.statuses, r.status), className: `status-${r.status.toLowerCase()}` },
          r.trigger,
          f.int(r.attempts),
          r.durationS === null ? '–' : r.durationS.toFixed(1),
          `${r.stepsDone} / ${r.stepsFailed}`,
          r.lastError ?? '',
        ]),
        [3, 4, 5],
      ),
      {
        ...common,
        empty: data.cycles.rows.length === 0,
        note: t.newestFirst(data.cycles.rows.length, data.cycles.total),
      },
    ),
    panel(
      'watch',
      t.panels.watch,
      `<h3>${escapeHtml(t.watchList)}</h3>${
        data.watch.list.length
          ? table(
              [c.ticker, c.conditions, c.addedBy, c.addedAt],
              data.watch.list.map((w) => [
                f.name(w.ticker),
                (w.conditions ?? '')
                  .split(', ')
                  .filter(Boolean)
                  .map((k) => label(t.conditions, k))
                  .join(', '),
                w.addedBy,
                f.kst(w.addedAt),
              ]),
            )
          : `<p class="no-data">${escapeHtml(t.noData)}</p>`
      }<h3>${escapeHtml(t.watchFirings)}</h3>${
        data.watch.firings.length
          ? table(
              [c.time, c.ticker, c.condition, c.kind, c.severity, c.price],
              data.watch.firings.map((w) => [
                f.kst(w.time),
                f.name(w.ticker),
                label(t.conditions, w.condition),
                { text: label(t.sides, w.kind), className: w.kind === 'buy' ? 'up' : 'down' },
                label(t.severities, w.severity),
                f.int(w.price),
              ]),
              [5],
            )
          : `<p class="no-data">${escapeHtml(t.noData)}</p>`
      }`,
      { ...common, empty: data.watch.list.length === 0 && data.watch.firings.length === 0 },
    ),
  ];
  const nothing = data.nav.length === 0 && data.orders.total === 0 && data.cycles.total === 0;
  return `${head(t)}
<body>
${header(t, data)}
<main>
${nothing ? `<p class="no-data banner">${escapeHtml(t.noDataInRange)}</p>\n` : ''}${panels.join('\n')}
</main>
<script type="application/json" id="dashboard-data">${scriptJson(chartPayload(data, t, names))}</script>
<script src="/dashboard/assets/echarts.min.js"></script>
<script src="/dashboard/assets/dashboard.js"></script>
</body>
</html>
`;
}

export function renderBadRequestPage(locale: 'ko' | 'en', problems: readonly DashboardProblem[]): string {
  const t = dashboardCatalog(locale);
  const b = t.badRequest;
  const lines = problems.map((p) =>
    p.kind === 'date'
      ? b.date(p.field)
      : p.kind === 'order'
        ? b.order
        : p.kind === 'tooLong'
          ? b.tooLong(p.days)
          : b.lang,
  );
  return `${head(t)}
<body>
${header(t, null)}
<main>
<section class="panel wide problem" data-panel="problem">
<h2>${escapeHtml(b.title)}</h2>
<ul>${lines.map((l) => `<li>${escapeHtml(l)}</li>`).join('')}</ul>
<p><a href="/dashboard${locale === 'en' ? '?lang=en' : ''}">${escapeHtml(b.back)}</a></p>
</section>
</main>
</body>
</html>
`;
}
