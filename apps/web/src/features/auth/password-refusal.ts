import { PASSWORD_REFUSALS, type PasswordRefusal } from '@ct/contracts/constants';
import { ApiError } from '@/lib/api';
import type { Dictionary } from '@/lib/i18n';

const isPasswordRefusal = (code: string | undefined): code is PasswordRefusal =>
  (PASSWORD_REFUSALS as readonly (string | undefined)[]).includes(code);

/** The sentence for a new password the API's policy refused; null when the error is anything else. */
export function passwordRefusalMessage(error: unknown, t: Dictionary): string | null {
  const code = error instanceof ApiError && error.status === 400 ? error.problem?.code : undefined;
  return isPasswordRefusal(code) ? t.ui.passwordRefusals[code] : null;
}
