export const MAX_DELIVERY_ATTEMPTS = 10;

/**
 * Exponential backoff for a failed delivery: 30s, 1m, 2m, 4m … capped at an
 * hour. After MAX_DELIVERY_ATTEMPTS the email is marked failed for an admin.
 */
export function retryDelaySeconds(attemptsSoFar: number): number {
  return Math.min(30 * 2 ** Math.max(0, attemptsSoFar - 1), 3600);
}

export function outcomeOfFailure(attemptsSoFar: number, now: Date): { status: 'queued' | 'failed'; nextAttemptAt: Date } {
  if (attemptsSoFar >= MAX_DELIVERY_ATTEMPTS) return { status: 'failed', nextAttemptAt: now };
  return { status: 'queued', nextAttemptAt: new Date(now.getTime() + retryDelaySeconds(attemptsSoFar) * 1000) };
}
