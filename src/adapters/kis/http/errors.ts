/**
 * What a KIS answer means for the caller. Every response, timeout and network failure is classified by its
 * code first (the gateway sends EGW codes with HTTP 500 or 200), then by HTTP status.
 */

export type KisResponseClass =
  'OK' | 'REJECTED' | 'UNKNOWN' | 'RETRY_READ' | 'REISSUE_TOKEN' | 'FATAL' | 'CONFIGURATION';

export interface KisExchangeOutcome {
  httpStatus?: number;
  /** Parsed JSON body, or the raw text when it was not JSON, or undefined when nothing came back. */
  body?: unknown;
  timedOut?: boolean;
  networkError?: boolean;
  /** False only when the request certainly never left (e.g. connection refused); then nothing can have happened. */
  sent: boolean;
}

const TOKEN_CODES: ReadonlySet<string> = new Set(['EGW00121', 'EGW00122', 'EGW00123']);
const THROTTLE_CODES: ReadonlySet<string> = new Set(['EGW00201', 'EGW00215', 'EGW00133']);
/** Credentials, permissions or wiring are wrong: nothing will work until a person fixes the configuration. */
const FATAL_CODES: ReadonlySet<string> = new Set([
  'EGW00102',
  'EGW00103',
  'EGW00104',
  'EGW00105',
  'EGW00205',
  'EGW00206',
  'EGW00207',
  'EGW00208',
  'EGW00213',
]);
/**
 * The app key, host and TR do not belong together (live answers, see REFERENCE §3): a setting is wrong. Nothing
 * works until a person changes it, so these are never retried and raise an alert.
 */
export const CONFIGURATION_CODES: Readonly<Record<string, { setting: string; problem: string }>> = {
  EGW02006: {
    setting: 'KIS_ENV',
    problem: 'this TR is not served on the paper host (real-only TR, or a real TR id sent to paper)',
  },
  EGW02007: {
    setting: 'KIS_ENV / KIS_APP_KEY',
    problem: 'a real-trading app key is used on the paper host',
  },
  EGW02004: {
    setting: 'KIS_ENV / KIS_APP_KEY',
    problem: 'a paper app key (or paper TR) is used on the real host',
  },
};

export function classifyKisResponse(outcome: KisExchangeOutcome): KisResponseClass {
  if (!outcome.sent) return 'RETRY_READ';
  if (outcome.timedOut || outcome.networkError) return 'UNKNOWN';
  const envelope = envelopeOf(outcome.body);
  const code = envelope.code;
  if (code !== undefined) {
    if (TOKEN_CODES.has(code)) return 'REISSUE_TOKEN';
    if (THROTTLE_CODES.has(code)) return 'RETRY_READ';
    if (FATAL_CODES.has(code)) return 'FATAL';
    if (code in CONFIGURATION_CODES) return 'CONFIGURATION';
  }
  const status = outcome.httpStatus;
  if (status === undefined) return 'UNKNOWN';
  if (envelope.rtCd !== undefined) {
    if (envelope.rtCd === '0') return status >= 200 && status < 300 ? 'OK' : 'UNKNOWN';
    return 'REJECTED';
  }
  if (code !== undefined) return 'REJECTED';
  if (status === 429) return 'RETRY_READ';
  if (status >= 400 && status < 500 && status !== 408) return 'FATAL';
  return 'UNKNOWN';
}

export interface KisEnvelope {
  rtCd?: string;
  code?: string;
  message?: string;
}

/** rt_cd / msg_cd / msg1 of the business envelope, or error_code / error_description of the OAuth shape. */
export function envelopeOf(body: unknown): KisEnvelope {
  if (typeof body !== 'object' || body === null || Array.isArray(body)) return {};
  const record = body as Record<string, unknown>;
  const text = (key: string): string | undefined => {
    const value = record[key];
    if (typeof value === 'string') return value.trim() === '' ? undefined : value.trim();
    if (typeof value === 'number') return String(value);
    return undefined;
  };
  return {
    rtCd: text('rt_cd'),
    code: text('msg_cd') ?? text('error_code'),
    message: text('msg1') ?? text('error_description'),
  };
}

/**
 * `safe`: repeating the call cannot do anything twice. `never`: the answer is final, repeating it is pointless
 * or harmful. `unknown`: a write may or may not have happened; only an order inquiry can tell.
 */
export type KisRetry = 'safe' | 'never' | 'unknown';

export class KisError extends Error {
  constructor(
    readonly code: string,
    message: string,
    readonly retry: KisRetry,
    readonly httpStatus?: number,
  ) {
    super(message);
    this.name = new.target.name;
  }
}

/** Nothing reached KIS, or a read's answer was lost on the way back. */
export class KisTransportError extends KisError {}
/** EGW00201 / EGW00215 / EGW00133: too many calls; wait and repeat. */
export class KisThrottledError extends KisError {}
/** EGW00121/122/123: the access token is expired, unknown or from another environment. */
export class KisTokenRejectedError extends KisError {}
/** A definitive business answer (rt_cd ≠ 0), e.g. APBK0952 insufficient buying power. */
export class KisRejectedError extends KisError {}
/** Wrong credentials, permission or environment wiring. */
export class KisFatalError extends KisError {}
/**
 * EGW02006/EGW02007/EGW02004: the app key, the host and the TR belong to different environments. `setting` names
 * what to change; the message says it in plain words.
 */
export class KisConfigurationError extends KisFatalError {
  readonly setting: string;
  constructor(code: string, serverMessage: string, httpStatus?: number) {
    const known = CONFIGURATION_CODES[code];
    const setting = known?.setting ?? 'KIS_ENV';
    super(
      code,
      `KIS configuration error [${code}]: ${known?.problem ?? 'environment mismatch'} — check ${setting} ` +
        `(KIS said: ${serverMessage})`,
      'never',
      httpStatus,
    );
    this.setting = setting;
  }
}
/** A write was sent and its answer is missing or unreadable. */
export class KisUnknownOutcomeError extends KisError {}
/** The answer parsed as JSON but did not have the shape this client relies on. */
export class KisResponseShapeError extends KisError {}
/** Refused inside the process before anything was sent (paper/live separation). */
export class KisGuardError extends KisError {
  constructor(message: string) {
    super('ENVIRONMENT_GUARD', message, 'never');
  }
}
/** The realtime session could not register or lost a registration. */
export class KisWebSocketError extends KisError {}

export function errorForClass(
  kind: Exclude<KisResponseClass, 'OK'>,
  code: string,
  message: string,
  httpStatus?: number,
): KisError {
  switch (kind) {
    case 'REJECTED':
      return new KisRejectedError(code, message, 'never', httpStatus);
    case 'UNKNOWN':
      return new KisUnknownOutcomeError(code, message, 'unknown', httpStatus);
    case 'RETRY_READ':
      return code === 'NOT_SENT'
        ? new KisTransportError(code, message, 'safe', httpStatus)
        : new KisThrottledError(code, message, 'safe', httpStatus);
    case 'REISSUE_TOKEN':
      return new KisTokenRejectedError(code, message, 'safe', httpStatus);
    case 'FATAL':
      return new KisFatalError(code, message, 'never', httpStatus);
    case 'CONFIGURATION':
      return new KisConfigurationError(code, message, httpStatus);
  }
}

/** Replaces every occurrence of a secret with a marker, so messages built from server text stay clean. */
export function redactSecrets(text: string, secrets: readonly string[]): string {
  let out = text;
  for (const secret of secrets) if (secret.length >= 4) out = out.split(secret).join('***');
  return out;
}
