import type { IncomingMessage, Server } from 'node:http';
import type { Duplex } from 'node:stream';
import { WebSocketServer, WebSocket, type RawData } from 'ws';
import { z } from 'zod';
import type { Clock } from '../../../domain/clock';
import { kisDate, kisTime, kstDate } from '../../../domain/market';
import type { Exchange, ExchangeEvent } from '../exchange/exchange';
import type { AccountLedger } from '../exchange/ledger';
import type { ApprovalKeys } from '../gateway/approvals';
import type { Market } from '../market/market';
import type { SimEnvironment } from '../types';
import { dataFrame, noticeFields, orderBookFields, tradeFields } from './frames';
import { encryptNotice, randomCipherText } from './notice-cipher';

/** KIS accepts 41 registrations per session, summed over every TR and key; the 42nd gets OPSP0008. */
export const MAX_REGISTRATIONS = 41;
const PUSH_INTERVAL_MS = 200;
const MAX_UNANSWERED_PINGS = 2;

const NOTICE_TR: Record<SimEnvironment, string> = { real: 'H0STCNI0', paper: 'H0STCNI9' };
const MARKET_TRS = new Set(['H0STCNT0', 'H0STASP0']);

const subscribeMessage = z.object({
  header: z.object({
    approval_key: z.string(),
    custtype: z.string(),
    tr_type: z.string(),
    'content-type': z.string().optional(),
  }),
  body: z.object({ input: z.object({ tr_id: z.string(), tr_key: z.string() }) }),
});

interface Registration {
  trId: string;
  trKey: string;
  key: string;
  iv: string;
  /** Market data: the print last sent, so each print goes out once. */
  lastPrintKey: string | undefined;
  lastPrice: number | undefined;
}

interface Session {
  socket: WebSocket;
  environment: SimEnvironment;
  appKey: string | undefined;
  registrations: Map<string, Registration>;
  /** PINGPONGs sent since the client last answered one. */
  unansweredPings: number;
  pingTimer: NodeJS.Timeout;
}

export interface RealtimeDeps {
  clock: Clock;
  market: Market;
  exchange: Exchange;
  approvals: ApprovalKeys;
  ledgers: readonly AccountLedger[];
  pingIntervalMs: number;
}

/**
 * The realtime endpoint of both hosts (paths `/` and `/tryitout`): subscriptions with approval keys, one session
 * per app key, PINGPONG, H0STCNT0/H0STASP0 frames as the market prints, and AES-encrypted execution notices.
 */
export class RealtimeServer {
  private readonly wss = new WebSocketServer({ noServer: true });
  private readonly sessions = new Set<Session>();
  private readonly sessionByAppKey = new Map<string, Session>();
  private pushTimer: NodeJS.Timeout | undefined;
  /** A realtime outage: every session cut and new connections refused until it ends. */
  private outage = false;
  private readonly unsubscribeExchange: () => void;

  constructor(private readonly deps: RealtimeDeps) {
    this.unsubscribeExchange = deps.exchange.onEvent((event) => this.deliverNotice(event));
  }

  attach(server: Server, environment: SimEnvironment): void {
    server.on('upgrade', (req: IncomingMessage, socket: Duplex, head: Buffer) => {
      const path = new URL(req.url ?? '/', 'http://sim.invalid').pathname;
      if (this.outage || (path !== '/' && path !== '/tryitout' && !path.startsWith('/tryitout/'))) {
        socket.destroy();
        return;
      }
      this.wss.handleUpgrade(req, socket, head, (ws) => this.open(ws, environment));
    });
  }

  /** Starts (cuts every session, refuses new ones) or ends a realtime outage. */
  setOutage(down: boolean): void {
    this.outage = down;
    if (!down) return;
    for (const session of [...this.sessions]) {
      session.socket.terminate();
      this.drop(session);
    }
  }

  async close(): Promise<void> {
    this.unsubscribeExchange();
    if (this.pushTimer) clearInterval(this.pushTimer);
    this.pushTimer = undefined;
    for (const session of this.sessions) {
      clearInterval(session.pingTimer);
      session.socket.terminate();
    }
    this.sessions.clear();
    this.sessionByAppKey.clear();
    await new Promise<void>((resolve) => this.wss.close(() => resolve()));
  }

