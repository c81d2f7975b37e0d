import { BadRequestException } from '@nestjs/common';
import type { NextFunction, Request, Response } from 'express';

function containsNul(value: unknown, depth = 0): boolean {
  if (typeof value === 'string') return value.includes('\u0000');
  if (depth > 5 || value === null || typeof value !== 'object') return false;
  return Object.entries(value as Record<string, unknown>).some(([key, item]) => key.includes('\u0000') || containsNul(item, depth + 1));
}

/** The path as route parameters will read it: `%00` decodes to a NUL. A malformed escape is Express's own 400. */
function pathContainsNul(path: string | undefined): boolean {
  if (!path?.includes('%')) return false;
  try {
    return decodeURIComponent(path).includes('\u0000');
  } catch {
    return false;
  }
}

/**
 * PostgreSQL text cannot hold a NUL character, and no person types one, so a
 * request carrying one in its path (a route parameter such as
 * `/requirements/%00`), query or form is refused with a 400 before it reaches
 * a query (where it would otherwise fail as a 500), and before sign-in or
 * CSRF are asked for.
 */
export function rejectNulCharacters(request: Request, _response: Response, next: NextFunction): void {
  if (pathContainsNul(request.originalUrl?.split('?')[0]) || containsNul(request.query) || containsNul(request.body)) return next(new BadRequestException());
  next();
}
