import { Injectable } from '@nestjs/common';
import { PassportStrategy } from '@nestjs/passport';
import type { Request } from 'express';
import { Strategy } from 'passport-local';
import type { SignedInUser } from '../common/auth/signed-in-user';
import { AuthService } from './auth.service';

/** passport-local, checking email and password through AuthService (throttle included). */
@Injectable()
export class LocalStrategy extends PassportStrategy(Strategy, 'local') {
  constructor(private readonly auth: AuthService) {
    super({ usernameField: 'email', passwordField: 'password', passReqToCallback: true, session: false });
  }

  validate(request: Request, email: string, password: string): Promise<SignedInUser> {
    return this.auth.verifyCredentials(email, password, request.ip ?? 'unknown');
  }
}
