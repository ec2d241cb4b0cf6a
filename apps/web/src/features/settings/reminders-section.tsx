'use client';

import { AlarmClock } from 'lucide-react';
import { PRE_REMINDER_DELAY_MAX } from '@ct/contracts/constants';
import { REMINDERS_ORDERS } from '@ct/contracts/enums';
import { InputField, SelectField } from '@/components/ui/field';
import { useI18n } from '@/lib/i18n';
import { useSettingsForm } from './settings-form-state';
import { ClockSelectField } from './clock-select-field';
import { SettingsCard } from './settings-card';
import { ToggleField } from './toggle-field';
import * as settingsMessages from '@/lib/i18n/messages/settings';

export function RemindersSection() {
  const { t } = useI18n({ settings: settingsMessages });
  const copy = t.settings.reminders;
  const form = useSettingsForm();

  return (
    <SettingsCard icon={AlarmClock} title={copy.title} hint={copy.hint}>
      <div className="grid gap-4 sm:grid-cols-2">
        <ToggleField
          label={copy.enableReminders}
          hint={copy.enableRemindersHint}
          className="sm:col-span-2"
          {...form.toggle('enableReminders')}
        />
        <ClockSelectField
          label={copy.defaultReminderSlot}
          current={form.saved.defaultReminderSlot}
          error={form.error('defaultReminderSlot')}
          {...form.text('defaultReminderSlot')}
        />
        <InputField
          label={copy.preReminderDelay}
          type="number"
          inputMode="numeric"
          min={0}
          max={PRE_REMINDER_DELAY_MAX}
          step={1}
          hint={copy.preReminderDelayHint}
          error={form.error('preReminderDelay')}
          {...form.number('preReminderDelay')}
        />
        <SelectField
          label={copy.remindersOrder}
          error={form.error('remindersOrder')}
          options={REMINDERS_ORDERS.map((value) => ({ value, label: copy.remindersOrders[value] }))}
          {...form.text('remindersOrder')}
        />
        <ToggleField label={copy.urgentHighlight} className="self-center" {...form.toggle('urgentHighlight')} />
      </div>
    </SettingsCard>
  );
}
