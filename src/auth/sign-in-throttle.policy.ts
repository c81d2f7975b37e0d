export const THROTTLE_WINDOW_MINUTES = 15;
/** Failed attempts allowed for one email address before it is locked out. */
export const FREE_FAILURES_PER_EMAIL = 5;
/** Failed attempts allowed from one IP address, across all emails, per window. */
export const FAILURES_PER_IP = 100;
export const MAX_LOCKOUT_SECONDS = 15 * 60;

/**
 * How long an email address is locked after its nth failure in the window:
 * nothing for the first 5, then 1, 2, 4, 8 minutes, up to 15.
 */
export function emailLockoutSeconds(failures: number): number {
  if (failures < FREE_FAILURES_PER_EMAIL) return 0;
  return Math.min(60 * 2 ** (failures - FREE_FAILURES_PER_EMAIL), MAX_LOCKOUT_SECONDS);
}

export function ipLockoutSeconds(failures: number): number {
  return failures >= FAILURES_PER_IP ? MAX_LOCKOUT_SECONDS : 0;
}

/** "Wait 3 minutes", rounded up, for the error message. */
export function waitMessage(seconds: number): string {
  const minutes = Math.max(1, Math.ceil(seconds / 60));
  return `You have tried to sign in too many times. Wait ${minutes} ${minutes === 1 ? 'minute' : 'minutes'}, then try again.`;
}

/** Requests that send an email or make an account, each limited per address asked about and per IP address. */
export type LimitedRequest = 'forgot-password' | 'register' | 'invite-colleague';

export interface RequestLimit {
  /** Requests naming one email address, from anywhere, per window. Past it, nothing more is sent, and the answer looks the same. */
  perAddress: number;
  /** Requests from one IP address, for any email address, per window. Past it, a 429 with a message. */
  perIp: number;
  windowMinutes: number;
}

export const REQUEST_LIMITS: Record<LimitedRequest, RequestLimit> = {
  'forgot-password': { perAddress: 3, perIp: 20, windowMinutes: 60 },
  register: { perAddress: 3, perIp: 10, windowMinutes: 60 },
  // A provider admin inviting a whole team from one office stays well inside this.
  'invite-colleague': { perAddress: 3, perIp: 50, windowMinutes: 60 },
};

export function requestWaitMessage(seconds: number): string {
  const minutes = Math.max(1, Math.ceil(seconds / 60));
  return `You have asked too many times. Wait ${minutes} ${minutes === 1 ? 'minute' : 'minutes'}, then try again.`;
}
