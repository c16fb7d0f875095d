import type {
  AssistantReply,
  ConversationRef,
  CycleSummary,
  MemoryItem,
  Speaker,
  TurnProgress,
} from '../../../../src/app/desk-api';
import type { ConversationEngine, CycleRunner } from '../../../../src/app/desk';
import type { TradingCore } from '../../../../src/app/trading-core';
import type { OrderIntentDraft } from '../../../../src/domain/order';

export const UNIVERSE = [
  { ticker: '069500', name: 'KODEX 200' },
  { ticker: '114260', name: 'KODEX 국고채3년' },
  { ticker: '133690', name: 'TIGER 미국나스닥100' },
];

/** What the scripted assistant says; the mention proves the channel posts untrusted text without pings. */
export const SCRIPTED_ANSWER = '@everyone KODEX 200 3주를 35,980원에 사는 안을 제안합니다.';

export const kodexBuy = (proposer: string, overrides: Partial<OrderIntentDraft> = {}): OrderIntentDraft => ({
  source: 'chat',
  proposer,
  ticker: '069500',
  side: 'BUY',
  quantity: 3,
  orderType: 'LIMIT',
  limitPrice: 35_980,
  rationale: '코스피 200 추종, 현금 비중이 높습니다.',
  ...overrides,
});

export interface Turn {
  ref: ConversationRef;
  speaker: Speaker;
  text: string;
}

const NO_USAGE = { inputTokens: 0, outputTokens: 0, costMicroUsd: 0 };

/**
 * The conversation side of the real createDesk, scripted: each first question proposes `nextProposals`
 * through the real trading core (as the assistant's propose_order tool would); later turns echo.
 */
export class ScriptedConversations implements ConversationEngine {
  readonly started: (Turn & { title: string })[] = [];
  readonly continued: Turn[] = [];
  nextProposals: ((speaker: Speaker) => OrderIntentDraft)[] = [(speaker) => kodexBuy(speaker.userId)];
  /** The answer's text (default SCRIPTED_ANSWER). */
  answer = SCRIPTED_ANSWER;
  /**
   * When set, the answer is shown forming: each prefix is handed to the progress callback, one per
   * `stream.gate()` resolution (the test decides when the next piece comes).
   */
  stream: { prefixes: string[]; gate: () => Promise<void> } | null = null;
  memories: MemoryItem[] = [
    { id: 'm-1', kind: 'lesson', date: '2026-11-20', content: '장 초반 변동성이 크면 지정가로 나눠 산다.' },
  ];

  constructor(private readonly core: TradingCore) {}

  async start(
    ref: ConversationRef,
    speaker: Speaker,
    question: string,
    title: string,
    progress?: TurnProgress,
  ): Promise<AssistantReply> {
    this.started.push({ ref, speaker, text: question, title });
    if (this.stream) {
      for (const prefix of this.stream.prefixes) {
        await this.stream.gate();
        progress?.onText?.(prefix);
      }
    }
    const proposals = [];
    for (const draft of this.nextProposals)
      proposals.push((await this.core.approvals.propose(draft(speaker))).intent);
    return {
      text: this.answer,
      citations: [{ kind: 'kis', call: 'inquire-price 069500', at: '10:00' }],
      proposals,
      offline: true,
      usage: NO_USAGE,
    };
  }

  async continue(ref: ConversationRef, speaker: Speaker, text: string): Promise<AssistantReply> {
    this.continued.push({ ref, speaker, text });
    return { text: `답변: ${text}`, citations: [], proposals: [], offline: true, usage: NO_USAGE };
  }

  async memoryShow(query: string | null, limit: number): Promise<MemoryItem[]> {
    const hits = query ? this.memories.filter((m) => m.content.includes(query)) : this.memories;
    return hits.slice(0, limit);
  }

  async memoryForget(id: string): Promise<boolean> {
    const before = this.memories.length;
    this.memories = this.memories.filter((m) => m.id !== id);
    return this.memories.length < before;
  }

  async modelInfo() {
    return { id: 'offline', offline: true, budgetLeftCents: null };
  }
}

/** No cycle has run yet; `/cycle run` returns a finished one. */
export const scriptedCycle: CycleRunner = {
  async runNow(): Promise<CycleSummary> {
    return {
      tradeDate: '2026-11-23',
      status: 'COMPLETED',
      steps: [{ step: 'briefing', status: 'DONE', attempts: 1, error: null }],
      startedAt: '2026-11-22T23:00:00.000Z',
      finishedAt: '2026-11-22T23:01:00.000Z',
    };
  },
  async last() {
    return null;
  },
};
