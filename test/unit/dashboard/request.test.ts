import { describe, expect, it } from 'vitest';
import { localeFromAcceptLanguage, parseDashboardRequest } from '../../../src/adapters/dashboard/request';

const parse = (query: string, acceptLanguage?: string) =>
  parseDashboardRequest(new URLSearchParams(query), acceptLanguage, '2026-11-30');

describe('the dashboard query string', () => {
  it('when nothing is given then the range is the last 90 days up to today, in Korean', () => {
    expect(parse('')).toEqual({ ok: true, value: { from: '2026-09-02', to: '2026-11-30', locale: 'ko' } });
  });

  it('when only a start in the future is given then the range is that one day', () => {
    expect(parse('from=2026-12-05')).toEqual({
      ok: true,
      value: { from: '2026-12-05', to: '2026-12-05', locale: 'ko' },
    });
  });

  it('when a range is given then it is kept as is', () => {
    expect(parse('from=2026-11-01&to=2026-11-30&lang=en')).toEqual({
      ok: true,
      value: { from: '2026-11-01', to: '2026-11-30', locale: 'en' },
    });
  });

  it.each([
    ["from=2026-11-01';drop table orders;--", 'from'],
    ['from=2026-11-01 or 1=1', 'from'],
    ['to=2026-02-30', 'to'],
    ['to=20261130', 'to'],
  ] as const)('when %s is given then it is refused as a bad date before any query', (query, field) => {
    expect(parse(query)).toEqual({ ok: false, locale: 'ko', problems: [{ kind: 'date', field }] });
  });

  it('when the start is after the end then it says so', () => {
    expect(parse('from=2026-11-30&to=2026-11-01&lang=en')).toEqual({
      ok: false,
      locale: 'en',
      problems: [{ kind: 'order' }],
    });
  });

  it('when the range is longer than ten years then it says the limit', () => {
    expect(parse('from=2000-01-01&to=2026-11-30')).toEqual({
      ok: false,
      locale: 'ko',
      problems: [{ kind: 'tooLong', days: 3660 }],
    });
  });

  it('when the language is neither ko nor en then it is refused and the message follows the browser', () => {
    expect(parse('lang=fr', 'en-US,en;q=0.9')).toEqual({
      ok: false,
      locale: 'en',
      problems: [{ kind: 'lang' }],
    });
  });

  it.each([
    [undefined, 'ko'],
    ['en-US,en;q=0.9', 'en'],
    ['ko-KR,ko;q=0.9,en-US;q=0.8', 'ko'],
    ['en;q=0.5,ko;q=0.8', 'ko'],
    ['fr-FR,de', 'ko'],
    ['fr-FR,en;q=0.7', 'en'],
    ['en;q=0', 'ko'],
  ] as const)('when Accept-Language is %s then the page is %s', (header, locale) => {
    expect(localeFromAcceptLanguage(header)).toBe(locale);
  });

  it('when ?lang= is given then it wins over Accept-Language', () => {
    expect(parse('lang=ko', 'en-US').ok && parse('lang=ko', 'en-US')).toMatchObject({
      value: { locale: 'ko' },
    });
  });
});
