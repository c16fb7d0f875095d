/**
 * The whole product's configuration, read from the environment once at start-up. Every part is optional
 * except where a chosen mode needs it; an invalid configuration is reported as ONE error listing every problem.
 */
import { z } from 'zod';
import { parseDailyBlackouts, type BlackoutProblem, type DailyBlackout } from './domain/blackout';
import { DEFAULT_STRATEGY_CONFIG } from './domain/strategy/config';
import { DEFAULT_ETF_UNIVERSE } from './domain/universe';
import {
  DEFAULT_WATCH_THRESHOLDS,
  resolveThresholds,
  SELL_CONDITIONS,
  watchOverridesSchema,
  type WatchThresholdOverrides,
  type WatchThresholds,
} from './domain/watch';
import type { WatchSettings } from './app/watch/settings';

export const LIVE_TRADING_CONFIRMATION = 'I_UNDERSTAND_THIS_SENDS_REAL_ORDERS';

export { DEFAULT_ETF_UNIVERSE };

const emptyToUndefined = (v: unknown) => (typeof v === 'string' && v.trim() === '' ? undefined : v);
const optionalString = z.preprocess(emptyToUndefined, z.string().trim().optional());
const snowflake = z.string().regex(/^\d{15,21}$/, 'must be a Discord id (15–21 digits)');
const optionalSnowflake = z.preprocess(emptyToUndefined, snowflake.optional());
/** A comma-separated variable as a list (empty items dropped). */
const commaList = <T extends z.ZodType>(item: T) =>
  z.preprocess(
    (v) =>
      typeof v === 'string'
        ? v
            .split(',')
            .map((s) => s.trim())
            .filter(Boolean)
        : (v ?? []),
    z.array(item),
  );
const idList = commaList(snowflake);
const tickerList = (fallback: readonly string[]) =>
  z.preprocess(
    (v) =>
      typeof v === 'string' && v.trim() !== ''
        ? v
            .split(',')
            .map((s) => s.trim())
            .filter(Boolean)
        : [...fallback],
    z.array(z.string().regex(/^\d{6}$/, 'tickers are 6-digit KRX codes')).min(1),
  );
const intFrom = (def: number, min: number, max: number) =>
  z.preprocess(
    emptyToUndefined,
    z.coerce.number().int('must be a whole number').min(min).max(max).default(def),
  );
const hhmm = (def: string) =>
  z.preprocess(
    emptyToUndefined,
    z
      .string()
      .regex(/^([01]\d|2[0-3]):[0-5]\d$/, 'must be HH:MM (24h, KST)')
      .default(def),
  );
