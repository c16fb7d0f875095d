import type { AdhocBlackout, BlackoutResult } from '../../domain/blackout';

export interface NewAdhocBlackout {
  from: Date;
  to: Date;
  reason: string;
}

/** Ad-hoc blackout windows. Removal is recorded (who, when); a removed window is never in force again. */
export interface BlackoutStore {
  /** Windows not removed that end after `after`, earliest first. */
  listUpcoming(after: Date): Promise<AdhocBlackout[]>;
  /**
   * Reads the upcoming windows, lets `check` decide on them and inserts what it returns, atomically (so two
   * people adding at once cannot create overlapping windows).
   */
  add(
    now: Date,
    createdBy: string,
    check: (upcoming: AdhocBlackout[]) => BlackoutResult<NewAdhocBlackout>,
  ): Promise<BlackoutResult<AdhocBlackout>>;
  /** Marks the window removed; null when there is no such window or it was already removed. */
  remove(id: number, removedBy: string, at: Date): Promise<AdhocBlackout | null>;
}
