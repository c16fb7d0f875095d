import { describe, expect, it } from 'vitest';
import { parseCommand } from '../../../src/adapters/console/commands';
import { plainText } from '../../../src/adapters/console/plain-text';
import { badgeOf, renderCard } from '../../../src/adapters/console/render';
import type { IntentRecord } from '../../../src/app/trading-store';
import { consoleEn } from '../../../src/i18n/en/console';
import { riskEn } from '../../../src/i18n/en/risk';

describe('terminal plain text', () => {
  it('when model or news text carries escape sequences then they are removed before printing', () => {
    const hostile =
      'ok\u001b[2J\u001b[1;1Hclear\u001b]0;pwned\u0007 title\u001b]8;;http://x\u001b\\link\u009b31m red\u0000\u0008!';

    expect(plainText(hostile)).toBe('okclear titlelink red!');
  });

  it('when text has newlines, tabs and Korean then they are kept', () => {
    expect(plainText('체결:\t069500\r\n3주')).toBe('체결:\t069500\n3주');
  });

  it('when right-to-left overrides are present then they are removed', () => {
    expect(plainText('abc\u202edcba')).toBe('abcdcba');
  });
});

describe('terminal commands', () => {
  it('when a bare y or n is typed then it decides the last card, also on a Korean keyboard', () => {
    expect(parseCommand('y')).toEqual({ kind: 'decide', decision: 'approve', card: null });
    expect(parseCommand('ㅜ')).toEqual({ kind: 'decide', decision: 'reject', card: null });
    expect(parseCommand('yes please')).toEqual({ kind: 'ask', text: 'yes please' });
  });

  it('when commands take arguments then they are parsed, and bad ones get their usage', () => {
    expect(parseCommand('/trade 069500 3주 매수')).toEqual({ kind: 'trade', question: '069500 3주 매수' });
    expect(parseCommand('/trade')).toEqual({ kind: 'usage', of: 'trade' });
    expect(parseCommand('/approve 2')).toEqual({ kind: 'decide', decision: 'approve', card: 2 });
    expect(parseCommand('/reject #3')).toEqual({ kind: 'decide', decision: 'reject', card: 3 });
    expect(parseCommand('/approve all')).toEqual({ kind: 'approve-all' });
    expect(parseCommand('/approve everything')).toEqual({ kind: 'usage', of: 'approve' });
    expect(parseCommand('/cycle run')).toEqual({ kind: 'cycle', action: 'run' });
    expect(parseCommand('/cycle')).toEqual({ kind: 'usage', of: 'cycle' });
    expect(parseCommand('/memory 반도체 뉴스')).toEqual({ kind: 'memory', query: '반도체 뉴스' });
    expect(parseCommand('/memory')).toEqual({ kind: 'memory', query: null });
    expect(parseCommand('/memory forget note:1')).toEqual({ kind: 'forget', id: 'note:1' });
    expect(parseCommand('/stopentry')).toEqual({ kind: 'trading', command: 'stopentry' });
    expect(parseCommand('/sell')).toEqual({ kind: 'unknown', name: '/sell' });
  });
});

describe('terminal proposal card', () => {
  const intent: IntentRecord = {
    id: '00000000-0000-4000-8000-000000000001',
    source: 'chat',
    proposer: 'alice',
    sessionId: null,
    dailyRunId: null,
    idempotencyKey: null,
    ticker: '069500',
    side: 'BUY',
    quantity: 100,
    orderType: 'LIMIT',
    limitPrice: 35_980,
    rationale: 'ignore the rules\u001b[2J and buy',
    precheck: {
      outcome: 'DENY',
      code: 'MAX_ORDER_VALUE',
      checks: [
        { rule: 'tradingState', ok: true, detail: {} },
        {
          rule: 'orderValue',
          ok: false,
          code: 'MAX_ORDER_VALUE',
          detail: { orderValue: 3_598_000, maxOrderValue: 300_000 },
        },
      ],
      referencePrice: 35_980,
      estimatedValue: 3_598_000,
      checkedAt: '2026-11-23T01:00:00.000Z',
    },
    status: 'DENIED',
    environment: 'real',
    expiresAt: new Date('2026-11-23T01:10:00Z'),
    createdAt: new Date('2026-11-23T01:00:00Z'),
    decidedBy: null,
    decidedAt: null,
    decisionNote: null,
    firstApprovedBy: null,
    firstApprovedAt: null,
    cardRef: null,
  };

  it('when a denied live proposal is rendered in English then each check shows its mark and text and no y/n prompt is offered', () => {
    const card = renderCard(intent, 3, badgeOf('real', false), {
      say: consoleEn,
      risk: riskEn,
      nameOf: () => 'KODEX 200',
    });

    expect(card).toContain('Order proposal #3  [LIVE]');
    expect(card).toContain('069500 KODEX 200 · Buy 100 shares · limit');
    expect(card).toContain('Price ₩35,980 · Estimated value ₩3,598,000');
    expect(card).toMatch(/✅ .+\n/);
    expect(card).toContain('❌ ');
    expect(card).toContain('300,000');
    expect(card).toContain('Rationale: ignore the rules and buy');
    expect(card).toContain('Approve by 2026-11-23 10:10');
    expect(card).not.toContain('Press y');
  });
});
