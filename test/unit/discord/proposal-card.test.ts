import { embedLength, type APIEmbed } from 'discord.js';
import { describe, expect, it } from 'vitest';
import { catalogsFor } from '../../../src/adapters/discord/locale';
import { renderProposalCard, type CardView } from '../../../src/adapters/discord/render/proposal-card';
import type { RiskCheck } from '../../../src/domain/risk';
import { INTENT_ID, intent, order, passingChecks } from './fixtures';

const view = (locale: 'ko' | 'en', extra: Partial<CardView> = {}): CardView => ({
  catalogs: catalogsFor(locale),
  badge: 'PAPER',
  instrumentName: 'KODEX 200',
  ...extra,
});

function json(card: ReturnType<typeof renderProposalCard>) {
  const embed = card.embeds[0]!.toJSON();
  const rows = card.components.map((row) => row.toJSON());
  return {
    embed,
    buttons: rows.flatMap((row) => row.components) as {
      custom_id?: string;
      disabled?: boolean;
      style: number;
    }[],
  };
}

function field(embed: APIEmbed, name: string): string | undefined {
  return embed.fields?.find((f) => f.name === name)?.value;
}

const failedValue: RiskCheck = {
  rule: 'orderValue',
  ok: false,
  code: 'MAX_ORDER_VALUE',
  detail: { orderValue: 359_800, maxOrderValue: 300_000 },
};

