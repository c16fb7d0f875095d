import { describe, expect, it } from 'vitest';
import { loadTradingCalendar } from '../../src/adapters/calendar/load';
import { FakeClock } from '../../src/adapters/clock/fake';
import type { RaiseAlert } from '../../src/app/alerts';
import { PreOpenCanary } from '../../src/app/canary';
import type { CanaryStore } from '../../src/app/ports/canary-store';
import type { CanaryRecord } from '../../src/domain/canary';
import { kstInstant } from '../../src/domain/market';
import type { MarketDayAnswer } from '../../src/domain/ports';
import { FakeBroker } from '../support/fake-broker';

const calendar = loadTradingCalendar();
const DAY = '2026-11-23'; // Monday, a trading day

function memoryStore(): CanaryStore & { records: Map<string, CanaryRecord> } {
  const records = new Map<string, CanaryRecord>();
  return {
    records,
    get: async (date) => records.get(date) ?? null,
    save: async (record) => void records.set(record.tradeDate, record),
    ping: async () => undefined,
  };
}

function build(options: { marketDay?: MarketDayAnswer } = {}) {
  const clock = new FakeClock(kstInstant(DAY, 7, 45));
  const broker = new FakeBroker(clock);
  const store = memoryStore();
  const alerts: RaiseAlert[] = [];
  const canaryBroker = Object.assign(Object.create(broker) as FakeBroker, {
    checkMarketDay: async () => options.marketDay ?? { known: false, reason: 'paper' },
  });
  const canary = new PreOpenCanary({
    broker: canaryBroker,
    store,
    memory: { count: async () => 3 },
    alerts: { raise: async (a) => (alerts.push(a), null) },
    clock,
    calendar,
    tickers: ['069500', '114260'],
    time: '07:45',
    catchUpCutoff: '15:00',
  });
  return { clock, broker, store, alerts, canary };
}

describe('pre-open canary', () => {
  it('when every part answers then it passes, reads only, and the cycle may run', async () => {
    const { canary, broker, store, alerts } = build();

    await canary.tick(DAY);
    const gate = await canary.gate(DAY);

    expect(gate).toEqual({ allow: true });
    const record = store.records.get(DAY)!;
    expect(record).toMatchObject({ status: 'PASSED', attempts: 1, reason: null });
    expect(record.probes.map((p) => [p.probe, p.status])).toEqual([
      ['token', 'skipped'],
      ['balance', 'ok'],
      ['quotes', 'ok'],
      ['calendar', 'skipped'],
      ['database', 'ok'],
      ['memory', 'ok'],
    ]);
    expect(broker.callsOf('getQuote').map((c) => c.args[0])).toEqual(['069500', '114260']);
    expect(broker.callsOf('placeOrder')).toHaveLength(0);
    expect(broker.callsOf('cancelOrder')).toHaveLength(0);
    expect(alerts).toEqual([]);
  });

  it('when it is before 07:45 then nothing is probed', async () => {
    const { canary, clock, broker, store } = build();
    clock.set(kstInstant(DAY, 7, 44));

    await canary.tick(DAY);

    expect(store.records.size).toBe(0);
    expect(broker.calls).toHaveLength(0);
  });

  it('when KIS chk-holiday says the day is closed but the calendar says open then it fails and holds the cycle', async () => {
    const { canary, alerts } = build({ marketDay: { known: true, open: false } });

    await canary.tick(DAY);
    const gate = await canary.gate(DAY);

    expect(gate).toEqual({
      allow: false,
      reason: 'calendar: KIS chk-holiday says closed, the calendar says open',
    });
    expect(alerts).toHaveLength(1);
    expect(alerts[0]).toMatchObject({
      kind: 'CANARY_FAILED',
      severity: 'critical',
      dedupeKey: `canary-failed:${DAY}`,
    });
  });

  it('when the balance fails then it retries every 5 minutes, and at the cutoff the day is skipped once', async () => {
    const { canary, clock, broker, store, alerts } = build();
    broker.failBalance = 3;

    await canary.tick(DAY); // 07:45 attempt 1
    clock.set(kstInstant(DAY, 7, 49));
    await canary.tick(DAY); // not yet due
    clock.set(kstInstant(DAY, 7, 50));
    await canary.tick(DAY); // attempt 2
    clock.set(kstInstant(DAY, 7, 55));
    await canary.tick(DAY); // attempt 3
    const beforeCutoff = store.records.get(DAY)!;
    clock.set(kstInstant(DAY, 15, 0));
    await canary.tick(DAY);
    await canary.tick(DAY);

    expect(beforeCutoff).toMatchObject({ status: 'FAILED', attempts: 3 });
    expect(beforeCutoff.reason).toBe('balance: balance unavailable');
    expect(store.records.get(DAY)).toMatchObject({ status: 'SKIPPED', attempts: 3 });
    expect(alerts.map((a) => a.dedupeKey)).toEqual([
      `canary-failed:${DAY}`,
      `canary-failed:${DAY}`,
      `canary-failed:${DAY}`,
      `canary-skipped:${DAY}`,
    ]);
    expect((await canary.gate(DAY)).allow).toBe(false);
    expect(broker.callsOf('placeOrder')).toHaveLength(0);
  });
});
