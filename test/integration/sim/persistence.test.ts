import * as fsp from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import type { KisSimulatorOptions } from '../../../src/sim/kis';
import { PAPER, RawKis, startSim, WEDNESDAY_10_00, type SimHarness } from './support';

// Spies on the writing calls (delegating to the real ones) so a test can prove the simulator wrote nothing.
vi.mock('node:fs/promises', async (importOriginal) => {
  const actual = await importOriginal<typeof import('node:fs/promises')>();
  return {
    ...actual,
    open: vi.fn(actual.open),
    writeFile: vi.fn(actual.writeFile),
    rename: vi.fn(actual.rename),
    mkdir: vi.fn(actual.mkdir),
  };
});

const fast = { rateLimitPerSecond: { real: 1_000, paper: 1_000 } };
const THURSDAY_10_00 = '2026-07-16T10:00:00+09:00';
type Rows = { output1: Array<Record<string, string>>; output2: Array<Record<string, string>> };

describe('KIS simulator: state file', () => {
  let dir: string;
  let stateFile: string;
  const running: SimHarness[] = [];

  beforeEach(async () => {
    dir = await fsp.mkdtemp(path.join(os.tmpdir(), 'kis-sim-state-'));
    stateFile = path.join(dir, 'sim-state.json');
  });

  afterEach(async () => {
    await Promise.all(running.splice(0).map((h) => h.sim.close()));
    await fsp.rm(dir, { recursive: true, force: true });
  });

  async function boot(
    at: string,
    options: Omit<KisSimulatorOptions, 'clock'> = {},
  ): Promise<SimHarness & { kis: RawKis }> {
    const harness = await startSim(at, { ...fast, stateFile, ...options });
    running.push(harness);
    const kis = RawKis.for(harness.sim, PAPER);
    await kis.issueToken();
    return { ...harness, kis };
  }

  async function restart(before: SimHarness, at: string, options: Omit<KisSimulatorOptions, 'clock'> = {}) {
    await before.sim.close();
    return boot(at, options);
  }

  it('when an order filled before a restart then daily-ccld and the balance show it after the restart', async () => {
    const first = await boot(WEDNESDAY_10_00);
    const price = first.sim.control.currentPrice('069500');
    const placed = await first.kis.order('BUY', {
      PDNO: '069500',
      ORD_DVSN: '00',
      ORD_QTY: '3',
      ORD_UNPR: String(price + 50),
    });
    const odno = (placed.body.output as Record<string, string>).ODNO;

    const second = await restart(first, THURSDAY_10_00);
    const ccld = (await second.kis.dailyCcld('20260715')).body as unknown as Rows;
    const balance = (await second.kis.balance()).body as unknown as Rows;

    const fee = Math.floor((3 * price * 140) / 1_000_000);
    expect(ccld.output1).toHaveLength(1);
    expect(ccld.output1[0]).toMatchObject({
      odno,
      pdno: '069500',
      ord_qty: '3',
      tot_ccld_qty: '3',
      avg_prvs: String(price),
      rmn_qty: '0',
    });
    expect(balance.output1[0]).toMatchObject({
      pdno: '069500',
      hldg_qty: '3',
      pchs_amt: String(3 * price),
      bfdy_buy_qty: '3',
    });
    // Bought on Wednesday, settling T+2 on Monday (Friday 07-17 is closed): still unsettled on Thursday.
    expect(balance.output2[0]).toMatchObject({
      dnca_tot_amt: '1000000',
      nxdy_excc_amt: String(1_000_000 - 3 * price - fee),
      prvs_rcdl_excc_amt: String(1_000_000 - 3 * price - fee),
    });
  });

  it('when cash and a position were set before a restart then both carry over', async () => {
    const first = await boot(WEDNESDAY_10_00);
    first.sim.control.setCash(PAPER.cano, 5_432_100);
    first.sim.control.setPosition(PAPER.cano, '102110', 7, 12_345);

    const second = await restart(first, THURSDAY_10_00);
    const balance = (await second.kis.balance()).body as unknown as Rows;

    expect(balance.output2[0]).toMatchObject({
      dnca_tot_amt: '5432100',
      nxdy_excc_amt: '5432100',
      prvs_rcdl_excc_amt: '5432100',
    });
    expect(balance.output1).toHaveLength(1);
    expect(balance.output1[0]).toMatchObject({
      pdno: '102110',
      hldg_qty: '7',
      pchs_avg_pric: '12345.0000',
      pchs_amt: String(7 * 12_345),
    });
  });

  it('when orders are placed after a restart then the ODNO counter continues and no number is reused', async () => {
    const first = await boot(WEDNESDAY_10_00);
    const market = { PDNO: '069500', ORD_DVSN: '01', ORD_QTY: '1', ORD_UNPR: '0' };
    const before = [await first.kis.order('BUY', market), await first.kis.order('BUY', market)].map(
      (r) => (r.body.output as Record<string, string>).ODNO!,
    );

    const second = await restart(first, '2026-07-15T10:05:00+09:00');
    const after = (await second.kis.order('BUY', market)).body.output as Record<string, string>;
    const ccld = (await second.kis.dailyCcld('20260715')).body as unknown as Rows;

    expect(before).toEqual(['0000000001', '0000000002']);
    expect(after.ODNO).toBe('0000000003');
    expect(ccld.output1.map((r) => r.odno).sort()).toEqual(['0000000001', '0000000002', '0000000003']);
  });

  it('when a day order is still open at a restart then it is open afterwards and expires at the close', async () => {
    const first = await boot('2026-07-15T15:00:00+09:00');
    const lower = Number((await first.kis.quote('069500')).body.output.stck_llam);
    await first.kis.order('BUY', { PDNO: '069500', ORD_DVSN: '00', ORD_QTY: '2', ORD_UNPR: String(lower) });

    const second = await restart(first, '2026-07-15T15:10:00+09:00');
    const open = second.sim.control.receivedOrders();
    second.clock.set('2026-07-15T15:31:00+09:00');
    const ccld = (await second.kis.dailyCcld('20260715')).body as unknown as Rows;

    expect(open).toHaveLength(1);
    expect(open[0]).toMatchObject({ status: 'open', quantity: 2, price: lower });
    expect(second.sim.control.receivedOrders()[0]).toMatchObject({ status: 'expired', filledQuantity: 0 });
    expect(ccld.output1[0]).toMatchObject({ ord_qty: '2', tot_ccld_qty: '0', rmn_qty: '2' });
  });

  it.each([
    ['not JSON', '{"version": 1, "accounts": [', 'not valid JSON'],
    ['of another version', '{"version": 99}', 'format version 99'],
    [
      'of the wrong shape',
      '{"version": 1, "savedAt": "2026-07-15T01:00:00.000Z", "odnoCounters": {}, "accounts": "x", "orders": []}',
      'invalid',
    ],
    [
      'for an unknown account',
      JSON.stringify({
        version: 1,
        savedAt: '2026-07-15T01:00:00.000Z',
        odnoCounters: { real: 0, paper: 0 },
        accounts: [{ cano: '99999999', environment: 'paper', baseCash: 1, flows: [], positions: [] }],
        orders: [],
      }),
      'account 99999999',
    ],
  ])(
    'when the state file is %s then it is moved aside with a warning and the simulator starts fresh',
    async (_case, content, reason) => {
      await fsp.writeFile(stateFile, content);
      const warnings: string[] = [];

      const fresh = await boot(WEDNESDAY_10_00, { onWarning: (message) => warnings.push(message) });
      const balance = (await fresh.kis.balance()).body as unknown as Rows;
      const files = await fsp.readdir(dir);

      expect(warnings).toHaveLength(1);
      expect(warnings[0]).toContain(stateFile);
      expect(warnings[0]).toContain(reason);
      expect(files).toHaveLength(1);
      expect(files[0]).toMatch(/^sim-state\.json\.corrupt-\S+$/);
      expect(warnings[0]).toContain(path.join(dir, files[0]!));
      expect(await fsp.readFile(path.join(dir, files[0]!), 'utf8')).toBe(content);
      expect(balance.output1).toEqual([]);
      expect(balance.output2[0]).toMatchObject({ dnca_tot_amt: '1000000' });
    },
  );

  it('when close() is called before the save delay has passed then the pending state is written', async () => {
    const sim = await boot(WEDNESDAY_10_00, { stateSaveDelayMs: 600_000 });
    const placed = await sim.kis.order('BUY', {
      PDNO: '069500',
      ORD_DVSN: '01',
      ORD_QTY: '1',
      ORD_UNPR: '0',
    });
    const odno = (placed.body.output as Record<string, string>).ODNO;
    const beforeClose = await fsp.readdir(dir);

    await sim.sim.close();

    const saved = JSON.parse(await fsp.readFile(stateFile, 'utf8')) as {
      version: number;
      odnoCounters: { paper: number };
      orders: Array<{ odno: string; filledQuantity: number }>;
    };
    expect(beforeClose).toEqual([]);
    expect(vi.mocked(fsp.rename)).toHaveBeenCalledWith(expect.stringMatching(/\.tmp$/), stateFile);
    expect(await fsp.readdir(dir)).toEqual(['sim-state.json']);
    expect(saved.version).toBe(1);
    expect(saved.odnoCounters.paper).toBe(1);
    expect(saved.orders).toMatchObject([{ odno, filledQuantity: 1 }]);
  });

  it('when an order fills then the state is saved without waiting for close', async () => {
    const sim = await boot(WEDNESDAY_10_00, { stateSaveDelayMs: 10 });

    await sim.kis.order('BUY', { PDNO: '069500', ORD_DVSN: '01', ORD_QTY: '1', ORD_UNPR: '0' });

    const saved = await vi.waitFor(
      async () => JSON.parse(await fsp.readFile(stateFile, 'utf8')) as { orders: unknown[] },
      { timeout: 5_000, interval: 20 },
    );
    expect(saved.orders).toHaveLength(1);
  });

  it('when no stateFile is given then nothing is written to disk', async () => {
    vi.mocked(fsp.open).mockClear();
    vi.mocked(fsp.writeFile).mockClear();
    vi.mocked(fsp.rename).mockClear();
    vi.mocked(fsp.mkdir).mockClear();
    const harness = await startSim(WEDNESDAY_10_00, fast);
    const kis = RawKis.for(harness.sim, PAPER);
    await kis.issueToken();

    await kis.order('BUY', { PDNO: '069500', ORD_DVSN: '01', ORD_QTY: '1', ORD_UNPR: '0' });
    harness.sim.control.setCash(PAPER.cano, 2_000_000);
    await harness.sim.close();

    expect(vi.mocked(fsp.open)).not.toHaveBeenCalled();
    expect(vi.mocked(fsp.writeFile)).not.toHaveBeenCalled();
    expect(vi.mocked(fsp.rename)).not.toHaveBeenCalled();
    expect(vi.mocked(fsp.mkdir)).not.toHaveBeenCalled();
  });
});
