import { createHmac, randomBytes } from 'node:crypto';
import type { IncomingMessage, ServerResponse } from 'node:http';
import { z } from 'zod';
import { kstParts } from '../../../domain/market';
import { ApiError, QueryParams, type ApiRequest, type ApiResult, type SimServices } from '../api/context';
import type { OrderApiResult } from '../api/trading/order-cash';
import type { AccountLedger } from '../exchange/ledger';
import type { SimEnvironment } from '../types';
import type { ApprovalKeys } from './approvals';
import type { FaultQueue } from './faults';
import type { SlidingWindowLimiter } from './rate-limit';
import { checkTrId, ROUTES } from './routes';
import type { TokenStore } from './tokens';

const MAX_BODY_BYTES = 1 << 20;

export type ControlHandler = (request: {
  environment: SimEnvironment;
  method: string;
  url: URL;
  body: string;
  res: ServerResponse;
}) => Promise<void> | void;

export interface GatewayDeps {
  services: SimServices;
  tokens: TokenStore;
  approvals: ApprovalKeys;
  limiter: SlidingWindowLimiter;
  faults: FaultQueue;
  ledgers: readonly AccountLedger[];
  rateLimitPerSecond: Record<SimEnvironment, number>;
}

export interface GatewayStats {
  requests: number;
  rateLimited: number;
  byPath: Record<string, number>;
}

const oauthTokenBody = z.object({
  grant_type: z.literal('client_credentials'),
  appkey: z.string(),
  appsecret: z.string(),
});
const oauthRevokeBody = z.object({ appkey: z.string(), appsecret: z.string(), token: z.string() });
const oauthApprovalBody = z.object({
  grant_type: z.literal('client_credentials'),
  appkey: z.string(),
  secretkey: z.string(),
});

class OAuthError extends Error {
  constructor(
    readonly code: string,
    readonly description: string,
  ) {
    super(code);
  }
}

/**
 * The KIS gateway in front of the exchange, one instance serving both hosts: faults, app-key and token checks,
 * the per-key rate limit, TR routing per host, body validation, then the API handler.
 */
export class HttpGateway {
  readonly stats: GatewayStats = { requests: 0, rateLimited: 0, byPath: {} };
  private readonly timers = new Set<NodeJS.Timeout>();

  private control: ControlHandler | undefined;

  constructor(private readonly deps: GatewayDeps) {}

  /** Serves the /__sim/ control API on this gateway (the CLI turns it on; tests use SimControl directly). */
  setControl(control: ControlHandler): void {
    this.control = control;
  }

  close(): void {
    for (const timer of this.timers) clearTimeout(timer);
    this.timers.clear();
  }

  async handle(environment: SimEnvironment, req: IncomingMessage, res: ServerResponse): Promise<void> {
    try {
      await this.route(environment, req, res);
    } catch (error) {
      if (res.headersSent || res.destroyed) return;
      if (error instanceof ApiError) return this.sendGatewayError(res, error, '');
      // The portal's "일시적 오류" (CODES.md); the simulator's own reason goes to its log, not to the client.
      console.warn(`kis simulator: request failed: ${(error as Error).message}`);
      this.sendJson(res, 500, { rt_cd: '1', msg_cd: 'EGW00001', msg1: '일시적 오류가 발생했습니다.' }, {});
    }
  }

