import type { Language } from '@ct/contracts';
import { DEFAULT_PROFILE } from '@ct/contracts/defaults';
import * as notificationsMessages from './messages/notifications';
import * as uiMessages from './messages/ui';

/**
 * The strings every page needs (the shell, the shared primitives, the notification centre), French
 * first. The English dictionary must have the same shape (checked by the type), so a missing translation
 * fails the build rather than showing a key. A feature's own strings live in `messages/<feature>.ts` and
 * reach only the pages that import them (`useI18n({ calls: callsMessages })`): every page would otherwise
 * carry every feature's strings in both languages.
 */
const fr = {
  app: { name: 'Call Tracking', tagline: 'Vos appels, vos rappels, vos résultats.' },
  nav: {
    label: 'Navigation principale',
    dashboard: 'Tableau de bord',
    calls: 'Tous les appels',
    today: 'Appels du jour',
    reminders: 'Rappels',
    settings: 'Paramètres',
    lists: 'Listes',
    team: 'Équipe',
    admin: 'Administration',
    manageTeams: 'Gestion des équipes',
    session: 'Session d’appels',
    openMenu: 'Ouvrir le menu',
    closeMenu: 'Fermer le menu',
  },
  header: {
    notifications: 'Notifications',
    notificationsUnread: (count: number) => `Notifications, ${count} non lue${count > 1 ? 's' : ''}`,
    noNotificationsTitle: 'Vous êtes à jour',
    noNotificationsBody: 'Les rappels imminents, les appels enregistrés et les numéros suspects s’afficheront ici.',
    toDark: 'Activer le thème sombre',
    toLight: 'Activer le thème clair',
    userMenu: 'Menu du compte',
    logout: 'Se déconnecter',
    loggingOut: 'Déconnexion…',
    admin: 'Administrateur',
  },
  pages: {
    dashboard: {
      title: 'Tableau de bord',
      description: 'Vos indicateurs clés et l’activité de vos appels.',
      emptyTitle: 'Pas encore de statistiques',
      emptyBody:
        'Vos indicateurs (appels passés, taux de joignabilité, rappels tenus) s’afficheront ici dès vos premiers appels enregistrés.',
      emptyAction: 'Voir mes appels',
    },
    calls: {
      title: 'Tous les appels',
      description: 'Vos contacts à appeler, leur statut et leur historique.',
      emptyTitle: 'Aucun appel pour l’instant',
      emptyBody:
        'Ajoutez les contacts à appeler ou importez-les depuis un fichier CSV : ils apparaîtront ici, avec leur statut et leur prochain rappel.',
    },
    today: {
      title: 'Appels du jour',
      description: 'Les appels que vous avez passés aujourd’hui.',
      emptyTitle: 'Aucun appel passé aujourd’hui',
      emptyBody: 'Chaque appel que vous enregistrez aujourd’hui s’ajoutera à cette liste, avec son résultat.',
      emptyAction: 'Choisir un contact à appeler',
    },
    reminders: {
      title: 'Rappels',
      description: 'Les rappels à traiter aujourd’hui et ceux en retard.',
      emptyTitle: 'Aucun rappel à traiter',
      emptyBody:
        'Quand un contact demande à être rappelé, planifiez un rappel depuis l’appel : il apparaîtra ici le jour venu.',
    },
    settings: {
      title: 'Paramètres',
      description: 'Votre profil, vos préférences de travail et vos notifications.',
      profile: 'Profil',
      profileHint: 'Les informations de votre compte.',
      name: 'Nom',
      email: 'E-mail',
      role: 'Rôle',
      language: 'Langue',
      timezone: 'Fuseau horaire',
      dateFormat: 'Format de date',
      timeFormat: 'Format d’heure',
      roles: { user: 'Utilisateur', manager: 'Responsable', admin: 'Administrateur' },
      languages: { fr: 'Français', en: 'English' },
      timeFormats: { '24h': '24 heures', '12h': '12 heures (AM/PM)' },
    },
  },
  common: {
    loading: 'Chargement…',
    retry: 'Réessayer',
    loadError: 'Impossible de charger vos informations.',
    skipToContent: 'Aller au contenu',
    pageError: 'Cette page n’a pas pu s’afficher.',
    notFoundTitle: 'Page introuvable',
    notFoundBody: 'L’adresse demandée n’existe pas ou a changé.',
    backHome: 'Retour au tableau de bord',
  },
  ui: uiMessages.fr,
  notifications: notificationsMessages.fr,
};

export type Dictionary = typeof fr;

