'use client';

import { useRef, useState, type FormEvent } from 'react';
import { useQueryClient } from '@tanstack/react-query';
import { Button } from '@/components/ui/button';
import { Dialog } from '@/components/ui/dialog';
import { Spinner } from '@/components/ui/spinner';
import { useToast } from '@/components/ui/toast';
import { cn } from '@/lib/cn';
import { meQuery } from '@/features/auth/auth.queries';
import { errorMessage } from '@/lib/api/errors';
import { ApiError } from '@/lib/api';
import { useI18n, type Messages } from '@/lib/i18n';
import { NotificationsSection } from './notifications-section';
import { ProfileSection } from './profile-section';
import { RemindersSection } from './reminders-section';
import { patchProfile, patchSettings } from './settings.api';
import { userSettingsQuery } from './settings.queries';
import {
  buildPatches,
  fieldOfErrorPath,
  profileFormValues,
  settingsFieldsOf,
  settingsFormValues,
  type SettingsField,
  type SettingsFormValues,
} from './settings-form-model';
import { SettingsFormProvider, useSettingsFormState } from './settings-form-state';
import { useLeaveGuard } from './use-leave-guard';
import { WorkSection } from './work-section';
import * as settingsMessages from '@/lib/i18n/messages/settings';

/** The localized message for an API refusal on a field (the API speaks English). */
function messageFor(field: SettingsField, t: Messages<{ settings: typeof settingsMessages }>): string {
  const errors = t.settings.errors;
  switch (field) {
    case 'name':
      return errors.nameTooLong;
    case 'timezone':
      return errors.timezone;
    case 'workDays':
      return errors.days;
    case 'workStart':
    case 'defaultReminderSlot':
      return errors.clock;
    case 'workEnd':
      return errors.endAfterStart;
    case 'preReminderDelay':
      return errors.preReminderDelay;
    case 'maxAttempts':
      return errors.maxAttempts;
    case 'phoneRegion':
      return errors.phoneRegion;
    default:
      return errors.invalid;
  }
}

export function SettingsForm({ initialValues }: { initialValues: SettingsFormValues }) {
  const { t, language } = useI18n({ settings: settingsMessages });
  const copy = t.settings.saveBar;
  const toast = useToast();
  const queryClient = useQueryClient();
  const formRef = useRef<HTMLFormElement>(null);
  const form = useSettingsFormState(initialValues, formRef, t.settings.errors);
  const [isSaving, setIsSaving] = useState(false);
  const guard = useLeaveGuard(form.isDirty);

  const placeServerErrors = (error: unknown): boolean => {
    if (!(error instanceof ApiError)) return false;
    const refused: Partial<Record<SettingsField, string>> = {};
    for (const issue of error.problem?.errors ?? []) {
      const field = fieldOfErrorPath(issue.path);
      if (field) refused[field] = messageFor(field, t);
    }
    form.refuse(refused);
    return Object.keys(refused).length > 0;
  };

  const save = async (event: FormEvent<HTMLFormElement>) => {
    event.preventDefault();
    if (isSaving) return;
    if (!form.checkAll()) {
      toast.error(copy.fixErrors);
      return;
    }
    const { profile, settings } = buildPatches(form.values, form.dirty);
    setIsSaving(true);
    try {
      // Settings first; if the profile then fails, what was saved stops counting as a change.
      let saved: Partial<SettingsFormValues> = {};
      if (Object.keys(settings).length > 0) {
        const result = await patchSettings(settings);
        queryClient.setQueryData(userSettingsQuery().queryKey, result);
        const all = settingsFormValues(result);
        saved = Object.fromEntries(settingsFieldsOf(settings).map((field) => [field, all[field]]));
        form.settle(saved);
      }
      let user = null;
      if (Object.keys(profile).length > 0) {
        const updated = await patchProfile(profile);
        // The whole app follows: language, time zone and formats come from GET /me.
        queryClient.setQueryData(meQuery().queryKey, updated);
        user = profileFormValues(updated);
      }
      form.settleAll({ ...saved, ...user });
      // In the language just chosen, if it changed.
      toast.success(settingsMessages[user?.language ?? language].saveBar.saved);
    } catch (error) {
      const isPlaced = placeServerErrors(error);
      toast.error(isPlaced ? copy.fixErrors : `${copy.failed} ${errorMessage(error, t)}`);
    } finally {
      setIsSaving(false);
    }
  };

  const isBusy = isSaving;
  const isDirty = form.isDirty;
  return (
    <SettingsFormProvider value={form}>
      <form ref={formRef} onSubmit={(event) => void save(event)} noValidate className="space-y-6 pb-4">
        <ProfileSection />
        <WorkSection />
        <RemindersSection />
        <NotificationsSection />

        {/* Floats at the bottom of the screen while there is something to save; rests under the cards otherwise. */}
        <div
          className={cn(
            'z-20 flex flex-col gap-3 rounded-2xl border border-slate-200/80 bg-white/90 px-4 py-3 backdrop-blur-md sm:flex-row sm:items-center sm:justify-between dark:border-night-700 dark:bg-night-900/90',
            isDirty ? 'sticky bottom-3 shadow-lg' : 'shadow-soft',
          )}
        >
          <p className="text-sm text-slate-700 dark:text-slate-300" aria-live="polite">
            {isDirty ? copy.unsaved(form.dirty.size) : copy.clean}
          </p>
          <div className="flex gap-2">
            <Button variant="ghost" onClick={form.discard} disabled={!isDirty || isBusy}>
              {copy.discard}
            </Button>
            <Button type="submit" disabled={!isDirty || isBusy}>
              {isBusy ? <Spinner /> : null}
              {isBusy ? copy.saving : copy.save}
            </Button>
          </div>
        </div>
      </form>

      <Dialog
        open={guard.isAsking}
        onClose={guard.stay}
        title={t.settings.leave.title}
        closeLabel={t.ui.close}
        role="alertdialog"
        size="sm"
        footer={
          <>
            <Button variant="secondary" onClick={guard.stay} data-autofocus>
              {t.settings.leave.stay}
            </Button>
            <Button onClick={guard.leave}>{t.settings.leave.leave}</Button>
          </>
        }
      >
        <p className="text-sm text-slate-700 dark:text-slate-300">{t.settings.leave.body}</p>
      </Dialog>
    </SettingsFormProvider>
  );
}