  private async route(environment: SimEnvironment, req: IncomingMessage, res: ServerResponse): Promise<void> {
    const url = new URL(req.url ?? '/', 'http://sim.invalid');
    const path = url.pathname;
    const body = await readBody(req);
    if (this.control && (path === '/__sim' || path.startsWith('/__sim/'))) {
      await this.control({ environment, method: req.method ?? 'GET', url, body, res });
      return;
    }
    this.stats.requests += 1;
    this.stats.byPath[path] = (this.stats.byPath[path] ?? 0) + 1;
    const route = ROUTES.get(path);
    const { faults } = this.deps;
    if (route?.isOrderEntry && faults.take('dropBeforeReceive', path)) {
      req.socket.destroy();
      return;
    }
    const latency = faults.take('latency', path);
    if (latency) await this.delay(latency.ms);
    if (faults.take('http5xx', path)) return this.sendGatewayHtml(res);

    if (path === '/oauth2/tokenP') return this.oauth(res, () => this.issueToken(environment, body));
    if (path === '/oauth2/revokeP') return this.oauth(res, () => this.revokeToken(environment, body));
    if (path === '/oauth2/Approval') return this.oauth(res, () => this.issueApproval(environment, body));
    if (!path.startsWith('/uapi/')) return this.sendNotFound(res);

    const trId = header(req, 'tr_id');
    if (faults.take('rateLimitBurst', path)) {
      this.stats.rateLimited += 1;
      return this.sendGatewayError(res, rateLimitError(), trId);
    }
    const ledger = this.authenticateApp(req, environment);
    if (!this.deps.limiter.tryAcquire(ledger.account.appKey, this.deps.rateLimitPerSecond[environment])) {
      this.stats.rateLimited += 1;
      return this.sendGatewayError(res, rateLimitError(), trId);
    }
    if (path === '/uapi/hashkey') return this.hashkey(res, ledger, body);
    this.checkBearer(req, ledger, environment);
    if (!route) return this.sendNotFound(res);
    const trError = checkTrId(route, environment, trId);
    if (trError) return this.sendGatewayError(res, trError, trId);
    if (req.method !== route.method)
      throw new ApiError(500, 'OPSQ9997', 'JSON PARSING ERROR : invalid method');

    const request: ApiRequest = {
      environment,
      trId,
      trCont: header(req, 'tr_cont'),
      query: new QueryParams(url.searchParams),
      body: route.method === 'POST' ? this.postBody(req, ledger, body) : {},
      ledger,
      now: this.deps.services.clock.now(),
    };
    this.deps.services.exchange.sync();
    const result: OrderApiResult = route.handler(this.deps.services, request);
    if (route.isOrderEntry && faults.take('acceptThenDrop', path)) {
      if (result.outcome) this.deps.services.exchange.markResponseDropped(result.outcome.order);
      req.socket.destroy();
      return;
    }
    this.sendResult(res, result, trId);
  }

  private authenticateApp(req: IncomingMessage, environment: SimEnvironment): AccountLedger {
    const appKey = header(req, 'appkey');
    if (appKey === '') throw new ApiError(500, 'EGW00102', 'AppKey는 필수입니다.');
    const ledger =
      this.ledgerFor(appKey, environment) ?? this.ledgerFor(appKey, otherEnvironment(environment));
    if (!ledger) throw new ApiError(500, 'EGW00103', '유효하지 않은 AppKey입니다.');
    const secret = header(req, 'appsecret');
    if (secret === '') throw new ApiError(500, 'EGW00104', 'AppSecret는 필수입니다.');
    if (secret !== ledger.account.appSecret)
      throw new ApiError(500, 'EGW00105', '유효하지 않은 AppSecret입니다.');
    // Live KIS issues a token to a key of the other environment; every later call is refused like this.
    if (ledger.account.environment !== environment) throw wrongEnvironmentKey(environment);
    return ledger;
  }

  private checkBearer(req: IncomingMessage, ledger: AccountLedger, environment: SimEnvironment): void {
    const authorization = header(req, 'authorization');
    if (!authorization.startsWith('Bearer '))
      throw new ApiError(500, 'EGW00205', 'credentials_type이 유효하지 않습니다.(Bearer)');
    const verdict = this.deps.tokens.check(
      authorization.slice('Bearer '.length).trim(),
      ledger.account.appKey,
      environment,
    );
    if (verdict === 'EGW00121') throw new ApiError(500, 'EGW00121', '유효하지 않은 token 입니다.');
    if (verdict === 'EGW00123') throw new ApiError(500, 'EGW00123', '기간이 만료된 token 입니다.');
  }

