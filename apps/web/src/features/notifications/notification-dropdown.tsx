'use client';

import { BellRing, CheckCheck } from 'lucide-react';
import type { Notification } from '@ct/contracts';
import { LoadError } from '@/components/query-state';
import { Button } from '@/components/ui/button';
import { Skeleton } from '@/components/ui/skeleton';
import { Spinner } from '@/components/ui/spinner';
import { cn } from '@/lib/cn';
import { useFormatter } from '@/lib/format/use-formatter';
import { useI18n } from '@/lib/i18n';
import { NOTIFICATION_KINDS } from './notification-kinds';
import { useNotifications } from './notification-provider';
import { useNow } from '@/lib/use-now';

/** The bell's panel: the latest notifications by kind, newest first; a click opens what one is about. */
export function NotificationDropdown({ id, onNavigate }: { id: string; onNavigate: () => void }) {
  const { t } = useI18n();
  const copy = t.notifications;
  const center = useNotifications();
  const now = useNow(30_000);

  return (
    <div
      id={id}
      role="region"
      aria-label={copy.panelTitle}
      className="absolute right-0 z-40 mt-2 flex max-h-[min(36rem,calc(100dvh-6rem))] w-[min(24rem,calc(100vw-1.5rem))] flex-col overflow-hidden rounded-2xl border border-slate-200/80 bg-white shadow-xl max-sm:fixed max-sm:inset-x-3 max-sm:top-16 max-sm:w-auto dark:border-night-700 dark:bg-night-900"
    >
      <div className="flex items-center gap-3 border-b border-slate-100 px-4 py-3 dark:border-night-800">
        <div className="min-w-0 flex-1">
          <h2 className="text-sm font-semibold text-slate-900 dark:text-white">{copy.panelTitle}</h2>
          <p className="text-xs text-slate-600 dark:text-slate-400" aria-live="polite">
            {copy.unreadSummary(center.unread)}
          </p>
        </div>
        <Button
          variant="ghost"
          className="h-8 px-2.5 text-xs"
          onClick={center.markAllRead}
          disabled={center.unread === 0 || center.isMarkingAllRead}
        >
          {center.isMarkingAllRead ? <Spinner className="size-3.5" /> : <CheckCheck className="size-4" aria-hidden />}
          {center.isMarkingAllRead ? copy.markingAllRead : copy.markAllRead}
        </Button>
      </div>

      {center.live === 'polling' ? (
        <p className="border-b border-amber-100 bg-amber-50 px-4 py-2 text-xs text-amber-800 dark:border-amber-500/20 dark:bg-amber-500/10 dark:text-amber-200">
          {copy.liveOff}
        </p>
      ) : null}

      <div className="min-h-0 flex-1 overflow-y-auto">
        {center.status === 'loading' ? (
          <div className="space-y-4 p-4" aria-busy="true">
            {[0, 1, 2].map((row) => (
              <div key={row} className="flex gap-3">
                <Skeleton className="size-9 shrink-0 rounded-xl" />
                <div className="flex-1 space-y-2">
                  <Skeleton className="h-3.5 w-3/5" />
                  <Skeleton className="h-3 w-4/5" />
                </div>
              </div>
            ))}
          </div>
        ) : center.status === 'error' ? (
          <LoadError variant="section" message={copy.loadError} onRetry={center.retry} />
        ) : center.items.length === 0 ? (
          <div className="px-5 py-8 text-center">
            <span className="mx-auto mb-3 flex size-11 items-center justify-center rounded-xl bg-iris-50 text-iris-600 dark:bg-iris-500/15 dark:text-orchid-300">
              <BellRing className="size-5" aria-hidden />
            </span>
            <p className="text-sm font-semibold text-slate-900 dark:text-white">{copy.emptyTitle}</p>
            <p className="mt-1 text-sm text-slate-600 dark:text-slate-400">{copy.emptyBody}</p>
          </div>
        ) : (
          <ul className="divide-y divide-slate-100 dark:divide-night-800">
            {center.items.map((item) => (
              <li key={item.id}>
                <NotificationRow
                  item={item}
                  now={now}
                  onOpen={() => {
                    onNavigate();
                    void center.open(item);
                  }}
                />
              </li>
            ))}
          </ul>
        )}
      </div>
    </div>
  );
}

function NotificationRow({ item, now, onOpen }: { item: Notification; now: Date; onOpen: () => void }) {
  const { t } = useI18n();
  const format = useFormatter();
  const { icon: Icon, tint } = NOTIFICATION_KINDS[item.type];
  const isUnread = item.readAt === null;
  return (
    <button
      type="button"
      onClick={onOpen}
      className={cn(
        'flex w-full gap-3 px-4 py-3 text-left transition hover:bg-slate-50 focus-visible:bg-slate-50 dark:hover:bg-night-800 dark:focus-visible:bg-night-800',
        isUnread && 'bg-iris-50/40 dark:bg-iris-500/[0.06]',
      )}
    >
      <span className={cn('flex size-9 shrink-0 items-center justify-center rounded-xl', tint)}>
        <Icon className="size-[18px]" aria-hidden />
      </span>
      <span className="min-w-0 flex-1">
        <span className="flex items-baseline gap-2">
          <span className="text-[11px] font-semibold tracking-wide text-slate-500 uppercase dark:text-slate-400">
            {t.notifications.types[item.type]}
          </span>
          <time
            dateTime={item.createdAt}
            title={format.dateTime(item.createdAt)}
            className="ml-auto shrink-0 text-xs text-slate-500 dark:text-slate-400"
          >
            {format.relative(item.createdAt, now)}
          </time>
        </span>
        <span
          className={cn(
            'mt-0.5 block text-sm break-words text-slate-900 dark:text-slate-100',
            isUnread ? 'font-semibold' : 'font-medium',
          )}
        >
          {item.title}
        </span>
        {item.body ? (
          <span className="mt-0.5 line-clamp-2 block text-sm break-words text-slate-600 dark:text-slate-400">
            {item.body}
          </span>
        ) : null}
      </span>
      {isUnread ? (
        <span
          className="mt-1.5 size-2 shrink-0 rounded-full bg-iris-500"
          role="img"
          aria-label={t.notifications.unread}
        />
      ) : null}
    </button>
  );
}
