import { z } from 'zod';
import { CALL_STATUSES, TEAM_ROLES } from './enums.ts';
import { isoDateTimeSchema } from './common.ts';
import { callSchema } from './calls.ts';
import { emailSchema } from './users.ts';
import {
  TEAM_LIST_ADD_MAX,
  TEAM_LIST_COOLDOWN_MAX,
  TEAM_LIST_DEFAULTS,
  TEAM_LIST_EXCLUDE_MAX,
  TEAM_LIST_MAX_ATTEMPTS_MAX,
  TEAM_NAME_MAX,
} from './constants.ts';

const nameSchema = z.string().trim().min(1).max(TEAM_NAME_MAX);

export const teamMemberSchema = z
  .object({
    userId: z.uuid(),
    name: z.string(),
    email: z.string(),
    role: z.enum(TEAM_ROLES),
    /** The account is disabled: it keeps its place in the team but cannot claim. */
    disabled: z.boolean(),
    joinedAt: isoDateTimeSchema,
  })
  .meta({ id: 'TeamMember' });
export type TeamMember = z.infer<typeof teamMemberSchema>;

export const teamSchema = z
  .object({
    id: z.uuid(),
    name: z.string(),
    members: z.array(teamMemberSchema),
    /** The caller's place in the team: null for an admin or manager who is not a member. */
    myRole: z.enum(TEAM_ROLES).nullable(),
    /** The caller may rename the team and change its members (an admin, or a manager who leads it). */
    canManage: z.boolean(),
    createdAt: isoDateTimeSchema,
  })
  .meta({ id: 'Team' });
export type Team = z.infer<typeof teamSchema>;

export const teamCreateSchema = z.object({ name: nameSchema }).strict();
export const teamPatchSchema = z.object({ name: nameSchema }).strict();
export const teamMemberAddSchema = z.object({ userId: z.uuid(), role: z.enum(TEAM_ROLES).default('member') }).strict();
export const teamMemberParamsSchema = z.object({ id: z.uuid(), userId: z.uuid() });

/** A team's manager looks a colleague up by their exact e-mail (no directory to browse). */
export const teamCandidateQuerySchema = z.object({ email: emailSchema }).strict();
export const teamCandidatesSchema = z
  .object({
    /** The active account with this e-mail, unless it is already in the team; otherwise empty. */
    items: z.array(z.object({ userId: z.uuid(), name: z.string(), email: z.string() })),
  })
  .meta({ id: 'TeamCandidates' });
export type TeamCandidates = z.infer<typeof teamCandidatesSchema>;

const cooldownSchema = z.number().int().min(0).max(TEAM_LIST_COOLDOWN_MAX);
const maxAttemptsSchema = z.number().int().min(1).max(TEAM_LIST_MAX_ATTEMPTS_MAX);

export const teamListSchema = z
  .object({
    id: z.uuid(),
    teamId: z.uuid(),
    teamName: z.string(),
    name: z.string(),
    cooldownMinutes: z.number().int(),
    maxAttempts: z.number().int(),
    archivedAt: isoDateTimeSchema.nullable(),
    /** The caller may rename, archive and fill the list and assign its calls (a lead of its team or an admin). */
    canEdit: z.boolean(),
    total: z.number().int(),
    remaining: z.number().int(),
    createdAt: isoDateTimeSchema,
  })
  .meta({ id: 'TeamList' });
export type TeamList = z.infer<typeof teamListSchema>;

export const teamListLeaseSchema = z
  .object({
    userId: z.uuid(),
    name: z.string(),
    callId: z.uuid(),
    firstName: z.string(),
    lastName: z.string(),
    expiresAt: isoDateTimeSchema,
  })
  .meta({ id: 'TeamListLease' });
export type TeamListLease = z.infer<typeof teamListLeaseSchema>;

export const teamListDetailSchema = teamListSchema
  .extend({
    progress: z.object({
      total: z.number().int(),
      /** Calls the queue could still hand out (open, reachable, under the attempt cap). */
      remaining: z.number().int(),
      /** Calls closed by an outcome (reached, not interested, wrong number, done) or at the attempt cap. */
      done: z.number().int(),
      byOutcome: z.record(z.enum(CALL_STATUSES), z.number().int()),
      byMember: z.array(
        z.object({ userId: z.uuid(), name: z.string(), attempts: z.number().int(), assigned: z.number().int() }),
      ),
    }),
    /** Who holds a lease on which contact of the list right now (live presence). */
    live: z.array(teamListLeaseSchema),
  })
  .meta({ id: 'TeamListDetail' });
export type TeamListDetail = z.infer<typeof teamListDetailSchema>;

export const teamListCreateSchema = z
  .object({
    name: nameSchema,
    teamId: z.uuid(),
    cooldownMinutes: cooldownSchema.default(TEAM_LIST_DEFAULTS.cooldownMinutes),
    maxAttempts: maxAttemptsSchema.default(TEAM_LIST_DEFAULTS.maxAttempts),
  })
  .strict();
export const teamListPatchSchema = z
  .object({ name: nameSchema, cooldownMinutes: cooldownSchema, maxAttempts: maxAttemptsSchema, archived: z.boolean() })
  .partial()
  .strict();
export const teamListQuerySchema = z.object({
  teamId: z.uuid().optional(),
  /** Archived lists are left out unless asked for. */
  archived: z
    .enum(['true', 'false'])
    .default('false')
    .transform((v) => v === 'true'),
});

export const teamListAddCallsSchema = z.object({ callIds: z.array(z.uuid()).min(1).max(TEAM_LIST_ADD_MAX) }).strict();
export const teamListAddCallsResultSchema = z
  .object({
    /** Calls put on the list by this request (personal calls now the team's, or moved from another list). */
    added: z.number().int(),
    /** Of those, calls that were on another list of the team. */
    moved: z.number().int(),
    alreadyOnList: z.number().int(),
  })
  .meta({ id: 'TeamListAddCallsResult' });

export const teamListNextSchema = z
  .object({ exclude: z.array(z.uuid()).max(TEAM_LIST_EXCLUDE_MAX).default([]) })
  .strict();
export const teamListReleaseSchema = z.object({ callId: z.uuid() }).strict();

export const teamListAssignSchema = z
  .object({
    callIds: z.array(z.uuid()).min(1).max(TEAM_LIST_ADD_MAX),
    /** A member of the list's team; null: anyone on the team may be handed them again. */
    assigneeId: z.uuid().nullable(),
  })
  .strict();
export const teamListAssignResultSchema = z
  .object({ assigned: z.number().int().describe('Calls whose assignee changed') })
  .meta({ id: 'TeamListAssignResult' });
export const teamListCallParamsSchema = z.object({ id: z.uuid(), callId: z.uuid() });
export const teamListClaimSchema = z
  .object({
    call: callSchema,
    lease: z.object({ expiresAt: isoDateTimeSchema }),
  })
  .meta({ id: 'TeamListClaim' });
export type TeamListClaim = z.infer<typeof teamListClaimSchema>;
