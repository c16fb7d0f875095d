/**
 * Prompt size per assistant turn: a standard scripted 10-turn conversation (quotes, 90- and 365-day price
 * histories from the shipped KRX data, portfolio, news and memory searches over 40 seeded memories, an
 * order proposal) runs through the real turn loop and the real openai SDK against the fake
 * OpenAI-compatible server. For each turn the largest recorded request is estimated with the assistant's
 * token estimate (Hangul ≈ 2 characters per token, ASCII ≈ 4) over each message's text and tool calls and the
 * tool definitions, as the model reads them (not the JSON escaping of the HTTP body);
 * prints the median and the max against the 3,500-token target.
 */
import { pathToFileURL } from 'node:url';
import { FakeClock } from '../src/adapters/clock/fake';
import { loadTradingCalendar } from '../src/adapters/calendar/load';
import { openDatabase } from '../src/adapters/db/client';
import { createDbSessionStore } from '../src/adapters/db/session-store';
import { createDbTradingStore } from '../src/adapters/db/trading-store';
import { createLocalEmbedder } from '../src/adapters/llm/local-embedder';
import { createOfflinePlanner } from '../src/adapters/llm/offline';
import { createOpenAiChatModel } from '../src/adapters/llm/openai';
import { createPgVectorMemoryStore } from '../src/adapters/memory/pgvector';
import { loadDailyPrices } from '../src/adapters/prices/load';
import { createAssistant } from '../src/app/assistant';
import { estimateMessagesTokens, estimateTokens } from '../src/app/assistant/tokens';
import { createTradingCore } from '../src/app/trading-core';
import { addDays, kstInstant, type KstDate } from '../src/domain/market';
import type { DailyBar } from '../src/domain/ports';
import type { ChatMessage } from '../src/domain/ports/llm';
import type { NewMemory } from '../src/domain/ports/memory';
import { DEFAULT_RISK_LIMITS } from '../src/domain/risk';
import { FakeBroker } from '../test/support/fake-broker';
import {
  startFakeOpenAi,
  type ChatCompletionBody,
  type ScriptedTurn,
} from '../test/support/fake-openai/server';

const TARGET_TOKENS = 3_500;
const TODAY: KstDate = '2026-08-21';
const UNIVERSE = [
  { ticker: '069500', name: 'KODEX 200' },
  { ticker: '091160', name: 'KODEX 반도체' },
  { ticker: '114260', name: 'KODEX 국고채3년' },
  { ticker: '133690', name: 'TIGER 미국나스닥100' },
  { ticker: '360750', name: 'TIGER 미국S&P500' },
];

/** Daily bars from the shipped data, snapped to whole won as the KIS adapter would return them. */
class HistoryBroker extends FakeBroker {
  // Optional parameters: the base fake takes none.
  override async getDailyBars(ticker = '', from: KstDate = '', to: KstDate = ''): Promise<DailyBar[]> {
    return loadDailyPrices(ticker)
      .filter((row) => row.date >= from && row.date <= to)
      .map((row) => ({
        date: row.date,
        open: Math.round(row.open ?? row.close),
        high: Math.round(row.high ?? row.close),
        low: Math.round(row.low ?? row.close),
        close: Math.round(row.close),
        volume: Math.round(row.volume ?? 0),
      }));
  }
}

function seededMemories(): NewMemory[] {
  const topics = [
    '반도체 수출 호조',
    '금리 인하 기대',
    '원화 약세',
    '외국인 순매도',
    '나스닥 강세',
    '국고채 금리 하락',
    '변동성 확대',
    '리밸런싱',
  ];
  return Array.from({ length: 40 }, (_, i) => {
    const ticker = UNIVERSE[i % UNIVERSE.length]!;
    const topic = topics[i % topics.length]!;
    const kind = (['news', 'briefing', 'session_summary', 'note'] as const)[i % 4]!;
    return {
      id: `${kind}:${i}`,
      kind,
      content:
        `${topic}: ${ticker.name}(${ticker.ticker}) 관련 — ${topic} 흐름이 이어지며 ${ticker.name}의 최근 20일 수익률과 거래대금이 변했다. 데스크는 비중을 점검하고 분할 매수·매도 여부를 검토했다.`.repeat(
          2,
        ),
      date: addDays(TODAY, -(i % 10)),
      tickers: [ticker.ticker],
      threadId: null,
      source: kind === 'news' ? `https://news.example/${i}` : null,
    };
  });
}

