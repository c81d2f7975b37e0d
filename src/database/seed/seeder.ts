import { Injectable } from '@nestjs/common';
import { DataSource } from 'typeorm';
import { Agency } from '../../agencies/agency.entity';
import { Area } from '../../agencies/area.entity';
import { Partnership } from '../../agencies/partnership.entity';
import { AuditService } from '../../audit/audit.service';
import { hashPassword } from '../../auth/password';
import { BankHoliday } from '../../common/calendar/bank-holiday.entity';
import { ENGLAND_AND_WALES_BANK_HOLIDAYS } from '../../common/calendar/bank-holidays';
import { TherapyType } from '../../frameworks/therapy-type.entity';
import { ProviderOrganisation } from '../../providers/provider-organisation.entity';
import { User } from '../../users/user.entity';
import { FairAccessLimit } from '../../funding/fair-access-limit.entity';
import { DEMO_AGENCIES, FAIR_ACCESS_LIMITS, DEMO_PARTNERSHIP, DEMO_PASSWORD, DEMO_PROVIDERS, DEMO_USERS, THERAPY_TYPES } from './demo-data';

@Injectable()
export class Seeder {
  constructor(
    private readonly dataSource: DataSource,
    private readonly audit: AuditService,
  ) {}

  /** Bank holidays, fair access limits and the therapy types every installation starts with; editable data afterwards. */
  async seedReferenceData(): Promise<boolean> {
    return this.dataSource.transaction(async (manager) => {
      await manager.createQueryBuilder().insert().into(BankHoliday).values(ENGLAND_AND_WALES_BANK_HOLIDAYS).orIgnore().execute();
      await manager.createQueryBuilder().insert().into(FairAccessLimit).values(FAIR_ACCESS_LIMITS).orIgnore().execute();
      if ((await manager.count(TherapyType)) > 0) return false;
      await manager.insert(TherapyType, THERAPY_TYPES.map((type, index) => ({ ...type, sortOrder: (index + 1) * 10 })));
      await this.audit.record(manager, { action: 'reference_data.seeded', entityType: 'therapy_type', after: { count: THERAPY_TYPES.length }, actor: null });
      return true;
    });
  }

  /** The demo partnership, its agencies, two providers and a user for each role; only into an empty database. */
  async seedDemo(): Promise<boolean> {
    const passwordHash = await hashPassword(DEMO_PASSWORD);
    return this.dataSource.transaction(async (manager) => {
      if ((await manager.count(Partnership)) > 0) return false;
      const partnership = await manager.save(Partnership, { name: DEMO_PARTNERSHIP });
      const agencyIds = new Map<string, string>();
      for (const demoAgency of DEMO_AGENCIES) {
        const agency = await manager.save(Agency, { name: demoAgency.name, partnershipId: partnership.id });
        agencyIds.set(agency.name, agency.id);
        await manager.insert(Area, demoAgency.areas.map((name) => ({ name, agencyId: agency.id })));
      }
      const providerIds = new Map<string, string>();
      for (const name of DEMO_PROVIDERS) {
        const provider = await manager.save(ProviderOrganisation, { name, status: 'active' });
        providerIds.set(name, provider.id);
      }
      const now = new Date();
      await manager.insert(
        User,
        DEMO_USERS.map((user) => ({
          email: user.email,
          fullName: user.fullName,
          roles: user.roles,
          agencyId: user.agency ? agencyIds.get(user.agency)! : null,
          providerId: user.provider ? providerIds.get(user.provider)! : null,
          isProviderAdmin: user.isProviderAdmin ?? false,
          passwordHash,
          status: 'active' as const,
          emailConfirmedAt: now,
        })),
      );
      await this.audit.record(manager, { action: 'demo.seeded', entityType: 'partnership', entityId: partnership.id, after: { users: DEMO_USERS.length }, actor: null });
      return true;
    });
  }
}
