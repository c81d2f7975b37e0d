import { ForbiddenException, NotFoundException } from '@nestjs/common';
import { isUUID } from 'class-validator';
import type { Request } from 'express';
import type { SignedInUser } from '../auth/signed-in-user';

/**
 * A record id from the URL, for the form pages' model methods, which get the
 * request rather than pipes. An id that is not a UUID names no record, so it
 * gets the same "Page not found" as `RouteIdPipe` gives.
 */
export function routeId(request: Request, name = 'id'): string {
  const id = request.params[name];
  if (typeof id !== 'string' || !isUUID(id)) throw new NotFoundException();
  return id;
}

/** As `routeId`, for pages shared by a new record (no id in the URL) and an existing one. */
export function optionalRouteId(request: Request, name = 'id'): string | undefined {
  return request.params[name] === undefined ? undefined : routeId(request, name);
}

/** The signed-in person; the access guard has already turned away anyone else. */
export function signedInUser(request: Request): SignedInUser {
  if (!request.user) throw new ForbiddenException();
  return request.user as SignedInUser;
}

/** The signed-in person on a page that anyone may open, if someone is signed in. */
export function signedInUserIfAny(request: Request): SignedInUser | undefined {
  return request.user as SignedInUser | undefined;
}