const answer = (text: string): ScriptedTurn => ({ content: text });
const tools = (...calls: { name: string; arguments: Record<string, unknown> }[]): ScriptedTurn => ({
  toolCalls: calls,
});
const LONG_ANSWER =
  '요약하면 다음과 같습니다. 현재가와 최근 추이, 보유 비중을 함께 보면 무리한 추가 매수보다는 분할 접근이 낫습니다. 숫자는 모두 도구 결과에서 가져왔습니다 [kis:inquire-price 069500].';

const CONVERSATION: { question: string; script: ScriptedTurn[] }[] = [
  {
    question: 'KODEX 200 지금 얼마야?',
    script: [tools({ name: 'get_quote', arguments: { ticker: '069500' } }), answer(LONG_ANSWER)],
  },
  {
    question: '최근 3개월 추이는 어때?',
    script: [
      tools({ name: 'get_price_history', arguments: { ticker: '069500', days: 90 } }),
      answer(LONG_ANSWER),
    ],
  },
  {
    question: '내 포트폴리오 보여줘',
    script: [tools({ name: 'get_portfolio', arguments: {} }), answer(LONG_ANSWER)],
  },
  {
    question: '반도체 관련 뉴스 있어?',
    script: [tools({ name: 'search_news', arguments: { query: '반도체', k: 5 } }), answer(LONG_ANSWER)],
  },
  {
    question: '069500 몇 주까지 살 수 있어?',
    script: [tools({ name: 'get_buying_power', arguments: { ticker: '069500' } }), answer(LONG_ANSWER)],
  },
  {
    question: '지난번 대화에서 뭐라고 했었지?',
    script: [
      tools({ name: 'search_memory', arguments: { query: '지난 대화 KODEX 200', k: 5 } }),
      answer(LONG_ANSWER),
    ],
  },
  {
    question: 'TIGER 미국나스닥100 1년 추이랑 현재가 같이 보여줘',
    script: [
      tools(
        { name: 'get_price_history', arguments: { ticker: '133690', days: 365 } },
        { name: 'get_quote', arguments: { ticker: '133690' } },
      ),
      answer(LONG_ANSWER),
    ],
  },
  {
    question: '069500 1주 지정가 109,980원에 사자',
    script: [
      tools({ name: 'get_quote', arguments: { ticker: '069500' } }),
      tools({
        name: 'propose_order',
        arguments: {
          ticker: '069500',
          side: 'BUY',
          quantity: 1,
          order_type: 'LIMIT',
          limit_price: 109_980,
          rationale: '사용자 요청, 현재가 지정가',
        },
      }),
      answer(LONG_ANSWER),
    ],
  },
  {
    question: '거래 상태 어때?',
    script: [tools({ name: 'get_trading_state', arguments: {} }), answer(LONG_ANSWER)],
  },
  { question: '오늘 대화 정리해줘', script: [answer(`${LONG_ANSWER} ${LONG_ANSWER}`)] },
];