  private open(socket: WebSocket, environment: SimEnvironment): void {
    const session: Session = {
      socket,
      environment,
      appKey: undefined,
      registrations: new Map(),
      unansweredPings: 0,
      pingTimer: setInterval(() => this.ping(session), this.deps.pingIntervalMs),
    };
    this.sessions.add(session);
    socket.on('message', (data: RawData, isBinary: boolean) => {
      if (!isBinary) this.onMessage(session, data.toString());
    });
    socket.on('pong', () => {
      session.unansweredPings = 0;
    });
    socket.on('close', () => this.drop(session));
    socket.on('error', () => this.drop(session));
    this.pushTimer ??= setInterval(() => this.push(), PUSH_INTERVAL_MS);
  }

  private drop(session: Session): void {
    clearInterval(session.pingTimer);
    this.sessions.delete(session);
    if (session.appKey && this.sessionByAppKey.get(session.appKey) === session)
      this.sessionByAppKey.delete(session.appKey);
    if (this.sessions.size === 0 && this.pushTimer) {
      clearInterval(this.pushTimer);
      this.pushTimer = undefined;
    }
  }

  /** A session that leaves two PINGPONGs in a row unanswered is dropped, as KIS drops silent clients. */
  private ping(session: Session): void {
    if (session.unansweredPings >= MAX_UNANSWERED_PINGS) {
      session.socket.terminate();
      this.drop(session);
      return;
    }
    session.unansweredPings += 1;
    const p = this.deps.clock.now();
    const datetime = `${kisDate(kstDate(p))}${kisTime(p)}`;
    this.send(session, JSON.stringify({ header: { tr_id: 'PINGPONG', datetime } }));
  }

  private onMessage(session: Session, text: string): void {
    let json: unknown;
    try {
      json = JSON.parse(text);
    } catch {
      return this.reply(session, '', '', '9', 'OPSP9999', 'JSON PARSING ERROR : invalid json format');
    }
    const header = (json as { header?: { tr_id?: unknown } } | null)?.header;
    if (header?.tr_id === 'PINGPONG') {
      session.unansweredPings = 0;
      return;
    }
    if (!header) return this.reply(session, '', '', '9', 'OPSP9999', 'JSON PARSING ERROR : header not found');
    const parsed = subscribeMessage.safeParse(json);
    if (!parsed.success)
      return this.reply(session, '', '', '9', 'OPSP9999', 'JSON PARSING ERROR : invalid tr_key');
    const { approval_key: approvalKey, custtype, tr_type: trType } = parsed.data.header;
    const { tr_id: trId, tr_key: trKey } = parsed.data.body.input;
    const approval = this.deps.approvals.lookup(approvalKey, session.environment);
    if (!approval) return this.reply(session, trId, trKey, '1', 'OPSP0011', 'invalid approval : NOT FOUND');
    if (custtype !== 'P' && custtype !== 'B')
      return this.reply(session, trId, trKey, '1', 'OPSP8998', 'invalid custtype');
    if (trType !== '1' && trType !== '2')
      return this.reply(session, trId, trKey, '1', 'OPSP8997', 'invalid tr_type');
    const owner = this.sessionByAppKey.get(approval.appKey);
    if (owner && owner !== session)
      return this.reply(session, trId, trKey, '1', 'OPSP8996', 'ALREADY IN USE appkey');
    session.appKey = approval.appKey;
    this.sessionByAppKey.set(approval.appKey, session);

    const isNotice = trId === NOTICE_TR[session.environment];
    if (!isNotice && !MARKET_TRS.has(trId))
      return this.reply(session, trId, trKey, '1', 'OPSP8991', 'invalid tr_id');
    const validKey = isNotice
      ? this.htsIdsOf(approval.appKey).includes(trKey)
      : /^[0-9A-Z]{6,7}$/.test(trKey);
    if (!validKey)
      return this.reply(session, trId, trKey, '9', 'OPSP9999', 'JSON PARSING ERROR : invalid tr_key');

    const id = `${trId}|${trKey}`;
    const existing = session.registrations.get(id);
    if (trType === '2') {
      if (!existing)
        return this.reply(session, trId, trKey, '1', 'OPSP0003', 'UNSUBSCRIBE ERROR(not found!)');
      session.registrations.delete(id);
      return this.reply(session, trId, trKey, '0', 'OPSP0001', 'UNSUBSCRIBE SUCCESS', existing);
    }
    if (existing) return this.reply(session, trId, trKey, '1', 'OPSP0002', 'ALREADY IN SUBSCRIBE');
    if (session.registrations.size >= MAX_REGISTRATIONS)
      return this.reply(session, trId, trKey, '1', 'OPSP0008', 'MAX SUBSCRIBE OVER');
    const registration: Registration = {
      trId,
      trKey,
      key: randomCipherText(32),
      iv: randomCipherText(16),
      lastPrintKey: undefined,
      lastPrice: undefined,
    };
    if (!isNotice) {
      // Outside continuous trading a new subscriber waits for the next print instead of replaying the last one.
      const snapshot = this.deps.market.snapshot(trKey, this.deps.clock.now());
      if (snapshot && snapshot.phase !== 'CONTINUOUS') registration.lastPrintKey = snapshot.printKey;
    }
    session.registrations.set(id, registration);
    this.reply(session, trId, trKey, '0', 'OPSP0000', 'SUBSCRIBE SUCCESS', registration);
  }

