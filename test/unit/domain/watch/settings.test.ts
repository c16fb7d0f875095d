import { describe, expect, it } from 'vitest';
import {
  DEFAULT_WATCH_THRESHOLDS,
  INITIAL_ARM_STATE,
  resolveThresholds,
  stepArm,
  type ArmState,
} from '../../../../src/domain/watch';

describe('watch thresholds', () => {
  it('when a ticker overrides the stop loss then only that value changes', () => {
    const r = resolveThresholds(DEFAULT_WATCH_THRESHOLDS, { stopLossPct: 5 });
    expect(r).toEqual({ ok: true, value: { ...DEFAULT_WATCH_THRESHOLDS, stopLossPct: 5 } });
  });
  it('when a percentage is negative or above 100 % then it is refused naming the field', () => {
    const r = resolveThresholds(DEFAULT_WATCH_THRESHOLDS, { stopLossPct: -1, trailingStopPct: 150 });
    expect(r.ok).toBe(false);
    if (r.ok) return;
    expect(r.problems.map((p) => p.field).sort()).toEqual(['stopLossPct', 'trailingStopPct']);
  });
  it('when a percentage is exactly 100 % then it is accepted, 0 % is refused', () => {
    expect(resolveThresholds(DEFAULT_WATCH_THRESHOLDS, { stopLossPct: 100 }).ok).toBe(true);
    expect(resolveThresholds(DEFAULT_WATCH_THRESHOLDS, { stopLossPct: 0 }).ok).toBe(false);
  });
  it('when the averages are not fast < mid < slow then it is refused', () => {
    expect(resolveThresholds(DEFAULT_WATCH_THRESHOLDS, { maFast: 60 }).ok).toBe(false);
  });
});

describe('re-arming', () => {
  const day = '2026-08-20';
  const step = (s: Readonly<ArmState>, fired: boolean, nowMs: number, date = day) =>
    stepArm(s, { fired, date, nowMs, rearmMs: 600_000 });

  it('when a condition fires twice in a row then it posts once', () => {
    const a = step(INITIAL_ARM_STATE, true, 0);
    const b = step(a.state, true, 1_000);
    expect([a.post, b.post]).toEqual([true, false]);
  });
  it('when it clears for less than the re-arm time then a new firing does not post', () => {
    const a = step(INITIAL_ARM_STATE, true, 0);
    const b = step(a.state, false, 1_000);
    const c = step(b.state, true, 1_000 + 599_999);
    expect(c.post).toBe(false);
  });
  it('when it cleared for the re-arm time the same day then it still does not post again that day', () => {
    const a = step(INITIAL_ARM_STATE, true, 0);
    const b = step(a.state, false, 1_000);
    const c = step(b.state, false, 601_000);
    expect(c.state.armed).toBe(true);
    expect(step(c.state, true, 602_000).post).toBe(false);
  });
  it('when it cleared for the re-arm time and fires on a later day then it posts', () => {
    const a = step(INITIAL_ARM_STATE, true, 0);
    const b = step(a.state, false, 1_000);
    const c = step(b.state, false, 601_000);
    expect(step(c.state, true, 86_400_000, '2026-08-21').post).toBe(true);
  });
  it('when it never cleared then a later day does not post again', () => {
    const a = step(INITIAL_ARM_STATE, true, 0);
    expect(step(a.state, true, 86_400_000, '2026-08-21').post).toBe(false);
  });
});
