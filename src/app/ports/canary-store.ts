import type { CanaryRecord } from '../../domain/canary';

export interface CanaryStore {
  get(tradeDate: string): Promise<CanaryRecord | null>;
  /** Writes the day's record (one per trade date; attempts and first time are the caller's). */
  save(record: CanaryRecord): Promise<void>;
  /** `select 1`: does the database answer? */
  ping(): Promise<void>;
}
