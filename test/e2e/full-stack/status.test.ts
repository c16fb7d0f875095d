/**
 * Issue 12 item 9: /status shows the KRX session (from the market calendar through the desk's clock) and the
 * state of KIS REST, the KIS websocket, the Discord gateway, the database and the model, in Korean and English.
 */
import { Locale } from 'discord-api-types/v10';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { testDatabaseTargets, useTestDatabase } from '../../support/db';
import { bodyOf, editOf } from './support/flows';
import { reconcileForTrading, startFullStack, type FullStack } from './support/harness';

const [pglite] = testDatabaseTargets();

function field(body: ReturnType<typeof bodyOf>, name: string): string {
  const found = body.embeds?.[0]?.fields?.find((f) => f.name === name);
  if (!found)
    throw new Error(`no field "${name}" in ${JSON.stringify(body.embeds?.[0]?.fields?.map((f) => f.name))}`);
  return found.value;
}

describe('full stack: /status', () => {
  const handle = useTestDatabase(pglite!);
  let stack: FullStack | undefined;

  afterEach(async () => {
    await stack?.close();
    stack = undefined;
  });

  it('when alice asks for /status during the session then it says KRX is open and names each connection with its state', async () => {
    // Arrange: Monday 2026-11-23 10:00 KST, the desk reconciled, fills subscribed over the KIS websocket
    stack = await startFullStack({ database: handle.database });
    await reconcileForTrading(stack);
    const { fake } = stack;

    // Act
    const reply = bodyOf(await editOf(fake, fake.slash(fake.users.alice, 'status')));

    // Assert
    expect(field(reply, 'KRX 장 상태')).toBe('**🟢 장 열림** · 2026-11-23 (CONTINUOUS)');
    const connections = field(reply, '연결 상태').split('\n');
    expect(connections).toHaveLength(5);
    expect(connections[0]).toMatch(/^✅ \*\*KIS REST\*\* — 토큰 유효 \(~ 2026-11-2\d \d\d:\d\d KST\)$/);
    expect(connections[1]).toBe('✅ **KIS 웹소켓** — 연결됨');
    expect(connections[2]).toMatch(/^✅ \*\*Discord 게이트웨이\*\* — 연결됨/);
    expect(connections[3]).toBe('✅ **데이터베이스** — PGlite');
    expect(connections[4]).toBe('✅ **모델** — openai:gpt-4.1-mini');
    expect(JSON.stringify(reply)).not.toContain(stack.secrets[0]!);
  });

  it('when the KIS websocket is closed on a Saturday then an English reader sees the holiday, the next open and the socket down', async () => {
    // Arrange: Saturday 2026-11-28 11:00 KST; the simulator's websocket server is down (sessions cut)
    stack = await startFullStack({ database: handle.database, startAt: '2026-11-28T11:00:00+09:00' });
    const { fake, runtime } = stack;
    await vi.waitFor(() => expect(runtime.broker.realtimeConnected?.()).toBe(true), { timeout: 10_000 });
    runtime.simulator!.control.realtimeOutage(true);
    await vi.waitFor(() => expect(runtime.broker.realtimeConnected?.()).toBe(false), { timeout: 10_000 });

    // Act
    const reply = bodyOf(
      await editOf(fake, fake.slash(fake.users.bob, 'status', {}, { locale: Locale.EnglishUS })),
    );

    // Assert
    expect(field(reply, 'KRX session')).toBe(
      '**⚪ Holiday** · 2026-11-28 (CLOSED_DAY)\nweekend · next open 2026-11-30 09:00 KST',
    );
    const connections = field(reply, 'Connections');
    expect(connections).toContain('❌ **KIS websocket** — disconnected');
    expect(connections).toContain('✅ **Discord gateway** — connected');
    expect(connections).toContain('✅ **Database** — PGlite');
  });
});
