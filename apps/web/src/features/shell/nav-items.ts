import { AlarmClock, CalendarCheck, LayoutDashboard, PhoneCall, Settings, ShieldCheck, type LucideIcon } from 'lucide-react';
import type { Dictionary } from '@/lib/i18n';

export type NavKey = 'dashboard' | 'calls' | 'today' | 'reminders' | 'settings' | 'admin';

export const NAV_ITEMS: readonly { key: NavKey; href: `/${NavKey}`; icon: LucideIcon; isAdminOnly?: boolean }[] = [
  { key: 'dashboard', href: '/dashboard', icon: LayoutDashboard },
  { key: 'calls', href: '/calls', icon: PhoneCall },
  { key: 'today', href: '/today', icon: CalendarCheck },
  { key: 'reminders', href: '/reminders', icon: AlarmClock },
  { key: 'settings', href: '/settings', icon: Settings },
  { key: 'admin', href: '/admin', icon: ShieldCheck, isAdminOnly: true },
];

export function navLabel(key: NavKey, t: Dictionary): string {
  return key === 'admin' ? t.admin.nav : t.nav[key];
}

export function isActivePath(pathname: string, href: string) {
  return pathname === href || pathname.startsWith(`${href}/`);
}

/** The title shown in the sticky header: the section the current page belongs to. */
export function sectionTitle(pathname: string, t: Dictionary): string {
  const item = NAV_ITEMS.find((entry) => isActivePath(pathname, entry.href));
  if (!item && isActivePath(pathname, '/session')) return t.callSession.title; // launched from /reminders and /calls
  return item ? navLabel(item.key, t) : t.app.name;
}
