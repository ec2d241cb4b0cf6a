/** Strings of the manager page (/team): a team's figures, lists, leaderboard and who is calling now. */

export const fr = {
  title: 'Équipe',
  description: 'Les résultats de votre équipe sur la période, et qui appelle qui en ce moment.',
  teamLabel: 'Équipe',
  forbiddenTitle: 'Réservé aux responsables d’équipe',
  forbiddenBody:
    'Cette page montre les résultats d’une équipe à ses responsables et aux administrateurs. Demandez à un administrateur si vous pensez devoir y accéder.',
  loadError: 'Impossible de charger les résultats de l’équipe.',
  totals: {
    label: 'Indicateurs de l’équipe',
    attempts: 'Appels passés',
    answered: (count: string) => `${count} avec réponse`,
    answerRate: 'Taux de réponse',
    callbacks: 'Rappels tenus à temps',
    callbacksDetail: (onTime: string, done: string) => `${onTime} à temps sur ${done} rappels faits`,
    talk: 'Temps de conversation',
    noData: '—',
  },
  members: {
    title: 'Par membre',
    caption: 'Indicateurs de chaque membre sur la période',
    name: 'Membre',
    attempts: 'Appels',
    answered: 'Réponses',
    answerRate: 'Taux',
    callbacksDone: 'Rappels faits',
    callbacksOnTime: 'À temps',
    overdue: 'En retard',
    talk: 'Conversation',
    empty: 'Aucun membre dans cette équipe.',
  },
  lists: {
    title: 'Listes d’appels',
    empty: 'Cette équipe n’a pas encore de liste.',
    archived: 'Archivée',
    progress: (done: string, total: string) => `${done} traités sur ${total}`,
    remaining: (count: string) => `${count} à appeler`,
    progressLabel: (name: string) => `Avancement de ${name}`,
    outcomes: (name: string) => `Résultats de ${name}`,
    noOutcome: 'Aucun appel encore.',
  },
  leaderboard: {
    title: 'Classement',
    hint: 'Sur la période, par appels passés.',
    empty: 'Aucun appel sur cette période.',
    rank: (rank: number) => (rank === 1 ? '1er' : `${rank}e`),
    line: (attempts: string, answered: string) => `${attempts} appels · ${answered} réponses`,
  },
  live: {
    title: 'En ce moment',
    hint: 'Qui appelle qui, mis à jour en direct.',
    empty: 'Personne n’appelle sur les listes de l’équipe en ce moment.',
    calling: (contact: string) => `appelle ${contact}`,
    onList: (list: string) => `liste ${list}`,
    until: (time: string) => `réservé jusqu’à ${time}`,
  },
  duration: (seconds: number) => {
    const minutes = Math.round(seconds / 60);
    if (minutes < 60) return `${minutes} min`;
    return `${Math.floor(minutes / 60)} h ${String(minutes % 60).padStart(2, '0')}`;
  },
};

export const en: typeof fr = {
  title: 'Team',
  description: 'Your team’s results over the period, and who is calling whom right now.',
  teamLabel: 'Team',
  forbiddenTitle: 'Team leads only',
  forbiddenBody:
    'This page shows a team’s results to its leads and to administrators. Ask an administrator if you think you need access.',
  loadError: 'Could not load the team’s results.',
  totals: {
    label: 'Team indicators',
    attempts: 'Calls made',
    answered: (count: string) => `${count} answered`,
    answerRate: 'Answer rate',
    callbacks: 'Callbacks on time',
    callbacksDetail: (onTime: string, done: string) => `${onTime} on time of ${done} callbacks done`,
    talk: 'Talk time',
    noData: '—',
  },
  members: {
    title: 'By member',
    caption: 'Each member’s indicators over the period',
    name: 'Member',
    attempts: 'Calls',
    answered: 'Answered',
    answerRate: 'Rate',
    callbacksDone: 'Callbacks done',
    callbacksOnTime: 'On time',
    overdue: 'Overdue',
    talk: 'Talk time',
    empty: 'No member in this team.',
  },
  lists: {
    title: 'Call lists',
    empty: 'This team has no list yet.',
    archived: 'Archived',
    progress: (done: string, total: string) => `${done} done of ${total}`,
    remaining: (count: string) => `${count} to call`,
    progressLabel: (name: string) => `Progress of ${name}`,
    outcomes: (name: string) => `Outcomes of ${name}`,
    noOutcome: 'No call yet.',
  },
  leaderboard: {
    title: 'Leaderboard',
    hint: 'Over the period, by calls made.',
    empty: 'No call over this period.',
    rank: (rank: number) => `#${rank}`,
    line: (attempts: string, answered: string) => `${attempts} calls · ${answered} answered`,
  },
  live: {
    title: 'Right now',
    hint: 'Who is calling whom, updated live.',
    empty: 'Nobody is calling on the team’s lists right now.',
    calling: (contact: string) => `calling ${contact}`,
    onList: (list: string) => `list ${list}`,
    until: (time: string) => `held until ${time}`,
  },
  duration: (seconds: number) => {
    const minutes = Math.round(seconds / 60);
    if (minutes < 60) return `${minutes} min`;
    return `${Math.floor(minutes / 60)} h ${String(minutes % 60).padStart(2, '0')} min`;
  },
};
