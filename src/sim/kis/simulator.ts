import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { SystemClock } from '../../adapters/clock/system';
import type { Clock } from '../../domain/clock';
import { loadTradingCalendar } from '../../adapters/calendar/load';
import { loadEtfManifest } from '../../adapters/prices/load';
import type { SimServices } from './api/context';
import { DEFAULT_SIM_ACCOUNTS, orgNoFor } from './accounts';
import { createSimControl } from './control/sim-control';
import { Exchange } from './exchange/exchange';
import { AccountLedger } from './exchange/ledger';
import { ApprovalKeys } from './gateway/approvals';
import { FaultQueue } from './gateway/faults';
import { HttpGateway, type ControlHandler } from './gateway/http-gateway';
import { SlidingWindowLimiter } from './gateway/rate-limit';
import { TokenStore } from './gateway/tokens';
import { HistoryBook, tickersWithDataThrough } from './market/history-book';
import { Market } from './market/market';
import { captureSimState, incompatibility, restoreSimState } from './persistence/sim-state';
import { loadStateFile } from './persistence/state-file';
import { StateWriter } from './persistence/state-writer';
import type { KisSimulator, KisSimulatorOptions, SimAccount, SimControl, SimEnvironment } from './types';
import { RealtimeServer } from './ws/realtime-server';

/** The last date of the shipped price data: tickers reaching it are replayed by default. */
export const DATA_END_DATE = '2026-08-21';
const DEFAULT_SEED = 20_260_821;

export interface StartExtras {
  /** Fixed ports (the CLI); 0 or absent = any free port. */
  ports?: Partial<Record<SimEnvironment, number>>;
  /** Serve /__sim/ on both listeners (the CLI only). */
  control?: (control: SimControl, accounts: readonly SimAccount[]) => ControlHandler;
}

/** Tickers with a price file whose data reaches DATA_END_DATE. */
export function defaultUniverse(): string[] {
  return tickersWithDataThrough(DATA_END_DATE);
}

export async function createKisSimulator(
  options: KisSimulatorOptions = {},
  extras: StartExtras = {},
): Promise<KisSimulator> {
  const clock = options.clock ?? new SystemClock();
  const accounts = validateAccounts(options.accounts ?? DEFAULT_SIM_ACCOUNTS);
  const seed = options.seed ?? DEFAULT_SEED;
  const commissionPpm = options.commissionPpm ?? 140;
  const host = options.host ?? '127.0.0.1';
  const onWarning = options.onWarning ?? ((message: string) => console.warn(message));
  const calendar = loadTradingCalendar();
  const names = new Map(loadEtfManifest().map((e) => [e.ticker, e.name]));
  const replicas = new Map(Object.entries(options.replicas ?? {}));
  for (const [ticker, source] of replicas) names.set(ticker, `${names.get(source) ?? source} #${ticker}`);
  const universe = [...new Set([...(options.universe ?? defaultUniverse()), ...replicas.keys()])];
  const market = new Market(
    new HistoryBook(universe, calendar, seed, replicas, options.distributions ?? []),
    names,
    calendar,
    seed,
  );
  const ledgers = accounts.map((a) => new AccountLedger(a, orgNoFor(a)));
  const faults = new FaultQueue();
  const exchange = new Exchange({
    market,
    calendar,
    clock,
    commissionPpm,
    ledgers: new Map(ledgers.map((l) => [l.account.cano, l])),
    takePartialFillRatio: () => faults.take('partialFill')?.ratio,
  });
  const stateWriter = await openState(options, { clock, exchange, ledgers, onWarning });
  const services: SimServices = {
    clock,
    calendar,
    market,
    exchange,
    commissionPpm,
    navPremiums: new Map(),
  };
  const tokens = new TokenStore(clock, options.tokenIssueIntervalMs ?? 60_000);
  const approvals = new ApprovalKeys();
  const gateway = new HttpGateway({
    services,
    tokens,
    approvals,
    limiter: new SlidingWindowLimiter(clock, options.rateWindowsInRealTime ?? true),
    faults,
    ledgers,
    rateLimitPerSecond: options.rateLimitPerSecond ?? { real: 18, paper: 1 },
  });
  const control = createSimControl({
    clock,
    market,
    exchange,
    ledgers,
    faults,
    tokens,
    stats: gateway.stats,
    navPremiums: services.navPremiums,
    onStateChange: () => stateWriter?.changed(),
    realtimeOutage: (down) => realtime.setOutage(down),
  });
  if (extras.control) gateway.setControl(extras.control(control, accounts));
  const realtime = new RealtimeServer({
    clock,
    market,
    exchange,
    approvals,
    ledgers,
    pingIntervalMs: options.pingIntervalMs ?? 20_000,
  });

  const servers: Server[] = [];
  const urls = {} as KisSimulator['urls'];
  try {
    for (const environment of ['real', 'paper'] as const) {
      const server = createServer((req, res) => void gateway.handle(environment, req, res));
      realtime.attach(server, environment);
      servers.push(server);
      const port = await listen(server, extras.ports?.[environment] ?? 0, host);
      const authority = `${host.includes(':') ? `[${host}]` : host}:${port}`;
      urls[environment] = { rest: `http://${authority}`, ws: `ws://${authority}` };
    }
  } catch (error) {
    await Promise.all(servers.map(stop));
    await realtime.close();
    await stateWriter?.close();
    throw error;
  }

  let closing: Promise<void> | undefined;
  return {
    urls,
    control,
    close: () => {
      closing ??= (async () => {
        gateway.close();
        await realtime.close();
        await Promise.all(servers.map(stop));
        await stateWriter?.close();
      })();
      return closing;
    },
  };
}

