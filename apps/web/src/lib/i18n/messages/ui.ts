import type { PasswordRefusal } from '@ct/contracts/constants';

/**
 * Strings of the shared UI primitives (dialogs, toasts) and of generic request failures, including why
 * the API's password policy refused a new password (one sentence per problem code, wherever a password
 * is chosen: the settings' password change, the admin's new user).
 */

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
  passwordRefusals: {
    password_too_common:
      'Ce mot de passe est trop courant : il figure parmi les plus utilisés ou se devine facilement. Choisissez une phrase de passe plus longue et personnelle.',
    password_contextual:
      'Ce mot de passe reprend le nom de l’application, l’adresse e-mail ou le nom du compte. Choisissez autre chose.',
    password_control_chars:
      'Ce mot de passe contient un caractère invisible (tabulation, retour à la ligne…). Saisissez-le à nouveau.',
    password_reused: 'Le nouveau mot de passe doit être différent du mot de passe actuel.',
  } satisfies Record<PasswordRefusal, string>,
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
  passwordRefusals: {
    password_too_common:
      'This password is too common: it is among the most used or is easily guessed. Choose a longer, personal passphrase.',
    password_contextual:
      'This password is based on the app name, the email address or the account name. Choose something else.',
    password_control_chars: 'This password contains an invisible character (tab, line break…). Type it again.',
    password_reused: 'The new password must differ from the current password.',
  },
};
