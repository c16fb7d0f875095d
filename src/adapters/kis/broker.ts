import type WebSocket from 'ws';
import type { Clock } from '../../domain/clock';
import type { KstDate } from '../../domain/market';
import type {
  Broker,
  BrokerOrder,
  FillNotice,
  Subscription,
  TradeTick,
  MarketDayAnswer,
} from '../../domain/ports';
import { fetchBalance, fetchBuyingPower } from './account';
import { KisAuth, type TokenBlackouts } from './auth';
import { accountOf, type KisConfig, type KisConfigInput, parseKisConfig } from './config';
import { cancelOrder, placeCashOrder } from './execution';
import { KisHttpClient } from './http/client';
import { type KisConfigurationError, KisRejectedError, KisWebSocketError } from './http/errors';
import { type FetchLike, KisTransport } from './http/transport';
import { type KisLogger, silentLogger } from './logger';
import { fetchDailyBars, fetchDistributions, fetchEtfNav, fetchMarketDay, fetchQuote } from './market-data';
import {
  DEFAULT_READ_RETRY,
  PUBLISHED_RATE_LIMIT,
  RateLimiterRegistry,
  type ReadRetryPolicy,
} from './rate-limit';
import { findBrokerOrder, listBrokerOrders } from './reconcile';
import { isKisTicker } from './ticker';
import { kisKeyId, TokenCipher } from './token-cipher';
import type { TokenStore } from './token-store';
import { fillNoticeTrId, REAL_TR_IDS, resolveEndpoints } from './urls';
import { KisWebSocketSession, MAX_REGISTRATIONS } from './websocket';
import { NOTICE_FIELD_COUNT, toNoticeRecord, toTradeTick, TRADE_FIELD_COUNT } from './ws-frames';

export interface KisBrokerDeps {
  config: KisConfig | KisConfigInput;
  clock: Clock;
  tokenStore: TokenStore;
  /** Share one registry across every client of the process so each app key has exactly one limiter. */
  rateLimiters?: RateLimiterRegistry;
  logger?: KisLogger;
  fetch?: FetchLike;
  createSocket?: (url: string) => WebSocket;
  /** Waits between read retries and before token issuance; injectable so tests can drive a FakeClock. */
  sleep?: (ms: number) => Promise<void>;
  random?: () => number;
  nameOf?: (ticker: string) => string | undefined;
  readRetry?: ReadRetryPolicy;
  wsReconnect?: ReadRetryPolicy;
  /** KIS maintenance windows: no token is issued inside one (see KisAuth). */
  tokenBlackouts?: TokenBlackouts;
  /** EGW02006/EGW02007/EGW02004 answers: a setting is wrong (the composition root raises an alert). */
  onConfigurationError?: (error: KisConfigurationError) => void;
}

export interface KisBroker extends Broker {
  /** Hash of (environment, appKey): the key of the token cache and the rate limiter. */
  readonly keyId: string;
  /** The order with this number placed on `date`, or null when KIS does not show it (yet). */
  findOrder(date: KstDate, brokerOrderId: string): Promise<BrokerOrder | null>;
  /** KIS chk-holiday (real server only). */
  checkMarketDay(date: KstDate): Promise<MarketDayAnswer>;
}

