'use client';

import { Phone, TriangleAlert } from 'lucide-react';
import { cn } from '@/lib/cn';
import { usePhoneFormat, type PhoneSource } from '@/lib/format';
import { useI18n } from '@/lib/i18n';
import { rememberDial } from './tel-follow-up';
import { useUserSettings } from '@/features/settings/use-user-settings';
import * as callMessages from '@/lib/i18n/messages/call';

/**
 * A contact's phone, formatted for the user's region, as a `tel:` link that remembers the dial so the
 * app can offer to log the call when the tab gets the focus back.
 */
export function PhoneLink({
  source,
  callId,
  name,
  isFlagged = false,
  className,
}: {
  source: PhoneSource;
  callId: string;
  name: string;
  isFlagged?: boolean;
  className?: string;
}) {
  const { t } = useI18n({ call: callMessages });
  const { settings } = useUserSettings();
  const { telHref, displayPhone } = usePhoneFormat();
  const href = telHref(source, settings.phoneRegion);
  const text = displayPhone(source, settings.phoneRegion);

  if (href === undefined) {
    // Only libphonenumber can tell (a summary carrying the typed text): the number as typed meanwhile.
    return (
      <span className={cn('inline-flex items-center gap-1.5 font-medium whitespace-nowrap tabular-nums', className)}>
        <Phone className="size-3.5 shrink-0" aria-hidden />
        {text}
      </span>
    );
  }
  if (!href) {
    return (
      <span className={cn('inline-flex items-center gap-1.5 text-slate-600 dark:text-slate-400', className)}>
        <TriangleAlert className="size-3.5 shrink-0 text-amber-600 dark:text-amber-400" aria-hidden />
        <span className="tabular-nums">{text}</span>
        <span className="sr-only">({t.call.phone.invalid})</span>
      </span>
    );
  }
  return (
    <a
      href={href}
      onClick={() => rememberDial({ callId, name })}
      aria-label={`${t.call.phone.call(name)}, ${text}${isFlagged ? ` (${t.call.phone.flagged})` : ''}`}
      className={cn(
        'inline-flex items-center gap-1.5 rounded-md font-medium whitespace-nowrap text-iris-700 tabular-nums hover:underline dark:text-iris-200',
        className,
      )}
    >
      {isFlagged ? (
        <TriangleAlert className="size-3.5 shrink-0 text-rose-600 dark:text-rose-400" aria-hidden />
      ) : (
        <Phone className="size-3.5 shrink-0" aria-hidden />
      )}
      {text}
    </a>
  );
}