function describeBlackoutProblem(problem: BlackoutProblem): string {
  switch (problem.code) {
    case 'FORMAT':
      return `"${problem.input}" is not HH:MM-HH:MM (24h, KST)`;
    case 'EMPTY_WINDOW':
      return `"${problem.window}" starts and ends at the same minute`;
    case 'OVERLAP':
      return `${problem.first} and ${problem.second} overlap`;
    default:
      return problem.code;
  }
}
const jsonObject = (text: string, ctx: z.RefinementCtx): Record<string, unknown> | undefined => {
  try {
    const value: unknown = JSON.parse(text);
    if (value !== null && typeof value === 'object' && !Array.isArray(value))
      return value as Record<string, unknown>;
  } catch {
    // reported below
  }
  ctx.addIssue({ code: 'custom', message: 'must be a JSON object' });
  return undefined;
};
/** WATCH_THRESHOLDS: JSON overrides of the watch's default thresholds, e.g. {"stopLossPct":7}. */
const watchThresholdsSetting = z.preprocess(
  (v) => (v === undefined || (typeof v === 'string' && v.trim() === '') ? '{}' : v),
  z.string().transform((text, ctx): WatchThresholds => {
    const parsed = jsonObject(text, ctx);
    if (!parsed) return z.NEVER;
    const overrides = watchOverridesSchema.safeParse(parsed);
    if (!overrides.success) {
      ctx.addIssue({
        code: 'custom',
        message: `unknown or non-numeric threshold (${z.prettifyError(overrides.error)})`,
      });
      return z.NEVER;
    }
    const resolved = resolveThresholds(DEFAULT_WATCH_THRESHOLDS, overrides.data);
    if (resolved.ok) return resolved.value;
    for (const p of resolved.problems) ctx.addIssue({ code: 'custom', message: `${p.field} ${p.message}` });
    return z.NEVER;
  }),
);
/** WATCH_TICKER_THRESHOLDS: per-ticker overrides, e.g. {"069500":{"stopLossPct":5}}. */
const watchTickerThresholdsSetting = z.preprocess(
  (v) => (v === undefined || (typeof v === 'string' && v.trim() === '') ? '{}' : v),
  z.string().transform((text, ctx): Record<string, WatchThresholdOverrides> => {
    const parsed = jsonObject(text, ctx);
    if (!parsed) return z.NEVER;
    const out: Record<string, WatchThresholdOverrides> = {};
    for (const [ticker, value] of Object.entries(parsed)) {
      const overrides = watchOverridesSchema.safeParse(value);
      if (!/^\d{6}$/.test(ticker) || !overrides.success) {
        ctx.addIssue({
          code: 'custom',
          message: `${ticker}: needs a 6-digit ticker and known numeric thresholds`,
        });
        continue;
      }
      const resolved = resolveThresholds(DEFAULT_WATCH_THRESHOLDS, overrides.data);
      if (!resolved.ok)
        for (const p of resolved.problems)
          ctx.addIssue({ code: 'custom', message: `${ticker}.${p.field} ${p.message}` });
      else out[ticker] = overrides.data;
    }
    return out;
  }),
);
/** `HH:MM-HH:MM[,…]` KST, windows may cross midnight; `none` for no window. */
const blackoutWindows = z.preprocess(
  (v) => (v === undefined || (typeof v === 'string' && v.trim() === '') ? '23:30-00:10' : v),
  z.string().transform((text, ctx): DailyBlackout[] => {
    const parsed = parseDailyBlackouts(text);
    if (parsed.ok) return parsed.value;
    ctx.addIssue({ code: 'custom', message: describeBlackoutProblem(parsed.problem) });
    return z.NEVER;
  }),
);
const urlList = commaList(z.url({ protocol: /^https?$/ }));
const optionalUrl = z.preprocess(emptyToUndefined, z.url({ protocol: /^https?$/ }).optional());

