import { describe, expect, it } from 'vitest';
import { catalogsFor } from '../../../src/adapters/discord/locale';
import { renderAlert, renderTradingStateChange } from '../../../src/adapters/discord/render/alert';
import { assistantReplyText } from '../../../src/adapters/discord/render/assistant-reply';
import { renderBlackoutList } from '../../../src/adapters/discord/render/blackout';
import { renderBriefing } from '../../../src/adapters/discord/render/briefing';
import { renderCycle } from '../../../src/adapters/discord/render/cycle';
import { renderMemories } from '../../../src/adapters/discord/render/memory';
import { orderUpdateText } from '../../../src/adapters/discord/render/order-update';
import { renderProposalCard } from '../../../src/adapters/discord/render/proposal-card';
import { renderStatus } from '../../../src/adapters/discord/render/status';
import { escapeUntrusted, safeLinkTarget } from '../../../src/adapters/discord/untrusted';
import type { Locale, StatusView } from '../../../src/app/desk-api';
import { HOSTILE_CORPUS, markdownHazards, renderedTexts } from '../../support/discord-markdown';
import { intent, order } from './fixtures';

type Embedish = {
  toJSON(): { title?: string; description?: string; fields?: { name: string; value: string }[] };
};

const APPROVER = '1000000000000000402';
const at = new Date('2026-11-23T01:00:00Z');

function embedTexts(embed: Embedish): string[] {
  return renderedTexts({ embeds: [embed.toJSON()] });
}

function statusView(h: string): StatusView {
  return {
    tradingState: 'HALTED',
    awaitingReconciliation: false,
    stateReason: h,
    stateChangedAt: at.toISOString(),
    environment: 'paper',
    simulated: true,
    openOrders: [],
    pendingIntents: [],
    lastCycle: {
      tradeDate: '2026-11-23',
      status: 'FAILED',
      steps: [{ step: 'news', status: 'FAILED', attempts: 1, error: h }],
      startedAt: at.toISOString(),
      finishedAt: null,
    },
    model: { id: h, offline: false, budgetLeftCents: 100 },
    recentAlerts: [{ id: 1, kind: h, severity: 'critical', message: h, data: { en: h }, at }],
    blackout: { until: at.toISOString(), windows: [h] },
    canary: null,
  };
}

/** Every renderer that carries text the desk did not write, each given `h` in every such slot. */
function everyRendering(h: string, locale: Locale): Record<string, string[]> {
  const catalogs = catalogsFor(locale);
  const card = (status?: Parameters<typeof renderProposalCard>[1]['status']) =>
    renderProposalCard(intent({ rationale: h }), {
      catalogs,
      badge: 'PAPER',
      instrumentName: 'KODEX 200',
      ...(status ? { status } : {}),
    }).embeds.flatMap(embedTexts);
  const rejected = order({ status: 'REJECTED', rejectMessage: h, rejectCode: h });
  return {
    'assistant reply': [
      assistantReplyText(
        {
          text: h,
          citations: [
            { kind: 'news', title: h, url: 'https://news.example/a' },
            { kind: 'news', title: '뉴스', url: `https://news.example/${h}` },
            { kind: 'news', title: '뉴스', url: h },
            { kind: 'memory', id: h, date: '2026-11-20' },
            { kind: 'kis', call: h, at: '10:00' },
          ],
          proposals: [],
          offline: true,
          usage: { inputTokens: 0, outputTokens: 0, costMicroUsd: 0 },
        },
        catalogs,
      ),
    ],
    'proposal card': card(),
    'proposal card, rejected by KIS': card({ kind: 'submitted', order: rejected, approverId: APPROVER }),
    'proposal card, needs re-approval': card({ kind: 'needs-reapproval', reason: h }),
    'order follow-up': [orderUpdateText({ type: 'order.updated', order: rejected, intent: null }, catalogs)!],
    alert: embedTexts(
      renderAlert({ id: 1, kind: h, severity: 'critical', message: h, data: { en: h }, at }, catalogs),
    ),
    'trading state change': embedTexts(
      renderTradingStateChange(
        { state: 'HALTED', previousState: 'ACTIVE', reason: h, actor: h, at },
        catalogs,
      ),
    ),
    briefing: renderBriefing(
      { title: h, description: h, fields: [{ name: h, value: h }], footer: h },
      undefined,
      { catalogs, badge: 'PAPER', postedAt: at },
    ).embeds.flatMap(embedTexts),
    memory: embedTexts(renderMemories([{ id: h, kind: h, date: h, content: h }], h, catalogs)),
    status: embedTexts(renderStatus(statusView(h), catalogs, 'PAPER')),
    cycle: embedTexts(renderCycle(statusView(h).lastCycle, catalogs)),
    blackouts: embedTexts(
      renderBlackoutList(
        {
          daily: [],
          adhoc: [
            { id: 1, from: at, to: new Date(at.getTime() + 3_600_000), reason: h, createdBy: APPROVER },
          ],
          active: null,
        },
        locale,
      ),
    ),
  };
}

describe('untrusted text in Discord', () => {
  it.each(HOSTILE_CORPUS.map((h) => [JSON.stringify(h), h]))(
    'when %s reaches every renderer then no masked link, mention or direction override survives',
    (_name, hostile) => {
      for (const locale of ['ko', 'en'] as const) {
        const rendered = everyRendering(hostile, locale);
        // Act / Assert: each renderer shows something, and none of it is a link or a ping
        for (const [renderer, texts] of Object.entries(rendered)) {
          expect(texts.join('').length, renderer).toBeGreaterThan(0);
          for (const text of texts)
            expect(markdownHazards(text, [APPROVER]), `${renderer}: ${text}`).toEqual([]);
        }
      }
    },
  );

  it('when the hostile corpus is read without the escape then the checker finds a hazard in every line (it can fail)', () => {
    for (const hostile of HOSTILE_CORPUS.filter((h) => !/\u200b|\u2060|\ufeff|\u00ad|\u200d/.test(h)))
      expect(markdownHazards(hostile), hostile).not.toEqual([]);
  });

  it('when a masked link is escaped then a reader still sees its words and its real address', () => {
    expect(escapeUntrusted('[KIS 재인증](https://evil.example) @everyone <@&123456789012345678>')).toBe(
      '\\[KIS 재인증\\](https://evil.example) @\u200beveryone <\u200b@&123456789012345678>',
    );
    expect(escapeUntrusted('**굵게** _기울임_ `코드`')).toBe('**굵게** _기울임_ `코드`');
    expect(escapeUntrusted('[KIS]\u200b(https://evil.example)')).toBe('\\[KIS\\](https://evil.example)');
  });

  it('when a link target is shown then only http(s) without user info survives, its brackets encoded', () => {
    expect(safeLinkTarget('https://kis.co.kr@evil.example/a')).toBe('https://evil.example/a');
    expect(safeLinkTarget('https://news.example/a>[x](https://evil.example)')).toBe(
      'https://news.example/a%3E%5Bx%5D%28https://evil.example%29',
    );
    expect(safeLinkTarget('javascript:alert(1)')).toBeNull();
    expect(safeLinkTarget('[KIS 재인증](https://evil.example)')).toBeNull();
  });
});
