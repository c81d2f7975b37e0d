import { ForbiddenException, Injectable, NotFoundException } from '@nestjs/common';
import { DataSource, EntityManager } from 'typeorm';
import { AuditService } from '../../audit/audit.service';
import type { SignedInUser } from '../../common/auth/signed-in-user';
import { FormInvalidError } from '../../common/forms/form-invalid.error';
import { deleteSessionsOf } from '../../common/http/session.repository';
import { AppConfig } from '../../config/app-config';
import { NotificationsService } from '../../notifications/notifications.service';
import { twoFactorRequiredFor } from '../two-factor/two-factor-rules';
import { User } from '../../users/user.entity';
import { UserRepository } from '../../users/user.repository';
import { hashPassword, passwordProblem, verifyPassword } from '../password';
import { SignInThrottleService } from '../sign-in-throttle.service';
import { RecoveryCodeRepository } from '../two-factor/recovery-code.repository';
import { tellAccountOwner, writeRecoveryCodes } from '../two-factor/two-factor.service';

export const WRONG_PASSWORD_MESSAGE = 'The password is not correct';

/**
 * A person's own sign-in details (password, authenticator app, recovery
 * codes) and the administrator's actions on someone else's account.
 * Every change is audited, emailed to the person, and ends sessions that
 * should no longer be trusted.
 */
@Injectable()
export class AccountService {
  constructor(
    private readonly dataSource: DataSource,
    private readonly config: AppConfig,
    private readonly audit: AuditService,
    private readonly throttle: SignInThrottleService,
    private readonly notifications: NotificationsService,
    private readonly recoveryCodes: RecoveryCodeRepository,
    private readonly users: UserRepository,
  ) {}

  async overview(userId: string) {
    const user = await this.users.findByIdOrFail(userId);
    const recoveryCodesLeft = user.totpEnabledAt ? await this.recoveryCodes.countUnused(userId) : 0;
    return {
      email: user.email,
      fullName: user.fullName,
      twoFactorOn: !!user.totpEnabledAt,
      twoFactorSince: user.totpEnabledAt,
      twoFactorRequired: twoFactorRequiredFor(user.roles, this.config.staffTwoFactor),
      recoveryCodesLeft,
    };
  }

  /**
   * Re-authentication before a sensitive change. Wrong passwords count in the
   * sign-in throttle for this email, so this page cannot be used to guess.
   */
  async confirmPassword(user: SignedInUser, password: string, ip: string, field = 'password'): Promise<void> {
    await this.throttle.refuseWhileLocked(user.email, ip, field);
    const row = await this.users.findByIdWithPasswordHash(user.id);
    if (!row?.passwordHash || !(await verifyPassword(password, row.passwordHash))) {
      await this.throttle.recordFailure(user.email, ip);
      await this.dataSource.transaction((manager) =>
        this.audit.record(manager, { action: 'user.reauthentication_failed', entityType: 'user', entityId: user.id, actor: user }),
      );
      throw FormInvalidError.forField(field, WRONG_PASSWORD_MESSAGE);
    }
  }

  /** Needs the current password. Every other session of this person ends. */
  async changePassword(user: SignedInUser, currentPassword: string, newPassword: string, ip: string, keepSessionId: string): Promise<void> {
    await this.confirmPassword(user, currentPassword, ip, 'currentPassword');
    const problem = passwordProblem(newPassword, { email: user.email });
    if (problem) throw FormInvalidError.forField('newPassword', problem);
    if (newPassword === currentPassword) throw FormInvalidError.forField('newPassword', 'Your new password must be different from your current password');
    const passwordHash = await hashPassword(newPassword);
    await this.dataSource.transaction(async (manager) => {
      await this.users.setPasswordHash(manager, user.id, passwordHash);
      await deleteSessionsOf(manager, user.id, keepSessionId);
      await this.audit.record(manager, { action: 'user.password_changed', entityType: 'user', entityId: user.id, actor: user });
      await this.tellOwner(manager, user, 'your password was changed');
    });
  }

  /** New recovery codes, shown once; the old ones stop working. */
  async replaceRecoveryCodes(user: SignedInUser): Promise<string[]> {
    return this.dataSource.transaction(async (manager) => {
      const row = await this.users.findByIdOrFail(user.id, manager);
      if (!row.totpEnabledAt) throw new NotFoundException();
      const codes = await writeRecoveryCodes(this.recoveryCodes, manager, user.id);
      await this.audit.record(manager, { action: 'user.recovery_codes_replaced', entityType: 'user', entityId: user.id, actor: user });
      await this.tellOwner(manager, row, 'new recovery codes were made, and your old ones stopped working');
      return codes;
    });
  }

  /** Only for people who are not required to use it. */
  async turnOffTwoFactor(user: SignedInUser): Promise<void> {
    if (twoFactorRequiredFor(user.roles, this.config.staffTwoFactor)) throw new ForbiddenException();
    await this.dataSource.transaction(async (manager) => {
      await this.clearTwoFactor(manager, user.id);
      await this.audit.record(manager, { action: 'user.two_factor_disabled', entityType: 'user', entityId: user.id, actor: user });
      await this.tellOwner(manager, user, 'two-factor sign-in was turned off');
    });
  }

  /**
   * For someone who has lost their app and recovery codes: they are signed
   * out everywhere and set up a new app at their next sign-in (if required).
   */
  async resetTwoFactor(admin: SignedInUser, userId: string): Promise<User> {
    return this.dataSource.transaction(async (manager) => {
      const user = await this.users.findById(userId, manager);
      if (!user) throw new NotFoundException();
      if (!user.totpEnabledAt) return user;
      await this.clearTwoFactor(manager, userId);
      await deleteSessionsOf(manager, userId);
      await this.audit.record(manager, {
        action: 'user.two_factor_reset',
        entityType: 'user',
        entityId: userId,
        actor: admin,
        before: { twoFactor: true },
        after: { twoFactor: false },
      });
      await this.tellOwner(manager, user, 'an administrator reset your two-factor sign-in');
      return user;
    });
  }

  /** A disabled account cannot sign in, and every session it has ends now. */
  async setDisabled(admin: SignedInUser, userId: string, disabled: boolean): Promise<User> {
    if (admin.id === userId) throw new ForbiddenException('You cannot disable your own account');
    return this.dataSource.transaction(async (manager) => {
      const user = await this.users.lockById(manager, userId);
      if (!user) throw new NotFoundException();
      const before = user.status;
      const after = disabled ? 'disabled' : user.emailConfirmedAt ? 'active' : 'pending';
      if (before === after) return user;
      if (!disabled && before !== 'disabled') return user;
      await this.users.setStatus(manager, userId, after);
      if (disabled) await deleteSessionsOf(manager, userId);
      await this.audit.record(manager, {
        action: disabled ? 'user.disabled' : 'user.enabled',
        entityType: 'user',
        entityId: userId,
        actor: admin,
        before: { status: before },
        after: { status: after },
      });
      return { ...user, status: after } as User;
    });
  }

  private tellOwner(manager: EntityManager, person: { email: string; fullName: string }, change: string): Promise<void> {
    return tellAccountOwner(this.notifications, manager, person, change);
  }

  private async clearTwoFactor(manager: EntityManager, userId: string): Promise<void> {
    await this.users.setTotp(manager, userId, { totpSecret: null, totpEnabledAt: null, totpLastStep: null });
    await this.recoveryCodes.deleteAllOf(manager, userId);
  }
}