const envSchema = z.object({
  LOG_LEVEL: z.preprocess(
    emptyToUndefined,
    z.enum(['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent']).default('info'),
  ),
  DESK_LOCALE: z.preprocess(emptyToUndefined, z.enum(['ko', 'en']).default('ko')),

  DISCORD_TOKEN: optionalString,
  DISCORD_APPLICATION_ID: optionalSnowflake,
  DISCORD_GUILD_ID: optionalSnowflake,
  DISCORD_TRADE_CHANNEL_ID: optionalSnowflake,
  DISCORD_BRIEFING_CHANNEL_ID: optionalSnowflake,
  DISCORD_ALERT_CHANNEL_ID: optionalSnowflake,
  DISCORD_APPROVER_USER_IDS: idList,
  DISCORD_APPROVER_ROLE_IDS: idList,

  OPENAI_API_KEY: optionalString,
  OPENAI_BASE_URL: optionalUrl,
  OPENAI_CHAT_MODEL: z.preprocess(emptyToUndefined, z.string().default('gpt-4.1-mini')),
  OPENAI_EMBEDDING_MODEL: z.preprocess(emptyToUndefined, z.string().default('text-embedding-3-small')),
  OPENAI_TIMEOUT_MS: intFrom(30_000, 1_000, 300_000),
  /** Daily spending cap in US cents (integer); past it the desk switches to the offline planner. */
  OPENAI_DAILY_BUDGET_CENTS: intFrom(200, 0, 1_000_000),

  KIS_ENV: z.preprocess(emptyToUndefined, z.enum(['paper', 'real']).default('paper')),
  KIS_APP_KEY: optionalString,
  KIS_APP_SECRET: optionalString,
  KIS_ACCOUNT: z.preprocess(
    emptyToUndefined,
    z
      .string()
      .regex(/^\d{8}-\d{2}$/, 'must be CANO-ACNT_PRDT_CD, e.g. 12345678-01')
      .optional(),
  ),
  KIS_HTS_ID: optionalString,
  KIS_LIVE_TRADING_CONFIRM: optionalString,
  KIS_REST_URL: optionalUrl,
  KIS_WS_URL: z.preprocess(emptyToUndefined, z.url({ protocol: /^wss?$/ }).optional()),
  KIS_COMMISSION_PPM: intFrom(140, 0, 10_000),

  DATABASE_URL: z.preprocess(emptyToUndefined, z.url({ protocol: /^postgres(ql)?$/ }).optional()),
  PGLITE_DIR: z.preprocess(emptyToUndefined, z.string().optional()),
  /** When set, the shared KIS request budget lives in Redis instead of Postgres. */
  REDIS_URL: z.preprocess(emptyToUndefined, z.url({ protocol: /^rediss?$/ }).optional()),
  QDRANT_URL: optionalUrl,
  QDRANT_API_KEY: optionalString,
  QDRANT_COLLECTION: z.preprocess(
    emptyToUndefined,
    z
      .string()
      .regex(/^[A-Za-z0-9_-]+$/)
      .default('kis_desk_memories'),
  ),

  ETF_UNIVERSE: tickerList(DEFAULT_ETF_UNIVERSE),
  RISK_MAX_ORDER_VALUE_KRW: intFrom(300_000, 1, 1_000_000_000),
  // The strategy's weight cap, chosen by the study (docs/study/), is the guard's default too.
  RISK_MAX_POSITION_WEIGHT_PCT: intFrom(DEFAULT_STRATEGY_CONFIG.maxPositionWeightBp / 100, 1, 100),
  RISK_MAX_ORDERS_PER_DAY: intFrom(10, 1, 1_000),
  RISK_DAILY_LOSS_PCT: intFrom(3, 1, 100),
  RISK_NAV_FLOOR_KRW: intFrom(800_000, 0, 1_000_000_000_000),
  RISK_FAT_FINGER_CASH_PCT: intFrom(30, 1, 100),
  RISK_MAX_PRICE_DISTANCE_BP: intFrom(300, 1, 3_000),
  RISK_MAX_NAV_PREMIUM_BP: intFrom(50, 1, 3_000),
  INTENT_TTL_MINUTES: intFrom(10, 1, 24 * 60),
  /** Above this order value (KRW) a ✅ in Discord needs a second, different approver; unset = off. */
  APPROVAL_TWO_PERSON_ABOVE_KRW: z.preprocess(
    emptyToUndefined,
    z.coerce.number().int('must be a whole number of KRW').min(0).max(1_000_000_000_000).optional(),
  ),
  ORDER_BLACKOUT_WINDOWS_KST: blackoutWindows,
  BLACKOUT_MAX_DRIFT_BP: intFrom(300, 1, 3_000),
  ORDER_DEFERRED_MAX: intFrom(20, 1, 200),

  CYCLE_ENABLED: z.preprocess(emptyToUndefined, z.enum(['true', 'false']).default('true')),
  CYCLE_TIME: hhmm('08:00'),
  CYCLE_CATCHUP_CUTOFF: hhmm('15:00'),
  CANARY_ENABLED: z.preprocess(emptyToUndefined, z.enum(['true', 'false']).default('true')),
  /** The desk's small HTTP server: /healthz, /readyz, /metrics and the read-only dashboard page. */
  HTTP_ENABLED: z.preprocess(emptyToUndefined, z.enum(['true', 'false']).default('true')),
  HTTP_HOST: z.preprocess(emptyToUndefined, z.string().trim().default('127.0.0.1')),
  HTTP_PORT: intFrom(8787, 0, 65_535),
  DASHBOARD_ENABLED: z.preprocess(emptyToUndefined, z.enum(['true', 'false']).default('true')),
  /** Required when HTTP_HOST is not loopback: the dashboard and /metrics then ask for it (Bearer or ?token=). */
  DASHBOARD_TOKEN: optionalString,
  CANARY_TIME: hhmm('07:45'),
  CANARY_RETRY_MINUTES: intFrom(5, 1, 120),
  // One universe: the strategy's defaults (src/domain/strategy/config.ts), which the backtester runs too.
  CYCLE_UNIVERSE: tickerList(DEFAULT_STRATEGY_CONFIG.universe),
  CYCLE_SAFE_ASSET: z.preprocess(
    emptyToUndefined,
    z
      .string()
      .regex(/^(\d{6}|CASH)$/, 'a 6-digit ticker or CASH')
      .default(DEFAULT_STRATEGY_CONFIG.safeAsset),
  ),
  CYCLE_TOP_N: intFrom(DEFAULT_STRATEGY_CONFIG.topN, 1, 10),
  /** Leftover cash (ATR budget, weight cap, whole shares, empty slots) goes to the safe ETF. */
  CYCLE_CASH_SWEEP: z.preprocess(
    emptyToUndefined,
    z.enum(['true', 'false']).default(DEFAULT_STRATEGY_CONFIG.cashSweep ? 'true' : 'false'),
  ),
  /** Momentum window in trading days (252 = 12 months) and the most recent days left out (21 = the classic 12-1). */
  CYCLE_LOOKBACK_DAYS: intFrom(DEFAULT_STRATEGY_CONFIG.lookbackDays, 20, 500),
  CYCLE_SKIP_DAYS: intFrom(DEFAULT_STRATEGY_CONFIG.skipDays, 0, 63),
  /** ATR sizing: loss budget per position for a 2-ATR move, in bp of NAV; 10000 = off. */
  CYCLE_ATR_BUDGET_BP: intFrom(DEFAULT_STRATEGY_CONFIG.riskBudgetBp, 10, 10_000),
  /** Plan on the (N + 1)-th trading day of the month instead of the first. */
  CYCLE_REBALANCE_OFFSET_DAYS: intFrom(DEFAULT_STRATEGY_CONFIG.rebalanceOffsetDays, 0, 15),
  CYCLE_ORDERS: z.preprocess(emptyToUndefined, z.enum(['approve', 'auto']).default('approve')),
  NEWS_FEEDS: urlList,
  ALERT_WEBHOOK_URL: optionalUrl,
  SESSION_IDLE_MINUTES: intFrom(30, 1, 24 * 60),

  WATCH_ENABLED: z.preprocess(emptyToUndefined, z.enum(['true', 'false']).default('true')),
  WATCH_THRESHOLDS: watchThresholdsSetting,
  WATCH_TICKER_THRESHOLDS: watchTickerThresholdsSetting,
  WATCH_HOLDING_CONDITIONS: z.preprocess(
    (v) => (v === undefined || (typeof v === 'string' && v.trim() === '') ? SELL_CONDITIONS.join(',') : v),
    commaList(z.enum(SELL_CONDITIONS)),
  ),
  WATCH_REARM_MINUTES: intFrom(30, 1, 24 * 60),
  WATCH_FEED_DOWN_ALERT_SECONDS: intFrom(60, 5, 3_600),
  WATCH_POLL_INTERVAL_MS: intFrom(2_000, 200, 60_000),
  WATCH_SELL_SHARE_PCT: intFrom(100, 1, 100),
  WATCH_LIMIT_TICKS: intFrom(1, 0, 20),
});

