/**
 * Runs one tool call from the model: parses its JSON with zod, refuses tickers outside the universe, and
 * turns every failure into an error the model can read. Nothing here can throw into the turn loop.
 */
import { z } from 'zod';
import type { Clock } from '../../../domain/clock';
import type { Broker } from '../../../domain/ports';
import type { ToolCall } from '../../../domain/ports/llm';
import type { MemoryStore } from '../../../domain/ports/memory';
import type { RiskCatalog } from '../../../domain/risk';
import type { ApprovalService } from '../../approvals';
import type { TradingStateService } from '../../trading-state';
import { getBuyingPower, getPortfolio, getPriceHistory, getQuote, type MarketToolDeps } from './market';
import { searchMemory, searchNews } from './memory';
import { getTradingState, proposeOrder } from './orders';
import { toolError, type ToolErrorCode, type ToolOutcome } from './outcome';
import { isToolName, toolSchemas, type ToolArgs, type ToolName } from './schemas';

export interface ToolExecutorDeps {
  broker: Broker;
  approvals: Pick<ApprovalService, 'propose'>;
  tradingState: Pick<TradingStateService, 'effective'>;
  memory: MemoryStore;
  clock: Clock;
  /** ticker → name of every security the desk may talk about. */
  universe: ReadonlyMap<string, string>;
  onError?: (what: string, error: unknown) => void;
}

export interface ToolCallContext {
  sessionId: string;
  proposer: string;
  /** Stable per user message, e.g. its seq: makes proposal idempotency keys unique per turn. */
  turnKey: string;
  riskCatalog: RiskCatalog;
}

export interface ToolExecutor {
  run(call: ToolCall, context: ToolCallContext): Promise<ToolOutcome>;
}

export function createToolExecutor(deps: ToolExecutorDeps): ToolExecutor {
  const market: MarketToolDeps = {
    broker: deps.broker,
    clock: deps.clock,
    nameOf: (ticker) => deps.universe.get(ticker) ?? ticker,
  };

  type Handler<N extends ToolName> = (
    args: ToolArgs<N>,
    call: ToolCall,
    context: ToolCallContext,
  ) => Promise<ToolOutcome>;
  const handlers: { [N in ToolName]: Handler<N> } = {
    get_quote: (args) => guarded('BROKER_UNAVAILABLE', 'get_quote', () => getQuote(market, args)),
    get_price_history: (args) =>
      guarded('BROKER_UNAVAILABLE', 'get_price_history', () => getPriceHistory(market, args)),
    get_portfolio: () => guarded('BROKER_UNAVAILABLE', 'get_portfolio', () => getPortfolio(market)),
    get_buying_power: (args) =>
      guarded('BROKER_UNAVAILABLE', 'get_buying_power', () => getBuyingPower(market, args)),
    search_memory: (args) =>
      guarded('MEMORY_UNAVAILABLE', 'search_memory', () => searchMemory(deps.memory, args)),
    search_news: (args) => guarded('MEMORY_UNAVAILABLE', 'search_news', () => searchNews(deps.memory, args)),
    get_trading_state: () =>
      guarded('BROKER_UNAVAILABLE', 'get_trading_state', () => getTradingState(deps.tradingState)),
    propose_order: (args, call, context) =>
      guarded('PROPOSAL_FAILED', 'propose_order', () =>
        proposeOrder(deps.approvals, args, {
          sessionId: context.sessionId,
          proposer: context.proposer,
          idempotencyKey: `chat:${context.sessionId}:${context.turnKey}:${call.id}`.slice(0, 200),
          riskCatalog: context.riskCatalog,
        }),
      ),
  };

  function dispatch<N extends ToolName>(
    name: N,
    args: ToolArgs<N>,
    call: ToolCall,
    context: ToolCallContext,
  ) {
    return handlers[name](args, call, context);
  }

  async function guarded(
    code: ToolErrorCode,
    what: string,
    run: () => Promise<ToolOutcome>,
  ): Promise<ToolOutcome> {
    try {
      return await run();
    } catch (error) {
      deps.onError?.(`tool ${what}`, error);
      return toolError(code, `${what} failed; the data is unavailable right now. Do not guess the numbers.`);
    }
  }

  return {
    async run(call, context) {
      if (!isToolName(call.name)) {
        return toolError('UNKNOWN_TOOL', `no tool named ${call.name.slice(0, 64)}`);
      }
      let raw: unknown;
      try {
        raw = call.argumentsJson.trim() === '' ? {} : JSON.parse(call.argumentsJson);
      } catch {
        return toolError(
          'INVALID_ARGUMENTS',
          `the arguments of ${call.name} are not valid JSON; send one JSON object`,
        );
      }
      const parsed = toolSchemas[call.name].safeParse(raw);
      if (!parsed.success) {
        return toolError('INVALID_ARGUMENTS', `${call.name}: ${z.prettifyError(parsed.error)}`.slice(0, 600));
      }
      const args = parsed.data as { ticker?: unknown };
      if (typeof args.ticker === 'string' && !deps.universe.has(args.ticker)) {
        return toolError(
          'UNKNOWN_TICKER',
          `${args.ticker} is not in the desk's universe; use one of ${[...deps.universe.keys()].join(', ')}`,
        );
      }
      return dispatch(call.name, parsed.data as ToolArgs<typeof call.name>, call, context);
    },
  };
}
