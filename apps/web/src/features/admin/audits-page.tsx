'use client';

import { keepPreviousData, useQuery } from '@tanstack/react-query';
import { CircleAlert, ScrollText } from 'lucide-react';
import { AUDIT_ACTIONS, type AuditAction } from '@ct/contracts/audit';
import { Badge } from '@/components/ui/badge';
import { Button } from '@/components/ui/button';
import { Card } from '@/components/ui/card';
import { InputField, SelectField } from '@/components/ui/field';
import { PageIntro } from '@/components/ui/page-intro';
import { Pagination } from '@/components/ui/pagination';
import { SkeletonRows } from '@/components/ui/skeleton';
import { Table, Td, Th } from '@/components/ui/table';
import { useFormatter } from '@/lib/format/use-formatter';
import { addDays, instantOf, pad2, parseIsoDate } from '@/lib/format/zoned';
import { useI18n } from '@/lib/i18n';
import { adminKeys, AUDITS_PAGE_SIZE, fetchActors, fetchAudits, type AuditQuery } from './admin.api';
import { pageParam, useUrlParams } from '@/lib/use-url-params';
import * as adminMessages from '@/lib/i18n/messages/admin';

const OUTCOMES = ['success', 'failure'] as const;

/** The URL's action filter, when it names an action of the vocabulary (anything else filters nothing). */
function auditActionOf(value: string | null): AuditAction | undefined {
  return (AUDIT_ACTIONS as readonly string[]).includes(value ?? '') ? (value as AuditAction) : undefined;
}

/** The instant a local day starts in `zone` (or the next day's, for an inclusive end), as ISO. */
function dayBoundary(isoDate: string, zone: string, isEnd: boolean): string | undefined {
  const date = parseIsoDate(isoDate);
  if (!date) return undefined;
  const day = isEnd ? addDays(date, 1) : date;
  const instant = instantOf(`${day.year}-${pad2(day.month)}-${pad2(day.day)}`, '00:00', zone);
  if (!instant) return undefined;
  return new Date(instant.getTime() - (isEnd ? 1 : 0)).toISOString();
}

