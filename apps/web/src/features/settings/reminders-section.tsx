'use client';

import { useFormContext } from 'react-hook-form';
import { AlarmClock } from 'lucide-react';
import { REMINDERS_ORDERS } from '@ct/contracts/enums';
import { InputField, SelectField } from '@/components/ui/field';
import { useI18n } from '@/lib/i18n';
import { isClock, type SettingsFormValues } from './settings-form-model';
import { ClockSelectField } from './clock-select-field';
import { SettingsCard } from './settings-card';
import { ToggleField } from './toggle-field';
import * as settingsMessages from '@/lib/i18n/messages/settings';

export function RemindersSection() {
  const { t } = useI18n({ settings: settingsMessages });
  const copy = t.settings.reminders;
  const errorsCopy = t.settings.errors;
  const {
    register,
    formState: { errors, defaultValues },
  } = useFormContext<SettingsFormValues>();

  return (
    <SettingsCard icon={AlarmClock} title={copy.title} hint={copy.hint}>
      <div className="grid gap-4 sm:grid-cols-2">
        <ToggleField
          label={copy.enableReminders}
          hint={copy.enableRemindersHint}
          className="sm:col-span-2"
          {...register('enableReminders')}
        />
        <ClockSelectField
          label={copy.defaultReminderSlot}
          current={defaultValues?.defaultReminderSlot}
          error={errors.defaultReminderSlot?.message}
          {...register('defaultReminderSlot', { validate: (value) => isClock(value) || errorsCopy.clock })}
        />
        <InputField
          label={copy.preReminderDelay}
          type="number"
          inputMode="numeric"
          min={0}
          max={1440}
          step={1}
          hint={copy.preReminderDelayHint}
          error={errors.preReminderDelay?.message}
          {...register('preReminderDelay', {
            valueAsNumber: true,
            validate: (value) =>
              (Number.isInteger(value) && value >= 0 && value <= 1440) || errorsCopy.preReminderDelay,
          })}
        />
        <SelectField
          label={copy.remindersOrder}
          error={errors.remindersOrder?.message}
          options={REMINDERS_ORDERS.map((value) => ({ value, label: copy.remindersOrders[value] }))}
          {...register('remindersOrder')}
        />
        <ToggleField label={copy.urgentHighlight} className="self-center" {...register('urgentHighlight')} />
      </div>
    </SettingsCard>
  );
}