const en: Dictionary = {
  app: { name: 'Call Tracking', tagline: 'Your calls, your callbacks, your results.' },
  nav: {
    label: 'Main navigation',
    dashboard: 'Overview',
    calls: 'All calls',
    today: 'Today’s calls',
    reminders: 'Reminders',
    settings: 'Settings',
    lists: 'Lists',
    team: 'Team',
    admin: 'Administration',
    manageTeams: 'Manage teams',
    session: 'Call session',
    openMenu: 'Open menu',
    closeMenu: 'Close menu',
  },
  header: {
    notifications: 'Notifications',
    notificationsUnread: (count: number) => `Notifications, ${count} unread`,
    noNotificationsTitle: 'You are all caught up',
    noNotificationsBody: 'Upcoming callbacks, logged calls and suspicious numbers will show here.',
    toDark: 'Switch to dark theme',
    toLight: 'Switch to light theme',
    userMenu: 'Account menu',
    logout: 'Sign out',
    loggingOut: 'Signing out…',
    admin: 'Administrator',
  },
  pages: {
    dashboard: {
      title: 'Overview',
      description: 'Your key indicators and call activity.',
      emptyTitle: 'No statistics yet',
      emptyBody:
        'Your indicators (calls made, reach rate, callbacks kept) will show here as soon as you log your first calls.',
      emptyAction: 'See my calls',
    },
    calls: {
      title: 'All calls',
      description: 'Your contacts to call, their status and history.',
      emptyTitle: 'No calls yet',
      emptyBody:
        'Add the contacts you need to call or import them from a CSV file: they will show here with their status and next callback.',
    },
    today: {
      title: 'Today’s calls',
      description: 'The calls you made today.',
      emptyTitle: 'No calls made today',
      emptyBody: 'Every call you log today will be added to this list, with its outcome.',
      emptyAction: 'Pick a contact to call',
    },
    reminders: {
      title: 'Reminders',
      description: 'Callbacks due today and overdue ones.',
      emptyTitle: 'No reminders to handle',
      emptyBody:
        'When a contact asks to be called back, schedule a reminder from the call: it will show here on the day.',
    },
    settings: {
      title: 'Settings',
      description: 'Your profile, work preferences and notifications.',
      profile: 'Profile',
      profileHint: 'Your account details.',
      name: 'Name',
      email: 'Email',
      role: 'Role',
      language: 'Language',
      timezone: 'Time zone',
      dateFormat: 'Date format',
      timeFormat: 'Time format',
      roles: { user: 'User', manager: 'Manager', admin: 'Administrator' },
      languages: { fr: 'Français', en: 'English' },
      timeFormats: { '24h': '24-hour', '12h': '12-hour (AM/PM)' },
    },
  },
  common: {
    loading: 'Loading…',
    retry: 'Try again',
    loadError: 'Could not load your information.',
    skipToContent: 'Skip to content',
    pageError: 'This page could not be displayed.',
    notFoundTitle: 'Page not found',
    notFoundBody: 'The address you asked for does not exist or has changed.',
    backHome: 'Back to the overview',
  },
  ui: uiMessages.en,
  notifications: notificationsMessages.en,
};

export const dictionaries: Record<Language, Dictionary> = { fr, en };

/** A feature's strings: `messages/<feature>.ts`, one dictionary per language of the same shape. */
export interface MessageModule {
  fr: object;
  en: object;
}
export type MessageModules = Record<string, MessageModule>;

/** The core dictionary with the features' strings under their names (`t.calls`, `t.lists`…). */
export type Messages<M extends MessageModules = Record<never, never>> = Dictionary & {
  [K in keyof M]: M[K]['fr'];
};

const composed = new Map<string, object>();

/**
 * The strings of `language` with the modules' under their names; the same object for the same names
 * (components keep `t` in their hooks' dependencies).
 */
export function messagesFor<M extends MessageModules>(language: Language, modules?: M): Messages<M> {
  const names = modules ? Object.keys(modules).sort() : [];
  if (!modules || names.length === 0) return dictionaries[language] as Messages<M>;
  const key = `${language}:${names.join(',')}`;
  let t = composed.get(key);
  if (!t) {
    t = { ...dictionaries[language], ...Object.fromEntries(names.map((name) => [name, modules[name]![language]])) };
    composed.set(key, t);
  }
  return t as Messages<M>;
}
/** A new user's language: the pages' titles and the sign-in page speak it. */
export const DEFAULT_LANGUAGE: Language = DEFAULT_PROFILE.language;
