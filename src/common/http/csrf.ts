import { randomBytes, timingSafeEqual } from 'node:crypto';
import type { NextFunction, Request, Response } from 'express';

const SAFE_METHODS = new Set(['GET', 'HEAD', 'OPTIONS']);

export class CsrfError extends Error {}

declare module 'express-session' {
  interface SessionData {
    csrfToken?: string;
  }
}

export function sessionToken(request: Request): string {
  if (!request.session.csrfToken) request.session.csrfToken = randomBytes(32).toString('base64url');
  return request.session.csrfToken;
}

function tokensMatch(expected: string | undefined, given: unknown): boolean {
  if (!expected || typeof given !== 'string') return false;
  const a = Buffer.from(expected);
  const b = Buffer.from(given);
  return a.length === b.length && timingSafeEqual(a, b);
}

/**
 * Synchroniser-token CSRF protection. The token lives in the session and must
 * come back in the `_csrf` form field (or the `x-csrf-token` header, or for
 * multipart forms the `_csrf` query parameter) on every unsafe method.
 * Views read `csrfToken`, created only when a page renders it.
 */
export function csrfProtection(request: Request, response: Response, next: NextFunction): void {
  // A function, which Handlebars calls only when a page prints it: pages without forms start no session.
  response.locals.csrfToken = () => (request.session ? sessionToken(request) : '');
  if (SAFE_METHODS.has(request.method)) return next();
  const given = request.body?._csrf ?? request.get('x-csrf-token') ?? request.query._csrf;
  if (!tokensMatch(request.session?.csrfToken, given)) return next(new CsrfError('Missing or wrong CSRF token'));
  next();
}
