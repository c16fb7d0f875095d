import type { Clock } from '../../../src/domain/clock';

const DISCORD_EPOCH_MS = 1_420_070_400_000n;

/**
 * Ids shaped like Discord snowflakes (timestamp in the high bits) so discord.js derives sensible
 * `createdAt` values. Strictly increasing even when a fake clock stands still or moves backwards.
 */
export class SnowflakeGenerator {
  private last = 0n;

  constructor(private readonly clock: Clock) {}

  next(): string {
    const fromClock = (BigInt(this.clock.now().getTime()) - DISCORD_EPOCH_MS) << 22n;
    this.last = fromClock > this.last ? fromClock : this.last + 1n;
    return this.last.toString();
  }
}
