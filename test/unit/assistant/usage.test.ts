import { describe, expect, it } from 'vitest';
import { estimateTokens, truncateToTokens } from '../../../src/app/assistant/tokens';
import {
  costMicroUsd,
  DEFAULT_MODEL_PRICES,
  priceOf,
  UNKNOWN_MODEL_PRICE,
} from '../../../src/app/assistant/usage';

describe('token estimates', () => {
  it('when text is Korean then two characters count as one token, and ASCII four', () => {
    expect(estimateTokens('가나다라')).toBe(2);
    expect(estimateTokens('abcdefgh')).toBe(2);
    expect(estimateTokens('가a')).toBe(1);
  });

  it('when text is truncated to a token count then the result fits and is marked', () => {
    const cut = truncateToTokens('가'.repeat(100), 10, '…');
    expect(cut).toBe(`${'가'.repeat(20)}…`);
    expect(truncateToTokens('short', 10)).toBe('short');
  });
});

describe('model cost', () => {
  it('when the model has a dated suffix then the longest price prefix applies', () => {
    expect(priceOf('openai:gpt-4.1-mini-2025-04-14', DEFAULT_MODEL_PRICES)).toEqual(
      DEFAULT_MODEL_PRICES['gpt-4.1-mini'],
    );
    expect(priceOf('gpt-4.1', DEFAULT_MODEL_PRICES)).toEqual(DEFAULT_MODEL_PRICES['gpt-4.1']);
  });

  it('when the model is unknown then it is charged at the expensive default', () => {
    expect(priceOf('llama3:8b', DEFAULT_MODEL_PRICES)).toEqual(UNKNOWN_MODEL_PRICE);
  });

  it('when tokens are priced then the cost is whole micro-USD rounded up', () => {
    const price = DEFAULT_MODEL_PRICES['gpt-4.1-mini']!;
    expect(costMicroUsd({ inputTokens: 1_000, outputTokens: 200 }, price)).toBe(720);
    expect(costMicroUsd({ inputTokens: 1, outputTokens: 0 }, price)).toBe(1);
    expect(costMicroUsd({ inputTokens: 0, outputTokens: 0 }, price)).toBe(0);
  });
});
