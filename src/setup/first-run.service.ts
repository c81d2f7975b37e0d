import { Clock } from '../common/clock/clock';
import { randomBytes } from 'node:crypto';
import { Injectable, NotFoundException } from '@nestjs/common';
import { DataSource, EntityManager, IsNull, MoreThan } from 'typeorm';
import { Agency } from '../agencies/agency.entity';
import { Partnership } from '../agencies/partnership.entity';
import { AuditService } from '../audit/audit.service';
import { hashPassword } from '../auth/password';
import { hashToken, UserTokensService } from '../users/user-tokens.service';
import { User } from '../users/user.entity';
import { FirstRunToken } from './first-run-token.entity';

/** How long a printed set-up link works; a restart prints a new one while no admin exists. */
export const FIRST_RUN_LINK_HOURS = 24;

/** Serialises set-up across instances, so two people cannot both become the first admin. */
const FIRST_RUN_LOCK = 7_305_001;

export interface FirstAdmin {
  partnershipName: string;
  agencyName: string;
  fullName: string;
  email: string;
}

/**
 * A new deployment has no one who can sign in. While no system admin exists,
 * the portal prints a single-use link whose page creates the partnership, its
 * lead agency and the first system admin; scripted installs use
 * `npm run setup` instead. Once an admin exists, both refuse.
 */
@Injectable()
export class FirstRunService {
  constructor(
    private readonly clock: Clock,
    private readonly dataSource: DataSource,
    private readonly audit: AuditService,
    private readonly tokens: UserTokensService,
  ) {}

  async needsSetUp(manager: EntityManager = this.dataSource.manager): Promise<boolean> {
    const [row] = await manager.query(`SELECT NOT EXISTS (SELECT 1 FROM users WHERE 'system_admin' = ANY(roles) AND status <> 'disabled') AS needed`);
    return row.needed;
  }

  /** A fresh set-up link's token while the portal has no system admin, else null. */
  async issueLink(): Promise<string | null> {
    if (!(await this.needsSetUp())) return null;
    const raw = randomBytes(32).toString('base64url');
    await this.dataSource.manager.insert(FirstRunToken, {
      tokenHash: hashToken(raw),
      expiresAt: new Date(this.clock.now().getTime() + FIRST_RUN_LINK_HOURS * 3_600_000),
    });
    return raw;
  }

  /** The set-up page exists only for a live token while no admin exists: anything else is "not found". */
  async assertUsable(raw: unknown, manager: EntityManager = this.dataSource.manager): Promise<FirstRunToken> {
    const token =
      typeof raw === 'string' && raw.length > 0 && raw.length <= 200
        ? await manager.findOneBy(FirstRunToken, { tokenHash: hashToken(raw), usedAt: IsNull(), expiresAt: MoreThan(this.clock.now()) })
        : null;
    if (!token || !(await this.needsSetUp(manager))) throw new NotFoundException();
    return token;
  }

  /** Creates the partnership, its lead agency and the first system admin, who signs in with this password. */
  async setUp(raw: string, form: FirstAdmin & { password: string }): Promise<void> {
    const passwordHash = await hashPassword(form.password);
    await this.dataSource.transaction(async (manager) => {
      await manager.query('SELECT pg_advisory_xact_lock($1)', [FIRST_RUN_LOCK]);
      const token = await this.assertUsable(raw, manager);
      const user = await this.createFirstAdmin(manager, form, { status: 'active', passwordHash });
      await manager.update(FirstRunToken, token.id, { usedAt: this.clock.now() });
      await this.recordSetUp(manager, user);
    });
  }

  /**
   * For `npm run setup`: the same records, with the admin still to choose a
   * password through the returned invitation token (the usual accept-invitation page).
   */
  async setUpFromCommand(form: FirstAdmin): Promise<string> {
    return this.dataSource.transaction(async (manager) => {
      await manager.query('SELECT pg_advisory_xact_lock($1)', [FIRST_RUN_LOCK]);
      if (!(await this.needsSetUp(manager))) throw new Error('The portal already has a system admin: add people from its Users page instead.');
      if (await manager.existsBy(User, { email: form.email.toLowerCase() })) throw new Error(`There is already an account for ${form.email}.`);
      const user = await this.createFirstAdmin(manager, form, { status: 'pending', passwordHash: null });
      await this.recordSetUp(manager, user);
      return this.tokens.issue(manager, user.id, 'accept_invitation');
    });
  }

  private async createFirstAdmin(
    manager: EntityManager,
    form: FirstAdmin,
    account: { status: 'active' | 'pending'; passwordHash: string | null },
  ): Promise<User> {
    const partnership = await manager.save(Partnership, { name: form.partnershipName.trim() });
    const agency = await manager.save(Agency, { name: form.agencyName.trim(), partnershipId: partnership.id });
    return manager.save(User, {
      email: form.email.toLowerCase(),
      fullName: form.fullName.trim(),
      roles: ['system_admin' as const],
      agencyId: agency.id,
      status: account.status,
      ...(account.passwordHash ? { passwordHash: account.passwordHash } : {}),
    });
  }

  private async recordSetUp(manager: EntityManager, user: User): Promise<void> {
    const agency = await manager.findOneByOrFail(Agency, { id: user.agencyId! });
    await this.audit.record(manager, {
      action: 'portal.set_up',
      entityType: 'partnership',
      entityId: agency.partnershipId,
      after: { partnershipId: agency.partnershipId, agencyId: agency.id, userId: user.id },
      actor: { id: user.id, email: user.email },
    });
  }
}
