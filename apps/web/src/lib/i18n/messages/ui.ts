/** Strings of the shared UI primitives (dialogs, toasts) and of generic request failures. */

export const fr = {
  close: 'Fermer',
  dismiss: 'Masquer la notification',
  toasts: 'Notifications de l’application',
  shortcuts: 'Raccourcis clavier',
  errors: {
    network: 'Le serveur ne répond pas. Vérifiez votre connexion et réessayez.',
    server: 'Une erreur est survenue côté serveur. Réessayez dans un instant.',
    forbidden: 'Cette action n’est pas autorisée.',
    notFound: 'Cet élément n’existe plus.',
    conflict: 'Cette action n’est plus possible dans l’état actuel.',
    stale: 'Cet élément a été modifié entre-temps. Rechargez-le puis réessayez.',
    throttled: 'Trop de requêtes. Patientez un instant.',
    invalid: 'Certaines valeurs ont été refusées.',
  },
};

export const en: typeof fr = {
  close: 'Close',
  dismiss: 'Dismiss notification',
  toasts: 'App notifications',
  shortcuts: 'Keyboard shortcuts',
  errors: {
    network: 'The server is not answering. Check your connection and try again.',
    server: 'Something went wrong on the server. Try again in a moment.',
    forbidden: 'This action is not allowed.',
    notFound: 'This item no longer exists.',
    conflict: 'This action is no longer possible in the current state.',
    stale: 'This item changed in the meantime. Reload it and try again.',
    throttled: 'Too many requests. Wait a moment.',
    invalid: 'Some values were refused.',
  },
};
