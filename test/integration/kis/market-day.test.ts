import { afterEach, describe, expect, it } from 'vitest';
import { startSimHarness, type SimHarness } from './support/sim-harness';

let h: SimHarness | undefined;
afterEach(async () => {
  await h?.close();
  h = undefined;
});

describe('KIS chk-holiday through the client', () => {
  it('when the real server is asked about a holiday and a trading day then it answers from CTCA0903R', async () => {
    h = await startSimHarness();
    const broker = h.brokerFor('real');
    expect(await broker.checkMarketDay('2026-12-25')).toEqual({ known: true, open: false });
    expect(await broker.checkMarketDay('2026-12-24')).toEqual({ known: true, open: true });
  });

  it('when the environment is paper then it says it cannot know, without a request', async () => {
    h = await startSimHarness();
    const before = h.sim.control.stats().requests;
    const answer = await h.brokerFor('paper').checkMarketDay('2026-12-25');
    expect(answer.known).toBe(false);
    expect(h.sim.control.stats().requests).toBe(before);
  });
});
