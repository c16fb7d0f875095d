import { z } from 'zod';
import { LIVE_ENDPOINTS, resolveEndpoints, targetsLiveHost } from './urls';

const urlOverrideSchema = z
  .object({
    rest: z.url({ protocol: /^https?$/ }).optional(),
    ws: z.url({ protocol: /^wss?$/ }).optional(),
  })
  .strict();

/**
 * Settings of one KIS account. Live trading needs two explicit settings: `environment: 'real'` and
 * `confirmLive: true` — unless the URLs are overridden (a simulator in its real profile is not live).
 */
export const kisConfigSchema = z
  .object({
    environment: z.enum(['real', 'paper']),
    appKey: z.string().min(1, 'appKey is required'),
    appSecret: z.string().min(1, 'appSecret is required'),
    /** `CANO-ACNT_PRDT_CD`, e.g. `12345678-01`. */
    account: z.string().regex(/^\d{8}-\d{2}$/, 'account must look like 12345678-01 (CANO-ACNT_PRDT_CD)'),
    htsId: z.string().min(1, 'htsId is required for execution notices'),
    urls: urlOverrideSchema.optional(),
    confirmLive: z.boolean().default(false),
    /** REST calls per second for this app key; defaults to the published limit of the environment. */
    rateLimitPerSecond: z.number().int().positive().optional(),
    requestTimeoutMs: z.number().int().positive().default(10_000),
    orderTimeoutMs: z.number().int().positive().default(15_000),
    tokenIssueIntervalMs: z.number().int().nonnegative().default(60_000),
    /**
     * KIS serves ETF NAV (FHPST02400000) on the real server only. The built-in simulator serves it on its paper
     * host too; only its client config sets this.
     */
    etfNavOnPaper: z.boolean().default(false),
  })
  .strict()
  .superRefine((config, ctx) => {
    const endpoints = resolveEndpoints(config.environment, config.urls);
    if (config.environment === 'real' && targetsLiveHost('real', endpoints) && !config.confirmLive) {
      ctx.addIssue({
        code: 'custom',
        path: ['confirmLive'],
        message: `live trading at ${LIVE_ENDPOINTS.real.rest} needs confirmLive: true as well as environment: real`,
      });
    }
    if (config.environment === 'paper' && targetsLiveHost('real', endpoints)) {
      ctx.addIssue({
        code: 'custom',
        path: ['urls'],
        message: 'paper mode must not point at a real KIS host',
      });
    }
  });

export type KisConfigInput = z.input<typeof kisConfigSchema>;
export type KisConfig = z.output<typeof kisConfigSchema>;

export interface KisAccount {
  cano: string;
  productCode: string;
}

export function parseKisConfig(input: unknown): KisConfig {
  const result = kisConfigSchema.safeParse(input);
  if (!result.success) {
    const problems = result.error.issues.map((i) => `${i.path.join('.') || '(root)'}: ${i.message}`);
    throw new Error(`invalid KIS config: ${problems.join('; ')}`);
  }
  return result.data;
}

export function accountOf(config: KisConfig): KisAccount {
  const [cano = '', productCode = ''] = config.account.split('-');
  return { cano, productCode };
}
