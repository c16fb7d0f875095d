import type { IncomingMessage } from 'node:http';
import type { Duplex } from 'node:stream';
import {
  GatewayCloseCodes,
  GatewayDispatchEvents,
  GatewayOpcodes,
  type GatewayGuildCreateDispatchData,
  type GatewayGuildMembersChunkDispatchData,
  type GatewayReadyDispatchData,
  type GatewayRequestGuildMembersData,
} from 'discord-api-types/v10';
import { WebSocket, WebSocketServer } from 'ws';

export interface GatewaySettings {
  botToken: string;
  heartbeatIntervalMs: number;
  /** `invalidate` answers every RESUME with op 9, forcing a fresh IDENTIFY. */
  resume: 'accept' | 'invalidate';
  readyPayload: (sessionId: string) => GatewayReadyDispatchData;
  guildCreatePayload: () => GatewayGuildCreateDispatchData;
  membersChunk: (request: GatewayRequestGuildMembersData) => GatewayGuildMembersChunkDispatchData;
}

export interface ReceivedFrame {
  op: number;
  /** The frame's data with any token replaced by `[redacted]`. */
  d: unknown;
}

interface SentDispatch {
  s: number;
  t: string;
  d: unknown;
}

interface Session {
  id: string;
  seq: number;
  intents: number;
  sent: SentDispatch[];
  socket: WebSocket | null;
}

const REPLAY_BUFFER = 500;

function reject(socket: Duplex, status: string, message: string): void {
  socket.write(`HTTP/1.1 ${status}\r\nConnection: close\r\nContent-Type: text/plain\r\n\r\n${message}`);
  socket.destroy();
}

function redact(d: unknown): unknown {
  if (typeof d !== 'object' || d === null || !('token' in d)) return d;
  return { ...d, token: '[redacted]' };
}

/** The Gateway half of the fake: HELLO → IDENTIFY → READY + GUILD_CREATE, heartbeats, RESUME with replay. */
export class FakeGateway {
  readonly received: ReceivedFrame[] = [];
  private readonly server = new WebSocketServer({ noServer: true });
  private readonly sessions = new Map<string, Session>();
  private sessionCounter = 0;

  constructor(private readonly settings: GatewaySettings) {}

  handleUpgrade(request: IncomingMessage, socket: Duplex, head: Buffer): void {
    const url = new URL(request.url ?? '/', 'ws://fake');
    if (!url.pathname.startsWith('/gateway'))
      return reject(socket, '404 Not Found', 'fake-discord: no gateway here');
    if (url.searchParams.has('compress')) {
      return reject(
        socket,
        '400 Bad Request',
        'fake-discord speaks plain JSON only; is zlib-sync installed?',
      );
    }
    if ((url.searchParams.get('encoding') ?? 'json') !== 'json') {
      return reject(socket, '400 Bad Request', 'fake-discord speaks encoding=json only');
    }
    this.server.handleUpgrade(request, socket, head, (ws) => this.onConnection(ws));
  }

  /** Sends a dispatch to every live session; returns how many sessions received (or buffered) it. */
  dispatch(t: string, d: unknown, requiredIntent = 0): number {
    let delivered = 0;
    for (const session of this.sessions.values()) {
      if (requiredIntent !== 0 && (session.intents & requiredIntent) !== requiredIntent) continue;
      this.sendDispatch(session, t, d);
      delivered += 1;
    }
    return delivered;
  }

  hasSession(): boolean {
    return this.sessions.size > 0;
  }

  /** Intents of the most recent session, or null before any IDENTIFY. */
  intents(): number | null {
    return [...this.sessions.values()].at(-1)?.intents ?? null;
  }

  /** Closes every socket with `code` (4000 is resumable), e.g. to exercise the client's RESUME. */
  dropConnections(code: number = GatewayCloseCodes.UnknownError): void {
    for (const session of this.sessions.values())
      session.socket?.close(code, 'fake-discord: dropped by the test');
  }

  async close(): Promise<void> {
    for (const client of this.server.clients) client.terminate();
    this.sessions.clear();
    await new Promise<void>((resolve) => this.server.close(() => resolve()));
  }

