/**
 * zod schemas of the KIS bodies this client reads. KIS sends every number as a string; integers become
 * numbers through parseIntegerString, decimals that are not money (NAV, rates, average prices) stay strings
 * or become plain ratios. Unknown fields are ignored.
 */
import { z } from 'zod';
import { parseIntegerString } from '../../../domain/money';

/** A KIS integer string ("65850", "-150", "", "0.0000") as a safe integer. */
export const kisInt = z.string().transform((value, ctx) => {
  try {
    return parseIntegerString(value);
  } catch {
    ctx.addIssue({ code: 'custom', message: 'not a KIS integer string' });
    return z.NEVER;
  }
});

/** A KIS decimal string ("36127.30", "-0.10") as a float, for ratios and NAVs only — never money. */
export const kisRatio = z.string().transform((value, ctx) => {
  const trimmed = value.trim();
  if (trimmed === '') return 0;
  if (!/^[-+]?\d+(\.\d+)?$/.test(trimmed)) {
    ctx.addIssue({ code: 'custom', message: 'not a KIS decimal string' });
    return z.NEVER;
  }
  return Number(trimmed);
});

const text = z.string();
const optionalText = z.string().optional();

export const envelopeSchema = z.object({
  rt_cd: text,
  msg_cd: text,
  msg1: text,
});

/** Some APIs send a one-element array where others send an object; accept both. */
function objectOrFirstOfArray<T extends z.ZodType>(schema: T) {
  return z.preprocess((value) => (Array.isArray(value) ? (value[0] ?? {}) : value), schema);
}

/** Upper-cases keys so lower- and upper-case variants of the same response parse alike. */
function upperCaseKeys<T extends z.ZodType>(schema: T) {
  return z.preprocess((value) => {
    if (typeof value !== 'object' || value === null || Array.isArray(value)) return value;
    return Object.fromEntries(Object.entries(value).map(([k, v]) => [k.toUpperCase(), v]));
  }, schema);
}

// ---- OAuth -------------------------------------------------------------------------------------------

export const tokenResponseSchema = z.object({
  access_token: z.string().min(1),
  token_type: z.string(),
  expires_in: z.union([z.number(), z.string()]).optional(),
  /** KST wall clock 'YYYY-MM-DD HH:MM:SS'. */
  access_token_token_expired: z.string().optional(),
});

export const approvalResponseSchema = z.object({ approval_key: z.string().min(1) });

export const oauthErrorSchema = z.object({ error_code: z.string(), error_description: z.string() });

export const revokeResponseSchema = z.object({
  code: z.union([z.number(), z.string()]),
  message: z.string(),
});

export const hashkeyResponseSchema = z.object({ BODY: z.record(z.string(), z.string()), HASH: z.string() });

// ---- Quotations --------------------------------------------------------------------------------------

export const quoteOutputSchema = z.object({
  stck_shrn_iscd: optionalText,
  hts_kor_isnm: optionalText,
  stck_prpr: kisInt,
  prdy_vrss: kisInt,
  stck_oprc: kisInt,
  stck_hgpr: kisInt,
  stck_lwpr: kisInt,
  stck_sdpr: kisInt,
  stck_mxpr: kisInt,
  stck_llam: kisInt,
  acml_vol: kisInt,
  aspr_unit: kisInt,
  temp_stop_yn: optionalText,
  iscd_stat_cls_code: optionalText,
});

export const quoteResponseSchema = envelopeSchema.extend({ output: quoteOutputSchema });

export const dailyBarRowSchema = z.object({
  stck_bsop_date: z.string().default(''),
  stck_oprc: kisInt.default(0),
  stck_hgpr: kisInt.default(0),
  stck_lwpr: kisInt.default(0),
  stck_clpr: kisInt.default(0),
  acml_vol: kisInt.default(0),
});

export const dailyChartResponseSchema = envelopeSchema.extend({
  output1: z.record(z.string(), z.unknown()).optional(),
  output2: z.array(dailyBarRowSchema).default([]),
});

export const dailyPriceResponseSchema = envelopeSchema.extend({
  output: z.array(dailyBarRowSchema),
});

export const etfPriceResponseSchema = envelopeSchema.extend({
  output: z.object({
    stck_prpr: kisInt,
    nav: kisRatio,
    prdy_last_nav: kisRatio,
    dprt: kisRatio,
  }),
});

/**
 * ksdinfo/dividend (HHKDB669102C0, 예탁원정보(배당일정)): one row per payout, `record_date` YYYYMMDD and the
 * cash per share `per_sto_divi_amt` (may carry decimals). Other fields are kept loosely.
 */
export const dividendResponseSchema = envelopeSchema.extend({
  output1: z
    .array(
      z
        .object({
          record_date: z.string().default(''),
          sht_cd: z.string().default(''),
          per_sto_divi_amt: kisRatio.default(0),
        })
        .loose(),
    )
    .default([]),
});

