/**
 * The audit log's vocabulary: every action the API records, what it targets and the `meta` each one
 * carries. The API's `recordAudit` accepts only these shapes, the audit schema answers the action as
 * this enum, and the web labels every action from it. Zod-free, so the web can import it
 * (`@ct/contracts/audit`).
 */

export const AUDIT_ACTIONS = [
  'authn_login_success',
  'authn_login_fail',
  'authn_token_reuse',
  'authn_password_change',
  'authn_mfa_enrol_start',
  'authn_mfa_enable',
  'authn_mfa_disable',
  'authn_mfa_recovery_codes_regenerate',
  'authn_mfa_challenge',
  'authn_mfa_success',
  'authn_mfa_fail',
  'authn_mfa_recovery_code_used',
  'authz_fail',
  'session_logout',
  'session_revoke_others',
  'user_created',
  'user_role_changed',
  'user_disabled',
  'user_enabled',
  'user_mfa_reset',
  'sensitive_delete',
  'call_restored',
  'upload_complete',
  'import_reverted',
  'excess_rate_limit_exceeded',
  'team_created',
  'team_renamed',
  'team_member_added',
  'team_member_role_changed',
  'team_member_removed',
  'list_created',
  'list_updated',
  'list_calls_added',
  'list_calls_removed',
  'call_assigned',
] as const;
export type AuditAction = (typeof AUDIT_ACTIONS)[number];

export const AUDIT_TARGET_TYPES = ['session', 'user', 'route', 'call', 'reminder', 'import', 'team', 'team_list'] as const;
export type AuditTargetType = (typeof AUDIT_TARGET_TYPES)[number];

export const AUDIT_OUTCOMES = ['success', 'failure'] as const;
export type AuditOutcome = (typeof AUDIT_OUTCOMES)[number];

type NoMeta = Record<string, never>;
/** Why a second factor, a re-authentication or an enrolment was refused. */
interface Refusal {
  reason: string;
}

/** The `meta` of each action. A field that an action records only on failure is optional. */
export interface AuditMeta {
  authn_login_success: NoMeta;
  authn_login_fail: { reason: 'unknown_email' | 'disabled' | 'wrong_password' };
  /** `family`: the session whose refresh token was replayed (the whole family is revoked). */
  authn_token_reuse: { family: string };
  authn_password_change: { reason?: string; revokedSessions?: number };
  authn_mfa_enrol_start: Partial<Refusal>;
  authn_mfa_enable: Partial<Refusal>;
  authn_mfa_disable: Partial<Refusal>;
  authn_mfa_recovery_codes_regenerate: Partial<Refusal>;
  authn_mfa_challenge: NoMeta;
  authn_mfa_success: { method: 'totp' | 'recovery_code' };
  authn_mfa_fail: Refusal;
  authn_mfa_recovery_code_used: { remaining: number };
  authz_fail: NoMeta;
  session_logout: NoMeta;
  session_revoke_others: { revokedSessions: number };
  user_created: { role: string };
  user_role_changed: { from: string; to: string };
  user_disabled: NoMeta;
  user_enabled: NoMeta;
  user_mfa_reset: { sessionsRevoked: number };
  /**
   * A call or reminder deleted by its owner, or a call removed by reverting its import (`importId`,
   * `reason: 'import_reverted'`). `row` keeps what was deleted.
   */
  sensitive_delete: {
    row?: unknown;
    closedReminderIds?: string[];
    importId?: string;
    reason?: 'import_reverted';
  };
  call_restored: { row: unknown; reopenedReminderIds: string[] };
  upload_complete: {
    filename: string;
    totalRows?: number;
    created?: number;
    updated?: number;
    skipped?: number;
    failed?: number;
    reason?: string;
  };
  import_reverted: { reverted: number; keptEdited: number; alreadyDeleted: number };
  /** `key`: the throttle's bucket name, never the client's address or email. */
  excess_rate_limit_exceeded: { key: string };
  team_created: { name: string };
  team_renamed: { from: string; to: string };
  /** `userId`: the member added, with the place given. */
  team_member_added: { userId: string; role: 'member' | 'lead' };
  team_member_role_changed: { userId: string; from: 'member' | 'lead'; to: 'member' | 'lead' };
  /**
   * `releasedLeases`: the contacts the removed member had claimed, given back to the queue;
   * `unassignedCalls`: the team's calls assigned to them, anyone's again; `handedOverReminders`: their
   * open reminders on the team's calls, given to each call's owner.
   */
  team_member_removed: {
    userId: string;
    releasedLeases?: number;
    unassignedCalls?: number;
    handedOverReminders?: number;
  };
  list_created: { name: string; teamId: string };
  /** The fields changed, each with its value before and after (`archived` for archiving or restoring). */
  list_updated: { changes: Record<string, { from: unknown; to: unknown }> };
  /** `moved`: calls that were on another list of the same team before. */
  list_calls_added: { added: number; moved: number; callIds: string[] };
  /** Calls taken off the list, back to their owners; `handedOverReminders` went to the owners with them. */
  list_calls_removed: { callIds: string[]; handedOverReminders: number };
  /** `from`/`to`: the assignee before and after (null: nobody). */
  call_assigned: { listId: string; from: string | null; to: string | null };
}

/** What a service hands to the audit log: one action, its target and its typed `meta`. */
export type AuditEntry = {
  [A in AuditAction]: {
    actorId: string | null;
    action: A;
    targetType?: AuditTargetType | null;
    targetId?: string | null;
    outcome?: AuditOutcome;
  } & (NoMeta extends AuditMeta[A] ? { meta?: AuditMeta[A] } : { meta: AuditMeta[A] });
}[AuditAction];
