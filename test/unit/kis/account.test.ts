import { afterEach, describe, expect, it } from 'vitest';
import { KIS_PATHS } from '../../../src/adapters/kis/urls';
import { buildBroker, ok, router } from './support/broker-harness';
import { fixtureBody } from './support/fixtures';
import { type KisStub, startKisStub } from './support/kis-stub';

let stub: KisStub | undefined;
afterEach(async () => {
  await stub?.close();
  stub = undefined;
});

const balanceSample = () =>
  structuredClone(fixtureBody('inquire_balance_doc.json')) as Record<string, unknown> & {
    output1: Array<Record<string, string>>;
  };

describe('getBalance', () => {
  it('when the balance spans two pages then both are read with tr_cont N and the cursors echoed back', async () => {
    // Arrange
    const first = balanceSample();
    first['ctx_area_nk100'] = 'NEXT-CURSOR'.padEnd(100, ' ');
    const second = balanceSample();
    second.output1 = [
      {
        ...second.output1[0]!,
        pdno: '069500',
        prdt_name: 'KODEX 200',
        hldg_qty: '7',
        ord_psbl_qty: '7',
        pchs_amt: '252000',
        prpr: '36090',
        evlu_amt: '252630',
        evlu_pfls_amt: '630',
      },
    ];
    let page = 0;
    stub = await startKisStub(
      router({
        [KIS_PATHS.balance]: () => {
          page += 1;
          return page === 1 ? ok(first, { tr_cont: 'M' }) : ok(second, { tr_cont: 'D' });
        },
      }),
    );
    const { broker } = buildBroker(stub.url);
    // Act
    const balance = await broker.getBalance();
    // Assert
    const [r1, r2] = stub.apiRequests();
    expect(stub.apiRequests()).toHaveLength(2);
    expect(r1!.headers['tr_cont']).toBe('');
    expect(r1!.headers['tr_id']).toBe('TTTC8434R');
    expect(r1!.query.get('CANO')).toBe('12345678');
    expect(r1!.query.get('ACNT_PRDT_CD')).toBe('01');
    expect(r2!.headers['tr_cont']).toBe('N');
    expect(r2!.query.get('CTX_AREA_NK100')).toBe('NEXT-CURSOR'.padEnd(100, ' '));
    expect(balance.positions).toEqual([
      {
        ticker: '009150',
        name: '삼성전기',
        quantity: 1660,
        orderableQuantity: 1614,
        purchaseAmount: 224793497,
        price: 0,
        marketValue: 0,
        unrealizedPnl: 0,
      },
      {
        ticker: '069500',
        name: 'KODEX 200',
        quantity: 7,
        orderableQuantity: 7,
        purchaseAmount: 252000,
        price: 36090,
        marketValue: 252630,
        unrealizedPnl: 630,
      },
    ]);
    expect(balance).toMatchObject({
      cash: 346455,
      cashD2: 346455,
      securitiesValue: 1759600,
      totalValue: 2106055,
    });
  });

  it('when tr_cont says more but the cursor comes back empty then paging stops after that page', async () => {
    // Arrange
    const only = balanceSample();
    only['ctx_area_fk100'] = ''.padEnd(100, ' ');
    only['ctx_area_nk100'] = ''.padEnd(100, ' ');
    stub = await startKisStub(router({ [KIS_PATHS.balance]: () => ok(only, { tr_cont: 'M' }) }));
    const { broker } = buildBroker(stub.url);
    // Act
    const balance = await broker.getBalance();
    // Assert
    expect(stub.apiRequests()).toHaveLength(1);
    expect(balance.positions.map((p) => p.ticker)).toEqual(['009150']);
  });

  it('when KIS keeps saying more follow then paging stops at the bound with an error that says so', async () => {
    // Arrange
    let page = 0;
    stub = await startKisStub(
      router({
        [KIS_PATHS.balance]: () => {
          const body = balanceSample();
          body['ctx_area_nk100'] = `CURSOR-${++page}`.padEnd(100, ' ');
          return ok(body, { tr_cont: 'M' });
        },
      }),
    );
    const { broker } = buildBroker(stub.url);
    // Act
    const error = await broker.getBalance().catch((e: unknown) => e);
    // Assert
    expect(error).toMatchObject({ code: 'TOO_MANY_PAGES', retry: 'never' });
    expect((error as Error).message).toMatch(/paging stopped after 200 pages .*incomplete/);
    expect(stub.apiRequests()).toHaveLength(200);
  });

  it('when KIS returns the same cursor again then paging stops with an error instead of looping', async () => {
    // Arrange
    stub = await startKisStub(
      router({
        [KIS_PATHS.balance]: () => {
          const body = balanceSample();
          body['ctx_area_nk100'] = 'SAME'.padEnd(100, ' ');
          return ok(body, { tr_cont: 'M' });
        },
      }),
    );
    const { broker } = buildBroker(stub.url);
    // Act
    const error = await broker.getBalance().catch((e: unknown) => e);
    // Assert
    expect(error).toMatchObject({ code: 'PAGING_STUCK' });
    expect(stub.apiRequests()).toHaveLength(2);
  });

  it('when a holding was sold out today then its zero row is left out', async () => {
    // Arrange
    const body = balanceSample();
    body.output1 = body.output1.map((r) => ({ ...r, hldg_qty: '0', ord_psbl_qty: '0' }));
    stub = await startKisStub(router({ [KIS_PATHS.balance]: () => ok(body, { tr_cont: 'D' }) }));
    const { broker } = buildBroker(stub.url);
    // Act
    const balance = await broker.getBalance();
    // Assert
    expect(balance.positions).toEqual([]);
  });

  it('when a later page fails for good then the balance throws instead of returning a partial one', async () => {
    // Arrange
    let page = 0;
    stub = await startKisStub(
      router({
        [KIS_PATHS.balance]: () => {
          page += 1;
          return page === 1
            ? ok(balanceSample(), { tr_cont: 'F' })
            : { status: 500, body: { rt_cd: '1', msg_cd: 'OPSQ2001', msg1: 'ERROR : INPUT_FIELD_NAME' } };
        },
      }),
    );
    const { broker } = buildBroker(stub.url);
    // Act + Assert
    await expect(broker.getBalance()).rejects.toMatchObject({ code: 'OPSQ2001', retry: 'never' });
  });
});

