'use client';

import { useMemo } from 'react';
import { UserRound } from 'lucide-react';
import { DEFAULT_PROFILE } from '@ct/contracts/defaults';
import { DATE_FORMATS, LANGUAGES, TIME_FORMATS } from '@ct/contracts/enums';
import { InputField, SelectField } from '@/components/ui/field';
import { useSession } from '@/features/auth/session-provider';
import { useNow } from '@/lib/use-now';
import { UserAvatar } from '@/components/ui/avatar';
import { createFormatter } from '@/lib/format/format';
import { useI18n } from '@/lib/i18n';
import { useSettingsForm } from './settings-form-state';
import { SettingsCard } from './settings-card';
import * as settingsMessages from '@/lib/i18n/messages/settings';

/** Every IANA zone this browser knows, plus the user's own (kept even if the list lacks it). */
function timeZones(current: string): string[] {
  const zones = typeof Intl.supportedValuesOf === 'function' ? Intl.supportedValuesOf('timeZone') : [];
  return zones.includes(current) ? zones : [current, ...zones];
}

export function ProfileSection() {
  const { t } = useI18n({ settings: settingsMessages });
  const copy = t.settings.profile;
  const { user } = useSession();
  const form = useSettingsForm();
  const { language, timezone, dateFormat, timeFormat } = form.values;
  const savedZone = form.saved.timezone || DEFAULT_PROFILE.timezone;
  const now = useNow(60_000);
  const zones = useMemo(() => timeZones(savedZone), [savedZone]);
  // How dates will read once saved, with the values being edited.
  const preview = createFormatter({ language, timezone, dateFormat, timeFormat });
  const exampleInstant = '2026-11-26T14:05:00Z';

  if (!user) return null;
  return (
    <SettingsCard icon={UserRound} title={copy.title} hint={copy.hint}>
      <div className="mb-5 flex items-center gap-4">
        <UserAvatar name={user.name} email={user.email} className="size-14 text-lg" />
        <dl className="grid min-w-0 gap-1 text-sm">
          <div className="flex min-w-0 gap-2">
            <dt className="text-slate-600 dark:text-slate-400">{copy.email}</dt>
            <dd className="truncate font-medium text-slate-900 dark:text-slate-100">{user.email}</dd>
          </div>
          <div className="flex gap-2">
            <dt className="text-slate-600 dark:text-slate-400">{copy.role}</dt>
            <dd className="font-medium text-slate-900 dark:text-slate-100">{t.pages.settings.roles[user.role]}</dd>
          </div>
        </dl>
      </div>
      <div className="grid gap-4 sm:grid-cols-2">
        <InputField label={copy.name} autoComplete="name" error={form.error('name')} {...form.text('name')} />
        <SelectField
          label={copy.language}
          error={form.error('language')}
          options={LANGUAGES.map((value) => ({ value, label: t.pages.settings.languages[value] }))}
          {...form.text('language')}
        />
        <SelectField
          label={copy.timezone}
          error={form.error('timezone')}
          options={zones.map((zone) => ({ value: zone, label: zone.replaceAll('_', ' ') }))}
          {...form.text('timezone')}
        />
        <SelectField
          label={copy.dateFormat}
          error={form.error('dateFormat')}
          options={DATE_FORMATS.map((value) => ({
            value,
            label: `${createFormatter({ language, timezone: 'UTC', dateFormat: value, timeFormat }).date(exampleInstant)} (${value})`,
          }))}
          {...form.text('dateFormat')}
        />
        <SelectField
          label={copy.timeFormat}
          error={form.error('timeFormat')}
          options={TIME_FORMATS.map((value) => ({
            value,
            label: `${createFormatter({ language, timezone: 'UTC', dateFormat, timeFormat: value }).time(exampleInstant)} — ${t.pages.settings.timeFormats[value]}`,
          }))}
          {...form.text('timeFormat')}
        />
        <p className="self-end pb-2 text-sm text-slate-600 sm:col-span-1 dark:text-slate-400" aria-live="polite">
          {copy.preview(preview.date(now), preview.time(now))}
        </p>
      </div>
    </SettingsCard>
  );
}
