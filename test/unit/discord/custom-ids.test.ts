import { describe, expect, it } from 'vitest';
import { approveId, parseCustomId, rejectId } from '../../../src/adapters/discord/custom-ids';
import { INTENT_ID } from './fixtures';

describe('discord custom ids', () => {
  it('when an approve or reject id carries a uuid then it parses to the action and the intent id', () => {
    expect(parseCustomId(approveId(INTENT_ID))).toEqual({ action: 'approve', intentId: INTENT_ID });
    expect(parseCustomId(rejectId(INTENT_ID))).toEqual({ action: 'reject', intentId: INTENT_ID });
    expect(parseCustomId('trade-modal')).toEqual({ action: 'trade-modal' });
  });

  it.each([
    ['an unknown prefix', `cancel:${INTENT_ID}`],
    ['a malformed intent id', 'approve:1; drop table order_intents'],
    ['a missing intent id', 'approve:'],
    ['no separator', 'approve'],
    ['an empty string', ''],
    ['an extra segment', `approve:${INTENT_ID}:x`],
  ])('when the custom id has %s then it is rejected without throwing', (_label, raw) => {
    expect(parseCustomId(raw)).toBeNull();
  });

  it('when ids are built then they fit Discord’s 100-character custom id limit', () => {
    expect(approveId(INTENT_ID).length).toBeLessThanOrEqual(100);
    expect(rejectId(INTENT_ID)).toBe(`reject:${INTENT_ID}`);
  });
});
