import WebSocket from 'ws';
import type { BrokerEnvironment } from '../../domain/ports';
import { KisWebSocketError } from './http/errors';
import { wsControlSchema } from './http/schemas';
import type { KisLogger } from './logger';
import { backoffDelayMs, type ReadRetryPolicy } from './rate-limit';
import { assertOutgoingAllowed } from './urls';
import { decryptPayload, type FrameCipher, isDataFrame, parseDataFrame, splitRecords } from './ws-frames';

/** KIS accepts 41 registrations per session, summed over every realtime TR and key. */
export const MAX_REGISTRATIONS = 41;

export interface KisWebSocketDeps {
  environment: BrokerEnvironment;
  /** Base URL, e.g. ws://ops.koreainvestment.com:21000. */
  url: string;
  approvalKey: () => Promise<string>;
  invalidateApprovalKey: () => void;
  logger: KisLogger;
  createSocket?: (url: string) => WebSocket;
  random: () => number;
  reconnect?: ReadRetryPolicy;
  ackTimeoutMs?: number;
}

export type RecordHandler = (fields: string[]) => void;

export interface RegistrationSpec {
  trId: string;
  trKey: string;
  fieldCount: number;
  /** Market data carries its key in field 0; execution notices (keyed by HTS id) go to every handler. */
  routeBy: 'firstField' | 'all';
  /**
   * Hears what arrives for this TR but cannot be read: a frame with a broken header, or a market-data record
   * whose first field is no key at all (dropped either way; a record for a key nobody holds is just ignored).
   */
  onUnreadable?: (fields: string[]) => void;
}

interface Registration extends RegistrationSpec {
  handlers: Set<RecordHandler>;
}

interface PendingAck {
  acknowledged: Promise<void>;
  resolve: () => void;
  reject: (error: Error) => void;
  timer: ReturnType<typeof setTimeout>;
}

const RECONNECT_POLICY: ReadRetryPolicy = {
  retries: Number.POSITIVE_INFINITY,
  baseDelayMs: 500,
  maxDelayMs: 30_000,
};
const INVALID_APPROVAL = 'OPSP0011';
/** A market-data key as KIS writes it in field 0 (6-digit code, or 7 characters for some products). */
const MARKET_KEY = /^[0-9A-Z]{6,7}$/;
const ALREADY_SUBSCRIBED = 'OPSP0002';
/** Refusals of the session rather than of one registration: the session retries them after a pause. */
const SESSION_LEVEL_CODES: ReadonlySet<string> = new Set(['OPSP0007', INVALID_APPROVAL, 'OPSP8996']);

/**
 * The one realtime session of an app key. Connects on the first registration, answers PINGPONG, keeps the
 * per-TR AES key/iv from acks, and after a drop reconnects with backoff and registers everything again.
 */
export class KisWebSocketSession {
  private socket: WebSocket | null = null;
  private connecting: Promise<WebSocket> | null = null;
  private reconnecting = false;
  private closed = false;
  private readonly registrations = new Map<string, Registration>();
  private readonly ciphers = new Map<string, FrameCipher>();
  private readonly pendingAcks = new Map<string, PendingAck>();
  private wakeReconnect: (() => void) | null = null;

  constructor(private readonly deps: KisWebSocketDeps) {}

  /** The socket is open (false before the first registration and while reconnecting). */
  get isOpen(): boolean {
    return this.socket !== null && this.socket.readyState === WebSocket.OPEN;
  }

  get registrationCount(): number {
    return this.registrations.size;
  }

  /** How many of these registrations are not held yet (joining an existing one costs nothing). */
  newRegistrations(specs: ReadonlyArray<Pick<RegistrationSpec, 'trId' | 'trKey'>>): number {
    const ids = new Set(specs.map((s) => registrationId(s.trId, s.trKey)));
    let count = 0;
    for (const id of ids) if (!this.registrations.has(id)) count += 1;
    return count;
  }

