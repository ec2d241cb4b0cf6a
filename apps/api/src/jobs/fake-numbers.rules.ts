import { parsePhoneNumberFromString } from 'libphonenumber-js/max';
import { normalizePhone } from '@ct/contracts';
import type { FlagReason } from '../modules/notifications/index.ts';

/**
 * France's numbers reserved for fiction and tests (ARCEP decision 2019-0923): 01 99 00, 02 61 91,
 * 03 53 01, 04 65 71, 05 36 49 and 06 39 98 followed by four digits — as national significant numbers.
 */
const FR_FICTION_PREFIXES = ['19900', '26191', '35301', '46571', '53649', '63998'];

/** The subscriber digits after the leading area/mobile digit must not be one digit repeated… */
function isRepeated(digits: string): boolean {
  return digits.length >= 6 && /^(\d)\1+$/.test(digits);
}

/** …nor a run counting up or down by one (wrapping 9→0), like 12345678 or 87654321. */
function isSequential(digits: string): boolean {
  if (digits.length < 6) return false;
  const steps = new Set<number>();
  for (let i = 1; i < digits.length; i++) steps.add((Number(digits[i]) - Number(digits[i - 1]) + 10) % 10);
  return steps.size === 1 && (steps.has(1) || steps.has(9));
}

/**
 * Why a number looks fake on its own (the per-number rules of the fake-number job), or null. The most
 * telling reason wins: fiction range, then digit patterns, then libphonenumber validity for the region
 * (which alone would let some patterns through — the minimal metadata accepts 04 00 00 00 00).
 */
export function fakeNumberReason(raw: string, region: string): FlagReason | null {
  const phone = normalizePhone(raw, region);
  if (!phone.e164) return 'invalid_for_region';
  const e164 = phone.e164;
  if (e164.startsWith('+33') && FR_FICTION_PREFIXES.some((p) => e164.startsWith(`+33${p}`))) return 'fiction_range';
  // The national significant number: what follows the country code (612345678 for +33612345678).
  const national = parsePhoneNumberFromString(e164)?.nationalNumber ?? '';
  const subscriber = national.slice(1);
  if (isRepeated(national) || isRepeated(subscriber)) return 'repeated_digits';
  if (isSequential(national) || isSequential(subscriber)) return 'sequential_digits';
  return phone.valid ? null : 'invalid_for_region';
}
