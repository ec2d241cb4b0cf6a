import type { FastifyInstance } from 'fastify';
import { DateTime } from 'luxon';
import {
  CALL_STATUSES,
  type CallStatus,
  type CallSummary,
  type KpiReport,
  type ReportRange,
  type TeamKpi,
  type TeamReport,
  type TodayReport,
} from '@ct/contracts';
import { AppError } from '../../lib/errors.ts';
import { dateBounds, dayBounds, localDate } from '../../lib/time.ts';
import { listAttemptsBetween, listLiveLeases, listOutcomes } from '../calls/index.ts';
import { listTeamLists } from '../lists/index.ts';
import { listMembers, teamAccess, type Viewer } from '../teams/index.ts';
import { loadUserContext } from '../users/index.ts';
import * as repo from './reports.repository.ts';

function summarize(call: {
  id: string;
  contactFirstName: string;
  contactLastName: string;
  phone: string;
  phoneFlagged: boolean;
  status: CallStatus;
  type: CallSummary['type'];
}): CallSummary {
  return {
    id: call.id,
    firstName: call.contactFirstName,
    lastName: call.contactLastName,
    phone: call.phone,
    phoneFlagged: call.phoneFlagged,
    status: call.status,
    type: call.type,
  };
}

/** The local dates of a range (both ends included), oldest first. */
function datesOf(from: string, to: string): string[] {
  const out: string[] = [];
  for (let d = DateTime.fromISO(from, { zone: 'UTC' }); d.toISODate()! <= to; d = d.plus({ days: 1 }))
    out.push(d.toISODate()!);
  return out;
}

const shift = (date: string, days: number) => DateTime.fromISO(date, { zone: 'UTC' }).plus({ days }).toISODate()!;

/**
 * A report range as local dates in the user's zone — `7d` ends today — with the period of equal
 * length before it, and their instants (the benchmark builds the same queries from it).
 */
export function kpiRange(range: ReportRange, zone: string, now: Date) {
  const today = localDate(now, zone);
  const to = range.kind === 'preset' ? today : range.to;
  const from = range.kind === 'preset' ? shift(today, -(range.days - 1)) : range.from;
  const dates = datesOf(from, to);
  const previousTo = shift(from, -1);
  const previousFrom = shift(previousTo, -(dates.length - 1));
  const start = dateBounds(from, zone).start;
  const bounds: repo.KpiBounds = {
    start,
    end: dateBounds(to, zone).end,
    from,
    to,
    previousStart: dateBounds(previousFrom, zone).start,
    previousFrom,
    previousTo,
  };
  return { from, to, dates, previousFrom, previousTo, bounds };
}

/** A member row of the team report from the shared KPI figures (talk time: no telephony yet). */
function teamKpi({ totals, answered, callbacksDone, callbacksOnTime }: repo.MemberKpis): TeamKpi {
  return {
    attempts: totals.callsMade,
    answered,
    answerRate: totals.answerRate,
    callbacksDone,
    callbacksOnTime,
    callbacksOnTimeRate: totals.callbacksOnTimeRate,
    overdueCallbacks: totals.overdueCallbacks,
    talkSeconds: 0,
  };
}

