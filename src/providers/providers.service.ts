import { ForbiddenException, Injectable, NotFoundException } from '@nestjs/common';
import { DataSource } from 'typeorm';
import { AuditService } from '../audit/audit.service';
import { hashPassword } from '../auth/password';
import { SignInThrottleService } from '../auth/sign-in-throttle.service';
import type { SignedInUser } from '../common/auth/signed-in-user';
import { NotificationsService } from '../notifications/notifications.service';
import { UserTokensService } from '../users/user-tokens.service';
import { User } from '../users/user.entity';
import { UserRepository } from '../users/user.repository';
import { UsersService } from '../users/users.service';
import { InviteColleagueForm } from './dto/invite-colleague.form';
import { RegisterProviderForm } from './dto/register-provider.form';
import { ProviderOrganisation } from './provider-organisation.entity';
import { ProviderOrganisationRepository } from './provider-organisation.repository';

@Injectable()
export class ProvidersService {
  constructor(
    private readonly organisations: ProviderOrganisationRepository,
    private readonly users: UserRepository,
    private readonly dataSource: DataSource,
    private readonly tokens: UserTokensService,
    private readonly usersService: UsersService,
    private readonly notifications: NotificationsService,
    private readonly audit: AuditService,
    private readonly throttle: SignInThrottleService,
  ) {}

  /**
   * A provider signs itself up: the organisation and its admin wait for email
   * confirmation. An email that already has an account gets a different
   * email instead, and the page looks the same, so accounts cannot be probed.
   * Limited per address and per IP address; past an address's limit nothing
   * is sent, and the page still looks the same.
   */
  async register(form: RegisterProviderForm, ip: string): Promise<void> {
    if (!(await this.throttle.countRequest('register', form.email, ip))) return;
    const passwordHash = await hashPassword(form.password);
    await this.dataSource.transaction(async (manager) => {
      const existing = await this.users.findByEmail(form.email, manager);
      if (existing) {
        await this.notifications.queue(manager, { to: existing.email, template: 'registration-existing-account', data: { fullName: existing.fullName } });
        return;
      }
      const organisation = await this.organisations.createOrganisation(manager, { name: form.organisationName, status: 'pending_confirmation' });
      const user = await this.users.createWithPassword(manager, {
        email: form.email,
        fullName: form.fullName,
        passwordHash,
        roles: ['provider_user'],
        providerId: organisation.id,
        isProviderAdmin: true,
        status: 'pending',
      });
      const token = await this.tokens.issue(manager, user.id, 'confirm_registration');
      await this.notifications.queue(manager, {
        to: user.email,
        template: 'confirm-registration',
        data: { fullName: user.fullName, organisationName: organisation.name, link: `/register/confirm?token=${token}` },
      });
      const actor = { id: user.id, email: user.email };
      await this.audit.record(manager, {
        action: 'provider.registered',
        entityType: 'provider_organisation',
        entityId: organisation.id,
        after: { name: organisation.name },
        actor,
      });
      await this.audit.record(manager, {
        action: 'user.created',
        entityType: 'user',
        entityId: user.id,
        after: { email: user.email, roles: user.roles, providerId: organisation.id, isProviderAdmin: true },
        actor,
      });
    });
  }

  async getOrganisation(providerId: string | null): Promise<ProviderOrganisation> {
    const organisation = providerId ? await this.organisations.findById(providerId) : null;
    if (!organisation) throw new NotFoundException();
    return organisation;
  }

  listColleagues(providerId: string): Promise<User[]> {
    return this.users.listOfProvider(providerId);
  }

  /**
   * The providers a partnership deals with: those that have applied to or
   * joined one of its frameworks (an invited provider is always a member).
   * Another partnership's providers are not its business.
   */
  listOrganisationsDealingWith(partnershipId: string): Promise<Array<Pick<ProviderOrganisation, 'id' | 'name' | 'status'>>> {
    return this.organisations.listDealingWith(partnershipId);
  }

  /**
   * The organisation's admin invites a colleague, who sets a password from
   * the emailed link. An address that already has an account is left alone
   * and its owner is told instead, and the admin sees the same answer either
   * way, so accounts cannot be probed. A colleague invited before and not yet
   * signed up gets a new link. Limited per address and per IP address.
   */
  async inviteColleague(admin: SignedInUser, form: InviteColleagueForm, ip: string): Promise<void> {
    if (!admin.providerId || !admin.isProviderAdmin) throw new ForbiddenException();
    if (!(await this.throttle.countRequest('invite-colleague', form.email, ip))) return;
    await this.dataSource.transaction(async (manager) => {
      const organisation = await this.organisations.findByIdOrFail(admin.providerId!, manager);
      const invitation = { template: 'colleague-invitation' as const, data: { invitedBy: admin.fullName, organisationName: organisation.name } };
      const existing = await this.users.lockByEmail(manager, form.email);
      if (!existing) {
        await this.usersService.invite(
          manager,
          { email: form.email, fullName: form.fullName, roles: ['provider_user'], providerId: organisation.id },
          invitation,
        );
      } else if (existing.status === 'pending' && existing.providerId === organisation.id) {
        // Invited here before and not signed up yet (a self-registered admin has an organisation of their own).
        await this.usersService.reinvite(manager, existing, invitation);
      } else {
        await this.notifications.queue(manager, {
          to: existing.email,
          template: 'colleague-invitation-existing-account',
          data: { ...invitation.data, fullName: existing.fullName },
        });
        await this.audit.record(manager, {
          action: 'user.invitation_to_existing_account',
          entityType: 'user',
          entityId: existing.id,
          after: { providerId: organisation.id },
        });
      }
    });
  }
}