describe('getBuyingPower', () => {
  it('when no price is given then it asks on market-order terms and maps the no-margin amounts', async () => {
    // Arrange
    stub = await startKisStub(
      router({ [KIS_PATHS.buyingPower]: () => ok(fixtureBody('inquire_psbl_order_doc.json')) }),
    );
    const { broker } = buildBroker(stub.url, { environment: 'paper' });
    // Act
    const power = await broker.getBuyingPower('005930');
    // Assert
    const [req] = stub.apiRequests();
    expect(req!.headers['tr_id']).toBe('VTTC8908R');
    expect(req!.query.get('ORD_DVSN')).toBe('01');
    expect(req!.query.get('ORD_UNPR')).toBe('0');
    expect(req!.query.get('PDNO')).toBe('005930');
    expect(power).toMatchObject({
      ticker: '005930',
      price: 70000,
      orderableCash: 741191178,
      maxAmount: 107177377,
      maxQuantity: 1531,
    });
  });

  it('when a price is given then it asks as a limit order at that price', async () => {
    // Arrange
    stub = await startKisStub(
      router({ [KIS_PATHS.buyingPower]: () => ok(fixtureBody('inquire_psbl_order_doc.json')) }),
    );
    const { broker } = buildBroker(stub.url);
    // Act
    await broker.getBuyingPower('069500', 36090);
    // Assert
    const [req] = stub.apiRequests();
    expect(req!.query.get('ORD_DVSN')).toBe('00');
    expect(req!.query.get('ORD_UNPR')).toBe('36090');
  });
});