type Env = z.infer<typeof envSchema>;

export interface Config {
  logLevel: Env['LOG_LEVEL'];
  locale: 'ko' | 'en';
  discord:
    | { enabled: false }
    | {
        enabled: true;
        token: string;
        applicationId: string;
        guildId: string;
        tradeChannelId: string;
        briefingChannelId: string;
        alertChannelId: string;
        approverUserIds: string[];
        approverRoleIds: string[];
        /** APPROVAL_TWO_PERSON_ABOVE_KRW: orders valued above it need two different approvers; null = off. */
        twoPersonAboveKrw: number | null;
      };
  openai:
    | { enabled: false }
    | {
        enabled: true;
        apiKey: string;
        baseUrl?: string;
        chatModel: string;
        embeddingModel: string;
        timeoutMs: number;
        dailyBudgetCents: number;
      };
  kis:
    | { mode: 'simulator'; environment: 'paper'; commissionPpm: number }
    | {
        mode: 'broker';
        environment: 'paper' | 'real';
        appKey: string;
        appSecret: string;
        cano: string;
        productCode: string;
        htsId: string;
        restUrl?: string;
        wsUrl?: string;
        commissionPpm: number;
      };
  database: { url?: string; pgliteDir?: string };
  /** Where every process on one KIS app key shares its request budget, when not in Postgres. */
  redis: { url: string } | undefined;
  qdrant: { url: string; apiKey?: string; collection: string } | undefined;
  risk: {
    etfUniverse: string[];
    maxOrderValue: number;
    maxPositionWeightBp: number;
    maxOrdersPerDay: number;
    dailyLossBp: number;
    navFloor: number;
    fatFingerCashBp: number;
    maxPriceDistanceBp: number;
    maxNavPremiumBp: number;
    intentTtlMs: number;
  };
  blackout: {
    /** Daily KIS maintenance windows (KST). */
    daily: DailyBlackout[];
    /** A deferred order whose price moved more than this during the wait asks for a new approval. */
    maxDriftBp: number;
    /** How many approved orders may wait (deferred) at once. */
    maxDeferred: number;
  };
  cycle: {
    enabled: boolean;
    time: string;
    catchUpCutoff: string;
    universe: string[];
    safeAsset: string;
    topN: number;
    cashSweep?: boolean;
    rebalanceOffsetDays?: number;
    /** Momentum window, skipped recent days and ATR budget (default: the study's choice). */
    lookbackDays?: number;
    skipDays?: number;
    riskBudgetBp?: number;
    orders: 'approve' | 'auto';
    newsFeeds: string[];
  };
  /** The pre-open canary: read-only probes before the cycle, which waits for them to pass. */
  canary: { enabled: boolean; time: string; retryMinutes: number };
  /** The HTTP server (health, metrics, dashboard page); a token guards it when it listens beyond loopback. */
  http: { enabled: boolean; host: string; port: number; dashboard: boolean; token?: string };
  alertWebhookUrl?: string;
  sessionIdleMs: number;
  watch: WatchSettings;
  /** Every secret value in this config, for log and message redaction. */
  secrets: string[];
  /** Settings that work but are probably not what the owner wants (printed at start-up). */
  warnings?: string[];
}

