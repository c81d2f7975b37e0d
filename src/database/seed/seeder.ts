import { Injectable, Optional } from '@nestjs/common';
import { createHash } from 'node:crypto';
import { DataSource, In } from 'typeorm';
import { Agency } from '../../agencies/agency.entity';
import { Area } from '../../agencies/area.entity';
import { Partnership } from '../../agencies/partnership.entity';
import { ApplicationsService } from '../../applications/applications.service';
import { EXCLUSION_QUESTIONS, exclusionField } from '../../applications/exclusion-grounds';
import { AuditService } from '../../audit/audit.service';
import type { SignedInUser } from '../../common/auth/signed-in-user';
import { hashPassword } from '../../auth/password';
import { PROCUREMENT_THRESHOLDS } from '../../awards/data/procurement-thresholds';
import { ProcurementThreshold } from '../../awards/procurement-threshold.entity';
import { BankHoliday } from '../../common/calendar/bank-holiday.entity';
import { UK_BANK_HOLIDAYS } from '../../common/calendar/bank-holidays';
import { ComplianceDocument, INSURANCE_TYPES } from '../../documents/compliance-document.entity';
import { StoredFile } from '../../documents/stored-file.entity';
import { FrameworkAgency, FrameworkArea } from '../../frameworks/framework-coverage.entity';
import { FrameworkLot } from '../../frameworks/framework-lot.entity';
import { Framework } from '../../frameworks/framework.entity';
import { Membership } from '../../frameworks/membership.entity';
import { ROUTE_DEFAULTS } from '../../frameworks/procurement-routes';
import { TherapyType } from '../../frameworks/therapy-type.entity';
import { PanelMember } from '../../panel/panel.entities';
import { Practitioner } from '../../providers/practitioner.entity';
import { ProviderArea } from '../../providers/provider-area.entity';
import { ProviderOrganisation } from '../../providers/provider-organisation.entity';
import { User } from '../../users/user.entity';
import { FairAccessLimit } from '../../funding/fair-access-limit.entity';
import { londonDate } from '../../common/calendar/working-days';
import { addDays } from '../../common/calendar/dates';
import { writeDemoYear } from './demo-year-writer';
import {
  DEMO_FRAMEWORK,
  DEMO_MEMBERS,
  DEMO_PANEL,
  DEMO_AGENCIES,
  FAIR_ACCESS_LIMITS,
  DEMO_PARTNERSHIP,
  DEMO_PASSWORD,
  DEMO_PROVIDERS,
  DEMO_USERS,
  THERAPY_TYPES,
} from './demo-data';

/** The demo year's provider whose framework application waits for the framework manager. */
export const DEMO_APPLICANT_EMAIL = 'provider@kestrel.example';

@Injectable()
export class Seeder {
  constructor(
    private readonly dataSource: DataSource,
    private readonly audit: AuditService,
    /** Nest injects it; the scripts that build a Seeder by hand seed only reference data and accounts. */
    @Optional() private readonly applications?: ApplicationsService,
  ) {}

  /** Bank holidays, fair access limits, procurement thresholds and the therapy types every installation starts with; editable data afterwards. */
  async seedReferenceData(): Promise<boolean> {
    return this.dataSource.transaction(async (manager) => {
      await manager.createQueryBuilder().insert().into(BankHoliday).values(UK_BANK_HOLIDAYS).orIgnore().execute();
      await manager.createQueryBuilder().insert().into(FairAccessLimit).values(FAIR_ACCESS_LIMITS).orIgnore().execute();
      await manager
        .createQueryBuilder()
        .insert()
        .into(ProcurementThreshold)
        .values([...PROCUREMENT_THRESHOLDS.entries])
        .orIgnore()
        .execute();
      if ((await manager.count(TherapyType)) > 0) return false;
      await manager.insert(
        TherapyType,
        THERAPY_TYPES.map((type, index) => ({ ...type, sortOrder: (index + 1) * 10 })),
      );
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
        await manager.insert(
          Area,
          demoAgency.areas.map((name) => ({ name, agencyId: agency.id })),
        );
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
      for (const member of DEMO_PANEL) {
        const user = await manager.findOneByOrFail(User, { email: member.email });
        await manager.insert(PanelMember, {
          userId: user.id,
          partnershipId: partnership.id,
          agencyId: user.agencyId!,
          profession: member.profession,
          isChair: member.isChair ?? false,
        });
      }
      await this.audit.record(manager, {
        action: 'demo.seeded',
        entityType: 'partnership',
        entityId: partnership.id,
        after: { users: DEMO_USERS.length },
        actor: null,
      });
      return true;
    });
  }

