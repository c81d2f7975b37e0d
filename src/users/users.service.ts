import { Injectable, NotFoundException } from '@nestjs/common';
import { DataSource, EntityManager } from 'typeorm';
import { AgencyRepository } from '../agencies/agency.repository';
import { AuditService } from '../audit/audit.service';
import type { SignedInUser } from '../common/auth/signed-in-user';
import { FormInvalidError } from '../common/forms/form-invalid.error';
import { PageRequest, toPage } from '../common/http/pagination';
import { NotificationsService } from '../notifications/notifications.service';
import { CreateAgencyUserForm } from './dto/create-agency-user.form';
import { isRole, Role } from './role';
import { UserTokensService } from './user-tokens.service';
import { User } from './user.entity';
import { NewUser, UserRepository } from './user.repository';

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

/** For system admins adding agency staff, who can list every account anyway; providers inviting colleagues are never told. */
export const EMAIL_TAKEN_MESSAGE = 'A user with this email address already exists';

@Injectable()
export class UsersService {
  constructor(
    private readonly users: UserRepository,
    private readonly agencies: AgencyRepository,
    private readonly dataSource: DataSource,
    private readonly tokens: UserTokensService,
    private readonly notifications: NotificationsService,
    private readonly audit: AuditService,
  ) {}

  /** Staff of a deactivated partnership (not system admins) are not signed in: their sessions end on their next request. */
  async findSignedInUser(id: string): Promise<SignedInUser | null> {
    const user = await this.users.findSignedIn(id);
    return user ? toSignedInUser(user) : null;
  }

  /** Whether the user is staff of a deactivated partnership. Providers belong to none; system admins run the portal and always sign in. */
  async partnershipDeactivated(user: User): Promise<boolean> {
    if (!user.agencyId || user.roles.includes('system_admin')) return false;
    return this.agencies.inDeactivatedPartnership(user.agencyId);
  }

  /** Includes the password hash, which is otherwise never selected. */
  async findForSignIn(email: string): Promise<User | null> {
    return this.users.findByEmailWithPasswordHash(email.trim().toLowerCase());
  }

  async emailExists(manager: EntityManager, email: string): Promise<boolean> {
    return this.users.emailExists(manager, email);
  }

  async list(filter: { search?: string; role?: Role }, pageRequest: PageRequest) {
    const [rows, total] = await this.users.listPage(filter, pageRequest);
    return toPage(rows, total, pageRequest, '/admin/users', { search: filter.search, role: filter.role });
  }

  async get(id: string): Promise<User> {
    const user = await this.users.findWithOrganisations(id);
    if (!user) throw new NotFoundException();
    return user;
  }

  /**
   * Adds someone who then sets their own password from an emailed link:
   * agency staff added by an admin, or a provider's colleague.
   */
  async invite(
    manager: EntityManager,
    person: NewUser,
    email: { template: 'agency-user-invitation' | 'colleague-invitation'; data: Record<string, unknown> },
  ): Promise<User> {
    if (await this.emailExists(manager, person.email)) throw FormInvalidError.forField('email', EMAIL_TAKEN_MESSAGE);
    const user = await this.users.createPending(manager, person);
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
      const agency = await this.agencies.findJoinable(form.agencyId, manager);
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
      const user = await this.users.lockById(manager, userId);
      if (!user || !user.agencyId) throw new NotFoundException();
      if (actor.id === user.id && !roles.includes('system_admin')) {
        throw FormInvalidError.forField('roles', 'You cannot remove your own system admin role');
      }
      const before = { roles: user.roles };
      user.roles = roles.filter(isRole);
      await this.users.setRoles(manager, user.id, user.roles);
      await this.audit.record(manager, { action: 'user.roles_changed', entityType: 'user', entityId: user.id, before, after: { roles: user.roles } });
      return user;
    });
  }
}