export class ConfigError extends Error {
  constructor(readonly problems: string[]) {
    super(
      `Invalid configuration (${problems.length} problem${problems.length === 1 ? '' : 's'}):\n${problems.map((p) => `  - ${p}`).join('\n')}`,
    );
    this.name = 'ConfigError';
  }
}

const OFFICIAL_KIS_HOST = /(^|\.)koreainvestment\.com$/;
const LOOPBACK_HOST = /^(127\.\d+\.\d+\.\d+|localhost|\[::1\])$/;

/** Parses the environment. Throws ConfigError naming every problem at once. */
export function loadConfig(raw: Record<string, string | undefined>): Config {
  const problems: string[] = [];
  const parsed = envSchema.safeParse(raw);
  if (!parsed.success) {
    for (const issue of parsed.error.issues)
      problems.push(`${issue.path.join('.') || '(root)'}: ${issue.message}`);
  }
  // Cross-field rules run on the raw values too, so one pass reports everything.
  const v = (name: string): string | undefined => {
    const value = raw[name];
    return value === undefined || value.trim() === '' ? undefined : value.trim();
  };
  const requireWhen = (condition: boolean, names: string[], because: string) => {
    if (!condition) return;
    for (const name of names) if (!v(name)) problems.push(`${name}: required ${because}`);
  };

  const lookback = Number(v('CYCLE_LOOKBACK_DAYS') ?? DEFAULT_STRATEGY_CONFIG.lookbackDays);
  const skip = Number(v('CYCLE_SKIP_DAYS') ?? DEFAULT_STRATEGY_CONFIG.skipDays);
  if (Number.isInteger(lookback) && Number.isInteger(skip) && skip >= lookback)
    problems.push(`CYCLE_SKIP_DAYS: ${skip} must be smaller than CYCLE_LOOKBACK_DAYS (${lookback})`);

  const discordOn = Boolean(v('DISCORD_TOKEN'));
  requireWhen(
    discordOn,
    ['DISCORD_APPLICATION_ID', 'DISCORD_GUILD_ID', 'DISCORD_TRADE_CHANNEL_ID'],
    'when DISCORD_TOKEN is set',
  );
  if (discordOn && !v('DISCORD_APPROVER_USER_IDS') && !v('DISCORD_APPROVER_ROLE_IDS')) {
    problems.push(
      'DISCORD_APPROVER_USER_IDS / DISCORD_APPROVER_ROLE_IDS: at least one approver is required when DISCORD_TOKEN is set (deny-by-default)',
    );
  }
  const guildId = v('DISCORD_GUILD_ID');
  const roleIds = (v('DISCORD_APPROVER_ROLE_IDS') ?? '').split(',').map((id) => id.trim());
  if (guildId && roleIds.includes(guildId)) {
    problems.push(
      'DISCORD_APPROVER_ROLE_IDS: contains DISCORD_GUILD_ID, which is the @everyone role — every member would be an approver; list a dedicated approver role instead',
    );
  }

  const kisKeyed = Boolean(v('KIS_APP_KEY') || v('KIS_APP_SECRET'));
  requireWhen(
    kisKeyed,
    ['KIS_APP_KEY', 'KIS_APP_SECRET', 'KIS_ACCOUNT', 'KIS_HTS_ID'],
    'to connect to KIS (leave all KIS_* empty for the built-in simulator)',
  );
  const real = v('KIS_ENV') === 'real';
  if (real && !kisKeyed)
    problems.push('KIS_ENV: "real" needs KIS_APP_KEY/KIS_APP_SECRET (the built-in simulator is paper only)');
  if (real && v('KIS_LIVE_TRADING_CONFIRM') !== LIVE_TRADING_CONFIRMATION) {
    problems.push(
      `KIS_LIVE_TRADING_CONFIRM: live trading needs KIS_ENV=real AND KIS_LIVE_TRADING_CONFIRM=${LIVE_TRADING_CONFIRMATION}`,
    );
  }
  if (!real && v('KIS_LIVE_TRADING_CONFIRM')) {
    problems.push('KIS_LIVE_TRADING_CONFIRM: set only together with KIS_ENV=real');
  }
  for (const name of ['KIS_REST_URL', 'KIS_WS_URL']) {
    const value = v(name);
    if (!value) continue;
    try {
      const host = new URL(value).hostname;
      if (!LOOPBACK_HOST.test(host) && !OFFICIAL_KIS_HOST.test(host)) {
        problems.push(`${name}: only a loopback simulator or a koreainvestment.com host is allowed`);
      }
      if (real && LOOPBACK_HOST.test(host))
        problems.push(`${name}: a loopback URL cannot be used with KIS_ENV=real`);
    } catch {
      // the schema already reported the malformed URL
    }
  }
  const httpHost = v('HTTP_HOST') || '127.0.0.1';
  if (
    v('HTTP_ENABLED') !== 'false' &&
    !LOOPBACK_HOST.test(httpHost) &&
    httpHost !== '::1' &&
    !v('DASHBOARD_TOKEN')
  )
    problems.push(`DASHBOARD_TOKEN: required when HTTP_HOST (${httpHost}) is not a loopback address`);
  if (v('DASHBOARD_TOKEN') && (v('DASHBOARD_TOKEN')?.length ?? 0) < 16)
    problems.push('DASHBOARD_TOKEN: use at least 16 characters');
  if (v('QDRANT_API_KEY') && !v('QDRANT_URL')) problems.push('QDRANT_API_KEY: set QDRANT_URL too');
  if (v('OPENAI_BASE_URL') && !v('OPENAI_API_KEY'))
    problems.push(
      'OPENAI_API_KEY: required when OPENAI_BASE_URL is set (any non-empty value for servers without auth)',
    );

  if (problems.length > 0 || !parsed.success) throw new ConfigError([...new Set(problems)]);
  return toConfig(parsed.data);
}