export function createReportsService(app: FastifyInstance) {
  const { db, clock } = app;

  return {
    /** KPIs of a range of local dates, with the same figures for the period of equal length before. */
    async kpi(userId: string, range: ReportRange): Promise<KpiReport> {
      const { timezone: zone } = await loadUserContext(db, userId);
      const now = clock.now();
      const r = kpiRange(range, zone, now);
      const { totals, previous, series, statusMix, bestHours } = await repo.runKpiQueries(
        repo.buildKpiQueries(db, { kind: 'user', userId }, zone, r.bounds, now),
        r.bounds,
      );
      const byDate = new Map(series.map((p) => [p.date, p]));
      return {
        range: { from: r.from, to: r.to },
        totals,
        previous: { ...previous, range: { from: r.previousFrom, to: r.previousTo } },
        series: r.dates.map((date) => byDate.get(date) ?? { date, calls: 0, reached: 0 }),
        statusMix,
        bestHours,
      };
    },

    /**
     * A team's KPIs (GET /reports/team): the attempts its members logged and the callbacks they hold on
     * the calls of the team's lists, per member and in total, in the viewer's zone and with the
     * definitions of /reports/kpi; the lists' progress; who is on which contact now. A lead of the team
     * or an admin; a plain member gets 403, anyone else 404.
     */
    async team(viewer: Viewer, teamId: string, range: ReportRange): Promise<TeamReport> {
      const access = await teamAccess(db, viewer, teamId);
      if (!access.canEditLists) throw new AppError('forbidden', 'Only a lead of this team or an admin sees its report');
      const { timezone: zone } = await loadUserContext(db, viewer.userId);
      const now = clock.now();
      const r = kpiRange(range, zone, now);
      const [members, lists] = await Promise.all([listMembers(db, [teamId]), listTeamLists(db, teamId)]);
      const scope = { kind: 'team' as const, listIds: lists.map((l) => l.id), memberIds: members.map((m) => m.userId) };
      const kpis = await repo.runTeamKpis(db, scope, zone, r.bounds, now);
      const memberRows = members
        .map((m) => ({ userId: m.userId, name: m.name, ...teamKpi(kpis.byMember.get(m.userId)!) }))
        .sort((a, b) => a.name.localeCompare(b.name) || a.userId.localeCompare(b.userId));

      const [progress, leases] = await Promise.all([
        Promise.all(lists.map((list) => listOutcomes(db, list.id, list.maxAttempts))),
        listLiveLeases(
          db,
          lists.map((l) => l.id),
          now,
        ),
      ]);
      const listRows = lists.map((list, i) => ({
        listId: list.id,
        name: list.name,
        archived: list.archivedAt !== null,
        total: progress[i]!.total,
        remaining: progress[i]!.remaining,
        done: progress[i]!.done,
        byOutcome: progress[i]!.byOutcome,
      }));
      const live = leases.map((lease) => ({ ...lease, expiresAt: lease.expiresAt.toISOString() }));

      return {
        range: { from: r.from, to: r.to },
        totals: teamKpi(kpis.totals),
        members: memberRows,
        lists: listRows,
        leaderboard: memberRows
          .filter((m) => m.attempts > 0)
          .sort((a, b) => b.attempts - a.attempts || b.answered - a.answered || a.name.localeCompare(b.name))
          .map(({ userId, name, attempts, answered }) => ({ userId, name, attempts, answered })),
        live,
      };
    },

    /** Today's attempts and today's open reminders (overdue included), as the dashboard shows them. */
    async today(userId: string): Promise<TodayReport> {
      const { timezone: zone, settings } = await loadUserContext(db, userId);
      const now = clock.now();
      const { start, end } = dayBounds(now, zone);
      const [attempts, reminders] = await Promise.all([
        listAttemptsBetween(db, userId, start, end),
        repo.listOpenRemindersUntil(db, userId, end, settings.remindersOrder),
      ]);
      const made = attempts.filter(({ entry }) => entry.status !== 'to_call');
      const counts = Object.fromEntries(CALL_STATUSES.map((s) => [s, 0])) as Record<CallStatus, number>;
      for (const { entry } of made) counts[entry.status]++;
      return {
        date: localDate(now, zone),
        attempts: made.map(({ entry, call }) => ({
          id: entry.id,
          status: entry.status,
          note: entry.note,
          occurredAt: entry.occurredAt.toISOString(),
          call: summarize(call),
        })),
        reminders: reminders.map(({ reminder, call }) => ({
          id: reminder.id,
          scheduledAt: reminder.scheduledAt.toISOString(),
          priority: reminder.priority,
          note: reminder.note,
          overdue: reminder.scheduledAt < now,
          call: summarize(call),
        })),
        counts,
      };
    },
  };
}