  /** POST bodies: a JSON object with UPPERCASE keys and string values, matching its hashkey when one is sent. */
  private postBody(req: IncomingMessage, ledger: AccountLedger, raw: string): Record<string, string> {
    if (raw.trim() === '') throw new ApiError(500, 'OPSQ9995', 'JSON PARSING ERROR : body not found');
    let parsed: unknown;
    try {
      parsed = JSON.parse(raw);
    } catch {
      throw new ApiError(500, 'OPSQ9997', 'JSON PARSING ERROR : invalid json format');
    }
    if (typeof parsed !== 'object' || parsed === null || Array.isArray(parsed)) {
      throw new ApiError(500, 'OPSQ9997', 'JSON PARSING ERROR : invalid json format');
    }
    const body: Record<string, string> = {};
    for (const [key, value] of Object.entries(parsed)) {
      if (key !== key.toUpperCase() || typeof value !== 'string') {
        throw new ApiError(500, 'IGW00007', 'MCA 전문바디 구성 중 오류가 발생하였습니다.');
      }
      body[key] = value;
    }
    const sentHash = header(req, 'hashkey');
    if (sentHash !== '' && sentHash !== hashOf(ledger.account.appSecret, parsed)) {
      throw new ApiError(500, 'EGW00131', '유효하지 않은 hashkey입니다.');
    }
    return body;
  }

  private hashkey(res: ServerResponse, ledger: AccountLedger, raw: string): void {
    let parsed: unknown;
    try {
      parsed = JSON.parse(raw);
    } catch {
      throw new ApiError(500, 'OPSQ9997', 'JSON PARSING ERROR : invalid json format');
    }
    this.sendJson(res, 200, { BODY: parsed, HASH: hashOf(ledger.account.appSecret, parsed) }, {});
  }

  private issueToken(environment: SimEnvironment, raw: string): unknown {
    const body = parseOAuth(oauthTokenBody, raw);
    const ledger = this.oauthAccount(environment, body.appkey, body.appsecret);
    const token = this.deps.tokens.issue(ledger.account.appKey, environment);
    if (token === 'EGW00133')
      throw new OAuthError('EGW00133', '접근토큰 발급 잠시 후 다시 시도하세요(1분당 1회)');
    const now = this.deps.services.clock.now().getTime();
    return {
      access_token: token.accessToken,
      access_token_token_expired: kstWallClock(new Date(token.expiresAt)),
      token_type: 'Bearer',
      expires_in: Math.max(0, Math.floor((token.expiresAt - now) / 1000)),
    };
  }

  private revokeToken(environment: SimEnvironment, raw: string): unknown {
    const body = parseOAuth(oauthRevokeBody, raw);
    const ledger = this.oauthAccount(environment, body.appkey, body.appsecret);
    if (!this.deps.tokens.revoke(body.token, ledger.account.appKey))
      throw new OAuthError('EGW00121', '유효하지 않은 token 입니다.');
    return { code: 200, message: '접근토큰 폐기에 성공하였습니다' };
  }

  private issueApproval(environment: SimEnvironment, raw: string): unknown {
    const body = parseOAuth(oauthApprovalBody, raw);
    const ledger = this.oauthAccount(environment, body.appkey, body.secretkey);
    return { approval_key: this.deps.approvals.issue(ledger.account.appKey, environment) };
  }

  /** Token and approval issuance accept a key of either environment, as live KIS does (see CODES.md). */
  private oauthAccount(environment: SimEnvironment, appKey: string, secret: string): AccountLedger {
    const ledger =
      this.ledgerFor(appKey, environment) ?? this.ledgerFor(appKey, otherEnvironment(environment));
    if (!ledger) throw new OAuthError('EGW00103', '유효하지 않은 AppKey입니다.');
    if (secret !== ledger.account.appSecret)
      throw new OAuthError('EGW00105', '유효하지 않은 AppSecret입니다.');
    return ledger;
  }

  private oauth(res: ServerResponse, issue: () => unknown): void {
    try {
      this.sendJson(res, 200, issue(), {});
    } catch (error) {
      if (!(error instanceof OAuthError)) throw error;
      this.sendJson(res, 403, { error_description: error.description, error_code: error.code }, {});
    }
  }

  private ledgerFor(appKey: string, environment: SimEnvironment): AccountLedger | undefined {
    return this.deps.ledgers.find(
      (l) => l.account.appKey === appKey && l.account.environment === environment,
    );
  }

