import { timingSafeEqual } from 'node:crypto';
import { generate, generateSecret, generateURI } from 'otplib';

/** RFC 6238 as authenticator apps use it: SHA-1, 6 digits, 30-second steps. */
export const TOTP_STEP_SECONDS = 30;
const ISSUER = 'Adoption Support Commissioning';

export function newTotpSecret(): string {
  return generateSecret();
}

/** The otpauth:// address the QR code carries. */
export function totpUri(secret: string, email: string): string {
  return generateURI({ issuer: ISSUER, label: email, secret });
}

export function totpStepAt(time: Date): number {
  return Math.floor(time.getTime() / 1000 / TOTP_STEP_SECONDS);
}

export function totpCodeAt(secret: string, step: number): Promise<string> {
  return generate({ secret, epoch: step * TOTP_STEP_SECONDS });
}

/** Digits only: people type spaces and dashes from the app's display. */
export function normaliseCode(code: string): string {
  return code.replace(/[\s-]/g, '');
}

/**
 * The time step a code belongs to, or null. One step either side is allowed
 * for clock drift. A step at or before `lastUsedStep` is refused, so a code
 * cannot be used twice (RFC 6238 §5.2), nor an older one after a newer.
 */
export async function matchingTotpStep(secret: string, code: string, now: Date, lastUsedStep: number | null): Promise<number | null> {
  const typed = normaliseCode(code);
  if (!/^\d{6}$/.test(typed)) return null;
  const current = totpStepAt(now);
  for (const step of [current - 1, current, current + 1]) {
    if (lastUsedStep !== null && step <= lastUsedStep) continue;
    const expected = await totpCodeAt(secret, step);
    if (timingSafeEqual(Buffer.from(expected), Buffer.from(typed))) return step;
  }
  return null;
}
