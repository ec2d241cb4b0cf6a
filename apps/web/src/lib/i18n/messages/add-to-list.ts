/** Strings of "add to a list" from /calls: the selection, its bar and the dialog. */

export const fr = {
  selectionTitle: (count: number) => `Ajouter ${count} appel${count > 1 ? 's' : ''} à une liste`,
  filteredTitle: (count: number) => `Ajouter les ${count} appel${count > 1 ? 's' : ''} filtrés à une liste`,
  capped: (max: number, total: number) =>
    `Seuls les ${max} premiers des ${total} appels filtrés seront ajoutés (limite par envoi). Affinez le filtre pour ajouter les autres ensuite.`,
  description:
    'Vos appels personnels deviennent ceux de l’équipe ; ceux d’une autre liste de la même équipe y sont déplacés.',
  list: 'Liste',
  noList: 'Vous ne dirigez aucune liste ouverte. Créez-en une depuis la page Listes.',
  collecting: (count: number) => `Préparation… ${count} appels`,
  cancel: 'Annuler',
  submit: 'Ajouter',
  added: (added: number, name: string) =>
    `${added} appel${added > 1 ? 's' : ''} ajouté${added > 1 ? 's' : ''} à « ${name} ».`,
  moved: (moved: number) => `dont ${moved} déplacé${moved > 1 ? 's' : ''} d’une autre liste`,
  already: (count: number) => `${count} y étai${count > 1 ? 'ent' : 't'} déjà`,
  refused: (count: number) =>
    `Rien n’a été ajouté : ${count} appel${count > 1 ? 's ne sont' : ' n’est'} ni à vous ni sur une liste de cette équipe. Retirez-les de la sélection puis réessayez.`,
  archived: 'Cette liste est archivée : elle n’accepte plus de contacts.',
  failed: 'Les appels n’ont pas été ajoutés.',
  select: (name: string) => `Sélectionner ${name}`,
  selectPage: 'Sélectionner les appels de la page',
  selected: (count: number) => `${count} sélectionné${count > 1 ? 's' : ''}`,
  clear: 'Désélectionner',
  addSelection: 'Ajouter à une liste',
  addFiltered: (count: number) => `Ajouter les ${count} résultats à une liste`,
};

export const en: typeof fr = {
  selectionTitle: (count: number) => `Add ${count} call${count === 1 ? '' : 's'} to a list`,
  filteredTitle: (count: number) => `Add the ${count} filtered call${count === 1 ? '' : 's'} to a list`,
  capped: (max: number, total: number) =>
    `Only the first ${max} of the ${total} filtered calls will be added (the limit per request). Narrow the filter to add the others next.`,
  description: 'Your personal calls become the team’s; calls on another list of the same team are moved to it.',
  list: 'List',
  noList: 'You lead no open list. Create one from the Lists page.',
  collecting: (count: number) => `Preparing… ${count} calls`,
  cancel: 'Cancel',
  submit: 'Add',
  added: (added: number, name: string) => `${added} call${added === 1 ? '' : 's'} added to “${name}”.`,
  moved: (moved: number) => `${moved} of them moved from another list`,
  already: (count: number) => `${count} already there`,
  refused: (count: number) =>
    `Nothing was added: ${count} call${count === 1 ? ' is' : 's are'} neither yours nor on a list of this team. Take ${count === 1 ? 'it' : 'them'} out of the selection and try again.`,
  archived: 'This list is archived: it takes no more contacts.',
  failed: 'The calls were not added.',
  select: (name: string) => `Select ${name}`,
  selectPage: 'Select the calls of the page',
  selected: (count: number) => `${count} selected`,
  clear: 'Clear selection',
  addSelection: 'Add to list',
  addFiltered: (count: number) => `Add the ${count} results to a list`,
};
