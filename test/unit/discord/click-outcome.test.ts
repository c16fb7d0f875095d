import { describe, expect, it } from 'vitest';
import { clickResponse } from '../../../src/adapters/discord/click-outcome';
import { catalogsFor } from '../../../src/adapters/discord/locale';
import { intent, order } from './fixtures';

const ko = catalogsFor('ko');
const en = catalogsFor('en');
const BOB = '1000000000000000402';

describe('click outcome', () => {
  it('when the order was submitted then the card is re-read and shows the order, with nothing private to say', () => {
    const sent = order();

    const response = clickResponse(
      {
        status: 'submitted',
        order: sent,
        result: {
          status: 'accepted',
          brokerOrderId: '0000000001',
          orgNo: '00950',
          orderTime: '100000',
          message: 'ok',
        },
      },
      BOB,
      ko,
    );

    expect(response).toEqual({
      card: {
        intentId: sent.intentId,
        intent: null,
        status: { kind: 'submitted', order: sent, approverId: BOB },
      },
    });
  });

  it('when another click already took the intent then only the clicker hears it, and the card is left alone', () => {
    const response = clickResponse(
      { status: 'already-decided', intent: intent({ status: 'SUBMITTED' }) },
      BOB,
      ko,
    );

    expect(response).toEqual({ ephemeral: '이미 승인되어 주문이 나간 제안입니다.' });
  });

  it('when the intent expired then the card is closed and the clicker is told why', () => {
    const expired = intent();

    const response = clickResponse({ status: 'expired', intent: expired }, BOB, en);

    expect(response.card).toEqual({ intentId: expired.id, intent: expired, status: { kind: 'expired' } });
    expect(response.ephemeral).toBe('⌛ This proposal has expired and cannot be approved. Please ask again.');
  });

  it('when the desk refuses the approver or cannot find the intent then only an ephemeral answer is given', () => {
    expect(clickResponse({ status: 'not-allowed' }, BOB, ko)).toEqual({
      ephemeral: ko.text.denial.notApprover,
    });
    expect(clickResponse({ status: 'not-found' }, BOB, ko)).toEqual({ ephemeral: ko.text.click.notFound });
  });

  it('when the price moved materially then the old card asks for re-approval and the replacement gets a card', () => {
    const old = intent({ status: 'SUPERSEDED' });
    const replacement = intent({ id: 'aaaaaaaa-bbbb-4ccc-8ddd-eeeeeeeeeeee' });

    const response = clickResponse(
      { status: 'needs-reapproval', intent: old, replacement, reason: 'PRICE_MOVED:35980->37000' },
      BOB,
      ko,
    );

    expect(response.card?.status).toEqual({ kind: 'needs-reapproval', reason: 'PRICE_MOVED:35980->37000' });
    expect(response.replacement).toBe(replacement);
  });

  it('when an approver rejects then the card names who rejected it', () => {
    const rejected = intent({ status: 'REJECTED' });

    expect(clickResponse({ status: 'rejected', intent: rejected }, BOB, ko).card?.status).toEqual({
      kind: 'rejected',
      byUserId: BOB,
    });
  });
});
