import { describe, expect, it } from 'vitest';
import {
  classifyKisResponse,
  errorForClass,
  type KisExchangeOutcome,
  KisRejectedError,
  type KisResponseClass,
  KisThrottledError,
  KisTokenRejectedError,
  KisUnknownOutcomeError,
  redactSecrets,
} from '../../../src/adapters/kis/http/errors';
import { fixtureBody, loadFixture } from './support/fixtures';

const envelope = (rt_cd: string, msg_cd: string, msg1 = 'message') => ({ rt_cd, msg_cd, msg1 });
const gateway =
  loadFixture<Record<string, { http_status: number | string; body: unknown }>>('errors_gateway.json');
const orders =
  loadFixture<Record<string, { http_status: number; body: unknown }>>('order_cash_responses.json');

const table: Array<[string, KisExchangeOutcome, KisResponseClass]> = [
  ['200 rt_cd 0 MCA00000', { sent: true, httpStatus: 200, body: envelope('0', 'MCA00000') }, 'OK'],
  ['200 order accepted APBK0013', { sent: true, httpStatus: 200, body: orders['real_success']!.body }, 'OK'],
  ['200 paper accepted 40600000', { sent: true, httpStatus: 200, body: orders['paper_success']!.body }, 'OK'],
  [
    '200 rt_cd 7 APBK0952',
    { sent: true, httpStatus: 200, body: orders['reject_insufficient_cash']!.body },
    'REJECTED',
  ],
  [
    '200 rt_cd 1 40580000',
    { sent: true, httpStatus: 200, body: orders['reject_paper_market_closed']!.body },
    'REJECTED',
  ],
  [
    '200 rt_cd 1 with msg1 only',
    { sent: true, httpStatus: 200, body: { rt_cd: '1', msg_cd: '', msg1: '주문수량을 확인 하여 주십시요.' } },
    'REJECTED',
  ],
  [
    '500 IGW00007 malformed body',
    { sent: true, httpStatus: 500, body: orders['error_malformed_body']!.body },
    'REJECTED',
  ],
  [
    '500 OPSQ2001 bad field',
    { sent: true, httpStatus: 500, body: gateway['bad_field_name']!.body },
    'REJECTED',
  ],
  [
    '500 EGW00201 rate limit',
    { sent: true, httpStatus: 500, body: gateway['rate_limit']!.body },
    'RETRY_READ',
  ],
  ['200 EGW00201 rate limit', { sent: true, httpStatus: 200, body: envelope('1', 'EGW00201') }, 'RETRY_READ'],
  [
    '500 EGW00215 ledger limit',
    { sent: true, httpStatus: 500, body: gateway['ledger_rate_limit']!.body },
    'RETRY_READ',
  ],
  [
    '403 EGW00133 token issuance',
    { sent: true, httpStatus: 403, body: gateway['token_issue_too_frequent']!.body },
    'RETRY_READ',
  ],
  [
    '500 EGW00123 expired token',
    { sent: true, httpStatus: 500, body: gateway['token_expired']!.body },
    'REISSUE_TOKEN',
  ],
  [
    '200 EGW00123 expired token',
    { sent: true, httpStatus: 200, body: envelope('1', 'EGW00123') },
    'REISSUE_TOKEN',
  ],
  [
    '500 EGW00121 invalid token',
    { sent: true, httpStatus: 500, body: gateway['token_invalid']!.body },
    'REISSUE_TOKEN',
  ],
  [
    '200 EGW00121 invalid token',
    { sent: true, httpStatus: 200, body: envelope('1', 'EGW00121') },
    'REISSUE_TOKEN',
  ],
  [
    '500 EGW00122 token not found',
    { sent: true, httpStatus: 500, body: envelope('1', 'EGW00122') },
    'REISSUE_TOKEN',
  ],
  [
    '200 EGW00122 token not found',
    { sent: true, httpStatus: 200, body: envelope('1', 'EGW00122') },
    'REISSUE_TOKEN',
  ],
  [
    'oauth shape EGW00121 on revoke',
    { sent: true, httpStatus: 403, body: { error_code: 'EGW00121', error_description: 'x' } },
    'REISSUE_TOKEN',
  ],
  ['500 EGW00103 bad appkey', { sent: true, httpStatus: 500, body: envelope('1', 'EGW00103') }, 'FATAL'],
  [
    '500 EGW00213 (portal: another meaning)',
    { sent: true, httpStatus: 500, body: envelope('1', 'EGW00213') },
    'FATAL',
  ],
  [
    '500 EGW02006 real TR on paper',
    { sent: true, httpStatus: 500, body: envelope('1', 'EGW02006') },
    'CONFIGURATION',
  ],
  [
    '500 EGW02007 real key on paper',
    { sent: true, httpStatus: 500, body: envelope('1', 'EGW02007') },
    'CONFIGURATION',
  ],
  [
    '500 EGW02004 paper key on real',
    { sent: true, httpStatus: 500, body: envelope('1', 'EGW02004') },
    'CONFIGURATION',
  ],
  [
    '200 rt_cd 2 OPSQ2001 missing field',
    { sent: true, httpStatus: 200, body: envelope('2', 'OPSQ2001') },
    'REJECTED',
  ],
  ['timeout after sending', { sent: true, timedOut: true }, 'UNKNOWN'],
  ['connection reset after sending', { sent: true, networkError: true }, 'UNKNOWN'],
  ['connection refused (never sent)', { sent: false, networkError: true }, 'RETRY_READ'],
  ['500 with no body', { sent: true, httpStatus: 500 }, 'UNKNOWN'],
  ['502 with an HTML page', { sent: true, httpStatus: 502, body: '<html>Bad Gateway</html>' }, 'UNKNOWN'],
  ['200 with unparseable text', { sent: true, httpStatus: 200, body: 'not json' }, 'UNKNOWN'],
  ['200 with JSON lacking rt_cd', { sent: true, httpStatus: 200, body: {} }, 'UNKNOWN'],
  ['500 claiming rt_cd 0', { sent: true, httpStatus: 500, body: envelope('0', 'MCA00000') }, 'UNKNOWN'],
  ['429 without a code', { sent: true, httpStatus: 429 }, 'RETRY_READ'],
  ['404 HTML page', { sent: true, httpStatus: 404, body: '<html>Not Found</html>' }, 'FATAL'],
  ['408 without a code', { sent: true, httpStatus: 408 }, 'UNKNOWN'],
];

