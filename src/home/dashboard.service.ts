import { Injectable } from '@nestjs/common';
import { AgenciesService } from '../agencies/agencies.service';
import type { SignedInUser } from '../common/auth/signed-in-user';
import { TherapyTypesService } from '../frameworks/therapy-types.service';
import { NotificationsService } from '../notifications/notifications.service';
import { ProvidersService } from '../providers/providers.service';

/** Gathers what each role's dashboard shows. */
@Injectable()
export class DashboardService {
  constructor(
    private readonly agencies: AgenciesService,
    private readonly therapyTypes: TherapyTypesService,
    private readonly providers: ProvidersService,
    private readonly notifications: NotificationsService,
  ) {}

  async provider(user: SignedInUser) {
    const [organisation, colleagues] = await Promise.all([this.providers.getOrganisation(user.providerId), this.providers.listColleagues(user.providerId!)]);
    return { organisation, colleagueCount: colleagues.length, isAdmin: user.isProviderAdmin };
  }

  async agencyStaff(user: SignedInUser) {
    return { agency: await this.agencies.findAgencyWithAreas(user.agencyId) };
  }

  async frameworkManager() {
    const [agencies, therapyTypes, providers] = await Promise.all([
      this.agencies.listAgenciesWithAreas(),
      this.therapyTypes.listActive(),
      this.providers.listOrganisations(),
    ]);
    return { agencies, therapyTypes, providers };
  }

  async admin() {
    return { outbox: await this.notifications.outboxState() };
  }
}
