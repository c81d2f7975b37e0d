import type { NextFunction, Request, Response } from 'express';
import type { PortalPassport } from './passport.provider';
import type { SignedInUser } from '../common/auth/signed-in-user';
import { redirectAfterSaving } from '../common/http/flash';
import { requestContext } from '../common/http/request-context';
import type { AuthService } from './auth.service';

/** Runs the passport-local strategy and resolves with the user, or rejects with its error. */
export function authenticateLocal(passport: PortalPassport, request: Request, response: Response): Promise<SignedInUser> {
  return new Promise((resolve, reject) => {
    const next: NextFunction = (error?: unknown) => reject(error);
    passport.authenticate('local', { session: false }, (error: unknown, user: SignedInUser | false) => {
      if (error) return reject(error);
      if (!user) return reject(new Error('passport-local returned no user'));
      resolve(user);
    })(request, response, next);
  });
}

/** Signs in, replacing the session (and its id) so a planted session id is useless. */
export function startSession(request: Request, user: SignedInUser): Promise<void> {
  return new Promise((resolve, reject) => request.logIn(user, (error) => (error ? reject(error) : resolve())));
}

/**
 * The last step of every way of signing in: a new session, the sign-in
 * recorded, and on to `next`. Fresh recovery codes wait in the new session,
 * to be shown once.
 */
export async function completeSignIn(
  auth: AuthService,
  request: Request,
  response: Response,
  user: SignedInUser,
  next: string,
  newRecoveryCodes?: string[],
): Promise<void> {
  await startSession(request, user);
  if (newRecoveryCodes) request.session.newRecoveryCodes = newRecoveryCodes;
  requestContext.setUser(user);
  await auth.recordSignIn(user);
  await redirectAfterSaving(request, response, next);
}

export function regenerateSession(request: Request): Promise<void> {
  return new Promise((resolve, reject) => request.session.regenerate((error) => (error ? reject(error) : resolve())));
}

export function endSession(request: Request): Promise<void> {
  return new Promise((resolve, reject) =>
    request.logOut((logOutError) => {
      if (logOutError) return reject(logOutError);
      request.session.destroy((error) => (error ? reject(error) : resolve()));
    }),
  );
}
