/**
 * Strings of a call wherever one shows (/calls, /today, /reminders, the session, lists, the team's
 * page): its name when it has none, its phone link, the log button's name, the "log this call?"
 * prompt, deleting and restoring it, and the pages of a list of calls. The rest of the calls feature's
 * strings (its page, dialogs, log form) are in calls.ts.
 */
import { RESTORE_WINDOW_DAYS } from '@ct/contracts/constants';

export const fr = {
  unnamed: 'Contact sans nom',
  unreachable: 'Injoignable',
  logCall: (name: string) => `Enregistrer un appel avec ${name}`,
  phone: {
    call: (name: string) => `Appeler ${name}`,
    invalid: 'Numéro non reconnu',
    flagged: 'Numéro suspect',
    localTime: (time: string) => `${time} chez le contact`,
    inHours: 'dans vos horaires',
    outOfHours: 'hors de vos horaires',
  },
  pagination: {
    nav: 'Pagination',
    previous: 'Page précédente',
    next: 'Page suivante',
    range: (from: number, to: number, total: number) => (total === 0 ? 'Aucun résultat' : `${from}–${to} sur ${total}`),
  },
  remove: {
    title: 'Supprimer ce contact ?',
    body: (name: string) =>
      `${name} et ses rappels ouverts seront retirés de vos listes. Vous pourrez annuler juste après, ou le restaurer pendant ${RESTORE_WINDOW_DAYS} jours.`,
    confirm: 'Supprimer',
    cancel: 'Garder',
    done: (name: string) => `${name} supprimé.`,
    undo: 'Annuler',
    restored: (name: string) => `${name} restauré.`,
    failed: 'La suppression a échoué.',
    restoreFailed: 'La restauration a échoué.',
  },
  followUp: {
    prompt: (name: string) => `Enregistrer cet appel ? (${name})`,
    action: 'Enregistrer',
  },
};

export const en: typeof fr = {
  unnamed: 'Unnamed contact',
  unreachable: 'Unreachable',
  logCall: (name: string) => `Log a call with ${name}`,
  phone: {
    call: (name: string) => `Call ${name}`,
    invalid: 'Unrecognised number',
    flagged: 'Suspicious number',
    localTime: (time: string) => `${time} at the contact’s`,
    inHours: 'within your hours',
    outOfHours: 'outside your hours',
  },
  pagination: {
    nav: 'Pagination',
    previous: 'Previous page',
    next: 'Next page',
    range: (from: number, to: number, total: number) => (total === 0 ? 'No results' : `${from}–${to} of ${total}`),
  },
  remove: {
    title: 'Delete this contact?',
    body: (name: string) =>
      `${name} and their open callbacks will leave your lists. You can undo right after, or restore it within ${RESTORE_WINDOW_DAYS} days.`,
    confirm: 'Delete',
    cancel: 'Keep',
    done: (name: string) => `${name} deleted.`,
    undo: 'Undo',
    restored: (name: string) => `${name} restored.`,
    failed: 'The deletion failed.',
    restoreFailed: 'The restore failed.',
  },
  followUp: {
    prompt: (name: string) => `Log this call? (${name})`,
    action: 'Log it',
  },
};
