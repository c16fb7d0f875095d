import type { KstDate } from '../market';

/**
 * Whether a condition may post. A firing posts at most once per ticker, condition and trading day; after it
 * posted, the condition must have been clear for `rearmMs` without a break before it can post again.
 */
export interface ArmState {
  armed: boolean;
  lastPostedOn: KstDate | null;
  /** Epoch ms since which the condition has been clear without a break; null while it is firing. */
  clearSinceMs: number | null;
}

export const INITIAL_ARM_STATE: Readonly<ArmState> = Object.freeze({
  armed: true,
  lastPostedOn: null,
  clearSinceMs: null,
});

export function stepArm(
  state: Readonly<ArmState>,
  observation: { fired: boolean; date: KstDate; nowMs: number; rearmMs: number },
): { state: ArmState; post: boolean } {
  const { fired, date, nowMs, rearmMs } = observation;
  if (!fired) {
    const clearSinceMs = state.clearSinceMs ?? nowMs;
    const armed = state.armed || nowMs - clearSinceMs >= rearmMs;
    return { state: { armed, lastPostedOn: state.lastPostedOn, clearSinceMs }, post: false };
  }
  if (state.armed && state.lastPostedOn !== date)
    return { state: { armed: false, lastPostedOn: date, clearSinceMs: null }, post: true };
  return { state: { ...state, clearSinceMs: null }, post: false };
}