/** /admin/audits: the audit log, newest first, filtered by action, outcome, actor and days (in the URL). */
export function AuditsPage() {
  const { t } = useI18n({ admin: adminMessages });
  const copy = t.admin.audits;
  const format = useFormatter();
  const { params, update } = useUrlParams();
  const page = pageParam(params.get('page'));
  const action = auditActionOf(params.get('action'));
  const outcome = params.get('outcome') ?? '';
  const actorId = params.get('actor') ?? '';
  const from = params.get('from') ?? '';
  const to = params.get('to') ?? '';
  const isRangeInvalid = Boolean(from && to && from > to);

  const query: AuditQuery = {
    page,
    action,
    outcome: outcome === 'success' || outcome === 'failure' ? outcome : undefined,
    actorId: actorId || undefined,
    from: from ? dayBoundary(from, format.zone, false) : undefined,
    to: to ? dayBoundary(to, format.zone, true) : undefined,
  };
  const audits = useQuery({
    queryKey: adminKeys.audits(query),
    queryFn: () => fetchAudits(query),
    placeholderData: keepPreviousData,
    enabled: !isRangeInvalid,
  });
  const actors = useQuery({ queryKey: adminKeys.actors, queryFn: fetchActors, staleTime: 5 * 60_000 });

  const setFilter = (key: string, value: string) => update({ [key]: value, page: null });
  const hasFilters = Boolean(action || outcome || actorId || from || to);
  const actionOptions = AUDIT_ACTIONS.map((value) => ({ value, label: copy.actions[value] })).sort((a, b) =>
    a.label.localeCompare(b.label),
  );

  return (
    <>
      <PageIntro>{copy.description}</PageIntro>
      <Card className="overflow-hidden">
        <fieldset className="grid gap-3 border-b border-slate-100 p-4 sm:grid-cols-2 lg:grid-cols-[repeat(5,minmax(0,1fr))_auto] lg:items-end dark:border-night-800">
          <legend className="sr-only">{copy.filters}</legend>
          <SelectField
            label={copy.action}
            value={action ?? ''}
            onChange={(event) => setFilter('action', event.target.value)}
            options={[{ value: '', label: copy.allActions }, ...actionOptions]}
          />
          <SelectField
            label={copy.outcome}
            value={outcome}
            onChange={(event) => setFilter('outcome', event.target.value)}
            options={[
              { value: '', label: copy.allOutcomes },
              ...OUTCOMES.map((value) => ({ value, label: copy.outcomes[value] })),
            ]}
          />
          <SelectField
            label={copy.actor}
            value={actorId}
            onChange={(event) => setFilter('actor', event.target.value)}
            options={[
              { value: '', label: copy.allActors },
              ...(actors.data?.items ?? []).map((user) => ({ value: user.id, label: user.email })),
            ]}
          />
          <InputField
            label={copy.from}
            type="date"
            value={from}
            max={to || undefined}
            onChange={(event) => setFilter('from', event.target.value)}
          />
          <InputField
            label={copy.to}
            type="date"
            value={to}
            min={from || undefined}
            onChange={(event) => setFilter('to', event.target.value)}
            error={isRangeInvalid ? copy.invalidRange : undefined}
          />
          <Button
            variant="ghost"
            disabled={!hasFilters}
            onClick={() => update({ action: null, outcome: null, actor: null, from: null, to: null, page: null })}
          >
            {copy.reset}
          </Button>
        </fieldset>

        {isRangeInvalid ? null : audits.isPending ? (
          <div className="p-4" aria-busy="true">
            <SkeletonRows rows={6} />
          </div>
        ) : audits.isError ? (
          <div className="flex flex-col items-center gap-3 px-6 py-12 text-center" role="alert">
            <CircleAlert className="size-7 text-rose-500" aria-hidden />
            <p className="text-sm text-slate-700 dark:text-slate-300">{copy.loadError}</p>
            <Button variant="secondary" onClick={() => void audits.refetch()}>
              {t.admin.retry}
            </Button>
          </div>
        ) : audits.data.items.length === 0 ? (
          <div className="flex flex-col items-center px-6 py-12 text-center">
            <ScrollText className="mb-3 size-8 text-slate-400" aria-hidden />
            <p className="font-semibold text-slate-900 dark:text-white">{copy.emptyTitle}</p>
            <p className="mt-1 text-sm text-slate-600 dark:text-slate-400">{copy.emptyBody}</p>
          </div>
        ) : (
          <>
            <div className="relative overflow-x-auto">
              <Table aria-busy={audits.isFetching}>
                <caption className="sr-only">{copy.caption}</caption>
                <thead>
                  <tr>
                    <Th>{copy.when}</Th>
                    <Th>{copy.what}</Th>
                    <Th>{copy.who}</Th>
                    <Th className="hidden md:table-cell">{copy.target}</Th>
                    <Th>{copy.result}</Th>
                    <Th className="hidden lg:table-cell">{copy.ip}</Th>
                  </tr>
                </thead>
                <tbody>
                  {audits.data.items.map((entry) => (
                    <tr key={entry.id}>
                      <Td className="whitespace-nowrap text-slate-700 dark:text-slate-300">
                        <time dateTime={entry.createdAt}>{format.dateTime(entry.createdAt)}</time>
                      </Td>
                      <Td className="font-medium text-slate-900 dark:text-white">{copy.actions[entry.action]}</Td>
                      <Td className="max-w-[14rem] truncate text-slate-700 dark:text-slate-300">
                        {entry.actorEmail ?? copy.system}
                      </Td>
                      <Td className="hidden max-w-[14rem] truncate text-slate-600 md:table-cell dark:text-slate-400">
                        {entry.targetType
                          ? `${copy.targets[entry.targetType]}${entry.targetId ? ` · ${entry.targetId.slice(0, 8)}` : ''}`
                          : '—'}
                      </Td>
                      <Td>
                        <Badge tone={entry.outcome === 'success' ? 'emerald' : 'rose'} hasDot>
                          {copy.outcomes[entry.outcome]}
                        </Badge>
                      </Td>
                      <Td className="hidden font-mono text-xs text-slate-600 lg:table-cell dark:text-slate-400">
                        {entry.ip ?? '—'}
                      </Td>
                    </tr>
                  ))}
                </tbody>
              </Table>
            </div>
            <Pagination
              className="px-4 py-3"
              page={page}
              pageSize={AUDITS_PAGE_SIZE}
              total={audits.data.total}
              onPage={(next) => update({ page: next === 1 ? null : String(next) })}
              labels={t.admin.pagination}
            />
          </>
        )}
      </Card>
    </>
  );
}
