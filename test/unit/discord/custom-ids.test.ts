import { describe, expect, it } from 'vitest';
import {
  approveId,
  cancelAllId,
  cancelOrderId,
  parseCustomId,
  rejectId,
} from '../../../src/adapters/discord/custom-ids';
import { INTENT_ID } from './fixtures';

describe('discord custom ids', () => {
  it('when an approve or reject id carries a uuid then it parses to the action and the intent id', () => {
    expect(parseCustomId(approveId(INTENT_ID))).toEqual({ action: 'approve', intentId: INTENT_ID });
    expect(parseCustomId(rejectId(INTENT_ID))).toEqual({ action: 'reject', intentId: INTENT_ID });
    expect(parseCustomId('trade-modal')).toEqual({ action: 'trade-modal' });
  });

  it.each([
    ['an unknown prefix', `revise:${INTENT_ID}`],
    ['a cancel without an order id', 'cancel:12'],
    ['an unknown cancel-all step', 'cancel-all:now'],
    ['a malformed intent id', 'approve:1; drop table order_intents'],
    ['a missing intent id', 'approve:'],
    ['no separator', 'approve'],
    ['an empty string', ''],
    ['an extra segment', `approve:${INTENT_ID}:x`],
  ])('when the custom id has %s then it is rejected without throwing', (_label, raw) => {
    expect(parseCustomId(raw)).toBeNull();
  });

  it('when a cancel or cancel-all id is built then it parses back to the order id or the step, and nothing else', () => {
    expect(parseCustomId(cancelOrderId(INTENT_ID))).toEqual({ action: 'cancel', orderId: INTENT_ID });
    expect(parseCustomId(cancelAllId('ask'))).toEqual({ action: 'cancel-all', step: 'ask' });
    expect(parseCustomId(cancelAllId('confirm'))).toEqual({ action: 'cancel-all', step: 'confirm' });
  });

  it('when ids are built then they fit Discord’s 100-character custom id limit', () => {
    expect(approveId(INTENT_ID).length).toBeLessThanOrEqual(100);
    expect(rejectId(INTENT_ID)).toBe(`reject:${INTENT_ID}`);
  });
});