/** Restores the saved state, if any, and starts saving changes; undefined without a state file. */
async function openState(
  options: KisSimulatorOptions,
  deps: {
    clock: Clock;
    exchange: Exchange;
    ledgers: readonly AccountLedger[];
    onWarning: (message: string) => void;
  },
): Promise<StateWriter | undefined> {
  const file = options.stateFile;
  if (file === undefined) return undefined;
  const { clock, exchange, ledgers, onWarning } = deps;
  const saved = await loadStateFile(file, {
    clock,
    onWarning,
    incompatibility: (state) => incompatibility(state, ledgers),
  });
  if (saved) restoreSimState(saved, exchange, ledgers);
  const writer = new StateWriter({
    file,
    capture: () => captureSimState(clock, exchange, ledgers),
    delayMs: options.stateSaveDelayMs ?? 200,
    onWarning,
  });
  exchange.onStateChange(() => writer.changed());
  return writer;
}

function validateAccounts(accounts: readonly SimAccount[]): SimAccount[] {
  const seen = new Set<string>();
  for (const a of accounts) {
    if (!/^\d{8}$/.test(a.cano)) throw new Error(`simulated account CANO must be 8 digits, got "${a.cano}"`);
    if (!/^\d{2}$/.test(a.productCode))
      throw new Error(`ACNT_PRDT_CD must be 2 digits, got "${a.productCode}"`);
    if (!Number.isSafeInteger(a.initialCash) || a.initialCash < 0)
      throw new Error(`initialCash of ${a.cano} must be a non-negative integer`);
    for (const key of [`cano:${a.cano}`, `key:${a.appKey}`]) {
      if (seen.has(key)) throw new Error(`duplicate simulated account ${key.split(':')[0]}`);
      seen.add(key);
    }
  }
  return accounts.map((a) => ({ ...a, positions: [...(a.positions ?? [])] }));
}

function listen(server: Server, port: number, host: string): Promise<number> {
  return new Promise((resolve, reject) => {
    server.once('error', reject);
    server.listen(port, host, () => {
      server.off('error', reject);
      resolve((server.address() as AddressInfo).port);
    });
  });
}

function stop(server: Server): Promise<void> {
  return new Promise((resolve) => {
    if (!server.listening) return resolve();
    server.close(() => resolve());
    server.closeAllConnections();
  });
}