/** The recorded request as the model reads it: each message's text and tool calls, plus the tool definitions. */
function requestTokens(body: ChatCompletionBody): number {
  const messages = body.messages.map((raw): ChatMessage => {
    const m = raw as {
      role: ChatMessage['role'];
      content?: unknown;
      tool_calls?: { id: string; function: { name: string; arguments: string } }[];
    };
    return {
      role: m.role,
      content: typeof m.content === 'string' ? m.content : '',
      toolCalls: (m.tool_calls ?? []).map((c) => ({
        id: c.id,
        name: c.function.name,
        argumentsJson: c.function.arguments,
      })),
    };
  });
  const tools = (body.tools ?? []).map((t) => t['function']);
  return estimateMessagesTokens(messages) + estimateTokens(JSON.stringify(tools));
}

function median(values: number[]): number {
  const sorted = [...values].sort((a, b) => a - b);
  const mid = Math.floor(sorted.length / 2);
  return sorted.length % 2 === 1 ? sorted[mid]! : Math.round((sorted[mid - 1]! + sorted[mid]!) / 2);
}

export async function runPromptTokensBench(): Promise<void> {
  const database = await openDatabase({ dataDir: 'memory://' });
  const fake = await startFakeOpenAi();
  try {
    const clock = new FakeClock(kstInstant(TODAY, 10, 0));
    const broker = new HistoryBroker(clock);
    for (const { ticker } of UNIVERSE)
      broker.prices.set(ticker, Math.round(loadDailyPrices(ticker).at(-1)!.close / 5) * 5);
    broker.holdings.set('069500', { quantity: 3, purchaseAmount: 310_000 });
    const calendar = loadTradingCalendar();
    const core = createTradingCore({
      broker,
      store: createDbTradingStore(database.db),
      clock,
      calendar,
      limits: { ...DEFAULT_RISK_LIMITS, allowedTickers: UNIVERSE.map((u) => u.ticker) },
      policy: { allowedUserIds: [], allowedRoleIds: [] },
      intentTtlMs: 10 * 60_000,
      commissionPpm: 140,
    });
    await core.reconciliation.reconcile();
    const memory = createPgVectorMemoryStore({ db: database.db, embedder: createLocalEmbedder(), clock });
    await memory.upsert(seededMemories());
    const assistant = createAssistant({
      chatModel: createOpenAiChatModel({
        apiKey: 'sk-bench',
        baseUrl: fake.baseUrl,
        model: 'gpt-4.1-mini',
        timeoutMs: 10_000,
        maxRetries: 0,
      }),
      fallbackModel: createOfflinePlanner({ universe: UNIVERSE }),
      memory,
      sessionStore: createDbSessionStore(database.db),
      broker,
      tradingCore: core,
      clock,
      calendar,
      universe: UNIVERSE,
      budgetCents: null,
    });

    const ref = { channel: 'terminal' as const, threadKey: 'bench-prompt' };
    const speaker = { userId: 'bench', displayName: 'bench', locale: 'ko' as const };
    const perTurn: number[] = [];
    for (const [i, turn] of CONVERSATION.entries()) {
      const before = fake.chatRequests().length;
      fake.script(turn.script);
      if (i === 0) await assistant.start(ref, speaker, turn.question, 'bench');
      else await assistant.continue(ref, speaker, turn.question);
      clock.advance(60_000);
      perTurn.push(Math.max(...fake.chatRequests().slice(before).map(requestTokens)));
    }
    assistant.close();

    const med = median(perTurn);
    const max = Math.max(...perTurn);
    console.log(
      `prompt tokens (10-turn scripted conversation, estimated): median ${med.toLocaleString('en-US')}, ` +
        `max ${max.toLocaleString('en-US')} input tokens per turn; ` +
        `${(med / TARGET_TOKENS).toFixed(2)}× / ${(max / TARGET_TOKENS).toFixed(2)}× the ${TARGET_TOKENS.toLocaleString('en-US')} target ` +
        `(per turn: ${perTurn.join(', ')})`,
    );
  } finally {
    await fake.close();
    await database.close();
  }
}

if (process.argv[1] !== undefined && import.meta.url === pathToFileURL(process.argv[1]).href) {
  await runPromptTokensBench();
}
