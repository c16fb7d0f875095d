/**
 * Builds the assistant the way main.ts does, over a test database: FakeBroker behind the real trading core,
 * pgvector memory with the local embedder, the drizzle session store, and either a scripted OpenAI-compatible
 * server (through the real openai SDK adapter) or the offline planner.
 */
import { sql } from 'drizzle-orm';
import { FakeClock } from '../../../../src/adapters/clock/fake';
import type { Database } from '../../../../src/adapters/db/client';
import { createDbSessionStore } from '../../../../src/adapters/db/session-store';
import { createLocalEmbedder } from '../../../../src/adapters/llm/local-embedder';
import { createOfflinePlanner } from '../../../../src/adapters/llm/offline';
import { createOpenAiChatModel } from '../../../../src/adapters/llm/openai';
import { testMemoryStore } from '../../../support/memory';
import { createAssistant, type Assistant, type AssistantOptions } from '../../../../src/app/assistant';
import type { Speaker } from '../../../../src/app/desk-api';
import type { SessionStore } from '../../../../src/app/ports/session-store';
import type { TradingCore } from '../../../../src/app/trading-core';
import type { ChatModel } from '../../../../src/domain/ports/llm';
import type { MemoryStore } from '../../../../src/domain/ports/memory';
import type { FakeOpenAi } from '../../../support/fake-openai/server';
import { FakeBroker } from '../../../support/fake-broker';
import { buildCore, calendar, MARKET_OPEN } from '../../../support/trading';

export const UNIVERSE = [
  { ticker: '069500', name: 'KODEX 200' },
  { ticker: '114260', name: 'KODEX 국고채3년' },
  { ticker: '133690', name: 'TIGER 미국나스닥100' },
];

export const alice: Speaker = { userId: 'alice', displayName: 'Alice', locale: 'ko' };
export const aliceEn: Speaker = { userId: 'alice', displayName: 'Alice', locale: 'en' };

export const TEST_CHAT_MODEL = 'gpt-4.1-mini';

export interface AssistantWorld {
  database: Database;
  clock: FakeClock;
  broker: FakeBroker;
  core: TradingCore;
  sessionStore: SessionStore;
  memory: MemoryStore;
  offline: ChatModel;
  /** A new assistant over the same database and broker, as after a restart. */
  assistant(options?: { model?: 'fake' | 'offline' } & Partial<AssistantOptions>): Assistant;
}

export async function buildWorld(database: Database, fake: FakeOpenAi | null): Promise<AssistantWorld> {
  const clock = new FakeClock(MARKET_OPEN);
  const broker = new FakeBroker(clock);
  const core = buildCore(database, broker, clock);
  await core.reconciliation.reconcile();
  const sessionStore = createDbSessionStore(database.db);
  const memory = testMemoryStore(database, createLocalEmbedder(), clock);
  const offline = createOfflinePlanner({ universe: UNIVERSE });
  const assistants: Assistant[] = [];

  return {
    database,
    clock,
    broker,
    core,
    sessionStore,
    memory,
    offline,
    assistant(options = {}) {
      const { model = fake ? 'fake' : 'offline', ...overrides } = options;
      const chatModel =
        model === 'fake' && fake
          ? createOpenAiChatModel({
              apiKey: 'sk-test-assistant-0000',
              baseUrl: fake.baseUrl,
              model: TEST_CHAT_MODEL,
              timeoutMs: 5_000,
              maxRetries: 0,
            })
          : offline;
      // Only one assistant reports order updates at a time, as in one process.
      for (const previous of assistants.splice(0)) previous.close();
      const assistant = createAssistant({
        chatModel,
        fallbackModel: offline,
        memory,
        sessionStore,
        broker,
        tradingCore: core,
        clock,
        calendar,
        universe: UNIVERSE,
        budgetCents: null,
        ...overrides,
      });
      assistants.push(assistant);
      return assistant;
    },
  };
}

/** The exchange fills the order and its notice is applied, as the broker's fill stream would. */
export async function fillOrder(
  world: AssistantWorld,
  brokerOrderId: string,
  quantity: number,
  price: number,
) {
  world.broker.fill(brokerOrderId, quantity, price, false);
  const order = world.broker.brokerOrders.find((o) => o.brokerOrderId === brokerOrderId)!;
  await world.core.fills.onNotice({
    kind: 'fill',
    brokerOrderId,
    originalOrderId: '',
    ticker: order.ticker,
    side: order.side,
    quantity,
    price,
    time: '100000',
  });
}

export async function countRows(
  database: Database,
  table: 'orders' | 'order_intents' | 'llm_usage',
): Promise<number> {
  const result = (await database.db.execute(sql.raw(`select count(*)::int as n from ${table}`))) as unknown;
  const rows = Array.isArray(result) ? result : ((result as { rows: unknown[] }).rows ?? []);
  return Number((rows[0] as { n: number } | undefined)?.n ?? 0);
}

export async function usageRows(database: Database) {
  const result = (await database.db.execute(
    sql.raw(
      `select purpose, model, input_tokens, output_tokens, cost_micro_usd, session_id from llm_usage order by id`,
    ),
  )) as unknown;
  const rows = Array.isArray(result) ? result : ((result as { rows: unknown[] }).rows ?? []);
  return (rows as Record<string, unknown>[]).map((r) => ({
    purpose: String(r['purpose']),
    model: String(r['model']),
    inputTokens: Number(r['input_tokens']),
    outputTokens: Number(r['output_tokens']),
    costMicroUsd: Number(r['cost_micro_usd']),
    sessionId: r['session_id'] == null ? null : String(r['session_id']),
  }));
}

/** The tool messages of a recorded chat request, parsed. */
export function toolResultsOf(body: { messages: { role: string }[] }): Record<string, unknown>[] {
  return body.messages
    .filter((m) => m.role === 'tool')
    .map((m) => JSON.parse(String((m as { content?: unknown }).content)) as Record<string, unknown>);
}