  /**
   * An open framework with the demo providers admitted, so a commissioner can
   * publish a requirement and see invitations straight away. Only when the
   * demo partnership exists and has no framework yet.
   */
  async seedDemoMarket(): Promise<boolean> {
    return this.dataSource.transaction(async (manager) => {
      const partnership = await manager.findOneBy(Partnership, { name: DEMO_PARTNERSHIP });
      if (!partnership || (await manager.countBy(Framework, { partnershipId: partnership.id })) > 0) return false;
      const route = 'dynamic_market' as const;
      const framework = await manager.save(Framework, {
        ...DEMO_FRAMEWORK,
        partnershipId: partnership.id,
        route,
        ...ROUTE_DEFAULTS[route],
        status: 'open' as const,
        openedAt: new Date(),
      });
      const agencies = await manager.findBy(Agency, { partnershipId: partnership.id });
      const areas = await manager.findBy(Area, { agencyId: In(agencies.map((agency) => agency.id)) });
      const therapyTypes = await manager.find(TherapyType);
      await manager.insert(
        FrameworkAgency,
        agencies.map((agency) => ({ frameworkId: framework.id, agencyId: agency.id })),
      );
      await manager.insert(
        FrameworkArea,
        areas.map((area) => ({ frameworkId: framework.id, areaId: area.id })),
      );
      await manager.insert(
        FrameworkLot,
        therapyTypes.map((type) => ({ frameworkId: framework.id, therapyTypeId: type.id })),
      );
      const pdf = Buffer.from('%PDF-1.7\n1 0 obj\n<< /Type /Catalog >>\nendobj\ntrailer\n<<>>\n%%EOF\n');
      const file = await manager.save(StoredFile, {
        content: pdf,
        mediaType: 'application/pdf',
        sizeBytes: pdf.length,
        sha256: createHash('sha256').update(pdf).digest('hex'),
      });
      const byName = (names: string[]) => therapyTypes.filter((type) => names.includes(type.name)).map((type) => type.id);
      for (const member of DEMO_MEMBERS) {
        const provider = await manager.findOneByOrFail(ProviderOrganisation, { name: member.provider });
        await manager.update(ProviderOrganisation, provider.id, {
          companiesHouseNumber: '01234567',
          icoRegistrationNumber: 'ZA123456',
          town: 'Maidstone',
          postcode: 'ME14 1XX',
          detailsCompletedAt: new Date(),
        });
        await manager.insert(
          ProviderArea,
          areas.filter((area) => member.areas.includes(area.name)).map((area) => ({ providerId: provider.id, areaId: area.id })),
        );
        await manager.save(Practitioner, {
          ...member.practitioner,
          providerId: provider.id,
          registrationExpiresOn: '2030-07-31',
          dbsIssuedOn: '2026-01-15',
          therapyTypeIds: byName(member.lots),
        });
        for (const type of INSURANCE_TYPES) {
          await manager.save(ComplianceDocument, {
            providerId: provider.id,
            type,
            coverAmountPence: 500_000_000,
            expiresOn: '2030-03-31',
            storedFileId: file.id,
            fileName: `${type}.pdf`,
          });
        }
        await manager.insert(
          Membership,
          byName(member.lots).map((therapyTypeId) => ({ frameworkId: framework.id, providerId: provider.id, therapyTypeId, status: 'active' as const })),
        );
      }
      await this.audit.record(manager, {
        action: 'demo.market_seeded',
        entityType: 'framework',
        entityId: framework.id,
        after: { members: DEMO_MEMBERS.length },
        actor: null,
      });
      return true;
    });
  }

