export { dictionaries, DEFAULT_LANGUAGE, type Dictionary } from './dictionaries';
export { I18nProvider, useI18n } from './i18n-provider';
