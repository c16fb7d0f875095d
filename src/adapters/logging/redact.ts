/**
 * Replaces every known secret value (and common secret-shaped fields) in text and objects.
 * Applied to every log line and to every message shown to people, so a secret that slips into an error
 * message or a URL still never leaves the process in clear.
 */
const SECRET_KEYS =
  /^(authorization|appkey|appsecret|app_key|app_secret|secretkey|access_token|approval_key|token|api_key|apikey|password|secret)$/i;
export const REDACTED = '[redacted]';

export class Redactor {
  private readonly secrets: string[];

  constructor(secrets: readonly string[]) {
    // Longest first so a secret that contains another is replaced whole.
    this.secrets = [...new Set(secrets.filter((s) => s.length >= 4))].sort((a, b) => b.length - a.length);
  }

  text(value: string): string {
    let out = value;
    for (const secret of this.secrets) if (out.includes(secret)) out = out.split(secret).join(REDACTED);
    return out.replace(/(Bearer\s+)[A-Za-z0-9._~+/-]{16,}=*/g, `$1${REDACTED}`);
  }

  value(value: unknown, depth = 0): unknown {
    if (typeof value === 'string') return this.text(value);
    if (value === null || typeof value !== 'object' || depth > 8) return value;
    if (value instanceof Error) {
      return {
        type: value.name,
        message: this.text(value.message),
        stack: value.stack ? this.text(value.stack) : undefined,
      };
    }
    if (Array.isArray(value)) return value.map((v) => this.value(v, depth + 1));
    if (value instanceof Date || Buffer.isBuffer(value)) return value;
    const out: Record<string, unknown> = {};
    for (const [k, v] of Object.entries(value))
      out[k] = SECRET_KEYS.test(k) && v ? REDACTED : this.value(v, depth + 1);
    return out;
  }
}