describe('classifyKisResponse', () => {
  it.each(table)('when the answer is %s then it is classified accordingly', (_name, outcome, expected) => {
    // Act
    const kind = classifyKisResponse(outcome);
    // Assert
    expect(kind).toBe(expected);
  });
});

describe('error tree', () => {
  it('when a class becomes an error then its retry advice follows the class', () => {
    // Act
    const rejected = errorForClass('REJECTED', 'APBK0952', 'no cash');
    const unknown = errorForClass('UNKNOWN', 'TIMEOUT', 'lost');
    const throttled = errorForClass('RETRY_READ', 'EGW00201', 'too fast');
    const token = errorForClass('REISSUE_TOKEN', 'EGW00123', 'expired');
    // Assert
    expect(rejected).toBeInstanceOf(KisRejectedError);
    expect(rejected.retry).toBe('never');
    expect(unknown).toBeInstanceOf(KisUnknownOutcomeError);
    expect(unknown.retry).toBe('unknown');
    expect(throttled).toBeInstanceOf(KisThrottledError);
    expect(throttled.retry).toBe('safe');
    expect(token).toBeInstanceOf(KisTokenRejectedError);
    expect(token.code).toBe('EGW00123');
  });

  it('when server text contains a secret then redaction removes it', () => {
    // Act
    const text = redactSecrets('bad key APPKEY123456 and SECRET98765', ['APPKEY123456', 'SECRET98765']);
    // Assert
    expect(text).toBe('bad key *** and ***');
  });

  it('when the sample token-rate body is classified then its HTTP status from the sample is 403', () => {
    // Arrange
    const body = fixtureBody('auth_token_rate_limited.json');
    // Act
    const kind = classifyKisResponse({ sent: true, httpStatus: 403, body });
    // Assert
    expect(kind).toBe('RETRY_READ');
  });
});
