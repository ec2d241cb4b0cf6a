'use client';

import { useState, useSyncExternalStore } from 'react';
import { Bell, MonitorSmartphone } from 'lucide-react';
import { NOTIF_FREQUENCIES } from '@ct/contracts/enums';
import { Button } from '@/components/ui/button';
import { SelectField } from '@/components/ui/field';
import {
  desktopPermission,
  requestDesktopPermission,
  type DesktopPermission,
} from '@/features/notifications/desktop-notifications';
import { useI18n } from '@/lib/i18n';
import { useSettingsForm } from './settings-form-state';
import { SettingsCard } from './settings-card';
import { ToggleField } from './toggle-field';
import * as settingsMessages from '@/lib/i18n/messages/settings';

export function NotificationsSection() {
  const { t } = useI18n({ settings: settingsMessages });
  const copy = t.settings.notifications;
  const form = useSettingsForm();
  const isEnabled = form.values.enableNotifications;

  return (
    <SettingsCard icon={Bell} title={copy.title} hint={copy.hint}>
      <div className="grid gap-4 sm:grid-cols-2">
        <ToggleField
          label={copy.enableNotifications}
          className="sm:col-span-2"
          {...form.toggle('enableNotifications')}
        />
        {!isEnabled ? (
          <p className="rounded-xl bg-amber-50 px-3.5 py-2.5 text-sm text-amber-800 sm:col-span-2 dark:bg-amber-500/10 dark:text-amber-200">
            {copy.disabledHint}
          </p>
        ) : null}
        <ToggleField label={copy.notifReminder} {...form.toggle('notifReminder')} />
        <ToggleField label={copy.notifCalls} {...form.toggle('notifCalls')} />
        <ToggleField label={copy.notifFraud} {...form.toggle('notifFraud')} />
        <ToggleField label={copy.notifTeam} {...form.toggle('notifTeam')} />
        <SelectField
          label={copy.notifFrequency}
          error={form.error('notifFrequency')}
          options={NOTIF_FREQUENCIES.map((value) => ({ value, label: copy.frequencies[value] }))}
          {...form.text('notifFrequency')}
        />
        <DesktopPermission />
      </div>
    </SettingsCard>
  );
}

/** The permission changes only through the browser's prompt, whose answer this component keeps. */
const subscribeToNothing = () => () => {};

/** The browser's own permission for desktop notifications (not a saved setting: it lives in the browser). */
function DesktopPermission() {
  const { t } = useI18n({ settings: settingsMessages });
  const copy = t.notifications.desktop;
  // Read from the browser after hydration (the server cannot know it, and both first renders must agree).
  const current = useSyncExternalStore(subscribeToNothing, desktopPermission, () => 'unsupported' as const);
  const [answered, setPermission] = useState<DesktopPermission | null>(null);
  const permission = answered ?? current;
  const status =
    permission === 'granted'
      ? copy.enabled
      : permission === 'denied'
        ? copy.denied
        : permission === 'unsupported'
          ? copy.unsupported
          : copy.body;
  return (
    <div className="flex flex-col gap-3 rounded-xl border border-slate-200 p-4 sm:col-span-2 sm:flex-row sm:items-center dark:border-night-700">
      <MonitorSmartphone className="size-5 shrink-0 text-iris-600 dark:text-orchid-300" aria-hidden />
      <div className="min-w-0 flex-1">
        <p className="text-sm font-medium text-slate-800 dark:text-slate-200">{copy.title}</p>
        <p className="text-xs text-slate-600 dark:text-slate-400" aria-live="polite">
          {status}
        </p>
      </div>
      {permission === 'default' ? (
        <Button variant="secondary" onClick={() => void requestDesktopPermission().then(setPermission)}>
          {copy.enable}
        </Button>
      ) : null}
    </div>
  );
}
