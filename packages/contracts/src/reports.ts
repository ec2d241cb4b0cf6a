import { z } from 'zod';
import { CALL_STATUSES, CALL_TYPES, REMINDER_PRIORITIES } from './enums.ts';
import { DATE_MAX, DATE_MIN, isoDateSchema, isoDateTimeSchema, isYearInDateRange } from './common.ts';
import { REPORT_MAX_DAYS, REPORT_PRESETS } from './constants.ts';
import { DEFAULT_REPORT_RANGE } from './defaults.ts';

const DATE_RANGE = /^(\d{4}-\d{2}-\d{2})\.\.(\d{4}-\d{2}-\d{2})$/;

/** Days from `from` to `to`, both included, or null when either is not a real calendar date. */
function inclusiveDays(from: string, to: string): number | null {
  const parse = (s: string) => {
    const [y, m, d] = s.split('-').map(Number) as [number, number, number];
    const t = Date.UTC(y, m - 1, d);
    const back = new Date(t);
    return back.getUTCFullYear() === y && back.getUTCMonth() === m - 1 && back.getUTCDate() === d ? t : null;
  };
  const a = parse(from);
  const b = parse(to);
  return a === null || b === null ? null : Math.round((b - a) / 86_400_000) + 1;
}

export type ReportRange = { kind: 'preset'; days: number } | { kind: 'dates'; from: string; to: string };

/**
 * `7d`, `30d`, `90d` (ending today, in the user's zone) or `YYYY-MM-DD..YYYY-MM-DD` (both included,
 * at most 366 days, not reversed, both ends within DATE_MIN..DATE_MAX).
 */
export const reportRangeSchema = z
  .string()
  .max(40)
  .transform((value, ctx): ReportRange => {
    if ((REPORT_PRESETS as readonly string[]).includes(value))
      return { kind: 'preset', days: Number(value.slice(0, -1)) };
    const match = DATE_RANGE.exec(value);
    if (!match) {
      ctx.addIssue({ code: 'custom', message: 'Expected 7d, 30d, 90d or YYYY-MM-DD..YYYY-MM-DD' });
      return z.NEVER;
    }
    const [, from = '', to = ''] = match;
    const days = inclusiveDays(from, to);
    if (![from, to].every((date) => isYearInDateRange(Number(date.slice(0, 4)))))
      ctx.addIssue({ code: 'custom', message: `Expected dates from ${DATE_MIN} to ${DATE_MAX}` });
    else if (days === null) ctx.addIssue({ code: 'custom', message: 'Not a calendar date' });
    else if (days < 1) ctx.addIssue({ code: 'custom', message: 'The range ends before it starts' });
    else if (days > REPORT_MAX_DAYS) ctx.addIssue({ code: 'custom', message: `At most ${REPORT_MAX_DAYS} days` });
    else return { kind: 'dates', from, to };
    return z.NEVER;
  });

export const kpiQuerySchema = z.object({ range: reportRangeSchema.prefault(DEFAULT_REPORT_RANGE) });

export const kpiTotalsSchema = z
  .object({
    /** Call attempts (status-history entries other than to_call) on calls not deleted. */
    callsMade: z.number().int(),
    /** Distinct contacts with at least one answered attempt (reached, callback, not_interested, done). */
    contactsReached: z.number().int(),
    /** Answered attempts ÷ attempts, over numbers not flagged as fake; null without attempts. */
    answerRate: z.number().nullable(),
    /** Reminders created in the range. */
    callbacksScheduled: z.number().int(),
    /** Reminders due in the range (and already due) done on their local day or before, ÷ those reminders; null without any. */
    callbacksOnTimeRate: z.number().nullable(),
    /** Reminders due in the range, already past, and still not done. */
    overdueCallbacks: z.number().int(),
    /** Distinct contacts with a wrong_number attempt in the range. */
    wrongNumbers: z.number().int(),
  })
  .meta({ id: 'KpiTotals' });
export type KpiTotals = z.infer<typeof kpiTotalsSchema>;

export const kpiReportSchema = z
  .object({
    range: z.object({ from: isoDateSchema, to: isoDateSchema }),
    totals: kpiTotalsSchema,
    /** The same figures for the period of equal length just before. */
    previous: kpiTotalsSchema.extend({ range: z.object({ from: isoDateSchema, to: isoDateSchema }) }),
    /** One point per local day of the range, zeros included. */
    series: z.array(z.object({ date: isoDateSchema, calls: z.number().int(), reached: z.number().int() })),
    /** Attempts per outcome in the range (only outcomes that occurred). */
    statusMix: z.array(z.object({ status: z.enum(CALL_STATUSES), count: z.number().int() })),
    /** Answer rate per local weekday (1 = Monday) × hour, cells with attempts only, numbers not flagged. */
    bestHours: z.array(
      z.object({
        weekday: z.number().int().min(1).max(7),
        hour: z.number().int().min(0).max(23),
        attempts: z.number().int(),
        answered: z.number().int(),
        rate: z.number(),
      }),
    ),
  })
  .meta({ id: 'KpiReport' });
