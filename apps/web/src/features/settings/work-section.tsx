'use client';

import { BriefcaseBusiness } from 'lucide-react';
import { MAX_ATTEMPTS_MAX, MAX_ATTEMPTS_MIN } from '@ct/contracts/constants';
import { CALL_STATUS_LABELS, CALL_STATUSES } from '@ct/contracts/enums';
import { InputField, SelectField } from '@/components/ui/field';
import { cn } from '@/lib/cn';
import { useI18n } from '@/lib/i18n';
import { useSettingsForm } from './settings-form-state';
import { ClockSelectField } from './clock-select-field';
import { SettingsCard } from './settings-card';
import { ToggleField } from './toggle-field';
import { usePhoneRegions } from './use-phone-regions';
import * as settingsMessages from '@/lib/i18n/messages/settings';

const WEEKDAYS = ['1', '2', '3', '4', '5', '6', '7'] as const;

export function WorkSection() {
  const { t, language } = useI18n({ settings: settingsMessages });
  const copy = t.settings.work;
  const form = useSettingsForm();
  const regions = usePhoneRegions(language, form.saved.phoneRegion || 'FR');
  const daysError = form.error('workDays');

  return (
    <SettingsCard icon={BriefcaseBusiness} title={copy.title} hint={copy.hint}>
      <div className="grid gap-4 sm:grid-cols-2">
        <fieldset className="sm:col-span-2" aria-describedby={daysError ? 'work-days-error' : undefined}>
          <legend className="mb-1.5 text-sm font-medium text-slate-700 dark:text-slate-300">{copy.days}</legend>
          <div className="flex flex-wrap gap-2">
            {WEEKDAYS.map((day, index) => (
              <label key={day} className="cursor-pointer">
                <input type="checkbox" className="peer sr-only" {...form.day(day)} />
                <span
                  className={cn(
                    'inline-flex h-9 min-w-12 items-center justify-center rounded-xl border px-3 text-sm font-medium transition select-none',
                    'border-slate-300 bg-white text-slate-700 hover:bg-slate-50 dark:border-night-700 dark:bg-night-950 dark:text-slate-300',
                    'peer-checked:border-iris-600 peer-checked:bg-iris-600 peer-checked:text-white dark:peer-checked:border-iris-500 dark:peer-checked:bg-iris-600',
                    'peer-focus-visible:outline-2 peer-focus-visible:outline-offset-2 peer-focus-visible:outline-iris-500',
                  )}
                >
                  {copy.weekdays[index]}
                </span>
              </label>
            ))}
          </div>
          {daysError ? (
            <p id="work-days-error" className="mt-1.5 text-sm text-rose-600 dark:text-rose-400">
              {daysError}
            </p>
          ) : null}
        </fieldset>
        <ClockSelectField
          label={copy.start}
          current={form.saved.workStart}
          error={form.error('workStart')}
          {...form.text('workStart')}
        />
        <ClockSelectField
          label={copy.end}
          current={form.saved.workEnd}
          error={form.error('workEnd')}
          {...form.text('workEnd')}
        />
        <SelectField
          label={copy.defaultStatusAfterCall}
          error={form.error('defaultStatusAfterCall')}
          options={CALL_STATUSES.map((status) => ({ value: status, label: CALL_STATUS_LABELS[status][language] }))}
          {...form.text('defaultStatusAfterCall')}
        />
        <SelectField
          label={copy.phoneRegion}
          hint={copy.phoneRegionHint}
          error={form.error('phoneRegion')}
          options={regions}
          {...form.text('phoneRegion')}
        />
        <InputField
          label={copy.maxAttempts}
          type="number"
          inputMode="numeric"
          min={MAX_ATTEMPTS_MIN}
          max={MAX_ATTEMPTS_MAX}
          step={1}
          hint={copy.maxAttemptsHint}
          error={form.error('maxAttempts')}
          {...form.number('maxAttempts')}
        />
        <ToggleField
          label={copy.confirmBeforeDelete}
          className="self-center sm:col-span-2"
          {...form.toggle('confirmBeforeDelete')}
        />
      </div>
    </SettingsCard>
  );
}
