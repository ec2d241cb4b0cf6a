import { DateTime } from 'luxon';
import { CALL_STATUS_LABELS, type CallStatus, type Language, type NotificationType } from '@ct/contracts';
import { WRONG_NUMBER_REASON } from '@ct/contracts/constants';

/**
 * Titles and bodies of notifications (and of their emails), in French and English. A notification is
 * written once, in the user's language at the time it is made.
 */

export const FLAG_REASONS = [
  'invalid_for_region',
  'repeated_digits',
  'sequential_digits',
  'fiction_range',
  'shared_by_contacts',
  WRONG_NUMBER_REASON,
] as const;
export type FlagReason = (typeof FLAG_REASONS)[number];

const FLAG_REASON_LABELS: Record<FlagReason, Record<Language, string>> = {
  invalid_for_region: { fr: 'numéro invalide pour sa région', en: 'not a valid number for its region' },
  repeated_digits: { fr: 'un seul chiffre répété', en: 'one digit repeated' },
  sequential_digits: { fr: 'chiffres qui se suivent', en: 'digits in sequence' },
  fiction_range: { fr: 'plage réservée à la fiction (ARCEP)', en: 'range reserved for fiction (ARCEP)' },
  shared_by_contacts: { fr: 'partagé par plusieurs contacts différents', en: 'shared by several different contacts' },
  [WRONG_NUMBER_REASON]: { fr: 'déjà signalé comme faux numéro', en: 'already logged as a wrong number' },
};

export function flagReasonLabel(reason: string, language: Language): string {
  return (FLAG_REASON_LABELS as Record<string, Record<Language, string>>)[reason]?.[language] ?? reason;
}

export interface Text {
  title: string;
  body: string;
}

/** What each kind of notification says, given its parameters. */
export type TextParams =
  | { kind: 'call_logged'; contactName: string; phone: string; status: CallStatus }
  | { kind: 'wrong_number'; contactName: string; phone: string; reason: string }
  | { kind: 'reminder_due'; contactName: string; phone: string; scheduledAt: Date; urgent: boolean; note: string }
  | { kind: 'reminders_pending'; count: number; overdue: number }
  | { kind: 'list_finished'; listName: string; teamName: string }
  | { kind: 'team_overdue_callbacks'; members: { name: string; overdue: number }[] }
  | { kind: 'digest'; frequency: 'daily' | 'weekly'; counts: Partial<Record<NotificationType, number>> };

interface Locale {
  language: Language;
  timezone: string;
  timeFormat: string;
}

const plural = (n: number, one: string, many: string) => `${n} ${n === 1 ? one : many}`;

function clockTime(at: Date, locale: Locale): string {
  const local = DateTime.fromJSDate(at, { zone: locale.timezone });
  return locale.timeFormat === '12h' ? local.toFormat('h:mm a') : local.toFormat('HH:mm');
}

const DIGEST_PARTS: Record<Exclude<NotificationType, 'digest'>, Record<Language, [string, string]>> = {
  call_logged: { fr: ['appel enregistré', 'appels enregistrés'], en: ['call logged', 'calls logged'] },
  wrong_number: {
    fr: ['faux numéro détecté', 'faux numéros détectés'],
    en: ['wrong number detected', 'wrong numbers detected'],
  },
  reminder_due: {
    fr: ['rappel arrivé à échéance', 'rappels arrivés à échéance'],
    en: ['callback came due', 'callbacks came due'],
  },
  reminders_pending: { fr: ['liste de rappels', 'listes de rappels'], en: ['callback list', 'callback lists'] },
  list_finished: { fr: ['liste terminée', 'listes terminées'], en: ['list finished', 'lists finished'] },
  team_overdue_callbacks: {
    fr: ["point sur les rappels en retard de l'équipe", "points sur les rappels en retard de l'équipe"],
    en: ["team's overdue callbacks", "team's overdue callbacks"],
  },
};

export function renderText(params: TextParams, locale: Locale): Text {
  const fr = locale.language === 'fr';
  const who = (name: string, phone: string) => (name ? `${name} — ${phone}` : phone);
  switch (params.kind) {
    case 'call_logged': {
      const status = CALL_STATUS_LABELS[params.status][locale.language];
      return {
        title: fr
          ? `Appel effectué : ${params.contactName || params.phone}`
          : `Call logged: ${params.contactName || params.phone}`,
        body: `${who(params.contactName, params.phone)} · ${status}`,
      };
    }
    case 'wrong_number':
      return {
        title: fr ? 'Faux numéro détecté' : 'Wrong number detected',
        body: `${who(params.contactName, params.phone)} : ${flagReasonLabel(params.reason, locale.language)}`,
      };
    case 'reminder_due': {
      const time = clockTime(params.scheduledAt, locale);
      const name = params.contactName || params.phone;
      const urgent = params.urgent ? (fr ? 'URGENT · ' : 'URGENT · ') : '';
      return {
        title: fr ? `${urgent}Rappel à ${time} : ${name}` : `${urgent}Callback at ${time}: ${name}`,
        body: [who(params.contactName, params.phone), params.note].filter(Boolean).join('\n'),
      };
    }
    case 'reminders_pending': {
      const title = fr
        ? `${plural(params.count, 'rappel', 'rappels')} à faire aujourd'hui`
        : `${plural(params.count, 'callback', 'callbacks')} to make today`;
      const body =
        params.overdue > 0
          ? fr
            ? `Dont ${params.overdue} en retard. Votre liste du jour est prête.`
            : `Including ${params.overdue} overdue. Your list for today is ready.`
          : fr
            ? 'Votre liste du jour est prête.'
            : 'Your list for today is ready.';
      return { title, body };
    }
    case 'list_finished':
      return {
        title: fr ? `Liste terminée : ${params.listName}` : `List finished: ${params.listName}`,
        body: fr
          ? `Plus aucun contact à appeler sur la liste « ${params.listName} » (${params.teamName}).`
          : `No contact left to call on the list “${params.listName}” (${params.teamName}).`,
      };
    case 'team_overdue_callbacks': {
      const total = params.members.reduce((sum, m) => sum + m.overdue, 0);
      const shown = params.members.slice(0, 10).map((m) => `${m.name}${fr ? ' : ' : ': '}${m.overdue}`);
      const more = params.members.length - shown.length;
      if (more > 0) shown.push(fr ? `et ${plural(more, 'autre', 'autres')}` : `and ${more} more`);
      return {
        title: fr
          ? `${plural(total, 'rappel en retard', 'rappels en retard')} dans votre équipe`
          : `${plural(total, 'overdue callback', 'overdue callbacks')} in your team`,
        body: shown.join(' · '),
      };
    }
    case 'digest': {
      const parts = (Object.keys(DIGEST_PARTS) as (keyof typeof DIGEST_PARTS)[])
        .filter((k) => (params.counts[k] ?? 0) > 0)
        .map((k) => {
          const [one, many] = DIGEST_PARTS[k][locale.language];
          return plural(params.counts[k] ?? 0, one, many);
        });
      const title =
        params.frequency === 'weekly'
          ? fr
            ? 'Votre résumé de la semaine'
            : 'Your weekly digest'
          : fr
            ? 'Votre résumé du jour'
            : 'Your daily digest';
      return { title, body: parts.join(' · ') };
    }
  }
}