export type KpiReport = z.infer<typeof kpiReportSchema>;

export const callSummarySchema = z
  .object({
    id: z.uuid(),
    firstName: z.string(),
    lastName: z.string(),
    phone: z.string(),
    phoneFlagged: z.boolean(),
    status: z.enum(CALL_STATUSES),
    type: z.enum(CALL_TYPES),
  })
  .meta({ id: 'CallSummary' });
export type CallSummary = z.infer<typeof callSummarySchema>;

export const todayReportSchema = z
  .object({
    /** The caller's local date. */
    date: isoDateSchema,
    /** Today's attempts, newest first. */
    attempts: z.array(
      z.object({
        id: z.uuid(),
        status: z.enum(CALL_STATUSES),
        note: z.string(),
        occurredAt: isoDateTimeSchema,
        call: callSummarySchema,
      }),
    ),
    /** Open reminders due today or overdue, in the user's reminders order. */
    reminders: z.array(
      z.object({
        id: z.uuid(),
        scheduledAt: isoDateTimeSchema,
        priority: z.enum(REMINDER_PRIORITIES),
        note: z.string(),
        overdue: z.boolean(),
        call: callSummarySchema,
      }),
    ),
    /** Today's attempts per outcome, every outcome present (zeros included). */
    counts: z.record(z.enum(CALL_STATUSES), z.number().int()),
  })
  .meta({ id: 'TodayReport' });
export type TodayReport = z.infer<typeof todayReportSchema>;

export const teamReportQuerySchema = kpiQuerySchema.extend({ teamId: z.uuid() });

/**
 * One caller's figures on a team's lists (or the team's totals), with the definitions of /reports/kpi:
 * volumes count flagged numbers, rates leave them out.
 */
export const teamKpiSchema = z.object({
  /** Attempts (status-history entries other than to_call) logged on the team's lists' calls. */
  attempts: z.number().int(),
  /** Answered attempts (reached, callback, not_interested, done). */
  answered: z.number().int(),
  /** Answered ÷ attempts, numbers not flagged; null without attempts. */
  answerRate: z.number().nullable(),
  /** Callbacks due in the range (and already due) that are done. */
  callbacksDone: z.number().int(),
  /** Of those, done on or before their scheduled local day. */
  callbacksOnTime: z.number().int(),
  /** As /reports/kpi: on-time callbacks ÷ callbacks due, numbers not flagged; null without any. */
  callbacksOnTimeRate: z.number().nullable(),
  /** Callbacks due in the range, already past, still open. */
  overdueCallbacks: z.number().int(),
  /** Seconds on the phone: 0 until telephony logs call durations. */
  talkSeconds: z.number().int(),
});
export type TeamKpi = z.infer<typeof teamKpiSchema>;

export const teamReportSchema = z
  .object({
    range: z.object({ from: isoDateSchema, to: isoDateSchema }),
    totals: teamKpiSchema,
    /** Every member of the team (zeros included), by name. */
    members: z.array(teamKpiSchema.extend({ userId: z.uuid(), name: z.string() })),
    /** Every list of the team, archived ones included, with its progress (as GET /lists/:id). */
    lists: z.array(
      z.object({
        listId: z.uuid(),
        name: z.string(),
        archived: z.boolean(),
        total: z.number().int(),
        remaining: z.number().int(),
        done: z.number().int(),
        byOutcome: z.record(z.enum(CALL_STATUSES), z.number().int()),
      }),
    ),
    /** Members with attempts in the range, most attempts first (then most answered, then name). */
    leaderboard: z.array(
      z.object({ userId: z.uuid(), name: z.string(), attempts: z.number().int(), answered: z.number().int() }),
    ),
    /** Who holds a lease on which contact of the team's lists right now. */
    live: z.array(
      z.object({
        userId: z.uuid(),
        name: z.string(),
        listId: z.uuid(),
        callId: z.uuid(),
        firstName: z.string(),
        lastName: z.string(),
        expiresAt: isoDateTimeSchema,
      }),
    ),
  })
  .meta({ id: 'TeamReport' });
export type TeamReport = z.infer<typeof teamReportSchema>;
