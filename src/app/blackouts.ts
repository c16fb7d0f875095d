/**
 * Blackout windows: the daily KIS maintenance windows from configuration plus the ad-hoc ones approvers add.
 * Execution asks `active()` before it reads or sends anything for an order; the KIS client asks before it
 * issues a token. The ad-hoc windows are cached in memory (read at start-up and after every change), so those
 * questions never wait on the database.
 */
import {
  activeBlackout,
  nextBlackout,
  validateAdhocBlackout,
  type ActiveBlackout,
  type AdhocBlackout,
  type AdhocBlackoutInput,
  type BlackoutInterval,
  type BlackoutProblem,
  type BlackoutSchedule,
  type DailyBlackout,
} from '../domain/blackout';
import type { Clock } from '../domain/clock';
import { isAllowedApprover, type ApprovalPolicy, type Approver } from './approvers';
import type { BlackoutStore } from './ports/blackout-store';

export type BlackoutChange =
  | { status: 'ok'; window: AdhocBlackout }
  | { status: 'invalid'; problem: BlackoutProblem }
  | { status: 'not-allowed' };

export interface BlackoutList {
  daily: readonly DailyBlackout[];
  adhoc: AdhocBlackout[];
  active: ActiveBlackout | null;
}

export interface BlackoutServiceDeps {
  store: BlackoutStore;
  clock: Clock;
  daily: readonly DailyBlackout[];
  policy: ApprovalPolicy;
}

const ID = /^#?(\d{1,12})$/;

export class BlackoutService {
  private adhoc: AdhocBlackout[] = [];

  constructor(private readonly deps: BlackoutServiceDeps) {}

  /** Reads the ad-hoc windows into the cache (start-up; after changes it is refreshed by itself). */
  async load(): Promise<void> {
    this.adhoc = await this.deps.store.listUpcoming(this.deps.clock.now());
  }

  schedule(): BlackoutSchedule {
    return { daily: this.deps.daily, adhoc: this.adhoc };
  }

  active(at: Date = this.deps.clock.now()): ActiveBlackout | null {
    return activeBlackout(at, this.schedule());
  }

  next(at: Date = this.deps.clock.now()): BlackoutInterval | null {
    return nextBlackout(at, this.schedule());
  }

  async list(): Promise<BlackoutList> {
    await this.load();
    return { daily: this.deps.daily, adhoc: this.adhoc, active: this.active() };
  }

  /** `/blackout add`: approvers only; one problem or the stored window. */
  async add(input: AdhocBlackoutInput, approver: Approver): Promise<BlackoutChange> {
    if (!isAllowedApprover(approver, this.deps.policy)) return { status: 'not-allowed' };
    const now = this.deps.clock.now();
    const added = await this.deps.store.add(now, approver.userId, (upcoming) =>
      validateAdhocBlackout(input, upcoming, now),
    );
    await this.load();
    return added.ok ? { status: 'ok', window: added.value } : { status: 'invalid', problem: added.problem };
  }

  /** `/blackout remove <id>`: approvers only. */
  async remove(idText: string, approver: Approver): Promise<BlackoutChange> {
    if (!isAllowedApprover(approver, this.deps.policy)) return { status: 'not-allowed' };
    const match = ID.exec(idText.trim());
    const notFound: BlackoutChange = {
      status: 'invalid',
      problem: { code: 'NOT_FOUND', id: idText.trim().slice(0, 20) },
    };
    if (!match) return notFound;
    const removed = await this.deps.store.remove(Number(match[1]), approver.userId, this.deps.clock.now());
    await this.load();
    return removed ? { status: 'ok', window: removed } : notFound;
  }
}
