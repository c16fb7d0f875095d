/** Korean text of the assistant's own notes (not the model's words). `en/assistant.ts` has the same keys. */

const sides = { BUY: '매수', SELL: '매도' } as const;

function won(value: number): string {
  return `${value.toLocaleString('en-US')}원`;
}

export const assistantKo = {
  budgetOffline: (p: { budgetCents: number }) =>
    `오늘 언어 모델 예산(${(p.budgetCents / 100).toFixed(2)}달러)을 다 써서 오프라인 플래너로 답합니다.`,
  modelFailedOffline: '언어 모델 호출에 실패해 이번 답은 오프라인 플래너가 합니다.',
  toolRoundLimit: (p: { rounds: number }) =>
    `도구를 ${p.rounds}번 연달아 호출한 뒤 멈췄습니다. 질문을 조금 더 작게 나눠 주세요.`,
  emptyAnswer: '(모델이 빈 답을 보냈습니다.)',
  emptyMessage: '메시지가 비어 있습니다.',
  messageTooLong: (p: { max: number }) => `메시지가 너무 깁니다(최대 ${p.max}자).`,
  conversationNotFound: '이 대화를 찾을 수 없습니다. 새로 시작해 주세요.',
  invalidInput: '요청 형식이 올바르지 않습니다.',
  orderNote: (p: {
    ticker: string;
    side: 'BUY' | 'SELL';
    quantity: number;
    status: string;
    filledQuantity: number;
    fill: { quantity: number; price: number } | null;
  }) =>
    p.fill
      ? `데스크 알림: ${p.ticker} ${sides[p.side]} 주문이 ${p.fill.quantity}주 ${won(p.fill.price)}에 체결됐습니다(누적 ${p.filledQuantity}/${p.quantity}주, 상태 ${p.status}).`
      : `데스크 알림: ${p.ticker} ${sides[p.side]} ${p.quantity}주 주문 상태가 ${p.status}(으)로 바뀌었습니다.`,
  summary: {
    title: (p: { title: string }) => `대화 요약: ${p.title}`,
    questions: '질문',
    actions: '조회·제안',
    answer: '마지막 답',
    date: (p: { date: string }) => `날짜 ${p.date}`,
  },
};

export type AssistantMessages = typeof assistantKo;
