import { describe, expect, it } from 'vitest';
import type { z } from 'zod';
import {
  approvalResponseSchema,
  balanceResponseSchema,
  buyingPowerResponseSchema,
  dailyBarRowSchema,
  dailyChartResponseSchema,
  dailyOrdersResponseSchema,
  dailyPriceResponseSchema,
  envelopeSchema,
  etfPriceResponseSchema,
  hashkeyResponseSchema,
  navComparisonResponseSchema,
  oauthErrorSchema,
  orderResponseSchema,
  quoteResponseSchema,
  revokeResponseSchema,
  tokenResponseSchema,
  wsControlSchema,
  wsSubscribeRequestSchema,
} from '../../../src/adapters/kis/http/schemas';
import {
  parseDataFrame,
  splitRecords,
  toTradeTick,
  TRADE_FIELD_COUNT,
} from '../../../src/adapters/kis/ws-frames';
import { fixtureBody, fixtureFiles, loadFixture } from './support/fixtures';

type Sample = Record<string, unknown>;
const bodyOf = (entry: unknown): unknown => (entry as { body: unknown }).body;

function mustParse(schema: z.ZodType, value: unknown, where: string): void {
  const result = schema.safeParse(value);
  if (!result.success) throw new Error(`${where}: ${result.error.message}`);
}

/** How each recorded sample is checked; a new sample without an entry fails the walk below. */
const checks: Record<string, (sample: Sample) => void> = {
  'auth_approval_response.json': (s) => mustParse(approvalResponseSchema, bodyOf(s), 'approval'),
  'auth_revoke_response.json': (s) => {
    mustParse(revokeResponseSchema, bodyOf(s), 'revoke');
    mustParse(oauthErrorSchema, bodyOf(s['error_example']), 'revoke error');
  },
  'auth_token_rate_limited.json': (s) => mustParse(oauthErrorSchema, bodyOf(s), 'token rate limited'),
  'auth_token_response.json': (s) => mustParse(tokenResponseSchema, bodyOf(s), 'token'),
  'errors_gateway.json': (s) => {
    for (const [name, entry] of Object.entries(s)) {
      if (name.startsWith('_')) continue;
      const body = bodyOf(entry) as Record<string, unknown>;
      mustParse('error_code' in body ? oauthErrorSchema : envelopeSchema, body, name);
    }
  },
  'etfetn_inquire_price_069500_doc.json': (s) => mustParse(etfPriceResponseSchema, bodyOf(s), 'etf price'),
  'etfetn_nav_comparison_trend_069500_doc.json': (s) =>
    mustParse(navComparisonResponseSchema, bodyOf(s), 'nav trend'),
  'hashkey_response.json': (s) => mustParse(hashkeyResponseSchema, bodyOf(s), 'hashkey'),
  'inquire_balance_doc.json': (s) => mustParse(balanceResponseSchema, bodyOf(s), 'balance'),
  'inquire_daily_ccld_doc.json': (s) => mustParse(dailyOrdersResponseSchema, bodyOf(s), 'daily ccld'),
  'inquire_daily_itemchartprice_000660_doc.json': (s) => {
    mustParse(dailyChartResponseSchema, bodyOf(s), 'chart');
    mustParse(dailyBarRowSchema, s['_extra_real_row'], 'chart extra row');
  },
  'inquire_daily_price_000660_doc.json': (s) => mustParse(dailyPriceResponseSchema, bodyOf(s), 'daily price'),
  'inquire_price_005930_real.json': (s) => mustParse(quoteResponseSchema, bodyOf(s), 'quote'),
  'inquire_psbl_order_doc.json': (s) => mustParse(buyingPowerResponseSchema, bodyOf(s), 'psbl order'),
  'order_cash_responses.json': (s) => {
    for (const name of ['real_success', 'real_success_2', 'paper_success']) {
      mustParse(orderResponseSchema, bodyOf(s[name]), name);
    }
    for (const name of ['reject_insufficient_cash', 'reject_paper_market_closed', 'error_malformed_body']) {
      mustParse(envelopeSchema, bodyOf(s[name]), name);
    }
  },
  'order_rvsecncl_doc.json': (s) => mustParse(orderResponseSchema, bodyOf(s), 'rvsecncl'),
  'ws_frames.json': (s) => {
    mustParse(wsSubscribeRequestSchema, (s['subscribe_request'] as Sample)['json'], 'subscribe request');
    mustParse(wsControlSchema, (s['subscribe_ack'] as Sample)['json'], 'subscribe ack');
    mustParse(wsControlSchema, (s['max_subscribe_error'] as Sample)['json'], 'max subscribe');
    mustParse(wsControlSchema, JSON.parse((s['pingpong'] as { text: string }).text), 'pingpong');
    for (const name of [
      'H0STCNT0_official_example',
      'H0STCNT0_real_2023_03_24',
      'H0STASP0_real',
      'H0STCNI0_encrypted_shape',
    ]) {
      if (!parseDataFrame((s[name] as { text: string }).text)) throw new Error(`${name}: not a data frame`);
    }
  },
};

