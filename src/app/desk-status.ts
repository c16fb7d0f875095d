/**
 * The parts of /status about the world outside the desk: the KRX session now (calendar and clock) and the state
 * of each connection the desk depends on. Every probe is bounded and answers a state, never a throw: /status
 * must show a broken part, not fail because of it.
 */
import type { Clock } from '../domain/clock';
import { kstParts, marketSessionAt, type MarketPhase, type TradingCalendar } from '../domain/market';
import type { Broker } from '../domain/ports';

export type KrxSession = 'OPEN' | 'PRE_OPEN' | 'CLOSED' | 'HOLIDAY';

export interface MarketStatus {
  /** KST date. */
  date: string;
  session: KrxSession;
  phase: MarketPhase;
  /** Why KRX is shut today ('weekend', a holiday's name); null on trading days. */
  closedReason: string | null;
  /** The next regular open (KST date and HH:MM), when the session is not open. */
  nextOpen: { date: string; time: string } | null;
}

export type ConnectionState = 'ok' | 'down' | 'offline' | 'unknown';

export interface ConnectionStatus {
  state: ConnectionState;
  /** Short and free of secrets (no URLs, keys or raw error text). */
  detail: string | null;
}

export interface DeskConnections {
  kisRest: ConnectionStatus;
  kisWebsocket: ConnectionStatus;
  database: ConnectionStatus;
  model: ConnectionStatus;
}

/** Probes the composition root can give; each resolves with a short detail or throws when the part is down. */
export interface ConnectionProbes {
  database?: () => Promise<string>;
}

const PROBE_TIMEOUT_MS = 2_500;

const hhmm = (minute: number) =>
  `${String(Math.floor(minute / 60)).padStart(2, '0')}:${String(minute % 60).padStart(2, '0')}`;

function sessionOf(phase: MarketPhase): KrxSession {
  switch (phase) {
    case 'CLOSED_DAY':
      return 'HOLIDAY';
    case 'BEFORE_OPEN':
    case 'OPENING_AUCTION':
      return 'PRE_OPEN';
    case 'CONTINUOUS':
    case 'CLOSING_AUCTION':
      return 'OPEN';
    default:
      return 'CLOSED';
  }
}

export function marketStatus(now: Date, calendar: TradingCalendar): MarketStatus {
  const current = marketSessionAt(now, calendar);
  const session = sessionOf(current.phase);
  const openAt = (date: string) => {
    const minute = calendar.isFirstTradingDayOfYear(date) ? 600 : 540;
    return { date, time: hhmm(minute) };
  };
  const nextOpen =
    session === 'OPEN'
      ? null
      : session === 'PRE_OPEN'
        ? openAt(current.date)
        : openAt(calendar.nextTradingDay(current.date));
  return {
    date: current.date,
    session,
    phase: current.phase,
    closedReason: calendar.closedReason(current.date) ?? null,
    nextOpen,
  };
}

async function bounded(probe: () => Promise<ConnectionStatus>): Promise<ConnectionStatus> {
  let timer: NodeJS.Timeout | undefined;
  try {
    return await Promise.race([
      probe(),
      new Promise<ConnectionStatus>((resolve) => {
        timer = setTimeout(() => resolve({ state: 'down', detail: 'no answer in time' }), PROBE_TIMEOUT_MS);
      }),
    ]);
  } catch (error) {
    // The error's name only: messages of HTTP and database errors can carry hosts and URLs.
    return { state: 'down', detail: error instanceof Error ? error.name : 'error' };
  } finally {
    clearTimeout(timer);
  }
}

function kstClock(at: Date): string {
  const p = kstParts(at);
  return `${p.date} ${String(p.hour).padStart(2, '0')}:${String(p.minute).padStart(2, '0')} KST`;
}

export async function deskConnections(deps: {
  broker: Broker;
  clock: Clock;
  probes?: ConnectionProbes;
  modelInfo: () => Promise<{ id: string; offline: boolean }>;
}): Promise<DeskConnections> {
  const { broker, probes } = deps;
  const [kisRest, database, model] = await Promise.all([
    bounded(async () => {
      if (!broker.checkAccess) return { state: 'unknown', detail: null };
      const { expiresAt } = await broker.checkAccess();
      return expiresAt.getTime() > deps.clock.now().getTime()
        ? { state: 'ok', detail: kstClock(expiresAt) }
        : { state: 'down', detail: kstClock(expiresAt) };
    }),
    bounded(async () => {
      if (!probes?.database) return { state: 'unknown', detail: null };
      return { state: 'ok', detail: await probes.database() };
    }),
    bounded(async () => {
      const info = await deps.modelInfo();
      return { state: info.offline ? 'offline' : 'ok', detail: info.id };
    }),
  ]);
  const connected = broker.realtimeConnected?.();
  const kisWebsocket: ConnectionStatus =
    connected === undefined
      ? { state: 'unknown', detail: null }
      : { state: connected ? 'ok' : 'down', detail: null };
  return { kisRest, kisWebsocket, database, model };
}
