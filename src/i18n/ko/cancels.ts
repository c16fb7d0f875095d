/** Cancels and the open-order list, for every channel. Korean first; `en/cancels.ts` has the same keys. */
const shares = (n: number) => `${n.toLocaleString('en-US')}주`;

export const cancelsKo = {
  title: '미체결 주문',
  none: '미체결 주문이 없습니다.',
  sides: { BUY: '매수', SELL: '매도' } as Record<'BUY' | 'SELL', string>,
  statuses: {
    PENDING_SUBMIT: '전송 중',
    ACCEPTED: '접수',
    PARTIALLY_FILLED: '일부 체결',
    UNKNOWN: '결과 확인 중',
  } as Record<string, string>,
  line: (
    n: number,
    ticker: string,
    name: string,
    side: string,
    filled: number,
    quantity: number,
    price: string,
    status: string,
  ) =>
    `#${n} ${ticker} ${name} · ${side} ${shares(filled)}/${shares(quantity)} · ${price} · ${status}`.replace(
      / {2,}/g,
      ' ',
    ),
  market: '시장가',
  button: (n: number) => `#${n} 취소`,
  cardButton: '주문 취소',
  hint: '취소는 승인자만 할 수 있습니다. 증권사가 확인해야 취소로 표시됩니다.',
  terminalHint: '/cancel <번호> 로 취소합니다.',
  result: {
    cancelled: (ticker: string, filled: number, quantity: number) =>
      `🚫 ${ticker} 주문을 취소했습니다 (증권사 확인 · 체결 ${shares(filled)}/${shares(quantity)}).`,
    rejected: (message: string) => `❌ 증권사가 취소를 거부했습니다: ${message}`,
    unknown:
      '⚠️ 취소 결과를 알 수 없습니다. 다시 보내지 않고 체결 조회로 확인합니다; 확인되면 카드에 표시됩니다.',
    pending: '⏳ 앞선 취소 요청의 결과를 체결 조회로 확인하고 있습니다. 잠시 후 다시 보세요.',
    notOpen: '이 주문은 이미 체결·취소·만료되어 취소할 것이 없습니다.',
    blackout: 'KIS 점검 시간에는 취소를 보낼 수 없습니다. 점검이 끝난 뒤 다시 시도하세요.',
    notFound: '이 주문을 찾을 수 없습니다.',
    notAllowed: '권한이 없습니다. 승인자로 등록된 사람만 주문을 취소할 수 있습니다.',
  },
  all: {
    button: (count: number) => `대기 주문 모두 취소 (${count}건)`,
    confirm: (count: number) =>
      `대기 중인 주문 ${count}건을 모두 취소할까요? 체결된 수량은 되돌릴 수 없습니다.`,
    confirmButton: '예, 모두 취소',
    none: '취소할 대기 주문이 없습니다.',
    done: (cancelled: number, total: number, other: number) =>
      `대기 주문 ${total}건 중 ${cancelled}건 취소 확인${other > 0 ? `, ${other}건은 확인 중이거나 취소되지 않았습니다 (/orders 로 확인)` : ''}.`,
  },
  noOrder: (n: number) => `주문 #${n}이(가) 없습니다. /orders 로 번호를 확인하세요.`,
  usage: '사용법: /orders · /cancel <번호>',
};

export type CancelsCatalog = typeof cancelsKo;