function toConfig(e: Env): Config {
  const [cano, productCode] = (e.KIS_ACCOUNT ?? '-').split('-') as [string, string];
  const discord: Config['discord'] = e.DISCORD_TOKEN
    ? {
        enabled: true,
        token: e.DISCORD_TOKEN,
        applicationId: e.DISCORD_APPLICATION_ID!,
        guildId: e.DISCORD_GUILD_ID!,
        tradeChannelId: e.DISCORD_TRADE_CHANNEL_ID!,
        briefingChannelId: e.DISCORD_BRIEFING_CHANNEL_ID ?? e.DISCORD_TRADE_CHANNEL_ID!,
        alertChannelId: e.DISCORD_ALERT_CHANNEL_ID ?? e.DISCORD_TRADE_CHANNEL_ID!,
        approverUserIds: e.DISCORD_APPROVER_USER_IDS,
        approverRoleIds: e.DISCORD_APPROVER_ROLE_IDS,
        twoPersonAboveKrw: e.APPROVAL_TWO_PERSON_ABOVE_KRW ?? null,
      }
    : { enabled: false };
  const openai: Config['openai'] = e.OPENAI_API_KEY
    ? {
        enabled: true,
        apiKey: e.OPENAI_API_KEY,
        ...(e.OPENAI_BASE_URL ? { baseUrl: e.OPENAI_BASE_URL } : {}),
        chatModel: e.OPENAI_CHAT_MODEL,
        embeddingModel: e.OPENAI_EMBEDDING_MODEL,
        timeoutMs: e.OPENAI_TIMEOUT_MS,
        dailyBudgetCents: e.OPENAI_DAILY_BUDGET_CENTS,
      }
    : { enabled: false };
  const kis: Config['kis'] = e.KIS_APP_KEY
    ? {
        mode: 'broker',
        environment: e.KIS_ENV,
        appKey: e.KIS_APP_KEY,
        appSecret: e.KIS_APP_SECRET!,
        cano,
        productCode,
        htsId: e.KIS_HTS_ID!,
        ...(e.KIS_REST_URL ? { restUrl: e.KIS_REST_URL } : {}),
        ...(e.KIS_WS_URL ? { wsUrl: e.KIS_WS_URL } : {}),
        commissionPpm: e.KIS_COMMISSION_PPM,
      }
    : { mode: 'simulator', environment: 'paper', commissionPpm: e.KIS_COMMISSION_PPM };
  const secrets = [
    e.DISCORD_TOKEN,
    e.OPENAI_API_KEY,
    e.KIS_APP_KEY,
    e.KIS_APP_SECRET,
    e.QDRANT_API_KEY,
    e.ALERT_WEBHOOK_URL,
    e.DASHBOARD_TOKEN,
    e.DATABASE_URL && passwordOf(e.DATABASE_URL),
    e.REDIS_URL && passwordOf(e.REDIS_URL),
  ].filter((s): s is string => typeof s === 'string' && s.length >= 4);
  const universe = [
    ...new Set([
      ...e.ETF_UNIVERSE,
      ...e.CYCLE_UNIVERSE,
      ...(e.CYCLE_SAFE_ASSET === 'CASH' ? [] : [e.CYCLE_SAFE_ASSET]),
    ]),
  ];
  return {
    logLevel: e.LOG_LEVEL,
    locale: e.DESK_LOCALE,
    discord,
    openai,
    kis,
    database: {
      ...(e.DATABASE_URL ? { url: e.DATABASE_URL } : {}),
      ...(e.PGLITE_DIR ? { pgliteDir: e.PGLITE_DIR } : {}),
    },
    redis: e.REDIS_URL ? { url: e.REDIS_URL } : undefined,
    qdrant: e.QDRANT_URL
      ? {
          url: e.QDRANT_URL,
          ...(e.QDRANT_API_KEY ? { apiKey: e.QDRANT_API_KEY } : {}),
          collection: e.QDRANT_COLLECTION,
        }
      : undefined,
    risk: {
      etfUniverse: universe,
      maxOrderValue: e.RISK_MAX_ORDER_VALUE_KRW,
      maxPositionWeightBp: e.RISK_MAX_POSITION_WEIGHT_PCT * 100,
      maxOrdersPerDay: e.RISK_MAX_ORDERS_PER_DAY,
      dailyLossBp: e.RISK_DAILY_LOSS_PCT * 100,
      navFloor: e.RISK_NAV_FLOOR_KRW,
      fatFingerCashBp: e.RISK_FAT_FINGER_CASH_PCT * 100,
      maxPriceDistanceBp: e.RISK_MAX_PRICE_DISTANCE_BP,
      maxNavPremiumBp: e.RISK_MAX_NAV_PREMIUM_BP,
      intentTtlMs: e.INTENT_TTL_MINUTES * 60_000,
    },
    blackout: {
      daily: e.ORDER_BLACKOUT_WINDOWS_KST,
      maxDriftBp: e.BLACKOUT_MAX_DRIFT_BP,
      maxDeferred: e.ORDER_DEFERRED_MAX,
    },
    cycle: {
      enabled: e.CYCLE_ENABLED === 'true',
      time: e.CYCLE_TIME,
      catchUpCutoff: e.CYCLE_CATCHUP_CUTOFF,
      universe: e.CYCLE_UNIVERSE,
      safeAsset: e.CYCLE_SAFE_ASSET,
      topN: e.CYCLE_TOP_N,
      cashSweep: e.CYCLE_CASH_SWEEP === 'true',
      rebalanceOffsetDays: e.CYCLE_REBALANCE_OFFSET_DAYS,
      lookbackDays: e.CYCLE_LOOKBACK_DAYS,
      skipDays: e.CYCLE_SKIP_DAYS,
      riskBudgetBp: e.CYCLE_ATR_BUDGET_BP,
      orders: e.CYCLE_ORDERS,
      newsFeeds: e.NEWS_FEEDS,
    },
    canary: {
      enabled: e.CANARY_ENABLED === 'true',
      time: e.CANARY_TIME,
      retryMinutes: e.CANARY_RETRY_MINUTES,
    },
    http: {
      enabled: e.HTTP_ENABLED === 'true',
      host: e.HTTP_HOST,
      port: e.HTTP_PORT,
      dashboard: e.DASHBOARD_ENABLED === 'true',
      ...(e.DASHBOARD_TOKEN ? { token: e.DASHBOARD_TOKEN } : {}),
    },
    ...(e.ALERT_WEBHOOK_URL ? { alertWebhookUrl: e.ALERT_WEBHOOK_URL } : {}),
    sessionIdleMs: e.SESSION_IDLE_MINUTES * 60_000,
    watch: {
      enabled: e.WATCH_ENABLED === 'true',
      thresholds: e.WATCH_THRESHOLDS,
      tickerOverrides: e.WATCH_TICKER_THRESHOLDS,
      rearmMs: e.WATCH_REARM_MINUTES * 60_000,
      downAlertMs: e.WATCH_FEED_DOWN_ALERT_SECONDS * 1_000,
      pollIntervalMs: e.WATCH_POLL_INTERVAL_MS,
      sellSharePct: e.WATCH_SELL_SHARE_PCT,
      limitTicks: e.WATCH_LIMIT_TICKS,
      holdingConditions: e.WATCH_HOLDING_CONDITIONS,
    },
    secrets,
    warnings: strategyWarnings({
      topN: e.CYCLE_TOP_N,
      capBp: e.RISK_MAX_POSITION_WEIGHT_PCT * 100,
      cashSweep: e.CYCLE_CASH_SWEEP === 'true',
    }),
  };
}