  /** Registers (or joins) a realtime feed; resolves once KIS acknowledged it. Returns the way to leave it. */
  async subscribe(spec: RegistrationSpec, handler: RecordHandler): Promise<() => Promise<void>> {
    if (this.closed) throw new KisWebSocketError('WS_CLOSED', 'realtime session is closed', 'never');
    assertOutgoingAllowed(this.deps.environment, this.deps.url, spec.trId);
    const id = registrationId(spec.trId, spec.trKey);
    const existing = this.registrations.get(id);
    if (existing) {
      existing.handlers.add(handler);
      return () => this.leave(id, handler);
    }
    if (this.registrations.size >= MAX_REGISTRATIONS) {
      throw new KisWebSocketError(
        'WS_MAX_REGISTRATIONS',
        `KIS allows ${MAX_REGISTRATIONS} realtime registrations per session`,
        'never',
      );
    }
    const registration: Registration = { ...spec, handlers: new Set([handler]) };
    this.registrations.set(id, registration);
    try {
      const socket = await this.connected();
      await this.register(socket, registration, '1');
    } catch (error) {
      if (this.registrations.get(id) === registration) this.registrations.delete(id);
      throw error;
    }
    return () => this.leave(id, handler);
  }

  async close(): Promise<void> {
    this.closed = true;
    this.wakeReconnect?.();
    for (const [id, pending] of this.pendingAcks) {
      clearTimeout(pending.timer);
      pending.reject(new KisWebSocketError('WS_CLOSED', 'realtime session closed', 'never'));
      this.pendingAcks.delete(id);
    }
    this.registrations.clear();
    const socket = this.socket;
    this.socket = null;
    if (socket && socket.readyState !== WebSocket.CLOSED) {
      await new Promise<void>((resolve) => {
        socket.once('close', () => resolve());
        socket.close();
        setTimeout(() => {
          socket.terminate();
          resolve();
        }, 1_000).unref();
      });
    }
  }

  private async leave(id: string, handler: RecordHandler): Promise<void> {
    const registration = this.registrations.get(id);
    if (!registration) return;
    registration.handlers.delete(handler);
    if (registration.handlers.size > 0) return;
    this.registrations.delete(id);
    const socket = this.socket;
    if (!socket || socket.readyState !== WebSocket.OPEN) return;
    try {
      await this.register(socket, registration, '2');
    } catch (error) {
      this.deps.logger.warn(
        { trId: registration.trId, code: codeOf(error) },
        'kis realtime unregister failed',
      );
    }
  }

  private connected(): Promise<WebSocket> {
    if (this.socket && this.socket.readyState === WebSocket.OPEN) return Promise.resolve(this.socket);
    this.connecting ??= this.open().finally(() => {
      this.connecting = null;
    });
    return this.connecting;
  }

  private async open(): Promise<WebSocket> {
    await this.deps.approvalKey();
    const url = `${this.deps.url}/tryitout`;
    assertOutgoingAllowed(this.deps.environment, url);
    const socket = this.deps.createSocket
      ? this.deps.createSocket(url)
      : new WebSocket(url, { handshakeTimeout: this.deps.ackTimeoutMs ?? 10_000 });
    socket.on('error', (error) =>
      this.deps.logger.warn({ cause: error.message }, 'kis realtime socket error'),
    );
    await new Promise<void>((resolve, reject) => {
      socket.once('open', () => resolve());
      socket.once('error', (error) =>
        reject(new KisWebSocketError('WS_CONNECT_FAILED', error.message, 'safe')),
      );
    });
    if (this.closed) {
      socket.close();
      throw new KisWebSocketError('WS_CLOSED', 'realtime session closed while connecting', 'never');
    }
    socket.on('message', (data) => this.onMessage(socket, data.toString()));
    socket.on('close', (code) => this.onClose(socket, code));
    this.socket = socket;
    this.deps.logger.info({ registrations: this.registrations.size }, 'kis realtime session open');
    return socket;
  }

