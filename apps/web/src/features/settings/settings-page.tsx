'use client';

import { UserRound } from 'lucide-react';
import { Card } from '@/components/ui/card';
import { PageIntro } from '@/components/ui/page-intro';
import { useSession } from '@/features/auth/session-provider';
import { UserAvatar } from '@/features/shell/user-avatar';
import { useI18n } from '@/lib/i18n';

/** For now the profile, read-only; the editable sections (work, notifications) come with /me/settings. */
export function SettingsPage() {
  const { t } = useI18n();
  const { user } = useSession();
  const copy = t.pages.settings;
  if (!user) return null;

  const rows: [string, string][] = [
    [copy.name, user.name],
    [copy.email, user.email],
    [copy.role, copy.roles[user.role]],
    [copy.language, copy.languages[user.language]],
    [copy.timezone, user.timezone.replaceAll('_', ' ')],
    [copy.dateFormat, user.dateFormat],
    [copy.timeFormat, copy.timeFormats[user.timeFormat]],
  ];

  return (
    <>
      <PageIntro>{copy.description}</PageIntro>
      <Card aria-labelledby="settings-profile">
        <div className="flex items-center gap-3 border-b border-slate-100 px-5 py-4 sm:px-6 dark:border-night-800">
          <span className="flex size-10 items-center justify-center rounded-xl bg-iris-50 text-iris-600 dark:bg-iris-500/15 dark:text-orchid-300">
            <UserRound className="size-5" aria-hidden />
          </span>
          <div>
            <h2 id="settings-profile" className="text-base font-semibold text-slate-900 dark:text-white">
              {copy.profile}
            </h2>
            <p className="text-sm text-slate-600 dark:text-slate-400">{copy.profileHint}</p>
          </div>
        </div>
        <div className="flex flex-col gap-6 px-5 py-5 sm:flex-row sm:px-6">
          <UserAvatar name={user.name} email={user.email} className="size-16 text-xl" />
          <dl className="grid flex-1 gap-x-8 gap-y-4 sm:grid-cols-2">
            {rows.map(([label, value]) => (
              <div key={label} className="min-w-0">
                <dt className="text-xs font-medium tracking-wide text-slate-500 uppercase dark:text-slate-400">{label}</dt>
                <dd className="mt-1 truncate text-sm font-medium text-slate-900 dark:text-slate-100">{value}</dd>
              </div>
            ))}
          </dl>
        </div>
      </Card>
    </>
  );
}
