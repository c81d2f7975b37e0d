import type { NextFunction, Request, Response } from 'express';
import { navigationFor } from '../../home/dashboards';
import type { SignedInUser } from '../auth/signed-in-user';

export const SERVICE_NAME = 'Adoption Support Commissioning Portal';

/** What the layout needs on every page: who is signed in and the header navigation. */
export function viewLocals(request: Request, response: Response, next: NextFunction): void {
  const user = request.user as SignedInUser | undefined;
  response.locals.serviceName = SERVICE_NAME;
  // originalUrl, because Nest mounts this middleware on a path and Express trims request.path to it.
  const path = request.originalUrl.split('?')[0];
  response.locals.currentPath = path;
  response.locals.navigation = [{ href: '/sign-in', text: 'Sign in', active: path === '/sign-in' }];
  if (user) {
    response.locals.currentUser = user;
    response.locals.navigation = [
      ...navigationFor(user.roles, path),
      { href: '/account', text: 'Your account', active: path.startsWith('/account') },
      { href: '/sign-out', text: 'Sign out', active: false },
    ];
    // Signed-in pages may hold personal data: never keep them in a browser or proxy cache.
    response.setHeader('Cache-Control', 'no-store');
  }
  next();
}