  private async register(socket: WebSocket, registration: Registration, trType: '1' | '2'): Promise<void> {
    const id = registrationId(registration.trId, registration.trKey);
    const inFlight = this.pendingAcks.get(id);
    // A subscribe racing the reconnect's re-registration waits for the same answer instead of asking twice.
    if (inFlight && trType === '1') return inFlight.acknowledged;
    const approvalKey = await this.deps.approvalKey();
    let settle: Omit<PendingAck, 'acknowledged' | 'timer'> = {
      resolve: () => undefined,
      reject: () => undefined,
    };
    const acknowledged = new Promise<void>((resolve, reject) => {
      settle = { resolve, reject };
    });
    const timer = setTimeout(() => {
      this.pendingAcks.delete(id);
      settle.reject(
        new KisWebSocketError('WS_ACK_TIMEOUT', `no answer to ${registration.trId} registration`, 'safe'),
      );
    }, this.deps.ackTimeoutMs ?? 10_000);
    this.pendingAcks.set(id, { ...settle, acknowledged, timer });
    try {
      socket.send(
        JSON.stringify({
          header: { approval_key: approvalKey, custtype: 'P', tr_type: trType, 'content-type': 'utf-8' },
          body: { input: { tr_id: registration.trId, tr_key: registration.trKey } },
        }),
      );
    } catch (error) {
      clearTimeout(timer);
      this.pendingAcks.delete(id);
      throw new KisWebSocketError('WS_SEND_FAILED', codeOf(error), 'safe');
    }
    await acknowledged;
  }

  private onMessage(socket: WebSocket, text: string): void {
    if (isDataFrame(text)) {
      this.onDataFrame(text);
      return;
    }
    if (/^[01]\|/.test(text)) {
      // Looks like a data frame but lacks its parts.
      this.unreadable(text.split('|')[1] ?? '', []);
      return;
    }
    let json: unknown;
    try {
      json = JSON.parse(text);
    } catch {
      this.deps.logger.warn({ length: text.length }, 'kis realtime message is neither a frame nor JSON');
      return;
    }
    const parsed = wsControlSchema.safeParse(json);
    if (!parsed.success) {
      this.deps.logger.warn({}, 'kis realtime control message of unknown shape');
      return;
    }
    const { header, body } = parsed.data;
    if (header.tr_id === 'PINGPONG') {
      // KIS drops sessions that do not answer; echoing the text is what its own clients do.
      if (socket.readyState === WebSocket.OPEN) socket.send(text);
      return;
    }
    if (!body) return;
    if (body.output?.key && body.output.iv)
      this.ciphers.set(header.tr_id, { key: body.output.key, iv: body.output.iv });
    const pendingId = this.pendingIdFor(header.tr_id, header.tr_key);
    const pending = pendingId ? this.pendingAcks.get(pendingId) : undefined;
    if (body.msg_cd === INVALID_APPROVAL) this.deps.invalidateApprovalKey();
    if (!pending || !pendingId) {
      if (body.rt_cd !== '0')
        this.deps.logger.warn({ trId: header.tr_id, code: body.msg_cd }, 'kis realtime error');
      return;
    }
    clearTimeout(pending.timer);
    this.pendingAcks.delete(pendingId);
    if (body.rt_cd === '0' || body.msg_cd === ALREADY_SUBSCRIBED) {
      pending.resolve();
      return;
    }
    const retry = SESSION_LEVEL_CODES.has(body.msg_cd) ? 'safe' : 'never';
    pending.reject(new KisWebSocketError(body.msg_cd, `${header.tr_id}: ${body.msg1.trim()}`, retry));
  }

  private pendingIdFor(trId: string, trKey: string | undefined): string | undefined {
    if (trKey !== undefined) {
      const id = registrationId(trId, trKey);
      if (this.pendingAcks.has(id)) return id;
    }
    for (const id of this.pendingAcks.keys()) if (id.startsWith(`${trId}|`)) return id;
    return undefined;
  }

