/** PostgreSQL SQLSTATE codes that mean "cannot reach the database right now", not "this query is wrong". */
const UNAVAILABLE_CODES = new Set([
  '57P01', // admin_shutdown: the server is stopping, or our connection was cut
  '57P02', // crash_shutdown
  '57P03', // cannot_connect_now: starting up
  '53300', // too_many_connections
]);
const UNAVAILABLE_NODE_CODES = new Set(['ECONNREFUSED', 'ECONNRESET', 'ETIMEDOUT', 'EPIPE', 'ENOTFOUND']);

/**
 * Whether an error means the database is out of reach (restarting, refusing
 * connections, or the connection was cut), so the person should be told the
 * service is unavailable for now rather than that something is broken.
 */
export function isDatabaseUnavailable(error: unknown, depth = 0): boolean {
  if (!error || typeof error !== 'object' || depth > 3) return false;
  const { code, message, driverError, cause } = error as { code?: unknown; message?: unknown; driverError?: unknown; cause?: unknown };
  if (typeof code === 'string' && (UNAVAILABLE_CODES.has(code) || code.startsWith('08') || UNAVAILABLE_NODE_CODES.has(code))) return true;
  // "database … is not currently accepting connections" (55000) is also raised for other reasons, so the message decides.
  if (code === '55000' && typeof message === 'string' && /not currently accepting connections/.test(message)) return true;
  if (typeof message === 'string' && /Connection terminated|connection timeout|Client has encountered a connection error/i.test(message)) return true;
  return isDatabaseUnavailable(driverError, depth + 1) || isDatabaseUnavailable(cause, depth + 1);
}