/** chk-holiday (CTCA0903R, real only): one row per date from BASS_DT on; `opnd_yn` says whether KRX opens. */
export const holidayResponseSchema = envelopeSchema.extend({
  output: z.array(z.object({ bass_dt: text, opnd_yn: z.enum(['Y', 'N']) }).loose()),
});

export const navComparisonResponseSchema = envelopeSchema.extend({
  output1: z.object({ stck_prpr: kisInt }),
  output2: z.object({ nav: kisRatio, prdy_clpr_nav: kisRatio }),
});

// ---- Account -----------------------------------------------------------------------------------------

const pagedSchema = envelopeSchema.extend({
  ctx_area_fk100: z.string().default(''),
  ctx_area_nk100: z.string().default(''),
});

export const balanceRowSchema = z.object({
  pdno: text,
  prdt_name: text,
  hldg_qty: kisInt,
  ord_psbl_qty: kisInt,
  /** pchs_amt / hldg_qty with 4 decimals: kept as text, the amount is authoritative. */
  pchs_avg_pric: optionalText,
  pchs_amt: kisInt,
  prpr: kisInt,
  evlu_amt: kisInt,
  evlu_pfls_amt: kisInt,
});

export const balanceSummarySchema = z.object({
  dnca_tot_amt: kisInt,
  nxdy_excc_amt: kisInt,
  prvs_rcdl_excc_amt: kisInt,
  scts_evlu_amt: kisInt,
  tot_evlu_amt: kisInt,
  nass_amt: kisInt,
});

export const balanceResponseSchema = pagedSchema.extend({
  output1: z.array(balanceRowSchema).default([]),
  output2: objectOrFirstOfArray(balanceSummarySchema),
});

export const buyingPowerResponseSchema = envelopeSchema.extend({
  output: z.object({
    ord_psbl_cash: kisInt,
    psbl_qty_calc_unpr: kisInt,
    nrcvb_buy_amt: kisInt,
    nrcvb_buy_qty: kisInt,
    max_buy_amt: kisInt,
    max_buy_qty: kisInt,
  }),
});

export const dailyOrderRowSchema = z.object({
  ord_dt: text,
  ord_gno_brno: text,
  odno: text,
  orgn_odno: z.string().default(''),
  sll_buy_dvsn_cd: text,
  pdno: text,
  prdt_name: optionalText,
  ord_qty: kisInt,
  ord_unpr: kisInt,
  ord_tmd: text,
  tot_ccld_qty: kisInt,
  avg_prvs: optionalText,
  tot_ccld_amt: kisInt,
  cncl_yn: z.string().default(''),
  ord_dvsn_cd: text,
  rmn_qty: kisInt,
  rjct_qty: kisInt.default(0),
});

export const dailyOrdersResponseSchema = pagedSchema.extend({
  output1: z.array(dailyOrderRowSchema).default([]),
  output2: objectOrFirstOfArray(
    z.object({
      tot_ord_qty: kisInt,
      tot_ccld_qty: kisInt,
      tot_ccld_amt: kisInt,
      prsm_tlex_smtl: kisInt,
      pchs_avg_pric: optionalText,
    }),
  ).optional(),
});

// ---- Orders ------------------------------------------------------------------------------------------

export const orderOutputSchema = upperCaseKeys(
  z.object({
    KRX_FWDG_ORD_ORGNO: z.string(),
    ODNO: z.string().min(1),
    ORD_TMD: z.string(),
  }),
);

export const orderResponseSchema = envelopeSchema.extend({ output: orderOutputSchema });

// ---- WebSocket control messages ------------------------------------------------------------------------

export const wsControlSchema = z.object({
  header: z.object({
    tr_id: z.string(),
    tr_key: z.string().optional(),
    encrypt: z.string().optional(),
    datetime: z.string().optional(),
  }),
  body: z
    .object({
      rt_cd: z.string(),
      msg_cd: z.string(),
      msg1: z.string(),
      output: z.object({ iv: z.string(), key: z.string() }).partial().optional(),
    })
    .optional(),
});

export const wsSubscribeRequestSchema = z.object({
  header: z.object({
    approval_key: z.string(),
    custtype: z.string(),
    tr_type: z.enum(['1', '2']),
    'content-type': z.string(),
  }),
  body: z.object({ input: z.object({ tr_id: z.string(), tr_key: z.string() }) }),
});

export type TokenResponse = z.output<typeof tokenResponseSchema>;
export type QuoteResponse = z.output<typeof quoteResponseSchema>;
export type DailyBarRow = z.output<typeof dailyBarRowSchema>;
export type BalanceRow = z.output<typeof balanceRowSchema>;
export type BalanceResponse = z.output<typeof balanceResponseSchema>;
export type DailyOrderRow = z.output<typeof dailyOrderRowSchema>;
export type DailyOrdersResponse = z.output<typeof dailyOrdersResponseSchema>;
export type OrderResponse = z.output<typeof orderResponseSchema>;
export type WsControl = z.output<typeof wsControlSchema>;
