import { describe, expect, it } from 'vitest';
import { kstInstant } from '../../../src/domain/market';
import { checkOrder } from '../../../src/domain/risk/check-order';
import { aGuardInput } from './builders';

/** How the guard turns its checks into one verdict: cancels, breakers, and which wait decides a deferral. */
describe('risk guard: the verdict', () => {
  it('when a cancel arrives in any state then it is allowed with one trading-state line naming the state', () => {
    const verdict = checkOrder(
      aGuardInput({
        tradingState: 'HALTED',
        order: { kind: 'CANCEL', ticker: '069500', brokerOrderId: '0000117057' },
      }),
    );

    expect(verdict).toEqual({
      outcome: 'ALLOW',
      checks: [{ rule: 'tradingState', ok: true, detail: { state: 'HALTED', kind: 'CANCEL' } }],
    });
  });

  it('when no breaker condition holds then the verdict carries no breaker field at all', () => {
    expect(Object.keys(checkOrder(aGuardInput()))).toEqual(['checks', 'outcome']);
  });

  it('when KRX opens at 08:30 but a KIS window lasts until 09:30 then the order waits for the window, with its text', () => {
    // Arrange
    const now = kstInstant('2026-03-10', 8, 0);
    const blackout = {
      from: now,
      until: kstInstant('2026-03-10', 9, 30),
      windows: [
        {
          from: now,
          to: kstInstant('2026-03-10', 9, 30),
          kind: 'adhoc' as const,
          label: '#7',
          reason: '서버 점검',
        },
      ],
    };

    // Act
    const verdict = checkOrder(aGuardInput({ now, blackout }));

    // Assert
    expect(verdict).toMatchObject({
      outcome: 'DEFER',
      code: 'ORDER_BLACKOUT',
      reason: 'BLACKOUT',
      waitingFor: ['BEFORE_OPEN', 'BLACKOUT'],
      deferUntil: kstInstant('2026-03-10', 9, 30),
      detail: { windows: '#7', until: '2026-03-10 09:30', note: '서버 점검' },
    });
  });

  it('when the KIS window ends exactly at the 08:30 open then the opening decides the wait', () => {
    const now = kstInstant('2026-03-10', 8, 0);
    const blackout = { from: now, until: kstInstant('2026-03-10', 8, 30), windows: [] };

    const verdict = checkOrder(aGuardInput({ now, blackout }));

    expect(verdict).toMatchObject({
      outcome: 'DEFER',
      code: 'MARKET_CLOSED',
      reason: 'BEFORE_OPEN',
      waitingFor: ['BEFORE_OPEN', 'BLACKOUT'],
      deferUntil: kstInstant('2026-03-10', 8, 30),
    });
    expect(verdict.outcome === 'DEFER' && verdict.detail).not.toHaveProperty('windows');
  });
});
