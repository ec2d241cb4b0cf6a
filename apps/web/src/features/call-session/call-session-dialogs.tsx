'use client';

import { SNOOZE_PRESETS, type SnoozePreset } from '@ct/contracts/enums';
import { Dialog } from '@/components/ui/dialog';
import { Kbd } from '@/components/ui/kbd';
import { Spinner } from '@/components/ui/spinner';
import { useUserSettings } from '@/features/settings/use-user-settings';
import { useReminderMutations } from '@/features/reminders/use-reminder-mutations';
import { snoozeTarget, useFormatter } from '@/lib/format';
import { useI18n } from '@/lib/i18n';
import type { CallSessionItem } from './call-session-queue';
import * as remindersMessages from '@/lib/i18n/messages/reminders';
import * as callSessionMessages from '@/lib/i18n/messages/call-session';

/**
 * Snooze the contact on screen: a due reminder moves (POST /reminders/:id/snooze); a contact from the
 * list gets a new reminder at the same presets' time. Keys 1–4 pick a preset.
 */
export function SnoozeDialog({
  item,
  onClose,
  onSnoozed,
}: {
  item: CallSessionItem;
  onClose: () => void;
  onSnoozed: () => void;
}) {
  const { t } = useI18n({ reminders: remindersMessages, callSession: callSessionMessages });
  const format = useFormatter();
  const { settings } = useUserSettings();
  const { snooze, create } = useReminderMutations();
  const isPending = snooze.isPending || create.isPending;

  const choose = async (preset: SnoozePreset) => {
    if (isPending) return;
    try {
      if (item.kind === 'reminder') {
        await snooze.mutateAsync({
          target: { id: item.reminder.id, version: item.reminder.version, name: item.name },
          preset,
        });
      } else {
        await create.mutateAsync({
          body: { callId: item.callId, scheduledAt: presetTime(preset).toISOString() },
          name: item.name,
        });
      }
      onSnoozed();
    } catch {
      // The mutation's toast said why; the dialog stays for another choice.
    }
  };

  const presetTime = (preset: SnoozePreset) =>
    snoozeTarget(preset, new Date(), {
      defaultReminderSlot: settings.defaultReminderSlot,
      workHours: settings.workHours,
      timezone: format.zone,
    });

  return (
    <Dialog
      open
      onClose={onClose}
      size="sm"
      title={t.callSession.snoozeTitle(item.name)}
      description={t.callSession.snoozeHint}
      closeLabel={t.ui.close}
    >
      <div
        className="grid gap-2"
        onKeyDown={(event) => {
          const preset = SNOOZE_PRESETS[Number(event.key) - 1];
          if (/^[1-4]$/.test(event.key) && preset) {
            event.preventDefault();
            void choose(preset);
          }
        }}
      >
        {SNOOZE_PRESETS.map((preset, index) => (
          <button
            key={preset}
            type="button"
            disabled={isPending}
            aria-keyshortcuts={String(index + 1)}
            onClick={() => void choose(preset)}
            className="flex h-11 items-center gap-3 rounded-xl border border-slate-200 bg-white px-3 text-left text-sm font-medium text-slate-800 transition hover:border-iris-300 hover:bg-iris-50 disabled:opacity-60 dark:border-night-700 dark:bg-night-800 dark:text-slate-100 dark:hover:bg-night-700"
          >
            <Kbd>{index + 1}</Kbd>
            {t.reminders.snoozePresets[preset]}
            <span className="ml-auto text-xs text-slate-600 tabular-nums dark:text-slate-400">
              {format.dayTime(presetTime(preset))}
            </span>
          </button>
        ))}
        {isPending ? <Spinner className="mx-auto" label={t.common.loading} /> : null}
      </div>
    </Dialog>
  );
}

/** The keys of the session on screen (a team list's session has fewer). */
export function ShortcutsDialog({
  open,
  onClose,
  items,
}: {
  open: boolean;
  onClose: () => void;
  items: readonly (readonly [string, string])[];
}) {
  const { t } = useI18n({ reminders: remindersMessages, callSession: callSessionMessages });
  return (
    <Dialog open={open} onClose={onClose} size="sm" title={t.callSession.shortcutsTitle} closeLabel={t.ui.close}>
      <dl className="divide-y divide-slate-100 text-sm dark:divide-night-800">
        {items.map(([keys, action]) => (
          <div key={keys} className="flex items-center justify-between gap-4 py-2">
            <dt className="text-slate-700 dark:text-slate-300">{action}</dt>
            <dd>
              <Kbd className="px-1.5">{keys}</Kbd>
            </dd>
          </div>
        ))}
      </dl>
    </Dialog>
  );
}
