import { describe, expect, it } from 'vitest';
import { isAllowedApprover, orderIntentDraftSchema } from '../../../src/app/approvals';

const policy = { allowedUserIds: ['alice'], allowedRoleIds: ['role-approver'] };

describe('approvals: who may approve', () => {
  it('when a listed user clicks in Discord then they may approve', () => {
    expect(isAllowedApprover({ userId: 'alice', roleIds: [], channel: 'discord' }, policy)).toBe(true);
  });

  it('when an unlisted user holds a listed role then they may approve', () => {
    expect(
      isAllowedApprover({ userId: 'carol', roleIds: ['other', 'role-approver'], channel: 'discord' }, policy),
    ).toBe(true);
  });

  it('when an unlisted user holds only other roles then they may not approve', () => {
    expect(isAllowedApprover({ userId: 'mallory', roleIds: ['other'], channel: 'discord' }, policy)).toBe(
      false,
    );
  });

  it('when the policy lists nobody then nobody in Discord may approve, but the terminal operator may', () => {
    const empty = { allowedUserIds: [], allowedRoleIds: [] };
    expect(
      isAllowedApprover({ userId: 'alice', roleIds: ['role-approver'], channel: 'discord' }, empty),
    ).toBe(false);
    expect(isAllowedApprover({ userId: 'owner', roleIds: [], channel: 'terminal' }, empty)).toBe(true);
  });
});

const draft = {
  source: 'chat',
  proposer: 'alice',
  ticker: '069500',
  side: 'BUY',
  quantity: 3,
  orderType: 'LIMIT',
  limitPrice: 35_980,
  rationale: 'test',
};

const accepts = (overrides: Record<string, unknown>) =>
  orderIntentDraftSchema.safeParse({ ...draft, ...overrides }).success;

describe('approvals: the order draft at the boundary', () => {
  it('when the draft is well formed then it parses to the same values', () => {
    expect(orderIntentDraftSchema.parse(draft)).toEqual(draft);
  });

  it.each([
    ['a 5-digit ticker', { ticker: '06950' }],
    ['a ticker with letters', { ticker: '0695A0' }],
    ['a ticker with a suffix', { ticker: '0695001' }],
    ['zero quantity', { quantity: 0 }],
    ['a fractional quantity', { quantity: 1.5 }],
    ['more than a million shares', { quantity: 1_000_001 }],
    ['a zero limit price', { limitPrice: 0 }],
    ['a fractional limit price', { limitPrice: 35_980.5 }],
    ['a limit price above 100,000,000', { limitPrice: 100_000_001 }],
    ['a LIMIT order without a price', { limitPrice: undefined }],
    ['a MARKET order with a price', { orderType: 'MARKET' }],
    ['an empty proposer', { proposer: '' }],
    ['a proposer of 201 characters', { proposer: 'p'.repeat(201) }],
    ['a rationale of 2,001 characters', { rationale: 'r'.repeat(2_001) }],
    ['an unknown source', { source: 'news' }],
    ['an unknown side', { side: 'SHORT' }],
    ['a session id that is not a uuid', { sessionId: 'abc' }],
    ['a daily run id that is not a uuid', { dailyRunId: 'abc' }],
    ['an idempotency key of 201 characters', { idempotencyKey: 'k'.repeat(201) }],
    ['a ttl under a minute', { ttlMs: 59_999 }],
    ['a ttl over a day', { ttlMs: 24 * 60 * 60_000 + 1 }],
    ['a fractional ttl', { ttlMs: 60_000.5 }],
  ])('when the draft has %s then it is refused', (_what, overrides) => {
    expect(accepts(overrides)).toBe(false);
  });

  it.each([
    ['one share', { quantity: 1 }],
    ['a million shares', { quantity: 1_000_000 }],
    ['a limit price of 100,000,000', { limitPrice: 100_000_000 }],
    ['a MARKET order without a price', { orderType: 'MARKET', limitPrice: undefined }],
    ['a proposer of 200 characters', { proposer: 'p'.repeat(200) }],
    ['a rationale of 2,000 characters', { rationale: 'r'.repeat(2_000) }],
    ['an idempotency key of 200 characters', { idempotencyKey: 'k'.repeat(200) }],
    ['a ttl of one minute', { ttlMs: 60_000 }],
    ['a ttl of one day', { ttlMs: 24 * 60 * 60_000 }],
    ['uuid session and run ids', { sessionId: crypto.randomUUID(), dailyRunId: crypto.randomUUID() }],
    ['a cycle source selling', { source: 'cycle', side: 'SELL' }],
    ['a monitor source', { source: 'monitor' }],
  ])('when the draft has %s then it is accepted', (_what, overrides) => {
    expect(accepts(overrides)).toBe(true);
  });

  it('when a LIMIT order has no price then the error points at limitPrice', () => {
    const result = orderIntentDraftSchema.safeParse({ ...draft, limitPrice: undefined });
    expect(result.success).toBe(false);
    expect(result.error?.issues.map((i) => [i.path.join('.'), i.message])).toEqual([
      ['limitPrice', 'a LIMIT order needs limitPrice; a MARKET order must not have one'],
    ]);
  });

  it('when the ticker is malformed then the message says what a ticker is', () => {
    const result = orderIntentDraftSchema.safeParse({ ...draft, ticker: 'abc' });
    expect(result.error?.issues[0]?.message).toBe('ticker must be a 6-digit KRX code');
  });
});
