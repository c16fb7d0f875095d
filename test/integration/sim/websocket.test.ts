import { createDecipheriv } from 'node:crypto';
import { afterEach, describe, expect, it } from 'vitest';
import WebSocket from 'ws';
import { PAPER, RawKis, sample, startSim, WEDNESDAY_10_00, type SimHarness } from './support';

interface Ack {
  header: { tr_id: string; tr_key: string };
  body: { rt_cd: string; msg_cd: string; msg1: string; output?: { key: string; iv: string } };
}

/** A raw realtime client that keeps every text message it gets. */
class RawSocket {
  readonly messages: string[] = [];
  private waiters: Array<() => void> = [];
  readonly closed: Promise<void>;

  private constructor(readonly socket: WebSocket) {
    socket.on('message', (data) => {
      this.messages.push(data.toString());
      for (const wake of this.waiters.splice(0)) wake();
    });
    this.closed = new Promise((resolve) => socket.on('close', () => resolve()));
  }

  static async open(url: string): Promise<RawSocket> {
    const socket = new WebSocket(url);
    await new Promise<void>((resolve, reject) => {
      socket.once('open', () => resolve());
      socket.once('error', reject);
    });
    return new RawSocket(socket);
  }

  send(approvalKey: string, trId: string, trKey: string, trType = '1'): void {
    this.socket.send(
      JSON.stringify({
        header: { approval_key: approvalKey, custtype: 'P', tr_type: trType, 'content-type': 'utf-8' },
        body: { input: { tr_id: trId, tr_key: trKey } },
      }),
    );
  }

  /** Resolves with the first message (from `from` on) that satisfies `match`. */
  async next(match: (text: string) => boolean, from = 0): Promise<string> {
    for (;;) {
      const found = this.messages.slice(from).find(match);
      if (found !== undefined) return found;
      await new Promise<void>((resolve) => this.waiters.push(resolve));
    }
  }

  async ack(trId: string, trKey: string, from = 0): Promise<Ack> {
    const text = await this.next(
      (t) => t.startsWith('{') && t.includes(`"tr_key":"${trKey}"`) && t.includes(`"tr_id":"${trId}"`),
      from,
    );
    return JSON.parse(text) as Ack;
  }

  close(): void {
    this.socket.terminate();
  }
}

function decrypt(base64: string, key: string, iv: string): string[] {
  const decipher = createDecipheriv('aes-256-cbc', Buffer.from(key, 'utf8'), Buffer.from(iv, 'utf8'));
  return Buffer.concat([decipher.update(Buffer.from(base64, 'base64')), decipher.final()])
    .toString('utf8')
    .split('^');
}