  private htsIdsOf(appKey: string): string[] {
    return this.deps.ledgers.filter((l) => l.account.appKey === appKey).map((l) => l.account.htsId);
  }

  private reply(
    session: Session,
    trId: string,
    trKey: string,
    rtCd: string,
    msgCd: string,
    msg1: string,
    registration?: Registration,
  ): void {
    const body: Record<string, unknown> = { rt_cd: rtCd, msg_cd: msgCd, msg1 };
    if (registration) body.output = { iv: registration.iv, key: registration.key };
    this.send(session, JSON.stringify({ header: { tr_id: trId, tr_key: trKey, encrypt: 'N' }, body }));
  }

  /** Catches the exchange up to the clock (fills become notices) and sends each new print once. */
  private push(): void {
    this.deps.exchange.sync();
    const now = this.deps.clock.now();
    const today = kstDate(now);
    for (const session of this.sessions) {
      for (const registration of session.registrations.values()) {
        if (!MARKET_TRS.has(registration.trId)) continue;
        const snapshot = this.deps.market.snapshot(registration.trKey, now);
        if (!snapshot || snapshot.tradeDate !== today || snapshot.open === 0) continue;
        if (snapshot.printKey === registration.lastPrintKey) continue;
        const fields =
          registration.trId === 'H0STCNT0'
            ? tradeFields(snapshot, now, registration.lastPrice)
            : orderBookFields(snapshot, now);
        registration.lastPrintKey = snapshot.printKey;
        registration.lastPrice = snapshot.price;
        this.send(session, dataFrame(false, registration.trId, fields.join('^')));
      }
    }
  }

  private deliverNotice(event: ExchangeEvent): void {
    const order = event.order;
    const ledger = this.deps.ledgers.find((l) => l.account.cano === order.cano);
    if (!ledger) return;
    const trId = NOTICE_TR[order.environment];
    const plain = noticeFields(
      event,
      ledger.account,
      this.deps.market.name(order.ticker),
      this.deps.clock.now(),
    ).join('^');
    for (const session of this.sessions) {
      if (session.environment !== order.environment) continue;
      const registration = session.registrations.get(`${trId}|${ledger.account.htsId}`);
      if (!registration) continue;
      this.send(session, dataFrame(true, trId, encryptNotice(plain, registration.key, registration.iv)));
    }
  }

  private send(session: Session, text: string): void {
    if (session.socket.readyState === WebSocket.OPEN) session.socket.send(text);
  }
}
