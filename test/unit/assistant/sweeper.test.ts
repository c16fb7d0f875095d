import { describe, expect, it } from 'vitest';
import { createIdleSweeper, refOf, threadKeyOf } from '../../../src/app/assistant/sweeper';
import type { ConversationRef } from '../../../src/app/desk-api';

const NOW = new Date('2026-11-23T01:00:00Z');

describe('idle sweeper', () => {
  it('when a sweep finds idle conversations then the channel is told which threads to archive', async () => {
    const archived: ConversationRef[][] = [];
    const sweptAt: Date[] = [];
    const sweeper = createIdleSweeper({
      sweep: async (now) => {
        sweptAt.push(now);
        return [{ channel: 'discord', threadKey: '1300000000000000001' }];
      },
      clock: { now: () => NOW },
      intervalMs: 60_000,
      onArchive: (refs) => void archived.push(refs),
    });

    await sweeper.runOnce();

    expect(sweptAt).toEqual([NOW]);
    expect(archived).toEqual([[{ channel: 'discord', threadKey: '1300000000000000001' }]]);
  });

  it('when a sweep is still running then another request joins it instead of overlapping', async () => {
    let release: () => void = () => {};
    let sweeps = 0;
    const sweeper = createIdleSweeper({
      sweep: () => {
        sweeps += 1;
        return new Promise((resolve) => (release = () => resolve([])));
      },
      clock: { now: () => NOW },
      intervalMs: 60_000,
      onArchive: () => {},
    });

    const first = sweeper.runOnce();
    const second = sweeper.runOnce();
    release();
    await Promise.all([first, second]);

    expect(sweeps).toBe(1);
  });

  it('when a sweep fails then the error is reported and nothing is archived', async () => {
    const errors: unknown[] = [];
    const archived: ConversationRef[][] = [];
    const sweeper = createIdleSweeper({
      sweep: () => Promise.reject(new Error('database down')),
      clock: { now: () => NOW },
      intervalMs: 60_000,
      onArchive: (refs) => void archived.push(refs),
      onError: (error) => void errors.push(error),
    });

    await sweeper.runOnce();

    expect(errors).toHaveLength(1);
    expect(archived).toEqual([]);
  });

  it('when a thread key is stored then it round-trips to the conversation ref', () => {
    const ref: ConversationRef = { channel: 'terminal', threadKey: 't-20261123100000-1' };
    expect(threadKeyOf(ref)).toBe('terminal:t-20261123100000-1');
    expect(refOf(threadKeyOf(ref), 'terminal')).toEqual(ref);
  });
});
