import { describe, expect, it } from 'vitest';
import {
  canTransitionIntent,
  canTransitionOrder,
  statusAfterFill,
  tightenLimitTowardQuote,
} from '../../../src/domain/order';

describe('order state machine', () => {
  it('allows the documented transitions and nothing out of a terminal state', () => {
    expect(canTransitionOrder('PENDING_SUBMIT', 'UNKNOWN')).toBe(true);
    expect(canTransitionOrder('UNKNOWN', 'ACCEPTED')).toBe(true);
    expect(canTransitionOrder('FILLED', 'CANCELLED')).toBe(false);
    expect(canTransitionOrder('REJECTED', 'ACCEPTED')).toBe(false);
    expect(canTransitionIntent('AWAITING_APPROVAL', 'APPROVED')).toBe(true);
    expect(canTransitionIntent('SUBMITTED', 'APPROVED')).toBe(false);
    expect(canTransitionIntent('EXPIRED', 'APPROVED')).toBe(false);
  });

  it('derives the status from the filled quantity', () => {
    expect(statusAfterFill(3, 0)).toBe('ACCEPTED');
    expect(statusAfterFill(3, 2)).toBe('PARTIALLY_FILLED');
    expect(statusAfterFill(3, 3)).toBe('FILLED');
  });
});

describe('tightening a limit toward the quote', () => {
  it('when a sell limit lies too far below the quote then it is raised to the edge of the allowed distance on the tick grid', () => {
    expect(tightenLimitTowardQuote('SELL', 100_465, 104_105, 300)).toBe(100_985); // 104,105 × 0.97 = 100,981.85 → 100,985
  });

  it('when a buy limit lies too far above the quote then it is lowered to the edge', () => {
    expect(tightenLimitTowardQuote('BUY', 40_000, 36_000, 300)).toBe(37_080);
  });

  it('when the limit is within the distance or on the passive side then it is left alone', () => {
    expect(tightenLimitTowardQuote('SELL', 103_000, 104_105, 300)).toBe(103_000);
    expect(tightenLimitTowardQuote('SELL', 120_000, 104_105, 300)).toBe(120_000);
    expect(tightenLimitTowardQuote('BUY', 30_000, 36_000, 300)).toBe(30_000);
  });
});
