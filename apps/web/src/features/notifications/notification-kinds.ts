import {
  AlarmClock,
  ListChecks,
  ListTodo,
  Newspaper,
  PhoneOff,
  PhoneOutgoing,
  UsersRound,
  type LucideIcon,
} from 'lucide-react';
import type { NotificationType } from '@ct/contracts';

/** How each kind of notification looks: its icon and tint (light and dark). */
export const NOTIFICATION_KINDS: Record<NotificationType, { icon: LucideIcon; tint: string }> = {
  reminder_due: { icon: AlarmClock, tint: 'bg-amber-50 text-amber-700 dark:bg-amber-500/15 dark:text-amber-300' },
  reminders_pending: { icon: ListTodo, tint: 'bg-iris-50 text-iris-700 dark:bg-iris-500/15 dark:text-iris-200' },
  call_logged: {
    icon: PhoneOutgoing,
    tint: 'bg-emerald-50 text-emerald-700 dark:bg-emerald-500/15 dark:text-emerald-300',
  },
  wrong_number: { icon: PhoneOff, tint: 'bg-rose-50 text-rose-700 dark:bg-rose-500/15 dark:text-rose-300' },
  digest: { icon: Newspaper, tint: 'bg-sky-50 text-sky-700 dark:bg-sky-500/15 dark:text-sky-300' },
  list_finished: { icon: ListChecks, tint: 'bg-teal-50 text-teal-700 dark:bg-teal-500/15 dark:text-teal-300' },
  team_overdue_callbacks: {
    icon: UsersRound,
    tint: 'bg-orange-50 text-orange-700 dark:bg-orange-500/15 dark:text-orange-300',
  },
};
