import { describe, expect, it } from 'vitest';
import { catalogsFor } from '../../../src/adapters/discord/locale';
import { embedLength } from 'discord.js';
import { renderAlert, renderTradingStateChange } from '../../../src/adapters/discord/render/alert';
import { renderBriefing } from '../../../src/adapters/discord/render/briefing';
import { renderHelp } from '../../../src/adapters/discord/render/help';
import { orderUpdateText } from '../../../src/adapters/discord/render/order-update';
import { renderTradeModal } from '../../../src/adapters/discord/render/trade-modal';
import { intent, order } from './fixtures';

describe('discord texts and builders', () => {
  it.each(['ko', 'en'] as const)(
    'when the /trade modal is built in %s then it passes Discord’s limits and prefills the ticker',
    (locale) => {
      const modal = renderTradeModal(catalogsFor(locale), '069500').toJSON();

      expect(modal.custom_id).toBe('trade-modal');
      expect(modal.title.length).toBeLessThanOrEqual(45);
      const labels = modal.components as unknown as {
        label: string;
        component: { custom_id: string; value?: string };
      }[];
      expect(labels.map((l) => l.component.custom_id)).toEqual(['question', 'ticker']);
      expect(labels.every((l) => l.label.length <= 45)).toBe(true);
      expect(labels[1]!.component.value).toBe('069500');
    },
  );

  it('when an order is accepted and then filled then the thread follow-ups say so in the reader’s language', () => {
    const accepted = order();
    const filled = order({ status: 'FILLED', filledQuantity: 3, filledAmount: 107_940 });

    expect(
      orderUpdateText({ type: 'order.updated', order: accepted, intent: intent() }, catalogsFor('ko')),
    ).toBe('📨 주문 접수: 069500 매수 3주 · 주문번호 0000000001');
    expect(
      orderUpdateText(
        { type: 'order.updated', order: filled, intent: intent(), fill: { quantity: 3, price: 35_980 } },
        catalogsFor('en'),
      ),
    ).toBe('🟢 Filled 3 @ ₩35,980 (3/3 so far)');
    expect(
      orderUpdateText(
        { type: 'order.updated', order: order({ status: 'PENDING_SUBMIT' }), intent: null },
        catalogsFor('ko'),
      ),
    ).toBeNull();
  });

  it('when an alert is stored in Korean with English in data.en then each locale gets its own text', () => {
    const alert = {
      id: 1,
      kind: 'ORDER_UNKNOWN',
      severity: 'warning' as const,
      message: '주문 결과를 알 수 없습니다.',
      data: { en: 'Order outcome unknown.' },
      at: new Date('2026-11-23T01:00:00Z'),
    };

    expect(renderAlert(alert, catalogsFor('ko')).toJSON()).toMatchObject({
      title: '⚠️ 경고 · ORDER_UNKNOWN',
      description: '주문 결과를 알 수 없습니다.',
      footer: { text: '2026-11-23 10:00 KST' },
    });
    expect(renderAlert(alert, catalogsFor('en')).toJSON().description).toBe('Order outcome unknown.');
  });

  it('when a person changes the trading state then the alert names the states and mentions the person', () => {
    const embed = renderTradingStateChange(
      {
        state: 'REDUCING',
        previousState: 'ACTIVE',
        reason: 'stopentry',
        actor: '1000000000000000402',
        at: new Date('2026-11-23T01:00:00Z'),
      },
      catalogsFor('en'),
    ).toJSON();

    expect(embed.description).toBe('Trading state: active (ACTIVE) → reducing (REDUCING)');
    expect(embed.fields).toEqual([
      { name: 'Reason', value: 'stopentry', inline: true },
      { name: 'Changed by', value: '<@1000000000000000402>', inline: true },
    ]);
  });

  it('when help is shown then every command is listed with its localized name', () => {
    const ko = renderHelp(catalogsFor('ko')).toJSON().description!;
    const en = renderHelp(catalogsFor('en')).toJSON().description!;

    expect(ko).toContain('**/거래**');
    expect(ko).toContain(
      '**/정지** — 모든 매매를 즉시 정지합니다 (HALTED). 주문 취소만 허용됩니다. (승인자 전용)',
    );
    expect(en).toContain('**/memory forget**');
    expect(en.length).toBeLessThanOrEqual(4096);
  });

  it('when a briefing has more text than an embed can hold then it is cut to Discord’s limits and still carries the chart', () => {
    const fields = Array.from({ length: 40 }, (_, i) => ({ name: `뉴스 ${i}`, value: '가'.repeat(1_500) }));

    const { embeds, files } = renderBriefing(
      { title: '브리핑', description: 'x'.repeat(5_000), fields: [...fields, { name: '', value: '' }] },
      Buffer.alloc(8),
      { catalogs: catalogsFor('ko'), badge: 'SIM', postedAt: new Date('2026-11-22T23:00:00Z') },
    );
    const embed = embeds[0]!.toJSON();

    expect(embedLength(embed)).toBeLessThanOrEqual(6_000);
    expect(embed.fields!.length).toBeGreaterThan(0);
    expect(embed.fields!.every((f) => f.value.length <= 1_024)).toBe(true);
    expect(embed.image).toEqual({ url: 'attachment://nav.png' });
    expect(files.map((f) => f.name)).toEqual(['nav.png']);
  });
});