describe('KIS simulator: realtime WebSocket', () => {
  let harness: SimHarness | undefined;
  const sockets: RawSocket[] = [];
  afterEach(async () => {
    for (const s of sockets.splice(0)) s.close();
    await harness?.sim.close();
    harness = undefined;
  });

  async function connect(path = '/tryitout'): Promise<RawSocket> {
    const socket = await RawSocket.open(`${harness!.sim.urls.paper.ws}${path}`);
    sockets.push(socket);
    return socket;
  }

  it('when subscribing then the ack carries a 32-char key and 16-char iv, a repeat is ALREADY IN SUBSCRIBE and the 42nd is OPSP0008', async () => {
    harness = await startSim(WEDNESDAY_10_00);
    const approval = await RawKis.for(harness.sim, PAPER).approvalKey();
    const ws = await connect();

    const keys = Array.from({ length: 42 }, (_, i) => String(i + 1).padStart(6, '0'));
    for (const key of keys) ws.send(approval, 'H0STCNT0', key);
    ws.send(approval, 'H0STCNT0', keys[0]!);
    const acks = await Promise.all(keys.map((key) => ws.ack('H0STCNT0', key)));
    const repeat = await ws.next((t) => t.includes('OPSP0002'));

    expect(acks[0]!.body).toMatchObject({ rt_cd: '0', msg_cd: 'OPSP0000', msg1: 'SUBSCRIBE SUCCESS' });
    expect(acks[0]!.body.output!.key).toMatch(/^[A-Za-z0-9]{32}$/);
    expect(acks[0]!.body.output!.iv).toMatch(/^[A-Za-z0-9]{16}$/);
    expect(acks.slice(0, 41).every((a) => a.body.msg_cd === 'OPSP0000')).toBe(true);
    expect(acks[41]!.body).toEqual(
      sample<{ max_subscribe_error: { json: { body: object } } }>('ws_frames.json').max_subscribe_error.json
        .body,
    );
    expect(JSON.parse(repeat).body).toMatchObject({ msg_cd: 'OPSP0002', msg1: 'ALREADY IN SUBSCRIBE' });
  });

  it('when a second session uses the same app key then it is told OPSP8996 ALREADY IN USE', async () => {
    harness = await startSim(WEDNESDAY_10_00);
    const approval = await RawKis.for(harness.sim, PAPER).approvalKey();
    const first = await connect('/');
    const second = await connect('/tryitout');

    first.send(approval, 'H0STCNT0', '069500');
    await first.ack('H0STCNT0', '069500');
    second.send(approval, 'H0STCNT0', '102110');
    const refused = await second.ack('H0STCNT0', '102110');

    expect(refused.body).toMatchObject({ rt_cd: '1', msg_cd: 'OPSP8996', msg1: 'ALREADY IN USE appkey' });
  });

  it('when an order fills then the execution notice arrives encrypted and decrypts to a receipt and a fill', async () => {
    harness = await startSim(WEDNESDAY_10_00, { rateLimitPerSecond: { real: 100, paper: 100 } });
    const kis = RawKis.for(harness.sim, PAPER);
    await kis.issueToken();
    const approval = await kis.approvalKey();
    const ws = await connect();
    ws.send(approval, 'H0STCNI9', PAPER.htsId);
    const ack = await ws.ack('H0STCNI9', PAPER.htsId);
    const price = harness.sim.control.currentPrice('069500');

    const placed = await kis.order('BUY', { PDNO: '069500', ORD_DVSN: '01', ORD_QTY: '2', ORD_UNPR: '0' });
    const frames: string[] = [];
    for (let from = 0; frames.length < 2;) {
      const frame = await ws.next((t) => t.startsWith('1|H0STCNI9|001|'), from);
      frames.push(frame);
      from = ws.messages.indexOf(frame) + 1;
    }
    const [receipt, fill] = frames.map((f) =>
      decrypt(f.split('|')[3]!, ack.body.output!.key, ack.body.output!.iv),
    );

    const odno = (placed.body.output as Record<string, string>).ODNO;
    expect(receipt).toHaveLength(26);
    expect(receipt![0]).toBe(PAPER.htsId);
    expect(receipt![2]).toBe(odno);
    expect(receipt![13]).toBe('1');
    expect(fill).toHaveLength(26);
    expect(fill!.slice(8, 14)).toEqual(['069500', '2', String(price), '100000', '0', '2']);
    expect(fill![4]).toBe('02');
  });

  it('when subscribed to trades then a 46-field H0STCNT0 frame arrives and another after the clock moves', async () => {
    harness = await startSim(WEDNESDAY_10_00);
    const approval = await RawKis.for(harness.sim, PAPER).approvalKey();
    const ws = await connect();

    ws.send(approval, 'H0STCNT0', '069500');
    const first = await ws.next((t) => t.startsWith('0|H0STCNT0|001|'));
    harness.clock.advance(60_000);
    const second = await ws.next((t) => t.startsWith('0|H0STCNT0|001|') && t !== first);

    const fields = first.split('|')[3]!.split('^');
    expect(fields).toHaveLength(46);
    expect(fields[0]).toBe('069500');
    expect(fields[1]).toBe('100000');
    expect(fields[33]).toBe('20260715');
    const later = second.split('|')[3]!.split('^');
    expect(later[1]).toBe('100100');
    expect(Number(later[2])).toBe(harness.sim.control.currentPrice('069500'));
  });

  it('when PINGPONG is echoed the session stays, and a session that never answers is dropped', async () => {
    harness = await startSim(WEDNESDAY_10_00, { pingIntervalMs: 100 });
    const polite = await connect();
    const silent = await connect();
    polite.socket.on('message', (data) => {
      const text = data.toString();
      if (text.includes('"PINGPONG"')) polite.socket.send(text);
    });

    await silent.closed;
    const pings = polite.messages.filter((t) => t.includes('"PINGPONG"'));

    expect(JSON.parse(pings[0]!)).toEqual({ header: { tr_id: 'PINGPONG', datetime: '20260715100000' } });
    expect(polite.socket.readyState).toBe(WebSocket.OPEN);
  });
});