export function createKisBroker(deps: KisBrokerDeps): KisBroker {
  const config = parseKisConfig(deps.config);
  const environment = config.environment;
  const account = accountOf(config);
  const endpoints = resolveEndpoints(environment, config.urls);
  const keyId = kisKeyId(environment, config.appKey);
  const logger = deps.logger ?? silentLogger();
  const sleep = deps.sleep ?? ((ms: number) => new Promise<void>((resolve) => setTimeout(resolve, ms)));
  const random = deps.random ?? Math.random;
  const limiter = (deps.rateLimiters ?? new RateLimiterRegistry()).limiterFor(
    keyId,
    config.rateLimitPerSecond ?? PUBLISHED_RATE_LIMIT[environment],
  );
  const transport = new KisTransport(
    environment,
    deps.fetch ?? ((url, init) => fetch(url, init)),
    limiter,
    logger,
  );
  const auth = new KisAuth({
    restUrl: endpoints.rest,
    appKey: config.appKey,
    appSecret: config.appSecret,
    keyId,
    store: deps.tokenStore,
    cipher: new TokenCipher(config.appSecret, keyId),
    clock: deps.clock,
    transport,
    logger,
    sleep,
    timeoutMs: config.requestTimeoutMs,
    issueIntervalMs: config.tokenIssueIntervalMs,
    ...(deps.tokenBlackouts ? { blackouts: deps.tokenBlackouts } : {}),
  });
  const http = new KisHttpClient({
    restUrl: endpoints.rest,
    appKey: config.appKey,
    appSecret: config.appSecret,
    transport,
    tokens: auth,
    logger,
    readTimeoutMs: config.requestTimeoutMs,
    writeTimeoutMs: config.orderTimeoutMs,
    readRetry: deps.readRetry ?? DEFAULT_READ_RETRY,
    sleep,
    random,
    ...(deps.onConfigurationError ? { onConfigurationError: deps.onConfigurationError } : {}),
  });
  const realtime = new KisWebSocketSession({
    environment,
    url: endpoints.ws,
    approvalKey: () => auth.approvalKey(),
    invalidateApprovalKey: () => auth.invalidateApprovalKey(),
    logger,
    createSocket: deps.createSocket,
    random,
    reconnect: deps.wsReconnect,
    ackTimeoutMs: config.requestTimeoutMs,
  });
  const marketData = {
    http,
    environment,
    clock: deps.clock,
    nameOf: deps.nameOf,
    etfNavOnPaper: config.etfNavOnPaper,
  };
  const accountDeps = { http, environment, account, clock: deps.clock };
  const execution = { http, environment, account, logger };

  return {
    environment,
    keyId,
    getQuote: (ticker) => fetchQuote(marketData, ticker),
    getDailyBars: (ticker, from, to) => fetchDailyBars(marketData, ticker, from, to),
    getEtfNav: (ticker) => fetchEtfNav(marketData, ticker),
    getDistributions: (ticker, from, to) => fetchDistributions(marketData, ticker, from, to),
    checkMarketDay: (date) => fetchMarketDay(marketData, date),
    checkAccess: async () => ({ expiresAt: await auth.tokenExpiry() }),
    getBalance: () => fetchBalance(accountDeps),
    getBuyingPower: (ticker, price) => fetchBuyingPower(accountDeps, ticker, price),
    placeOrder: (request) => placeCashOrder(execution, request),
    cancelOrder: (request) => cancelOrder(execution, request),
    listOrders: (from, to) => listBrokerOrders(accountDeps, from, to),
    findOrder: (date, brokerOrderId) => findBrokerOrder(accountDeps, date, brokerOrderId),

    async subscribeFills(onNotice: (notice: FillNotice) => void): Promise<Subscription> {
      const leave = await realtime.subscribe(
        {
          trId: fillNoticeTrId(environment),
          trKey: config.htsId,
          fieldCount: NOTICE_FIELD_COUNT,
          routeBy: 'all',
        },
        (fields) => {
          const record = toNoticeRecord(fields);
          if (!record) {
            logger.warn({ fields: fields.length }, 'kis execution notice not understood; dropped');
            return;
          }
          // One HTS id can hold several accounts; only ours is relevant.
          if (record.account !== '' && !record.account.startsWith(account.cano)) return;
          onNotice(record.notice);
        },
      );
      return { close: leave };
    },

    realtimeConnected: () => realtime.isOpen,

    async subscribeTrades(
      tickers: string[],
      onTick: (tick: TradeTick) => void,
      onMalformed?: (fields: readonly string[]) => void,
    ): Promise<Subscription> {
      const unique = [...new Set(tickers)];
      const bad = unique.find((t) => !isKisTicker(t));
      if (bad !== undefined) throw new KisRejectedError('INVALID_TICKER', `bad ticker "${bad}"`, 'never');
      const added = realtime.newRegistrations(unique.map((trKey) => ({ trId: REAL_TR_IDS.trades, trKey })));
      if (realtime.registrationCount + added > MAX_REGISTRATIONS) {
        throw new KisWebSocketError(
          'WS_MAX_REGISTRATIONS',
          `${added} more registrations would exceed KIS's ${MAX_REGISTRATIONS} per session`,
          'never',
        );
      }
      const leaves: Array<() => Promise<void>> = [];
      const closeAll = async (): Promise<void> => {
        await Promise.all(leaves.splice(0).map((leave) => leave()));
      };
      try {
        for (const ticker of unique) {
          const spec = {
            trId: REAL_TR_IDS.trades,
            trKey: ticker,
            fieldCount: TRADE_FIELD_COUNT,
            routeBy: 'firstField',
            onUnreadable: (fields: string[]) => onMalformed?.(fields),
          } as const;
          leaves.push(
            await realtime.subscribe(spec, (fields) => {
              // A record short of the 46 fields was cut somewhere: its numbers cannot be trusted.
              const tick = fields.length >= TRADE_FIELD_COUNT ? toTradeTick(fields) : null;
              if (tick) onTick(tick);
              else onMalformed?.(fields);
            }),
          );
        }
      } catch (error) {
        await closeAll();
        throw error;
      }
      return { close: closeAll };
    },

    close: () => realtime.close(),
  };
}
