export { createFormatter, type Formatter, type FormatPrefs } from './format';
export { useFormatter } from './use-formatter';
// The phone helpers carry libphonenumber's metadata: components read them through `usePhoneFormat`
// (loaded after the page), forms that need them at once import `./phone` themselves.
export { usePhoneFormat, type PhoneFormat } from './use-phone-format';
export type { PhoneSource } from './phone';
export * from './zoned';