  private onDataFrame(text: string): void {
    const frame = parseDataFrame(text);
    if (!frame) {
      const trId = text.split('|', 3)[1] ?? '';
      this.unreadable(trId, text.split('|').slice(3).join('|').split('^'));
      return;
    }
    let payload = frame.payload;
    if (frame.encrypted) {
      const cipher = this.ciphers.get(frame.trId);
      if (!cipher) {
        this.deps.logger.warn({ trId: frame.trId }, 'kis encrypted frame before its key arrived; dropped');
        return;
      }
      try {
        payload = decryptPayload(frame.payload, cipher);
      } catch {
        this.deps.logger.warn({ trId: frame.trId }, 'kis encrypted frame did not decrypt; dropped');
        return;
      }
    }
    const registrations = [...this.registrations.values()].filter((r) => r.trId === frame.trId);
    if (registrations.length === 0) return;
    const fieldCount = registrations[0]!.fieldCount;
    for (const record of splitRecords(payload, frame.count, fieldCount)) {
      if (registrations[0]!.routeBy === 'firstField' && !MARKET_KEY.test(record[0] ?? '')) {
        this.unreadable(frame.trId, record);
        continue;
      }
      for (const registration of registrations) {
        if (registration.routeBy === 'firstField' && registration.trKey !== record[0]) continue;
        for (const handler of registration.handlers) this.deliver(handler, record, frame.trId);
      }
    }
  }

  private unreadable(trId: string, fields: string[]): void {
    this.deps.logger.warn({ trId, fields: fields.length }, 'kis realtime frame unreadable; dropped');
    const registration = [...this.registrations.values()].find((r) => r.trId === trId && r.onUnreadable);
    try {
      registration?.onUnreadable?.(fields);
    } catch (error) {
      this.deps.logger.error({ trId, cause: codeOf(error) }, 'kis realtime handler threw');
    }
  }

  private deliver(handler: RecordHandler, record: string[], trId: string): void {
    try {
      handler(record);
    } catch (error) {
      this.deps.logger.error({ trId, cause: codeOf(error) }, 'kis realtime handler threw');
    }
  }

  private onClose(socket: WebSocket, code: number): void {
    if (socket !== this.socket) return;
    this.socket = null;
    for (const [id, pending] of this.pendingAcks) {
      clearTimeout(pending.timer);
      pending.reject(new KisWebSocketError('WS_CLOSED', 'realtime session dropped', 'safe'));
      this.pendingAcks.delete(id);
    }
    if (this.closed) return;
    this.deps.logger.warn({ code, registrations: this.registrations.size }, 'kis realtime session dropped');
    if (this.registrations.size > 0) void this.reconnect();
  }

  private async reconnect(): Promise<void> {
    if (this.reconnecting) return;
    this.reconnecting = true;
    const policy = this.deps.reconnect ?? RECONNECT_POLICY;
    try {
      for (let attempt = 1; !this.closed && this.registrations.size > 0; attempt++) {
        await this.pause(backoffDelayMs(attempt, policy, this.deps.random));
        if (this.closed) return;
        try {
          await this.registerAllAgain(await this.connected());
          this.deps.logger.info(
            { registrations: this.registrations.size, attempt },
            'kis realtime session restored',
          );
          return;
        } catch (error) {
          this.deps.logger.warn({ attempt, code: codeOf(error) }, 'kis realtime reconnect failed');
          if (this.socket && this.socket.readyState === WebSocket.OPEN) this.socket.close();
        }
      }
    } finally {
      this.reconnecting = false;
    }
  }

  /** A registration KIS now refuses for good (e.g. OPSP0008) is dropped; anything else retries the session. */
  private async registerAllAgain(socket: WebSocket): Promise<void> {
    for (const [id, registration] of [...this.registrations]) {
      if (this.registrations.get(id) !== registration) continue;
      try {
        await this.register(socket, registration, '1');
      } catch (error) {
        if (!(error instanceof KisWebSocketError) || error.retry !== 'never') throw error;
        this.registrations.delete(id);
        this.deps.logger.error(
          { trId: registration.trId, code: error.code },
          'kis realtime registration lost',
        );
      }
    }
  }

  /** A wait that close() cuts short, so a closed session leaves no timers behind. */
  private pause(ms: number): Promise<void> {
    return new Promise<void>((resolve) => {
      const timer = setTimeout(done, ms);
      const wake = (): void => done();
      this.wakeReconnect = wake;
      function done(): void {
        clearTimeout(timer);
        resolve();
      }
    }).finally(() => {
      this.wakeReconnect = null;
    });
  }
}

function registrationId(trId: string, trKey: string): string {
  return `${trId}|${trKey}`;
}

function codeOf(error: unknown): string {
  const code = (error as { code?: unknown } | null)?.code;
  return typeof code === 'string' ? code : error instanceof Error ? error.name : 'error';
}
