import type { MfaSetup } from '@ct/contracts';
import { api, unwrap } from '@/lib/api';

/** A new secret and its QR code (after the password); shown until confirmed, never again. */
export function startMfaSetup(password: string): Promise<MfaSetup> {
  return unwrap(api.POST('/me/mfa/setup', { body: { password } }));
}

/** Turns 2FA on with a first code; the recovery codes come back this once. */
export async function enableMfa(code: string): Promise<string[]> {
  return (await unwrap(api.POST('/me/mfa/enable', { body: { code } }))).recoveryCodes;
}

export async function disableMfa(body: { password: string; code: string }): Promise<void> {
  await unwrap(api.POST('/me/mfa/disable', { body }));
}

export async function regenerateRecoveryCodes(body: { password: string; code: string }): Promise<string[]> {
  return (await unwrap(api.POST('/me/mfa/recovery-codes', { body }))).recoveryCodes;
}

/** The QR code as an image source: the server's SVG as a data URL (no markup injected into the page). */
export function qrImageSource(svg: string): string {
  const bytes = new TextEncoder().encode(svg);
  let binary = '';
  for (const byte of bytes) binary += String.fromCharCode(byte);
  return `data:image/svg+xml;base64,${btoa(binary)}`;
}
