import { afterEach, describe, expect, it } from 'vitest';
import WebSocket from 'ws';
import { controlHttpHandler } from '../../../src/sim/kis/control/control-http';
import { SteppableClock } from '../../../src/sim/kis/control/steppable-clock';
import { createKisSimulator } from '../../../src/sim/kis/simulator';
import type { KisSimulator } from '../../../src/sim/kis';
import { PAPER, RawKis, startSim, WEDNESDAY_10_00, type SimHarness } from './support';

/** Collects every H0STCNT0 record of one ticker as field arrays. */
async function tradeFeed(sim: KisSimulator, ticker: string): Promise<{ records: string[][]; close(): void }> {
  const approval = await RawKis.for(sim, PAPER).approvalKey();
  const socket = new WebSocket(`${sim.urls.paper.ws}/tryitout`);
  await new Promise<void>((resolve, reject) => {
    socket.once('open', () => resolve());
    socket.once('error', reject);
  });
  const records: string[][] = [];
  socket.on('message', (data) => {
    const text = data.toString();
    if (text.startsWith('0|H0STCNT0|')) records.push(text.split('|')[3]!.split('^'));
  });
  socket.send(
    JSON.stringify({
      header: { approval_key: approval, custtype: 'P', tr_type: '1', 'content-type': 'utf-8' },
      body: { input: { tr_id: 'H0STCNT0', tr_key: ticker } },
    }),
  );
  return { records, close: () => socket.terminate() };
}

async function until(check: () => boolean): Promise<void> {
  while (!check()) await new Promise((resolve) => setTimeout(resolve, 20));
}

describe('KIS simulator: scripted intraday path', () => {
  let harness: SimHarness | undefined;
  const closers: Array<() => void> = [];
  afterEach(async () => {
    for (const close of closers.splice(0)) close();
    await harness?.sim.close();
    harness = undefined;
  });

  it('when a −9 % drop is scripted over a minute then the frames walk down to it and REST agrees', async () => {
    harness = await startSim(WEDNESDAY_10_00);
    const start = harness.sim.control.currentPrice('069500');
    const feed = await tradeFeed(harness.sim, '069500');
    closers.push(feed.close);
    await until(() => feed.records.length >= 1);

    const prices = harness.sim.control.scriptPath(
      '069500',
      [1, 2, 3].map((i) => ({ afterMs: i * 20_000, changePct: -3 * i })),
    );
    harness.clock.advance(20_000);
    await until(() => feed.records.some((r) => Number(r[2]) === prices[0]));
    harness.clock.advance(40_000);
    await until(() => feed.records.some((r) => Number(r[2]) === prices[2]));

    expect(prices[2]! / start).toBeCloseTo(0.91, 2);
    const last = feed.records.at(-1)!;
    expect(last).toHaveLength(46);
    expect(Number(last[9])).toBeLessThanOrEqual(prices[2]!); // STCK_LWPR includes the drop
    expect(harness.sim.control.currentPrice('069500')).toBe(prices[2]);
  });

  it('when a volume spike of 3 × the average is added then ACML_VOL jumps by that many shares', async () => {
    harness = await startSim(WEDNESDAY_10_00);
    const feed = await tradeFeed(harness.sim, '069500');
    closers.push(feed.close);
    await until(() => feed.records.length >= 1);
    const before = Number(feed.records.at(-1)![13]);

    const added = harness.sim.control.spikeVolume('069500', { multiple: 3 });
    await until(() => feed.records.length >= 2);

    expect(added).toBeGreaterThan(0);
    expect(Number(feed.records.at(-1)![13])).toBe(before + added);
  });

  it('when a path step has a negative delay or a change of −100 % then it is refused and nothing changes', async () => {
    harness = await startSim(WEDNESDAY_10_00);
    const price = harness.sim.control.currentPrice('069500');
    expect(() => harness!.sim.control.scriptPath('069500', [{ afterMs: -1, price: 1_000 }])).toThrow(
      /afterMs/,
    );
    expect(() => harness!.sim.control.scriptPath('069500', [{ afterMs: 0, changePct: -100 }])).toThrow(
      /changePct/,
    );
    expect(harness.sim.control.currentPrice('069500')).toBe(price);
  });
});

describe('KIS simulator: /__sim/path and /__sim/volume (npm run sim)', () => {
  let sim: KisSimulator | undefined;
  afterEach(async () => {
    await sim?.close();
    sim = undefined;
  });

  it('when POST /__sim/path drops 9 % in 3 steps over 30 s then the price after 30 s is 9 % lower', async () => {
    const clock = new SteppableClock(new Date(WEDNESDAY_10_00), true);
    sim = await createKisSimulator(
      { clock, universe: ['069500'] },
      { control: (control, accounts) => controlHttpHandler(control, accounts, clock) },
    );
    const rest = sim.urls.paper.rest;
    const post = (path: string, body: unknown) =>
      fetch(`${rest}${path}`, { method: 'POST', body: JSON.stringify(body) }).then(async (r) => ({
        status: r.status,
        body: (await r.json()) as Record<string, unknown>,
      }));
    const start = sim.control.currentPrice('069500');

    const scripted = await post('/__sim/path', { ticker: '069500', changePct: -9, overMs: 30_000, steps: 3 });
    const bad = await post('/__sim/path', { ticker: '069500', changePct: -150 });
    const spike = await post('/__sim/volume', { ticker: '069500', shares: 50_000 });
    clock.advance(30_000);

    expect(scripted.status).toBe(200);
    const prices = scripted.body.prices as number[];
    expect(prices).toHaveLength(3);
    expect(sim.control.currentPrice('069500')).toBe(prices[2]);
    expect(prices[2]! / start).toBeCloseTo(0.91, 2);
    expect(bad.status).toBe(400);
    expect(spike.body).toEqual({ ticker: '069500', added: 50_000 });
  });

  it('when POST /__sim/realtime says down then the WebSocket session is cut and a new one refused until it says up again', async () => {
    // Arrange: a trade feed streaming
    const clock = new SteppableClock(new Date(WEDNESDAY_10_00), true);
    sim = await createKisSimulator(
      { clock, universe: ['069500'] },
      { control: (control, accounts) => controlHttpHandler(control, accounts, clock) },
    );
    const post = (body: unknown) =>
      fetch(`${sim!.urls.paper.rest}/__sim/realtime`, { method: 'POST', body: JSON.stringify(body) }).then(
        (r) => r.status,
      );
    const feed = await tradeFeed(sim, '069500');
    await until(() => feed.records.length > 0);
    const open = () =>
      new Promise<'open' | 'refused'>((resolve) => {
        const socket = new WebSocket(`${sim!.urls.paper.ws}/tryitout`);
        socket.once('open', () => {
          socket.terminate();
          resolve('open');
        });
        socket.once('error', () => resolve('refused'));
      });

    // Act
    const down = await post({ down: true });
    await new Promise((resolve) => setTimeout(resolve, 50));
    const whileDown = await open();
    const bad = await post({ down: 'yes' });
    const up = await post({ down: false });
    const afterUp = await open();

    // Assert
    expect([down, bad, up]).toEqual([200, 400, 200]);
    expect(whileDown).toBe('refused');
    expect(afterUp).toBe('open');
    feed.close();
  });
});
