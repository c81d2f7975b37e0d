import { BadRequestException } from '@nestjs/common';
import type { NextFunction, Request, Response } from 'express';

function containsNul(value: unknown, depth = 0): boolean {
  if (typeof value === 'string') return value.includes('\u0000');
  if (depth > 5 || value === null || typeof value !== 'object') return false;
  return Object.entries(value as Record<string, unknown>).some(([key, item]) => key.includes('\u0000') || containsNul(item, depth + 1));
}

/**
 * PostgreSQL text cannot hold a NUL character, and no person types one, so a
 * request carrying one in its query or form is refused with a 400 before it
 * reaches a query (where it would otherwise fail as a 500).
 */
export function rejectNulCharacters(request: Request, _response: Response, next: NextFunction): void {
  if (containsNul(request.query) || containsNul(request.body)) return next(new BadRequestException());
  next();
}
