import { afterEach, describe, expect, it } from 'vitest';
import { FakeClock } from '../../../src/adapters/clock/fake';
import { segmentsByTr } from '../../../src/adapters/kis/reconcile';
import { KIS_PATHS } from '../../../src/adapters/kis/urls';
import { buildBroker, ok, router } from './support/broker-harness';
import { fixtureBody } from './support/fixtures';
import { type KisStub, startKisStub } from './support/kis-stub';

let stub: KisStub | undefined;
afterEach(async () => {
  await stub?.close();
  stub = undefined;
});

type CcldBody = Record<string, unknown> & { output1: Array<Record<string, string>> };
const ccld = () => structuredClone(fixtureBody('inquire_daily_ccld_doc.json')) as CcldBody;

function page(odnos: string[], filled: boolean): CcldBody {
  const body = ccld();
  const template = body.output1[0]!;
  body.output1 = odnos.map((odno) => ({
    ...template,
    ord_dt: '20260302',
    odno,
    ord_tmd: `0930${odno.slice(-2)}`,
    pdno: '069500',
    sll_buy_dvsn_cd: Number(odno) % 2 === 1 ? '02' : '01',
    ord_qty: '3',
    ord_unpr: '36090',
    tot_ccld_qty: filled ? '3' : '0',
    tot_ccld_amt: filled ? '108270' : '0',
    rmn_qty: filled ? '0' : '3',
    rjct_qty: '0',
    cncl_yn: '',
  }));
  body['ctx_area_nk100'] = `after-${odnos.at(-1)}`.padEnd(100, ' ');
  return body;
}

// 2026-03-02 10:00 KST
const NOW = '2026-03-02T01:00:00Z';

describe('listOrders', () => {
  it('when the orders span three pages then every page is read and the orders come back oldest first', async () => {
    // Arrange
    const pages = [page(['0000000003', '0000000002'], true), page(['0000000001'], false), page([], false)];
    let i = 0;
    stub = await startKisStub(
      router({ [KIS_PATHS.dailyOrders]: () => ok(pages[i]!, { tr_cont: ++i < 3 ? 'M' : 'D' }) }),
    );
    const { broker } = buildBroker(stub.url, { environment: 'paper' }, { clock: new FakeClock(NOW) });
    // Act
    const orders = await broker.listOrders('2026-03-02', '2026-03-02');
    // Assert
    const requests = stub.apiRequests();
    expect(requests).toHaveLength(3);
    expect(requests.map((r) => r.headers['tr_cont'])).toEqual(['', 'N', 'N']);
    expect(requests.map((r) => r.headers['tr_id'])).toEqual(['VTTC0081R', 'VTTC0081R', 'VTTC0081R']);
    expect(requests[1]!.query.get('CTX_AREA_NK100')).toBe('after-0000000002'.padEnd(100, ' '));
    expect(requests[0]!.query.get('INQR_STRT_DT')).toBe('20260302');
    expect(orders.map((o) => o.brokerOrderId)).toEqual(['0000000001', '0000000002', '0000000003']);
    expect(orders[2]).toEqual({
      brokerOrderId: '0000000003',
      orgNo: '06010',
      originalOrderId: '',
      date: '2026-03-02',
      time: '093003',
      ticker: '069500',
      side: 'BUY',
      orderDivision: '00',
      quantity: 3,
      price: 36090,
      filledQuantity: 3,
      filledAmount: 108270,
      remainingQuantity: 0,
      rejectedQuantity: 0,
      cancelled: false,
    });
    expect(orders[1]!.side).toBe('SELL');
  });

  it('when any page cannot be read then listOrders throws instead of returning the pages it had', async () => {
    // Arrange
    let i = 0;
    stub = await startKisStub(
      router({
        [KIS_PATHS.dailyOrders]: () =>
          ++i === 1 ? ok(page(['0000000001'], true), { tr_cont: 'M' }) : { status: 500 },
      }),
    );
    const { broker } = buildBroker(
      stub.url,
      {},
      { clock: new FakeClock(NOW), readRetry: { retries: 2, baseDelayMs: 1, maxDelayMs: 1 } },
    );
    // Act + Assert
    await expect(broker.listOrders('2026-03-02', '2026-03-02')).rejects.toMatchObject({
      code: 'HTTP_500',
      retry: 'safe',
    });
    expect(stub.apiRequests()).toHaveLength(4);
  });

  it('when one order is looked up then ODNO filters the inquiry and short paper numbers still match', async () => {
    // Arrange
    stub = await startKisStub(
      router({ [KIS_PATHS.dailyOrders]: () => ok(page(['47589'], false), { tr_cont: 'D' }) }),
    );
    const { broker } = buildBroker(stub.url, { environment: 'paper' }, { clock: new FakeClock(NOW) });
    // Act
    const found = await broker.findOrder('2026-03-02', '0000047589');
    // Assert
    expect(found?.brokerOrderId).toBe('47589');
    expect(stub.apiRequests()[0]!.query.get('ODNO')).toBe('0000047589');
  });
});

describe('segmentsByTr', () => {
  it('when the range reaches back more than three months then older dates go to the older-orders TR', () => {
    // Act
    const segments = segmentsByTr('2025-10-01', '2026-03-02', '2026-03-02');
    // Assert
    expect(segments).toEqual([
      { from: '2025-10-01', to: '2025-12-02', realTrId: 'CTSC9215R' },
      { from: '2025-12-03', to: '2026-03-02', realTrId: 'TTTC0081R' },
    ]);
    expect(segmentsByTr('2026-02-01', '2026-03-02', '2026-03-02')).toEqual([
      { from: '2026-02-01', to: '2026-03-02', realTrId: 'TTTC0081R' },
    ]);
  });
});
