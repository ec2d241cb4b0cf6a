export { createFormatter, type Formatter, type FormatPrefs } from './format';
export { useFormatter } from './use-formatter';
export {
  displayPhone,
  telHref,
  contactClock,
  contactZone,
  phoneCountry,
  previewPhone,
  type PhoneSource,
} from './phone';
export * from './zoned';
