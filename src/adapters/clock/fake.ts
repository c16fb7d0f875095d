import type { Clock } from '../../domain/clock';

/** A clock that moves only when told to. Used by tests and by the simulator's stepped mode. */
export class FakeClock implements Clock {
  private current: number;

  constructor(start: Date | string | number) {
    this.current = new Date(start).getTime();
  }

  now(): Date {
    return new Date(this.current);
  }

  set(to: Date | string | number): void {
    this.current = new Date(to).getTime();
  }

  advance(ms: number): void {
    this.current += ms;
  }
}
