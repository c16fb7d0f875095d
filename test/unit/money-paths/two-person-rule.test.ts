import { describe, expect, it } from 'vitest';
import { approvalValueOf, needsTwoApprovers } from '../../../src/app/approvals';
import type { IntentRecord } from '../../../src/app/trading-store';

/** Written from the mutation run of src/app/approvals.ts (docs/quality/mutation.md, part 4). */
function intent(over: {
  estimatedValue?: number | null;
  referencePrice?: number | null;
  limitPrice?: number | null;
  quantity?: number;
}): IntentRecord {
  return {
    quantity: over.quantity ?? 3,
    limitPrice: over.limitPrice ?? null,
    precheck: {
      outcome: 'ALLOW',
      checks: [],
      referencePrice: over.referencePrice ?? null,
      estimatedValue: over.estimatedValue ?? null,
      checkedAt: '2026-11-23T01:00:00.000Z',
    },
  } as unknown as IntentRecord;
}

const discord = { userId: 'alice', roleIds: [], channel: 'discord' as const };
const terminal = { userId: 'owner', roleIds: [], channel: 'terminal' as const };
const policy = (twoPersonAboveKrw: number | null | undefined) => ({
  allowedUserIds: ['alice'],
  allowedRoleIds: [],
  ...(twoPersonAboveKrw === undefined ? {} : { twoPersonAboveKrw }),
});

describe('approvals: the value the two-person rule compares', () => {
  it('when the pre-check estimated a value then that value is used, not quantity × price', () => {
    expect(approvalValueOf(intent({ estimatedValue: 107_940, limitPrice: 99_999, quantity: 7 }))).toBe(
      107_940,
    );
    expect(approvalValueOf(intent({ estimatedValue: 0, limitPrice: 35_980 }))).toBe(0);
  });

  it('when there is no estimate then the limit price times the quantity is used, else the reference price', () => {
    expect(approvalValueOf(intent({ limitPrice: 35_980, referencePrice: 1, quantity: 3 }))).toBe(107_940);
    expect(approvalValueOf(intent({ referencePrice: 36_010, quantity: 4 }))).toBe(144_040);
  });

  it('when neither a price nor an estimate is known then the value is unknown (null)', () => {
    expect(approvalValueOf(intent({}))).toBeNull();
  });
});

describe('approvals: who needs a second approver', () => {
  const at = (value: number | null) => (value === null ? intent({}) : intent({ estimatedValue: value }));

  it('when no threshold is set then one approval is enough at any value, even an unknown one', () => {
    expect(needsTwoApprovers(at(10_000_000), policy(undefined), discord)).toBe(false);
    expect(needsTwoApprovers(at(null), policy(null), discord)).toBe(false);
  });

  it('when the value is exactly the threshold then one approval is enough; one won more needs two', () => {
    expect(needsTwoApprovers(at(100_000), policy(100_000), discord)).toBe(false);
    expect(needsTwoApprovers(at(100_001), policy(100_000), discord)).toBe(true);
    expect(needsTwoApprovers(at(99_999), policy(100_000), discord)).toBe(false);
  });

  it('when the value is unknown then it counts as above the threshold', () => {
    expect(needsTwoApprovers(at(null), policy(100_000), discord)).toBe(true);
  });

  it('when the terminal owner approves then one approval is enough above the threshold too', () => {
    expect(needsTwoApprovers(at(5_000_000), policy(100_000), terminal)).toBe(false);
    expect(needsTwoApprovers(at(null), policy(100_000), terminal)).toBe(false);
  });

  it('when the threshold is zero then every Discord approval of a positive value needs two', () => {
    expect(needsTwoApprovers(at(1), policy(0), discord)).toBe(true);
    expect(needsTwoApprovers(at(0), policy(0), discord)).toBe(false);
  });
});
