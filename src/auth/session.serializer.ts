import { Injectable } from '@nestjs/common';
import { PassportSerializer } from '@nestjs/passport';
import type { SignedInUser } from '../common/auth/signed-in-user';
import { UsersService } from '../users/users.service';

/** Only the user id is kept in the session; roles are re-read on every request so changes apply at once. */
@Injectable()
export class SessionSerializer extends PassportSerializer {
  constructor(private readonly users: UsersService) {
    super();
  }

  serializeUser(user: SignedInUser, done: (error: Error | null, id?: string) => void): void {
    done(null, user.id);
  }

  deserializeUser(id: string, done: (error: Error | null, user?: SignedInUser | false) => void): void {
    this.users.findSignedInUser(id).then(
      (user) => done(null, user ?? false),
      (error) => done(error),
    );
  }
}
