/** Strings of the /today page (today's attempts). */

export const fr = {
  total: (count: number) => `${count} appel${count > 1 ? 's' : ''} aujourd’hui`,
  countsLabel: 'Appels du jour par résultat',
  filterBy: (label: string, count: number) => `${label} : ${count}`,
  showAll: 'Tout afficher',
  hour: (time: string) => `À partir de ${time}`,
  listLabel: 'Appels passés aujourd’hui, par heure',
  remindersLeft: (count: number) =>
    count === 0
      ? 'Aucun rappel restant aujourd’hui.'
      : `${count} rappel${count > 1 ? 's' : ''} restant${count > 1 ? 's' : ''} à traiter aujourd’hui.`,
  seeReminders: 'Voir les rappels',
  loadError: 'Impossible de charger les appels du jour.',
  noMatch: 'Aucun appel avec ce résultat aujourd’hui.',
  logAgain: (name: string) => `Enregistrer un nouvel appel avec ${name}`,
};

export const en: typeof fr = {
  total: (count: number) => `${count} call${count === 1 ? '' : 's'} today`,
  countsLabel: 'Today’s calls by outcome',
  filterBy: (label: string, count: number) => `${label}: ${count}`,
  showAll: 'Show all',
  hour: (time: string) => `From ${time}`,
  listLabel: 'Calls made today, by hour',
  remindersLeft: (count: number) =>
    count === 0 ? 'No reminders left today.' : `${count} reminder${count === 1 ? '' : 's'} left to handle today.`,
  seeReminders: 'See the reminders',
  loadError: 'Could not load today’s calls.',
  noMatch: 'No call with this outcome today.',
  logAgain: (name: string) => `Log another call with ${name}`,
};
