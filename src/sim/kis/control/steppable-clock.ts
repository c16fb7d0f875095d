import type { Clock } from '../../../domain/clock';

/**
 * The CLI's clock: wall time shifted to a chosen start, or frozen ("stepped") so an operator moves it by hand
 * through POST /__sim/time.
 */
export class SteppableClock implements Clock {
  private offsetMs: number;
  private frozenAt: number | undefined;

  constructor(
    start: Date,
    frozen: boolean,
    private readonly wall: () => number = () => Date.now(),
  ) {
    this.offsetMs = start.getTime() - this.wall();
    this.frozenAt = frozen ? start.getTime() : undefined;
  }

  get frozen(): boolean {
    return this.frozenAt !== undefined;
  }

  now(): Date {
    return new Date(this.frozenAt ?? this.wall() + this.offsetMs);
  }

  set(to: Date): void {
    if (this.frozenAt !== undefined) this.frozenAt = to.getTime();
    else this.offsetMs = to.getTime() - this.wall();
  }

  advance(ms: number): void {
    this.set(new Date(this.now().getTime() + ms));
  }
}
