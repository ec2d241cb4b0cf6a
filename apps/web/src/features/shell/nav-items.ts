import {
  AlarmClock,
  CalendarCheck,
  LayoutDashboard,
  ListChecks,
  PhoneCall,
  Settings,
  ShieldCheck,
  UsersRound,
  type LucideIcon,
} from 'lucide-react';
import type { Role } from '@ct/contracts';
import type { Dictionary } from '@/lib/i18n';

export type NavKey = 'dashboard' | 'calls' | 'today' | 'reminders' | 'lists' | 'team' | 'settings' | 'admin';

/**
 * Who sees an entry: everyone; whoever is in a team (and admins, who see every team's lists); managers
 * and admins; admins. A manager's "admin" entry leads to the part of the admin area they reach.
 */
type Audience = 'everyone' | 'teamMember' | 'manager' | 'admin';

export interface NavItem {
  key: NavKey;
  href: string;
  icon: LucideIcon;
  audience: Audience;
}

export const NAV_ITEMS: readonly NavItem[] = [
  { key: 'dashboard', href: '/dashboard', icon: LayoutDashboard, audience: 'everyone' },
  { key: 'calls', href: '/calls', icon: PhoneCall, audience: 'everyone' },
  { key: 'today', href: '/today', icon: CalendarCheck, audience: 'everyone' },
  { key: 'reminders', href: '/reminders', icon: AlarmClock, audience: 'everyone' },
  { key: 'lists', href: '/lists', icon: ListChecks, audience: 'teamMember' },
  { key: 'team', href: '/team', icon: UsersRound, audience: 'manager' },
  { key: 'settings', href: '/settings', icon: Settings, audience: 'everyone' },
  { key: 'admin', href: '/admin', icon: ShieldCheck, audience: 'manager' },
];

/** The teams pages are the part of the admin area a manager reaches. */
const MANAGER_ADMIN_HREF = '/admin/teams';

/** The entries `role` sees (`isInTeam`: the user is a member of at least one team). */
export function navItemsFor(role: Role | undefined, isInTeam: boolean): NavItem[] {
  const isAdmin = role === 'admin';
  const isManager = role === 'manager' || isAdmin;
  return NAV_ITEMS.filter(({ audience }) => {
    if (audience === 'teamMember') return isAdmin || isInTeam;
    if (audience === 'manager') return isManager;
    if (audience === 'admin') return isAdmin;
    return true;
  }).map((item) => (item.key === 'admin' && !isAdmin ? { ...item, href: MANAGER_ADMIN_HREF } : item));
}

export function navLabel(key: NavKey, t: Dictionary, role?: Role): string {
  if (key === 'admin') return role === 'admin' ? t.nav.admin : t.nav.manageTeams;
  return t.nav[key];
}

export function isActivePath(pathname: string, href: string) {
  return pathname === href || pathname.startsWith(`${href}/`);
}

/** The title shown in the sticky header: the section the current page belongs to. */
export function sectionTitle(pathname: string, t: Dictionary, role?: Role): string {
  const item = NAV_ITEMS.find((entry) => isActivePath(pathname, entry.href));
  if (!item && isActivePath(pathname, '/session')) return t.nav.session; // launched from /reminders and /calls
  return item ? navLabel(item.key, t, role) : t.app.name;
}
