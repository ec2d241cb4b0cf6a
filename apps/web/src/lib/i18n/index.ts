export { dictionaries, DEFAULT_LANGUAGE, messagesFor, type Dictionary, type Messages } from './dictionaries';
export { I18nProvider, useI18n } from './i18n-provider';
