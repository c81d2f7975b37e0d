import { Injectable, NotFoundException } from '@nestjs/common';
import { InjectRepository } from '@nestjs/typeorm';
import { DataSource, EntityManager, Repository } from 'typeorm';
import { Agency } from '../agencies/agency.entity';
import { AuditService } from '../audit/audit.service';
import type { SignedInUser } from '../common/auth/signed-in-user';
import { FormInvalidError } from '../common/forms/form-invalid.error';
import { findPage } from '../common/database/find-page';
import { PageRequest, toPage } from '../common/http/pagination';
import { NotificationsService } from '../notifications/notifications.service';
import { CreateAgencyUserForm } from './dto/create-agency-user.form';
import { isRole, Role } from './role';
import { UserTokensService } from './user-tokens.service';
import { User } from './user.entity';

export function toSignedInUser(user: User): SignedInUser {
  return {
    id: user.id,
    email: user.email,
    fullName: user.fullName,
    roles: user.roles,
    agencyId: user.agencyId,
    providerId: user.providerId,
    isProviderAdmin: user.isProviderAdmin,
  };
}

const PARTNERSHIP_DEACTIVATED = `SELECT 1 FROM agencies a JOIN partnerships p ON p.id = a.partnership_id WHERE a.id = "user"."agency_id" AND NOT p.active AND NOT ('system_admin' = ANY("user"."roles"))`;

/** For system admins adding agency staff, who can list every account anyway; providers inviting colleagues are never told. */
export const EMAIL_TAKEN_MESSAGE = 'A user with this email address already exists';

@Injectable()
export class UsersService {
  constructor(
    @InjectRepository(User) private readonly users: Repository<User>,
    private readonly dataSource: DataSource,
    private readonly tokens: UserTokensService,
    private readonly notifications: NotificationsService,
    private readonly audit: AuditService,
  ) {}

  /** Staff of a deactivated partnership (not system admins) are not signed in: their sessions end on their next request. */
  async findSignedInUser(id: string): Promise<SignedInUser | null> {
    const user = await this.users
      .createQueryBuilder('user')
      .where('user.id = :id', { id })
      .andWhere(`user.status = 'active'`)
      .andWhere(`NOT EXISTS (${PARTNERSHIP_DEACTIVATED})`)
      .getOne();
    return user ? toSignedInUser(user) : null;
  }

  /** Whether the user is staff of a deactivated partnership. Providers belong to none; system admins run the portal and always sign in. */
  async partnershipDeactivated(user: User): Promise<boolean> {
    if (!user.agencyId || user.roles.includes('system_admin')) return false;
    const rows: unknown[] = await this.dataSource.query(
      `SELECT 1 FROM agencies a JOIN partnerships p ON p.id = a.partnership_id WHERE a.id = $1 AND NOT p.active`,
      [user.agencyId],
    );
    return rows.length > 0;
  }

  /** Includes the password hash, which is otherwise never selected. */
  async findForSignIn(email: string): Promise<User | null> {
    return this.users.createQueryBuilder('user').addSelect('user.passwordHash').where('user.email = :email', { email: email.trim().toLowerCase() }).getOne();
  }

  async emailExists(manager: EntityManager, email: string): Promise<boolean> {
    return manager.exists(User, { where: { email } });
  }

  async list(filter: { search?: string; role?: Role }, pageRequest: PageRequest) {
    const query = this.users.createQueryBuilder('user').leftJoinAndSelect('user.agency', 'agency').leftJoinAndSelect('user.provider', 'provider');
    if (filter.search) {
      query.andWhere('(user.email ILIKE :search OR user.fullName ILIKE :search)', { search: `%${filter.search.replace(/[\\%_]/g, '\\$&')}%` });
    }
    if (filter.role) query.andWhere(':role = ANY(user.roles)', { role: filter.role });
    const [rows, total] = await findPage(query.orderBy('user.fullName', 'ASC').addOrderBy('user.id'), pageRequest);
    return toPage(rows, total, pageRequest, '/admin/users', { search: filter.search, role: filter.role });
  }

  async get(id: string): Promise<User> {
    const user = await this.users.findOne({ where: { id }, relations: { agency: true, provider: true } });
    if (!user) throw new NotFoundException();
    return user;
  }

  /**
   * Adds someone who then sets their own password from an emailed link:
   * agency staff added by an admin, or a provider's colleague.
   */
  async invite(
    manager: EntityManager,
    person: Pick<User, 'email' | 'fullName' | 'roles'> & Partial<Pick<User, 'agencyId' | 'providerId'>>,
    email: { template: 'agency-user-invitation' | 'colleague-invitation'; data: Record<string, unknown> },
  ): Promise<User> {
    if (await this.emailExists(manager, person.email)) throw FormInvalidError.forField('email', EMAIL_TAKEN_MESSAGE);
    const user = await manager.save(User, { ...person, status: 'pending' });
    await this.sendInvitation(manager, user, email);
    await this.audit.record(manager, {
      action: 'user.invited',
      entityType: 'user',
      entityId: user.id,
      after: { email: user.email, roles: user.roles, agencyId: user.agencyId ?? null, providerId: user.providerId ?? null },
    });
    return user;
  }

  /** Someone invited before who has not set a password yet: a new link, and the old one stops working. */
  async reinvite(
    manager: EntityManager,
    user: User,
    email: { template: 'agency-user-invitation' | 'colleague-invitation'; data: Record<string, unknown> },
  ): Promise<void> {
    await this.sendInvitation(manager, user, email);
    await this.audit.record(manager, { action: 'user.invitation_resent', entityType: 'user', entityId: user.id });
  }

  private async sendInvitation(
    manager: EntityManager,
    user: User,
    email: { template: 'agency-user-invitation' | 'colleague-invitation'; data: Record<string, unknown> },
  ): Promise<void> {
    const token = await this.tokens.issue(manager, user.id, 'accept_invitation');
    await this.notifications.queue(manager, {
      to: user.email,
      template: email.template,
      data: { ...email.data, fullName: user.fullName, link: `/accept-invitation?token=${token}` },
    });
  }

  /** A system admin adds agency staff. */
  async createAgencyUser(form: CreateAgencyUserForm): Promise<User> {
    return this.dataSource.transaction(async (manager) => {
      const agency = await manager.findOne(Agency, { where: { id: form.agencyId, active: true, partnership: { active: true } } });
      if (!agency) throw FormInvalidError.forField('agencyId', 'Select their agency');
      return this.invite(
        manager,
        { email: form.email, fullName: form.fullName, roles: form.roles, agencyId: agency.id },
        { template: 'agency-user-invitation', data: { agencyName: agency.name } },
      );
    });
  }

  async updateRoles(actor: SignedInUser, userId: string, roles: Role[]): Promise<User> {
    return this.dataSource.transaction(async (manager) => {
      const user = await manager.findOne(User, { where: { id: userId }, lock: { mode: 'pessimistic_write' } });
      if (!user || !user.agencyId) throw new NotFoundException();
      if (actor.id === user.id && !roles.includes('system_admin')) {
        throw FormInvalidError.forField('roles', 'You cannot remove your own system admin role');
      }
      const before = { roles: user.roles };
      user.roles = roles.filter(isRole);
      await manager.update(User, user.id, { roles: user.roles });
      await this.audit.record(manager, { action: 'user.roles_changed', entityType: 'user', entityId: user.id, before, after: { roles: user.roles } });
      return user;
    });
  }
}