  /**
   * A believable year of work in the demo partnership (issue 21): thirty
   * requirements in every state, bids with versions, declarations, scores
   * and meetings, spot and block contracts with call-offs, delivery,
   * outcomes, funding and feedback, dated back from today and the same on
   * every run. Only when the demo market exists and has no requirements yet.
   * `npm start` calls it; the tests' template database does not.
   */
  async seedDemoYear(today = londonDate(new Date())): Promise<boolean> {
    const partnership = await this.dataSource.manager.findOneBy(Partnership, { name: DEMO_PARTNERSHIP });
    if (!partnership || (await this.dataSource.manager.countBy(Framework, { partnershipId: partnership.id })) === 0) return false;
    const [{ count }] = await this.dataSource.query(
      `SELECT count(*)::int AS count FROM requirements r JOIN agencies a ON a.id = r.agency_id WHERE a.partnership_id = $1`,
      [partnership.id],
    );
    if (count > 0) return false;
    // The year's provider users share the demo password: the hash is reused rather than worked out again at start.
    const [{ password_hash: passwordHash }] = await this.dataSource.query(`SELECT password_hash FROM users WHERE email = $1`, [DEMO_USERS[0].email]);
    const written = await writeDemoYear(this.dataSource, passwordHash, today);
    await this.seedDemoApplication(today);
    await this.dataSource.transaction((manager) =>
      this.audit.record(manager, {
        action: 'demo.year_seeded',
        entityType: 'partnership',
        entityId: partnership.id,
        after: { ...written, applications: 1, asOf: today },
        actor: null,
      }),
    );
    return true;
  }

  /**
   * Kestrel, a member for Theraplay and EMDR, has taken on a DDP practitioner
   * and applies for the DDP lot: through the applications service, as its
   * admin would through the pages, so the submission has its snapshot,
   * exclusion declarations, decision clock and emails. The framework
   * manager's "Applications to decide" starts with it.
   */
  private async seedDemoApplication(today: string): Promise<void> {
    if (!this.applications) throw new Error('The demo year needs the applications service: get the Seeder from the Nest application');
    const manager = this.dataSource.manager;
    const user = await manager.findOneByOrFail(User, { email: DEMO_APPLICANT_EMAIL });
    const partnership = await manager.findOneByOrFail(Partnership, { name: DEMO_PARTNERSHIP });
    const framework = await manager.findOneByOrFail(Framework, { partnershipId: partnership.id });
    const ddp = await manager.findOneByOrFail(TherapyType, { name: 'Dyadic developmental psychotherapy (DDP)' });
    const practitioner = await manager.save(Practitioner, {
      providerId: user.providerId!,
      fullName: 'Tom Hale',
      profession: 'DDP practitioner',
      registrationBody: 'UKCP' as const,
      registrationNumber: 'UKCP31207',
      registrationExpiresOn: '2030-07-31',
      dbsIssuedOn: addDays(today, -60),
      therapyTypeIds: [ddp.id],
    });
    const applicant: SignedInUser = {
      id: user.id,
      email: user.email,
      fullName: user.fullName,
      roles: user.roles,
      agencyId: null,
      providerId: user.providerId,
      isProviderAdmin: user.isProviderAdmin,
    };
    const application = await this.applications.start(applicant, framework.id);
    await this.applications.saveLots(applicant, application.id, [ddp.id]);
    await this.applications.savePractitioners(applicant, application.id, [practitioner.id]);
    const documents = await manager.find(ComplianceDocument, { where: { providerId: user.providerId! }, order: { type: 'ASC' } });
    await this.applications.saveDocuments(
      applicant,
      application.id,
      documents.map((document) => document.id),
    );
    await this.applications.saveExclusions(
      applicant,
      application.id,
      Object.fromEntries(EXCLUSION_QUESTIONS.map((question) => [exclusionField(question.id), 'no'])),
    );
    await this.applications.submit(applicant, application.id);
  }
}