  private sendResult(res: ServerResponse, result: ApiResult, trId: string): void {
    const headers: Record<string, string> = { tr_id: trId };
    if (result.trCont !== undefined) headers.tr_cont = result.trCont;
    this.sendJson(res, result.status, result.body, headers);
  }

  private sendGatewayError(res: ServerResponse, error: ApiError, trId: string): void {
    this.sendJson(
      res,
      error.status,
      { rt_cd: error.rtCd, msg_cd: error.msgCd, msg1: error.msg1 },
      trId ? { tr_id: trId } : {},
    );
  }

  /** A path the gateway does not route: a bare 404, no KIS code (KIS publishes none for it). */
  private sendNotFound(res: ServerResponse): void {
    res.writeHead(404, { 'content-type': 'text/plain; charset=utf-8' });
    res.end('Not Found');
  }

  private sendGatewayHtml(res: ServerResponse): void {
    res.writeHead(500, { 'content-type': 'text/html' });
    res.end(
      '<html>\r\n<head><title>500 Internal Server Error</title></head>\r\n<body>\r\n<center><h1>500 Internal Server Error</h1></center>\r\n</body>\r\n</html>\r\n',
    );
  }

  private sendJson(
    res: ServerResponse,
    status: number,
    body: unknown,
    headers: Record<string, string>,
  ): void {
    res.writeHead(status, {
      'content-type': 'application/json; charset=utf-8',
      gt_uid: randomBytes(16).toString('hex'),
      ...headers,
    });
    res.end(JSON.stringify(body));
  }

  private delay(ms: number): Promise<void> {
    return new Promise((resolve) => {
      const timer = setTimeout(() => {
        this.timers.delete(timer);
        resolve();
      }, ms);
      this.timers.add(timer);
    });
  }
}

function otherEnvironment(environment: SimEnvironment): SimEnvironment {
  return environment === 'real' ? 'paper' : 'real';
}

/** EGW02007: a real key on the paper host; EGW02004: a paper key on the real host (CODES.md). */
function wrongEnvironmentKey(host: SimEnvironment): ApiError {
  return host === 'paper'
    ? new ApiError(500, 'EGW02007', '해당 앱키는 모의투자용 앱키가 아닙니다.')
    : new ApiError(500, 'EGW02004', '실전투자 TR 이 아닙니다.');
}

function rateLimitError(): ApiError {
  return new ApiError(500, 'EGW00201', '초당 거래건수를 초과하였습니다.');
}

function header(req: IncomingMessage, name: string): string {
  const value = req.headers[name];
  return (Array.isArray(value) ? value[0] : value) ?? '';
}

function parseOAuth<T>(schema: z.ZodType<T>, raw: string): T {
  let json: unknown;
  try {
    json = JSON.parse(raw);
  } catch {
    throw new OAuthError('EGW00101', '유효하지 않은 요청입니다.');
  }
  const parsed = schema.safeParse(json);
  if (!parsed.success) throw new OAuthError('EGW00101', '유효하지 않은 요청입니다.');
  return parsed.data;
}

function hashOf(appSecret: string, body: unknown): string {
  return createHmac('sha256', appSecret).update(JSON.stringify(body)).digest('hex');
}

/** "YYYY-MM-DD HH:MM:SS" in KST, as access_token_token_expired. */
function kstWallClock(instant: Date): string {
  const p = kstParts(instant);
  const two = (n: number): string => String(n).padStart(2, '0');
  return `${p.year}-${two(p.month)}-${two(p.day)} ${two(p.hour)}:${two(p.minute)}:${two(p.second)}`;
}

function readBody(req: IncomingMessage): Promise<string> {
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = [];
    let size = 0;
    req.on('data', (chunk: Buffer) => {
      size += chunk.length;
      if (size > MAX_BODY_BYTES) {
        reject(new ApiError(500, 'OPSQ9995', 'JSON PARSING ERROR : body too large'));
        req.destroy();
        return;
      }
      chunks.push(chunk);
    });
    req.on('end', () => resolve(Buffer.concat(chunks).toString('utf8')));
    req.on('error', reject);
  });
}
