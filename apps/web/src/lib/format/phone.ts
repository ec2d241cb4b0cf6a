import { getCountryCallingCode, isSupportedCountry, parsePhoneNumberFromString } from 'libphonenumber-js/min';
import type { WorkHours } from '@ct/contracts';
import { COUNTRY_MAIN_ZONE } from './country-zones';
import { isWithinWorkHours } from './zoned';

/** What the API says about a phone: E.164 when it parsed (or the `tel:` URI), and the text as typed. */
export interface PhoneSource {
  phone: string;
  phoneE164?: string | null;
  phoneUri?: string | null;
  phoneNational?: string;
}

/**
 * The number in E.164: as the API gave it, from its `tel:` URI, or — for summaries that carry only the
 * typed text — parsed like the API does (`00` → `+`, the user's phone region by default).
 */
function e164Of(source: PhoneSource, region?: string): string | null {
  if (source.phoneE164) return source.phoneE164;
  if (source.phoneUri?.startsWith('tel:')) return source.phoneUri.slice(4).split(';')[0] ?? null;
  if (!region) return null;
  const text = source.phone.trim().replace(/^00(?=\d)/, '+');
  return (
    (isSupportedCountry(region) ? parsePhoneNumberFromString(text, region) : parsePhoneNumberFromString(text))
      ?.number ?? null
  );
}

function parse(source: PhoneSource, region?: string) {
  const e164 = e164Of(source, region);
  return e164 ? parsePhoneNumberFromString(e164) : undefined;
}

/**
 * How a phone reads for this user: national format ("06 12 34 56 78") when the number belongs to their
 * phone region, international ("+44 20 7946 0958") otherwise, and as typed when it does not parse.
 */
export function displayPhone(source: PhoneSource, region: string): string {
  const parsed = parse(source, region);
  if (!parsed) return source.phoneNational || source.phone;
  return parsed.country === region || (!parsed.country && parsed.countryCallingCode === callingCodeOf(region))
    ? parsed.formatNational()
    : parsed.formatInternational();
}

function callingCodeOf(region: string): string | undefined {
  return isSupportedCountry(region) ? getCountryCallingCode(region) : undefined;
}

/** The `tel:` URI to dial, when the number parses. */
export function telHref(source: PhoneSource, region?: string): string | null {
  if (source.phoneUri) return source.phoneUri;
  const e164 = e164Of(source, region);
  return e164 ? `tel:${e164}` : null;
}

/** The ISO country of a phone, when libphonenumber can tell. */
export function phoneCountry(source: PhoneSource, region?: string): string | null {
  return parse(source, region)?.country ?? null;
}

/** The contact's (probable) time zone: the main zone of their phone's country. */
export function contactZone(source: PhoneSource, region?: string): string | null {
  const country = phoneCountry(source, region);
  return country ? (COUNTRY_MAIN_ZONE[country] ?? null) : null;
}

/** The contact's local time now and whether it falls inside the caller's work hours (on their clock). */
export function contactClock(source: PhoneSource, hours: WorkHours, now: Date, region?: string) {
  const zone = contactZone(source, region);
  if (!zone) return null;
  return { zone, now, isWithinWorkHours: isWithinWorkHours(now, hours, zone) };
}

/**
 * What a typed phone will become (the API's normalisation: `00` → `+`, the user's region by default):
 * its display form and whether it is a valid number. Null while nothing parses.
 */
export function previewPhone(raw: string, region: string): { display: string; isValid: boolean } | null {
  const text = raw.trim().replace(/^00(?=\d)/, '+');
  if (!text) return null;
  const parsed = isSupportedCountry(region)
    ? parsePhoneNumberFromString(text, region)
    : parsePhoneNumberFromString(text);
  if (!parsed) return null;
  return { display: displayPhone({ phone: raw, phoneE164: parsed.number }, region), isValid: parsed.isValid() };
}
