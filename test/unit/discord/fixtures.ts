import type { IntentRecord, OrderRecord } from '../../../src/app/trading-store';
import { RISK_RULES, type RiskCheck } from '../../../src/domain/risk';

export const INTENT_ID = '3f2b8c1e-5d4a-4e6f-9a7b-1c2d3e4f5a6b';

export const passingChecks: RiskCheck[] = RISK_RULES.map((rule) => ({ rule, ok: true, detail: {} }));

export function intent(overrides: Partial<IntentRecord> = {}): IntentRecord {
  return {
    id: INTENT_ID,
    source: 'chat',
    proposer: '1000000000000000401',
    sessionId: null,
    dailyRunId: null,
    idempotencyKey: null,
    ticker: '069500',
    side: 'BUY',
    quantity: 3,
    orderType: 'LIMIT',
    limitPrice: 35_980,
    rationale: '현금 비중이 높습니다.',
    precheck: {
      outcome: 'ALLOW',
      checks: passingChecks,
      referencePrice: 35_980,
      estimatedValue: 107_940,
      checkedAt: '2026-11-23T01:00:00.000Z',
    },
    status: 'AWAITING_APPROVAL',
    environment: 'paper',
    expiresAt: new Date('2026-11-23T01:10:00.000Z'),
    createdAt: new Date('2026-11-23T01:00:00.000Z'),
    decidedBy: null,
    decidedAt: null,
    decisionNote: null,
    firstApprovedBy: null,
    firstApprovedAt: null,
    cardRef: null,
    ...overrides,
  };
}

export function order(overrides: Partial<OrderRecord> = {}): OrderRecord {
  return {
    id: 'b1c2d3e4-0000-4000-8000-000000000001',
    intentId: INTENT_ID,
    environment: 'paper',
    ticker: '069500',
    side: 'BUY',
    quantity: 3,
    orderType: 'LIMIT',
    limitPrice: 35_980,
    status: 'ACCEPTED',
    brokerOrderId: '0000000001',
    brokerOrgNo: '00950',
    filledQuantity: 0,
    filledAmount: 0,
    fees: 0,
    rejectCode: null,
    rejectMessage: null,
    unknownReason: null,
    reconcileAttempts: 0,
    submittedAt: new Date('2026-11-23T01:00:01.000Z'),
    lastReconciledAt: null,
    createdAt: new Date('2026-11-23T01:00:01.000Z'),
    updatedAt: new Date('2026-11-23T01:00:01.000Z'),
    ...overrides,
  };
}
