/**
 * Who may approve: the person behind a click and the allow-list. Its own file so that anything gating a
 * person (approvals, blackouts, cancels) can ask without importing the approval workflow.
 */
export interface Approver {
  userId: string;
  roleIds: readonly string[];
  /** The terminal operator is the account owner at the keyboard. */
  channel: 'discord' | 'terminal';
}

export interface ApprovalPolicy {
  allowedUserIds: readonly string[];
  allowedRoleIds: readonly string[];
  /**
   * APPROVAL_TWO_PERSON_ABOVE_KRW: an order valued above this needs ✅ from two different approvers in
   * Discord (the first is recorded as "1 of 2"). Null or absent: one ✅ is enough. The terminal is one person,
   * the account owner, and is not asked for a second.
   */
  twoPersonAboveKrw?: number | null;
}

/** Deny by default: only listed users or holders of a listed role may approve in Discord. */
export function isAllowedApprover(approver: Approver, policy: ApprovalPolicy): boolean {
  if (approver.channel === 'terminal') return true;
  return (
    policy.allowedUserIds.includes(approver.userId) ||
    approver.roleIds.some((r) => policy.allowedRoleIds.includes(r))
  );
}
