import { describe, expect, it } from 'vitest';
import { activeBlackout, parseDailyBlackouts } from '../../../src/domain/blackout';
import { kstInstant } from '../../../src/domain/market';
import { checkOrder } from '../../../src/domain/risk/check-order';
import { describeVerdict } from '../../../src/domain/risk/describe';
import { riskKo } from '../../../src/i18n/ko/risk';
import { aGuardInput } from './builders';

const nightly = parseDailyBlackouts('23:30-00:10');
const daily = nightly.ok ? nightly.value : [];

describe('risk guard: blackout windows', () => {
  it('when an ad-hoc window covers the trading morning then a valid buy is deferred until the window ends', () => {
    const now = kstInstant('2026-03-10', 10, 30);
    const blackout = activeBlackout(now, {
      daily,
      adhoc: [
        {
          id: 4,
          from: kstInstant('2026-03-10', 10, 0),
          to: kstInstant('2026-03-10', 11, 0),
          reason: 'KIS 서버 작업',
          createdBy: 'alice',
        },
      ],
    });

    const verdict = checkOrder(aGuardInput({ now, blackout }));

    expect(verdict).toMatchObject({
      outcome: 'DEFER',
      code: 'ORDER_BLACKOUT',
      reason: 'BLACKOUT',
      waitingFor: ['BLACKOUT'],
    });
    expect(verdict.outcome === 'DEFER' && verdict.deferUntil).toEqual(kstInstant('2026-03-10', 11, 0));
    expect(describeVerdict(verdict, riskKo)).toBe(
      '보류 — KIS 점검 시간(#4)이라 주문을 보내지 않습니다. 2026-03-10 11:00 이후 최신 시세로 다시 점검해 보냅니다. 사유: KIS 서버 작업',
    );
  });

  it('when the nightly window is in force and KRX is closed then the order waits for whichever ends last (the open)', () => {
    const now = kstInstant('2026-03-10', 23, 45);

    const verdict = checkOrder(aGuardInput({ now, blackout: activeBlackout(now, { daily, adhoc: [] }) }));

    expect(verdict).toMatchObject({
      outcome: 'DEFER',
      code: 'MARKET_CLOSED',
      waitingFor: ['AFTER_CLOSE', 'BLACKOUT'],
    });
    expect(verdict.outcome === 'DEFER' && verdict.deferUntil).toEqual(kstInstant('2026-03-11', 8, 30));
  });

  it('when a window is in force and another rule fails then the order is denied with that rule', () => {
    const now = kstInstant('2026-03-10', 10, 30);
    const blackout = { from: now, until: kstInstant('2026-03-10', 11, 0), windows: [] };

    const verdict = checkOrder(aGuardInput({ now, blackout, ordersToday: 10 }));

    expect(verdict).toMatchObject({ outcome: 'DENY', code: 'MAX_ORDERS_PER_DAY' });
  });

  it('when the deferred queue is full and the order would wait then it is denied with DEFER_QUEUE_FULL', () => {
    const now = kstInstant('2026-03-10', 10, 30);
    const blackout = { from: now, until: kstInstant('2026-03-10', 11, 0), windows: [] };

    const full = checkOrder(aGuardInput({ now, blackout, deferredQueue: { size: 20, max: 20 } }));
    const room = checkOrder(aGuardInput({ now, blackout, deferredQueue: { size: 19, max: 20 } }));
    const sendable = checkOrder(aGuardInput({ now, deferredQueue: { size: 20, max: 20 } }));

    expect(full).toMatchObject({
      outcome: 'DENY',
      code: 'DEFER_QUEUE_FULL',
      detail: { waiting: 20, max: 20 },
    });
    expect(room.outcome).toBe('DEFER');
    expect(sendable.outcome).toBe('ALLOW');
  });
});