  private onConnection(ws: WebSocket): void {
    let session: Session | null = null;
    this.send(ws, {
      op: GatewayOpcodes.Hello,
      d: { heartbeat_interval: this.settings.heartbeatIntervalMs },
      s: null,
      t: null,
    });

    ws.on('message', (raw) => {
      let frame: { op?: unknown; d?: unknown };
      try {
        frame = JSON.parse(raw.toString()) as { op?: unknown; d?: unknown };
      } catch {
        ws.close(GatewayCloseCodes.DecodeError, 'fake-discord: invalid JSON');
        return;
      }
      this.received.push({ op: Number(frame.op), d: redact(frame.d) });
      session = this.onFrame(ws, session, frame);
    });

    ws.on('close', (code) => {
      if (!session || session.socket !== ws) return;
      session.socket = null;
      // A normal close ends the session (Discord invalidates it); anything else stays resumable.
      if (code === 1000 || code === 1001) this.sessions.delete(session.id);
    });
  }

  private onFrame(
    ws: WebSocket,
    session: Session | null,
    frame: { op?: unknown; d?: unknown },
  ): Session | null {
    const d = (frame.d ?? {}) as Record<string, unknown>;
    switch (frame.op) {
      case GatewayOpcodes.Heartbeat:
        this.send(ws, { op: GatewayOpcodes.HeartbeatAck, d: null, s: null, t: null });
        return session;
      case GatewayOpcodes.Identify:
        return this.identify(ws, session, d);
      case GatewayOpcodes.Resume:
        return this.resume(ws, d);
      case GatewayOpcodes.RequestGuildMembers:
        if (session)
          this.sendDispatch(
            session,
            GatewayDispatchEvents.GuildMembersChunk,
            this.settings.membersChunk(d as unknown as GatewayRequestGuildMembersData),
          );
        return session;
      case GatewayOpcodes.PresenceUpdate:
      case GatewayOpcodes.VoiceStateUpdate:
        return session;
      default:
        ws.close(GatewayCloseCodes.UnknownOpcode, 'fake-discord: unknown opcode');
        return session;
    }
  }

  private identify(ws: WebSocket, current: Session | null, d: Record<string, unknown>): Session | null {
    if (current) {
      ws.close(GatewayCloseCodes.AlreadyAuthenticated, 'fake-discord: already identified');
      return current;
    }
    if (d.token !== this.settings.botToken) {
      ws.close(GatewayCloseCodes.AuthenticationFailed, 'fake-discord: authentication failed');
      return null;
    }
    this.sessionCounter += 1;
    const session: Session = {
      id: `fake-session-${this.sessionCounter}`,
      seq: 0,
      intents: typeof d.intents === 'number' ? d.intents : 0,
      sent: [],
      socket: ws,
    };
    this.sessions.set(session.id, session);
    this.sendDispatch(session, GatewayDispatchEvents.Ready, this.settings.readyPayload(session.id));
    this.sendDispatch(session, GatewayDispatchEvents.GuildCreate, this.settings.guildCreatePayload());
    return session;
  }

  private resume(ws: WebSocket, d: Record<string, unknown>): Session | null {
    const session = typeof d.session_id === 'string' ? this.sessions.get(d.session_id) : undefined;
    if (this.settings.resume === 'invalidate' || !session || d.token !== this.settings.botToken) {
      if (session) this.sessions.delete(session.id);
      this.send(ws, { op: GatewayOpcodes.InvalidSession, d: false, s: null, t: null });
      return null;
    }
    if (session.socket && session.socket !== ws)
      session.socket.close(GatewayCloseCodes.SessionTimedOut, 'fake-discord: resumed elsewhere');
    session.socket = ws;
    const lastSeen = typeof d.seq === 'number' ? d.seq : 0;
    for (const missed of session.sent.filter((sent) => sent.s > lastSeen)) {
      this.send(ws, { op: GatewayOpcodes.Dispatch, ...missed });
    }
    this.sendDispatch(session, GatewayDispatchEvents.Resumed, {});
    return session;
  }

  private sendDispatch(session: Session, t: string, d: unknown): void {
    session.seq += 1;
    const dispatch = { s: session.seq, t, d };
    session.sent.push(dispatch);
    if (session.sent.length > REPLAY_BUFFER) session.sent.shift();
    if (session.socket) this.send(session.socket, { op: GatewayOpcodes.Dispatch, ...dispatch });
  }

  private send(ws: WebSocket, payload: Record<string, unknown>): void {
    if (ws.readyState === WebSocket.OPEN) ws.send(JSON.stringify(payload));
  }
}
