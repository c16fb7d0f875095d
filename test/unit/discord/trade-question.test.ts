import { describe, expect, it } from 'vitest';
import {
  composeQuestion,
  resolveTicker,
  tickerChoices,
  tradeQuestionSchema,
} from '../../../src/adapters/discord/trade-question';

const universe = [
  { ticker: '069500', name: 'KODEX 200' },
  { ticker: '114260', name: 'KODEX 국고채3년' },
  { ticker: '133690', name: 'TIGER 미국나스닥100' },
];

describe('trade question', () => {
  it('when a ticker is given that the question does not mention then it is named up front with its ETF name', () => {
    expect(composeQuestion({ question: '얼마나 살까?', ticker: '069500' }, universe)).toBe(
      '[069500 KODEX 200] 얼마나 살까?',
    );
    expect(composeQuestion({ question: '나스닥 어때?', ticker: 'tiger' }, universe)).toBe(
      '[133690 TIGER 미국나스닥100] 나스닥 어때?',
    );
  });

  it('when the question already mentions the ticker or none is given then the question is unchanged', () => {
    expect(composeQuestion({ question: '069500 살까?', ticker: '069500' }, universe)).toBe('069500 살까?');
    expect(composeQuestion({ question: '잔고 알려줘' }, universe)).toBe('잔고 알려줘');
  });

  it('when the typed ticker matches nothing then it is passed on as typed', () => {
    expect(resolveTicker('삼성전자', universe)).toBeNull();
    expect(composeQuestion({ question: '살까?', ticker: '삼성전자' }, universe)).toBe('[삼성전자] 살까?');
  });

  it('when the modal text is blank or too long then the schema refuses it', () => {
    expect(tradeQuestionSchema.safeParse({ question: '   ' }).success).toBe(false);
    expect(tradeQuestionSchema.safeParse({ question: 'x'.repeat(1001) }).success).toBe(false);
    expect(tradeQuestionSchema.safeParse({ question: ' 살까? ', ticker: '' }).data).toEqual({
      question: '살까?',
      ticker: '',
    });
  });

  it('when someone types in the ticker option then codes match by prefix and names by substring, at most 25', () => {
    expect(tickerChoices(universe, '11').map((c) => c.value)).toEqual(['114260']);
    expect(tickerChoices(universe, 'kodex').map((c) => c.value)).toEqual(['069500', '114260']);
    const many = Array.from({ length: 40 }, (_, i) => ({ ticker: String(100000 + i), name: `ETF ${i}` }));
    expect(tickerChoices(many, '')).toHaveLength(25);
  });
});