describe('recorded KIS samples', () => {
  it.each(fixtureFiles())('when %s is read then it parses with the client schemas', (file) => {
    // Arrange
    const check = checks[file];
    // Act + Assert
    expect(check, `no schema check registered for ${file}`).toBeDefined();
    expect(() => check!(loadFixture(file))).not.toThrow();
  });

  it('when the real quote is parsed then every price is an integer from its string', () => {
    // Act
    const parsed = quoteResponseSchema.parse(fixtureBody('inquire_price_005930_real.json'));
    // Assert
    expect(parsed.output).toMatchObject({
      stck_prpr: 65850,
      prdy_vrss: -150,
      stck_sdpr: 66000,
      stck_mxpr: 85800,
      stck_llam: 46200,
      acml_vol: 1943202,
      aspr_unit: 100,
    });
  });

  it('when the balance sample is parsed then output2 (an array) becomes one summary and avg price stays text', () => {
    // Act
    const parsed = balanceResponseSchema.parse(fixtureBody('inquire_balance_doc.json'));
    // Assert
    expect(parsed.output2.dnca_tot_amt).toBe(346455);
    expect(parsed.output2.tot_evlu_amt).toBe(2106055);
    expect(parsed.output1[0]!.pchs_avg_pric).toBe('135440.2517');
    expect(parsed.output1[0]!.pchs_amt).toBe(224424497);
  });

  it('when the rvsecncl output comes in lower case then it parses like the upper-case example', () => {
    // Arrange
    const body = {
      rt_cd: '0',
      msg_cd: 'APBK0013',
      msg1: 'ok',
      output: { krx_fwdg_ord_orgno: '06010', odno: '0000000001', ord_tmd: '131438' },
    };
    // Act
    const parsed = orderResponseSchema.parse(body);
    // Assert
    expect(parsed.output.ODNO).toBe('0000000001');
  });

  it('when a numeric field carries text then parsing fails instead of producing NaN', () => {
    // Arrange
    const body = structuredClone(fixtureBody('inquire_price_005930_real.json')) as {
      output: Record<string, string>;
    };
    body.output['stck_prpr'] = 'abc';
    // Act
    const result = quoteResponseSchema.safeParse(body);
    // Assert
    expect(result.success).toBe(false);
  });

  it('when the official H0STCNT0 frame is read then it yields a trade tick', () => {
    // Arrange
    const text = loadFixture<{ H0STCNT0_official_example: { text: string } }>('ws_frames.json')
      .H0STCNT0_official_example.text;
    const frame = parseDataFrame(text)!;
    // Act
    const [record] = splitRecords(frame.payload, frame.count, TRADE_FIELD_COUNT);
    // Assert
    expect(record).toHaveLength(TRADE_FIELD_COUNT);
    expect(toTradeTick(record!)).toEqual({
      ticker: '005930',
      price: 71900,
      volume: 1,
      time: '093354',
      dayOpen: 72100,
      dayVolume: 3052507,
    });
  });
});
