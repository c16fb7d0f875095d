/**
 * The terminal channel end to end with nothing configured: the real Desk facade over the trading core
 * (FakeBroker behind it), the offline planner, pgvector memory with the local embedder, PGlite. Lines go in
 * through a stream, the test reads what is printed.
 */
import { PassThrough, Writable } from 'node:stream';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { createTerminalChannel } from '../../src/adapters/console/terminal';
import { createDbTradingStore } from '../../src/adapters/db/trading-store';
import { createDesk } from '../../src/app/desk';
import type { Desk } from '../../src/app/desk-api';
import { testDatabaseTargets, useTestDatabase } from '../support/db';
import { buildWorld, UNIVERSE, type AssistantWorld } from '../integration/assistant/support/harness';

const [pglite] = testDatabaseTargets();

describe('terminal channel', () => {
  const handle = useTestDatabase(pglite!);
  let world: AssistantWorld;
  let desk: Desk;
  let input: PassThrough;
  let printed: string;
  let finished: Promise<void>;

  beforeEach(async () => {
    world = await buildWorld(handle.database, null);
    await world.broker.subscribeFills((notice) => void world.core.fills.onNotice(notice));
    desk = createDesk({
      core: world.core,
      store: createDbTradingStore(handle.database.db),
      broker: world.broker,
      clock: world.clock,
      conversations: world.assistant({ model: 'offline' }),
      cycle: null,
      universe: UNIVERSE,
      simulated: true,
    });
    input = new PassThrough();
    printed = '';
    const output = new Writable({
      write(chunk: Buffer, _encoding, done) {
        printed += chunk.toString('utf8');
        done();
      },
    });
    finished = createTerminalChannel({ desk, input, output, locale: 'ko', clock: world.clock }).run();
  });

  afterEach(async () => {
    input.end();
    await finished;
  });

  async function type(line: string, expectToSee: string): Promise<string> {
    const before = printed.length;
    input.write(`${line}\n`);
    await vi.waitFor(() => expect(printed.slice(before)).toContain(expectToSee), {
      timeout: 10_000,
      interval: 20,
    });
    return printed.slice(before);
  }

  it('when the operator asks a quote, asks to buy and presses y then one order is sent and its fill is printed', async () => {
    // Act
    const quote = await type('069500 현재가', '출처:');
    const card = await type('069500 3주 매수', '승인하려면 y');
    const approved = await type('y', '주문 전송됨');
    world.broker.fill('0000000001', 3, 35_980);
    await vi.waitFor(() => expect(printed).toContain('체결: 069500 3주 @ 35,980원'), {
      timeout: 10_000,
      interval: 20,
    });
    input.write('/quit\n');
    await finished;

    // Assert
    expect(printed).toContain('[SIM 시뮬레이터]');
    expect(quote).toContain('35,980');
    expect(quote).toContain('KIS inquire-price 069500');
    expect(card).toContain('주문 제안 #1  [SIM 시뮬레이터]');
    expect(card).toContain('069500 KODEX 200 · 매수 3주 · 시장가');
    expect(card).toContain('예상 금액 107,940원');
    expect(card).toContain('✅ 1회 주문 한도');
    expect(card).not.toContain('❌');
    expect(approved).toContain('주문 전송됨 · 주문번호 0000000001');
    expect(world.broker.callsOf('placeOrder')).toHaveLength(1);
    expect(printed.trimEnd().endsWith('종료합니다.')).toBe(true);
  });

  it('when the operator lists open orders and cancels number 1 then one cancel reaches the broker and the order is cancelled', async () => {
    // Arrange: an accepted limit order the broker holds open
    await type('069500 3주 매수', '승인하려면 y');
    await type('y', '주문 전송됨');

    // Act
    const listed = await type('/orders', '/cancel <번호>');
    const cancelled = await type('/cancel 1', '취소');
    const missing = await type('/cancel 7', '#7');

    // Assert
    expect(listed).toContain('#1 069500');
    expect(listed).toContain('매수 0주/3주');
    expect(cancelled).toContain('주문을 취소했습니다 (증권사 확인');
    expect(missing).toContain('주문 #7이(가) 없습니다');
    expect(world.broker.callsOf('cancelOrder')).toHaveLength(1);
    const [order] = await world.core.cancels.openOrders();
    expect(order).toBeUndefined();
  });

  it('when the operator presses n then the proposal is rejected and nothing reaches the broker', async () => {
    await type('/trade 069500 2주 매수', '승인하려면 y');

    const rejected = await type('n', '거절했습니다');

    expect(rejected).toContain('아무것도 전송하지 않았습니다');
    expect(world.broker.callsOf('placeOrder')).toHaveLength(0);
  });

  it('when the operator uses the desk commands then portfolio, status and trading state answer', async () => {
    const portfolio = await type('/portfolio', '현금');
    const halted = await type('/stop', '거래 상태를');
    const status = await type('/status', '모델');
    const unknown = await type('/sell', '알 수 없는 명령');

    expect(portfolio).toContain('현금 1,000,000원');
    expect(halted).toContain('거래 상태를 HALTED(으)로 바꿨습니다.');
    expect(status).toContain('거래 상태: HALTED');
    expect(status).toContain('모델: offline-planner-v1 (오프라인)');
    expect(unknown).toContain('/sell');
  });
});