/**
 * A weight cap below the top-N slot leaves part of every pick's slot idle: (100 % − reserve) ÷ top N is what
 * the strategy wants per pick; the guard (and the strategy, which never plans above the guard) cuts it to
 * the cap. Warned, not refused: some owners want the cap; the study (docs/study/) measures what it costs.
 */
export function strategyWarnings(settings: { topN: number; capBp: number; cashSweep: boolean }): string[] {
  const capBp = Math.min(settings.capBp, DEFAULT_STRATEGY_CONFIG.maxPositionWeightBp);
  const slotBp = Math.floor((10_000 - DEFAULT_STRATEGY_CONFIG.cashReserveBp) / settings.topN);
  if (capBp >= slotBp) return [];
  const idle = ((slotBp - capBp) * settings.topN) / 100;
  const where = settings.cashSweep ? 'goes to the safe ETF (cash sweep)' : 'stays cash';
  return [
    `RISK_MAX_POSITION_WEIGHT_PCT: the weight cap ${capBp / 100} % is below the top-${settings.topN} slot of ${slotBp / 100} % ((100 % − ${DEFAULT_STRATEGY_CONFIG.cashReserveBp / 100} % reserve) ÷ CYCLE_TOP_N): each pick is cut to the cap and about ${idle.toFixed(1)} % of NAV ${where} when every slot holds a pick. Set it to at least ${Math.ceil(slotBp / 100)} to let a pick fill its slot.`,
  ];
}

function passwordOf(url: string): string | undefined {
  try {
    const p = new URL(url).password;
    return p ? decodeURIComponent(p) : undefined;
  } catch {
    return undefined;
  }
}
