/**
 * Gathers what the model should know before it answers: the time and market phase, the trading state, a
 * portfolio snapshot, the memories nearest to the question and the latest briefing. Each part is optional:
 * a failed read leaves it out rather than failing the turn.
 */
import type { Clock } from '../../domain/clock';
import { addDays, kstDate, marketSessionAt, type TradingCalendar } from '../../domain/market';
import type { Broker } from '../../domain/ports';
import type { MemoryStore } from '../../domain/ports/memory';
import type { TradingStateService } from '../trading-state';

export interface SnapshotPosition {
  ticker: string;
  name: string;
  quantity: number;
  price: number;
  value: number;
}

export interface SnapshotMemory {
  id: string;
  kind: string;
  date: string;
  content: string;
}

export interface DeskSnapshot {
  now: Date;
  marketPhase: string;
  tradingState: string | null;
  portfolio: {
    cash: number;
    securitiesValue: number;
    totalValue: number;
    positions: SnapshotPosition[];
    asOf: Date;
  } | null;
  memories: SnapshotMemory[];
  briefing: SnapshotMemory | null;
}

export interface DeskContextDeps {
  broker: Broker;
  memory: MemoryStore;
  tradingState: Pick<TradingStateService, 'effective'>;
  clock: Clock;
  calendar: TradingCalendar;
  nameOf(ticker: string): string;
  memoriesPerTurn: number;
  onError?: (what: string, error: unknown) => void;
}

const BRIEFING_LOOKBACK_DAYS = 7;

export async function gatherDeskSnapshot(deps: DeskContextDeps, question: string): Promise<DeskSnapshot> {
  const now = deps.clock.now();
  const attempt = async <T>(what: string, read: () => Promise<T>): Promise<T | null> => {
    try {
      return await read();
    } catch (error) {
      deps.onError?.(`context ${what}`, error);
      return null;
    }
  };
  const [state, balance, hits, briefings] = await Promise.all([
    attempt('trading state', () => deps.tradingState.effective()),
    attempt('balance', () => deps.broker.getBalance()),
    deps.memoriesPerTurn > 0
      ? attempt('memories', () => deps.memory.search(question, { k: deps.memoriesPerTurn }))
      : Promise.resolve([]),
    attempt('briefing', () =>
      deps.memory.search('브리핑 briefing', {
        k: 10,
        filter: { kinds: ['briefing'], fromDate: addDays(kstDate(now), -BRIEFING_LOOKBACK_DAYS) },
      }),
    ),
  ]);
  const latestBriefing = [...(briefings ?? [])].sort(
    (a, b) =>
      b.record.date.localeCompare(a.record.date) ||
      b.record.createdAt.getTime() - a.record.createdAt.getTime(),
  )[0];
  return {
    now,
    marketPhase: marketSessionAt(now, deps.calendar).phase,
    tradingState: state?.state ?? null,
    portfolio: balance
      ? {
          cash: balance.cashD2,
          securitiesValue: balance.securitiesValue,
          totalValue: balance.totalValue,
          positions: balance.positions.map((p) => ({
            ticker: p.ticker,
            name: deps.nameOf(p.ticker),
            quantity: p.quantity,
            price: p.price,
            value: p.marketValue,
          })),
          asOf: balance.asOf,
        }
      : null,
    memories: (hits ?? [])
      .filter((hit) => hit.record.kind !== 'briefing' || hit.record.id !== latestBriefing?.record.id)
      .map((hit) => ({
        id: hit.record.id,
        kind: hit.record.kind,
        date: hit.record.date,
        content: hit.record.content,
      })),
    briefing: latestBriefing
      ? {
          id: latestBriefing.record.id,
          kind: 'briefing',
          date: latestBriefing.record.date,
          content: latestBriefing.record.content,
        }
      : null,
  };
}
