'use client';

import { Clock } from 'lucide-react';
import { cn } from '@/lib/cn';
import { useFormatter, usePhoneFormat, type PhoneSource } from '@/lib/format';
import { useI18n } from '@/lib/i18n';
import { useNow } from '@/lib/use-now';
import { useUserSettings } from '@/features/settings/use-user-settings';
import * as callMessages from '@/lib/i18n/messages/call';

/**
 * The contact's local time (zone from their phone's country) and whether it is inside the caller's work
 * hours on the contact's clock — a call at 20:00 their time is a bad idea even if it is 14:00 here.
 */
export function ContactClock({ source, className }: { source: PhoneSource; className?: string }) {
  const { t } = useI18n({ call: callMessages });
  const format = useFormatter();
  const { settings } = useUserSettings();
  const now = useNow();
  const { contactClock, isLoaded } = usePhoneFormat();
  const clock = contactClock(source, settings.workHours, now, settings.phoneRegion);
  if (!clock) {
    // While libphonenumber loads, a number the API could parse keeps the clock's place (invisible, the
    // longer wording on the caller's clock): nothing moves when it appears.
    if (isLoaded || !(source.phoneE164 || source.phoneUri)) return null;
    return (
      <span className={cn('invisible inline-flex items-center gap-1.5 text-xs font-medium', className)} aria-hidden>
        <Clock className="size-3.5 shrink-0" />
        {t.call.phone.localTime(format.timeIn(now, format.zone))} · {t.call.phone.outOfHours}
      </span>
    );
  }
  const time = format.timeIn(now, clock.zone);
  return (
    <span
      className={cn(
        'inline-flex items-center gap-1.5 text-xs font-medium',
        clock.isWithinWorkHours ? 'text-emerald-700 dark:text-emerald-300' : 'text-amber-800 dark:text-amber-200',
        className,
      )}
      title={clock.zone}
    >
      <Clock className="size-3.5 shrink-0" aria-hidden />
      {t.call.phone.localTime(time)} · {clock.isWithinWorkHours ? t.call.phone.inHours : t.call.phone.outOfHours}
    </span>
  );
}