describe('proposal card', () => {
  it('when a Korean reader sees an allowed limit buy then the card shows every fact, each rule passed, and live buttons', () => {
    const { embed, buttons } = json(renderProposalCard(intent(), view('ko')));

    expect(embed.title).toBe('매수 제안 · 069500 KODEX 200');
    expect(embed.author?.name).toBe('🧪 PAPER · 모의투자');
    expect(field(embed, '종목')).toBe('069500 KODEX 200');
    expect(field(embed, '구분')).toBe('매수');
    expect(field(embed, '수량')).toBe('3주');
    expect(field(embed, '가격')).toBe('35,980원 (지정가)');
    expect(field(embed, '예상 금액')).toBe('107,940원');
    expect(field(embed, '승인 마감')).toBe('<t:1795396200:t> (<t:1795396200:R>)');
    expect(embed.description).toContain('✅ 거래 상태');
    expect(embed.description!.match(/✅/g)).toHaveLength(passingChecks.length + 1);
    expect(embed.footer?.text).toBe(`제안 ID ${INTENT_ID}`);
    expect(buttons.map((b) => [b.custom_id, b.disabled])).toEqual([
      [`approve:${INTENT_ID}`, false],
      [`reject:${INTENT_ID}`, false],
    ]);
    expect(buttons[0]!.style).toBe(3);
  });

  it('when an English reader sees a market sell then the text is English and the price reads market', () => {
    const sell = intent({ side: 'SELL', orderType: 'MARKET', limitPrice: null });

    const { embed } = json(renderProposalCard(sell, view('en', { badge: 'LIVE' })));

    expect(embed.title).toBe('Proposed sell · 069500 KODEX 200');
    expect(embed.author?.name).toBe('🔴 LIVE · real money');
    expect(field(embed, 'Price')).toBe('Market (quote ₩35,980)');
    expect(field(embed, 'Quantity')).toBe('3 sh');
    expect(embed.description).toContain('✅ Trading state');
  });

  it('when a rule failed then its line carries ❌ and the catalog text with the numbers, and the card cannot be approved', () => {
    const denied = intent({
      status: 'DENIED',
      precheck: {
        ...intent().precheck,
        outcome: 'DENY',
        code: 'MAX_ORDER_VALUE',
        checks: [...passingChecks.slice(0, 11), failedValue],
      },
    });

    const ko = json(renderProposalCard(denied, view('ko')));
    const en = json(renderProposalCard(denied, view('en')));

    expect(ko.embed.description).toContain(
      '❌ 1회 주문 한도: 주문 금액 359,800원이(가) 1회 주문 한도 300,000원을(를) 넘습니다.',
    );
    expect(en.embed.description).toContain(
      '❌ Per-order limit: The order value ₩359,800 exceeds the per-order limit of ₩300,000.',
    );
    expect(ko.buttons.map((b) => b.disabled)).toEqual([true, true]);
  });

  it('when the market is closed then the session line waits (⏸) and the card says when it would be sent', () => {
    const closed: RiskCheck = {
      rule: 'session',
      ok: false,
      code: 'MARKET_CLOSED',
      detail: { reason: 'AFTER_CLOSE', opensAt: '2026-11-24 09:00' },
    };
    const deferrable = intent({
      precheck: {
        ...intent().precheck,
        outcome: 'DEFER',
        code: 'MARKET_CLOSED',
        checks: [...passingChecks.slice(0, -1), closed],
        deferUntil: '2026-11-24T00:00:00.000Z',
      },
    });

    const { embed, buttons } = json(renderProposalCard(deferrable, view('ko')));

    expect(embed.description).toContain('⏸ 장 운영 시간: 지금은 이 주문을 접수할 수 없습니다(장 마감 후).');
    expect(embed.description).toContain('09:00 KST');
    expect(buttons.map((b) => b.disabled)).toEqual([false, false]);
  });

  it('when the order was sent then the card shows the order number, ✅ and ❌ are disabled and a cancel button is offered', () => {
    const status = { kind: 'submitted' as const, order: order(), approverId: '1000000000000000402' };

    const { embed, buttons } = json(
      renderProposalCard(intent({ status: 'SUBMITTED' }), view('ko', { status })),
    );

    expect(field(embed, '상태')).toBe('✅ 주문 전송 · 주문번호 0000000001 · 승인 <@1000000000000000402>');
    expect(buttons.map((b) => [b.custom_id?.split(':')[0], b.disabled === true])).toEqual([
      ['approve', true],
      ['reject', true],
      ['cancel', false],
    ]);
    expect(buttons[2]!.custom_id).toBe(`cancel:${order().id}`);
  });

  it.each([
    ['FILLED', '🟢 전량 체결 3주'],
    ['CANCELLED', '🚫 취소됨 (증권사 확인) · 체결 0/3주'],
    ['EXPIRED', '⌛ 장 마감으로 잔량 소멸'],
  ] as const)('when the order is %s then the card says so and offers no cancel', (orderStatus, text) => {
    const filled = orderStatus === 'FILLED' ? 3 : 0;
    const status = {
      kind: 'submitted' as const,
      order: order({ status: orderStatus, filledQuantity: filled }),
      approverId: '1000000000000000402',
    };

    const { embed, buttons } = json(
      renderProposalCard(intent({ status: 'SUBMITTED' }), view('ko', { status })),
    );

    expect(field(embed, '상태')).toContain(text);
    expect(buttons.map((b) => b.custom_id?.split(':')[0])).toEqual(['approve', 'reject']);
  });

  it.each([
    [
      'the broker rejected it',
      order({
        status: 'REJECTED',
        brokerOrderId: null,
        rejectCode: 'APBK0952',
        rejectMessage: '주문가능금액을 초과 했습니다',
      }),
      '❌ 증권사가 주문을 거부했습니다: 주문가능금액을 초과 했습니다 (APBK0952)',
    ],
    ['the outcome is unknown', order({ status: 'UNKNOWN', brokerOrderId: null }), '⚠️ 주문 결과 확인 중'],
  ])('when %s then the card says so', (_label, sent, expected) => {
    const status = { kind: 'submitted' as const, order: sent, approverId: '1' };

    const { embed } = json(renderProposalCard(intent({ status: 'SUBMITTED' }), view('ko', { status })));

    expect(field(embed, '상태')).toContain(expected);
  });

  it('when approval was deferred then the card says until when, and only ❌ stays live', () => {
    const status = {
      kind: 'deferred' as const,
      until: new Date('2026-11-24T00:00:00.000Z'),
      approverId: '1',
    };

    const { embed, buttons } = json(
      renderProposalCard(intent({ status: 'DEFERRED' }), view('en', { status })),
    );

    expect(field(embed, 'Status')).toContain('sent at 09:00 KST');
    expect(buttons.map((b) => b.disabled)).toEqual([true, false]);
  });

  it('when the guard denied after approval then the card shows the code text; re-approval shows the price move', () => {
    const denied = json(
      renderProposalCard(
        intent({ status: 'DENIED' }),
        view('ko', { status: { kind: 'denied', code: 'TRADING_HALTED', detail: {} } }),
      ),
    );
    const moved = json(
      renderProposalCard(
        intent({ status: 'SUPERSEDED' }),
        view('en', { status: { kind: 'needs-reapproval', reason: 'PRICE_MOVED:35980->37000' } }),
      ),
    );

    expect(field(denied.embed, '상태')).toBe(
      '❌ 리스크 점검 거부: 거래 중지(HALTED) 상태입니다. 취소 주문만 받습니다.',
    );
    expect(field(moved.embed, 'Status')).toBe(
      "🔁 Needs a new approval: the market order's price moved from ₩35,980 to ₩37,000. See the new card below.",
    );
  });

  it('when the rationale is very long then the card still fits Discord’s embed limits', () => {
    const long = intent({ rationale: '긴 근거 '.repeat(2_000) });

    const { embed } = json(renderProposalCard(long, view('ko')));

    expect(embed.description!.length).toBeLessThanOrEqual(4096);
    expect(embedLength(embed)).toBeLessThanOrEqual(6000);
  });
});
