import type { Provider } from '@nestjs/common';
import type { Request } from 'express';
import { Passport } from 'passport';
import { Strategy as LocalStrategy } from 'passport-local';
import type { SignedInUser } from '../common/auth/signed-in-user';
import { UsersService } from '../users/users.service';
import { AuthService } from './auth.service';

/**
 * A passport instance per application rather than passport's global one, so
 * strategies and session serialisation belong to this app's services.
 */
export class PortalPassport extends Passport {}

export const passportProvider: Provider = {
  provide: PortalPassport,
  inject: [AuthService, UsersService],
  useFactory: (auth: AuthService, users: UsersService) => {
    const passport = new PortalPassport();
    // passport-local checks email and password through AuthService, throttle included.
    passport.use(
      'local',
      new LocalStrategy(
        { usernameField: 'email', passwordField: 'password', passReqToCallback: true, session: false },
        (request: Request, email, password, done) => {
          auth.verifyCredentials(email, password, request.ip ?? 'unknown').then(
            (user) => done(null, user),
            (error) => done(error),
          );
        },
      ),
    );
    // Only the user id is kept in the session; roles are re-read on every request so changes apply at once.
    passport.serializeUser((user, done) => done(null, (user as SignedInUser).id));
    passport.deserializeUser((id: string, done) => {
      users.findSignedInUser(id).then(
        (user) => done(null, user ?? false),
        (error) => done(error),
      );
    });
    return passport;
  },
};
