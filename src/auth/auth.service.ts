import { Clock } from '../common/clock/clock';
import { Inject, Injectable, NotFoundException } from '@nestjs/common';
import type { Logger } from 'pino';
import { DataSource, EntityManager } from 'typeorm';
import { AuditService } from '../audit/audit.service';
import type { SignedInUser } from '../common/auth/signed-in-user';
import { FormInvalidError } from '../common/forms/form-invalid.error';
import { deleteSessionsOf } from '../common/http/session.repository';
import { LOGGER } from '../common/logging/logger.module';
import { NotificationsService } from '../notifications/notifications.service';
import { ProviderOrganisation } from '../providers/provider-organisation.entity';
import { TokenPurpose } from '../users/user-token.entity';
import { UserTokensService } from '../users/user-tokens.service';
import { User } from '../users/user.entity';
import { toSignedInUser, UsersService } from '../users/users.service';
import { decoyPasswordHash, hashPassword, passwordProblem, verifyPassword } from './password';
import { SignInThrottleService } from './sign-in-throttle.service';

export const WRONG_CREDENTIALS_MESSAGE = 'The email address or password is not correct';
export const PARTNERSHIP_DEACTIVATED_MESSAGE = 'Your partnership has been deactivated on this portal: ask your system administrator';

export type LinkStatus = 'valid' | 'invalid' | 'expired' | 'used';

@Injectable()
export class AuthService {
  constructor(
    private readonly clock: Clock,
    private readonly dataSource: DataSource,
    private readonly users: UsersService,
    private readonly tokens: UserTokensService,
    private readonly throttle: SignInThrottleService,
    private readonly notifications: NotificationsService,
    private readonly audit: AuditService,
    @Inject(LOGGER) private readonly logger: Logger,
  ) {}

  /** Checks an email and password, with the throttle applied before any password is checked. */
  async verifyCredentials(email: string, password: string, ip: string): Promise<SignedInUser> {
    await this.throttle.refuseWhileLocked(email, ip, 'email');

    const user = await this.users.findForSignIn(email);
    const matches = await verifyPassword(password, user?.passwordHash ?? (await decoyPasswordHash()));
    if (!user || !matches || user.status !== 'active' || !user.passwordHash) {
      await this.throttle.recordFailure(email, ip);
      this.logger.warn({ event: 'sign_in_failed', known: !!user }, 'Sign-in failed');
      throw FormInvalidError.forField('email', WRONG_CREDENTIALS_MESSAGE);
    }
    await this.throttle.recordSuccess(email);
    // Told only once the password is right, so it says nothing about which addresses have accounts.
    if (await this.users.partnershipDeactivated(user)) {
      this.logger.warn({ event: 'sign_in_refused', reason: 'partnership_deactivated' }, 'Sign-in refused');
      throw FormInvalidError.forField('email', PARTNERSHIP_DEACTIVATED_MESSAGE);
    }
    return toSignedInUser(user);
  }

  async signedInUser(userId: string): Promise<SignedInUser> {
    const user = await this.users.findSignedInUser(userId);
    if (!user) throw new NotFoundException();
    return user;
  }

  async recordSignIn(user: SignedInUser): Promise<void> {
    await this.dataSource.transaction(async (manager) => {
      await manager.update(User, user.id, { lastSignInAt: this.clock.now() });
      await this.audit.record(manager, { action: 'user.signed_in', entityType: 'user', entityId: user.id, actor: user });
    });
  }

  async recordSignOut(user: SignedInUser): Promise<void> {
    await this.dataSource.transaction((manager) =>
      this.audit.record(manager, { action: 'user.signed_out', entityType: 'user', entityId: user.id, actor: user }),
    );
  }

  /**
   * Answers the same whether or not the email has an account, and does the
   * same work for each: one email into the outbox (a link, or a note that no
   * account has this address) and one audit event, so neither the page nor
   * its timing tells accounts apart. Limited per address and per IP address.
   */
  async requestPasswordReset(email: string, ip: string): Promise<void> {
    if (!(await this.throttle.countRequest('forgot-password', email, ip))) return;
    await this.dataSource.transaction(async (manager) => {
      const { user, token } = await this.tokens.issueForActiveEmail(manager, email, 'reset_password');
      await this.notifications.queue(
        manager,
        user
          ? { to: user.email, template: 'password-reset', data: { fullName: user.fullName, link: `/reset-password?token=${token}` } }
          : { to: email, template: 'password-reset-no-account', data: {} },
      );
      // The address is not recorded for an unknown account: it may be anyone's.
      await this.audit.record(manager, {
        action: 'user.password_reset_requested',
        entityType: 'user',
        entityId: user?.id ?? null,
        actor: null,
        after: { knownAccount: !!user },
      });
    });
  }

  async linkStatus(token: unknown, purpose: TokenPurpose): Promise<LinkStatus> {
    return (await this.tokens.check(this.dataSource.manager, token, purpose, { lock: false })).status;
  }

  /** Sets a password from a reset link and signs the person out everywhere. */
  async resetPassword(rawToken: string, password: string): Promise<LinkStatus> {
    return this.usePasswordLink(rawToken, password, 'reset_password', async (manager, user) => {
      await deleteSessionsOf(manager, user.id);
      await this.audit.record(manager, { action: 'user.password_reset', entityType: 'user', entityId: user.id, actor: { id: user.id, email: user.email } });
    });
  }

  /** An invited colleague or agency user sets their first password, which activates the account. */
  async acceptInvitation(rawToken: string, password: string): Promise<LinkStatus> {
    return this.usePasswordLink(rawToken, password, 'accept_invitation', (manager, user) => this.activate(manager, user, 'user.invitation_accepted'));
  }

  /** Confirms a provider's self-registration: the user and their organisation become active. */
  async confirmRegistration(rawToken: unknown): Promise<LinkStatus> {
    return this.dataSource.transaction(async (manager) => {
      const check = await this.tokens.check(manager, rawToken, 'confirm_registration', { lock: true });
      if (check.status !== 'valid') return check.status;
      const user = await manager.findOneByOrFail(User, { id: check.token.userId });
      await this.tokens.markUsed(manager, check.token);
      await this.activate(manager, user, 'user.email_confirmed');
      if (user.providerId) await manager.update(ProviderOrganisation, user.providerId, { status: 'active' });
      return 'valid';
    });
  }

  /** The person has proved they own the email address: the account becomes usable. */
  private async activate(manager: EntityManager, user: User, action: string): Promise<void> {
    await manager.update(User, user.id, { status: 'active', emailConfirmedAt: this.clock.now() });
    await this.audit.record(manager, {
      action,
      entityType: 'user',
      entityId: user.id,
      before: { status: user.status },
      after: { status: 'active' },
      actor: { id: user.id, email: user.email },
    });
  }

  private async usePasswordLink(
    rawToken: string,
    password: string,
    purpose: TokenPurpose,
    afterUpdate: (manager: EntityManager, user: User) => Promise<void>,
  ): Promise<LinkStatus> {
    const passwordHash = await hashPassword(password);
    return this.dataSource.transaction(async (manager) => {
      const check = await this.tokens.check(manager, rawToken, purpose, { lock: true });
      if (check.status !== 'valid') return check.status;
      const user = await manager.findOneByOrFail(User, { id: check.token.userId });
      const problem = passwordProblem(password, { email: user.email });
      if (problem) throw FormInvalidError.forField('password', problem);
      await this.tokens.markUsed(manager, check.token);
      await manager.update(User, user.id, { passwordHash });
      await afterUpdate(manager, user);
      return 'valid';
    });
  }
}
