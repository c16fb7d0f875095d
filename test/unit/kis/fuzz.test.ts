/**
 * RELIABILITY row 16 for KIS bodies: whatever comes back (missing fields, wrong types, HTML error pages, random
 * JSON, empty bodies, any status), every read either returns a well-typed value or throws a typed KisError, and an
 * order POST always ends as accepted | rejected | unknown after exactly one POST — never a crash or a retry.
 */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { SystemClock } from '../../../src/adapters/clock/system';
import { createKisBroker } from '../../../src/adapters/kis/broker';
import { KisError } from '../../../src/adapters/kis/http/errors';
import { InMemoryTokenStore } from '../../../src/adapters/kis/token-store';
import { testConfig } from './support/broker-harness';
import { tokenReply } from './support/kis-stub';

const stringish = fc.oneof(
  fc.string({ maxLength: 12 }),
  fc.integer().map(String),
  fc.constant(''),
  fc.constant('-0.5'),
);
const value = fc.oneof(stringish, fc.integer(), fc.double(), fc.boolean(), fc.constant(null));
const record = fc.dictionary(
  fc.constantFrom(
    'stck_prpr',
    'stck_sdpr',
    'stck_mxpr',
    'stck_llam',
    'hldg_qty',
    'pdno',
    'dnca_tot_amt',
    'ODNO',
    'KRX_FWDG_ORD_ORGNO',
    'ORD_TMD',
    'ord_psbl_cash',
    'nrcvb_buy_qty',
    'tot_evlu_amt',
    'prvs_rcdl_excc_amt',
  ),
  value,
);
const body = fc.oneof(
  fc.record(
    {
      rt_cd: fc.constantFrom('0', '1', '7', 0, null),
      msg_cd: fc.oneof(stringish, fc.constantFrom('EGW00201', 'APBK0952', 'MCA00000')),
      msg1: stringish,
      output: fc.oneof(record, fc.array(record, { maxLength: 3 }), value),
      output1: fc.oneof(record, fc.array(record, { maxLength: 3 })),
      output2: fc.oneof(record, fc.array(record, { maxLength: 2 })),
    },
    { requiredKeys: [] },
  ),
  fc.constantFrom('<html><body>502 Bad Gateway</body></html>', '', 'null', '{"rt_cd":', 'not json at all'),
  fc.jsonValue().map((v) => JSON.stringify(v)),
);
const reply = fc.record({ status: fc.constantFrom(200, 200, 200, 400, 403, 404, 500, 502, 503), body });

function brokerAnswering(answer: { status: number; body: unknown }) {
  const posts: string[] = [];
  const fetch = async (url: string, init: RequestInit): Promise<Response> => {
    const path = new URL(url).pathname;
    if (path === '/oauth2/tokenP') return Response.json(tokenReply().body);
    if (init.method === 'POST') posts.push(path);
    const text = typeof answer.body === 'string' ? answer.body : JSON.stringify(answer.body);
    return new Response(text, {
      status: answer.status,
      headers: { 'content-type': 'application/json; charset=utf-8', tr_cont: 'D' },
    });
  };
  const broker = createKisBroker({
    config: testConfig('http://127.0.0.1:9'),
    clock: new SystemClock(),
    tokenStore: new InMemoryTokenStore(),
    fetch,
    sleep: async () => {},
    readRetry: { retries: 1, baseDelayMs: 0, maxDelayMs: 0 },
  });
  return { broker, posts };
}

const isTypedFailure = (error: unknown) => error instanceof KisError;

describe('KIS client against fuzzed bodies', () => {
  it('when a read gets any body at all then it returns a typed value or throws a typed KisError', async () => {
    await fc.assert(
      fc.asyncProperty(
        reply,
        fc.constantFrom('quote', 'balance', 'buyingPower', 'orders'),
        async (answer, call) => {
          const { broker } = brokerAnswering(answer);
          try {
            const result =
              call === 'quote'
                ? await broker.getQuote('069500')
                : call === 'balance'
                  ? await broker.getBalance()
                  : call === 'buyingPower'
                    ? await broker.getBuyingPower('069500', 35_980)
                    : await broker.listOrders('2026-11-23', '2026-11-23');
            const integers = JSON.stringify(result, (_k, v) =>
              typeof v === 'number' && !Number.isSafeInteger(v) ? 'NOT_AN_INTEGER' : v,
            );
            expect(integers).not.toContain('NOT_AN_INTEGER');
          } catch (error) {
            expect(isTypedFailure(error), String(error)).toBe(true);
          } finally {
            await broker.close();
          }
        },
      ),
      { numRuns: 300 },
    );
  });

  it('when an order POST gets any body at all then it ends accepted, rejected or unknown after exactly one POST', async () => {
    await fc.assert(
      fc.asyncProperty(reply, async (answer) => {
        const { broker, posts } = brokerAnswering(answer);
        try {
          const result = await broker.placeOrder({
            ticker: '069500',
            side: 'BUY',
            quantity: 1,
            orderType: 'LIMIT',
            limitPrice: 35_980,
          });
          expect(['accepted', 'rejected', 'unknown']).toContain(result.status);
          expect(posts.filter((p) => p.endsWith('/order-cash'))).toHaveLength(1);
          if (result.status === 'accepted') expect(result.brokerOrderId).toMatch(/\S/);
        } finally {
          await broker.close();
        }
      }),
      { numRuns: 300 },
    );
  });
});
