import { describe, expect, it } from 'vitest';
import { catalogsFor, localeOf } from '../../../src/adapters/discord/locale';

describe('discord locale choice', () => {
  it.each([
    ['ko', 'ko'],
    ['KO', 'ko'],
    ['en-US', 'en'],
    ['en-GB', 'en'],
    ['ja', 'en'],
    [null, 'en'],
    [undefined, 'en'],
  ] as const)('when the client locale is %s then the desk answers in %s', (discordLocale, expected) => {
    expect(localeOf(discordLocale)).toBe(expected);
  });

  it('when catalogs are chosen then the Discord, risk and command texts share the locale', () => {
    const ko = catalogsFor('ko');
    const en = catalogsFor('en');

    expect([ko.risk.locale, ko.text.card.approve, ko.commands.trade.name]).toEqual(['ko', '승인', '거래']);
    expect([en.risk.locale, en.text.card.approve, en.commands.trade.name]).toEqual([
      'en',
      'Approve',
      'trade',
    ]);
  });
});
