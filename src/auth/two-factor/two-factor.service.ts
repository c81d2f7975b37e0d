import { Clock } from '../../common/clock/clock';
import { ForbiddenException, Injectable } from '@nestjs/common';
import { DataSource, EntityManager } from 'typeorm';
import { AuditService } from '../../audit/audit.service';
import type { SignedInUser } from '../../common/auth/signed-in-user';
import { AppConfig } from '../../config/app-config';
import { NotificationsService } from '../../notifications/notifications.service';
import { twoFactorRequiredFor } from './two-factor-rules';
import { User } from '../../users/user.entity';
import { UserRepository } from '../../users/user.repository';
import { toSignedInUser } from '../../users/users.service';
import { SignInThrottleService } from '../sign-in-throttle.service';
import { RecoveryCodeRepository } from './recovery-code.repository';
import { newRecoveryCodes, recoveryCodeHash } from './recovery-codes';
import { matchingTotpStep } from './totp';

/** What a person must do after their password is accepted. */
export type SecondStep = 'none' | 'code' | 'set-up';

/**
 * Two-factor sign-in with an authenticator app (TOTP) and single-use
 * recovery codes. Staff must use it when STAFF_TWO_FACTOR is "required".
 * Provider users may turn it on from their account page.
 */
@Injectable()
export class TwoFactorService {
  constructor(
    private readonly clock: Clock,
    private readonly dataSource: DataSource,
    private readonly config: AppConfig,
    private readonly audit: AuditService,
    private readonly throttle: SignInThrottleService,
    private readonly notifications: NotificationsService,
    private readonly users: UserRepository,
    private readonly recoveryCodes: RecoveryCodeRepository,
  ) {}

  /**
   * Wrong codes are throttled like wrong passwords, under a key of their
   * own: a right password clears the password count, and must not clear this.
   */
  async throttled<Result>(email: string, ip: string, attempt: () => Promise<Result | null>): Promise<Result | null> {
    const key = `second-step:${email}`;
    await this.throttle.refuseWhileLocked(key, ip, 'code');
    const result = await attempt();
    if (result === null) await this.throttle.recordFailure(key, ip);
    else await this.throttle.recordSuccess(key);
    return result;
  }

  async secondStepFor(userId: string): Promise<SecondStep> {
    const user = await this.users.findByIdOrFail(userId);
    if (user.totpEnabledAt) return 'code';
    return twoFactorRequiredFor(user.roles, this.config.staffTwoFactor) ? 'set-up' : 'none';
  }

  /** The sign-in set-up step is only for someone who must have an authenticator and has none yet. */
  async maySetUpAtSignIn(userId: string): Promise<boolean> {
    return (await this.secondStepFor(userId)) === 'set-up';
  }

  /** Checks an authenticator code and uses it up. Returns the user it signs in, or null. */
  async verifyCode(userId: string, code: string, now = this.clock.now()): Promise<SignedInUser | null> {
    return this.dataSource.transaction(async (manager) => {
      // Locked, so two requests racing with the same code cannot both use it.
      const user = await this.users.lockActiveWithTotpSecret(manager, userId);
      if (!user?.totpSecret || !user.totpEnabledAt) return null;
      const step = await matchingTotpStep(user.totpSecret, code, now, user.totpLastStep);
      if (step === null) {
        await this.audit.record(manager, { action: 'user.two_factor_failed', entityType: 'user', entityId: user.id, actor: user });
        return null;
      }
      await this.users.setTotp(manager, user.id, { totpLastStep: step });
      return toSignedInUser(user);
    });
  }

  /** Signs in with a recovery code, which can never be used again. */
  async useRecoveryCode(userId: string, code: string): Promise<SignedInUser | null> {
    return this.dataSource.transaction(async (manager) => {
      const user = await this.users.findActive(userId, manager);
      if (!user?.totpEnabledAt) return null;
      const used = await this.recoveryCodes.markUsed(manager, userId, recoveryCodeHash(code));
      if (!used) {
        await this.audit.record(manager, { action: 'user.recovery_code_failed', entityType: 'user', entityId: user.id, actor: user });
        return null;
      }
      const left = await this.recoveryCodes.countUnused(userId, manager);
      await this.audit.record(manager, {
        action: 'user.recovery_code_used',
        entityType: 'user',
        entityId: user.id,
        actor: user,
        after: { recoveryCodesLeft: left },
      });
      return toSignedInUser(user);
    });
  }

  /**
   * Sets up the first authenticator at sign-in, where only the password has
   * been shown. It refuses an account that already has one: replacing it
   * would let a password alone take the account over. The check and the
   * change are made under one row lock, so a race cannot slip between them.
   */
  async enrol(userId: string, secret: string, code: string, now = this.clock.now()): Promise<string[] | null> {
    return this.dataSource.transaction(async (manager) => {
      const user = await this.users.lockActive(manager, userId);
      if (!user || user.totpEnabledAt) throw new ForbiddenException('Two-factor sign-in is already set up for this account');
      return this.saveSecret(manager, user, secret, code, now);
    });
  }

  /**
   * Turns two-factor sign-in on, or moves it to a new app, from the account
   * page, where the signed-in person has just entered their password again.
   * Returns new recovery codes, to be shown once; any earlier ones stop working.
   */
  async enable(userId: string, secret: string, code: string, now = this.clock.now()): Promise<string[] | null> {
    return this.dataSource.transaction(async (manager) => {
      const user = await this.users.lockById(manager, userId);
      if (!user) return null;
      return this.saveSecret(manager, user, secret, code, now);
    });
  }

  /** Once a code from the new secret is shown: the secret, new recovery codes, the audit event and the owner's email, in the caller's transaction. */
  private async saveSecret(manager: EntityManager, user: User, secret: string, code: string, now: Date): Promise<string[] | null> {
    const step = await matchingTotpStep(secret, code, now, null);
    if (step === null) return null;
    const changing = !!user.totpEnabledAt;
    await this.users.setTotp(manager, user.id, { totpSecret: secret, totpEnabledAt: now, totpLastStep: step });
    const codes = await writeRecoveryCodes(this.recoveryCodes, manager, user.id);
    await this.audit.record(manager, {
      action: changing ? 'user.two_factor_changed' : 'user.two_factor_enabled',
      entityType: 'user',
      entityId: user.id,
      actor: user,
    });
    await tellAccountOwner(
      this.notifications,
      manager,
      user,
      changing ? 'your authenticator app was changed, and new recovery codes were made' : 'two-factor sign-in was turned on',
    );
    return codes;
  }
}

/** Replaces every recovery code a person has with ten new ones, returned in plain text once. */
export async function writeRecoveryCodes(recoveryCodes: RecoveryCodeRepository, manager: EntityManager, userId: string): Promise<string[]> {
  const codes = newRecoveryCodes();
  await recoveryCodes.replaceAll(
    manager,
    userId,
    codes.map((code) => recoveryCodeHash(code)),
  );
  return codes;
}

/** Every change to how someone signs in is emailed to them, so a change they did not make is noticed. */
export function tellAccountOwner(
  notifications: NotificationsService,
  manager: EntityManager,
  person: { email: string; fullName: string },
  change: string,
): Promise<void> {
  return notifications.queue(manager, { to: person.email, template: 'account-changed', data: { fullName: person.fullName, change } });
}
