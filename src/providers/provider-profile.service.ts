import { Clock } from '../common/clock/clock';
import { Injectable, NotFoundException } from '@nestjs/common';
import { DataSource, EntityManager } from 'typeorm';
import { Agency } from '../agencies/agency.entity';
import { AgencyRepository } from '../agencies/agency.repository';
import { Area } from '../agencies/area.entity';
import { AuditService } from '../audit/audit.service';
import { assertOwnsProviderRecord } from '../common/auth/ownership';
import type { SignedInUser } from '../common/auth/signed-in-user';
import { isoDate } from '../common/forms/date-parts';
import { FieldError, FormInvalidError } from '../common/forms/form-invalid.error';
import { TherapyType } from '../frameworks/therapy-type.entity';
import { TherapyTypeRepository } from '../frameworks/therapy-type.repository';
import { OrganisationDetailsForm } from './dto/organisation-details.form';
import { PractitionerForm } from './dto/practitioner.form';
import { buildOrganisationDetails } from './organisation-details';
import { Practitioner } from './practitioner.entity';
import { PractitionerRepository, PractitionerValues } from './practitioner.repository';
import { ProviderOrganisationRepository } from './provider-organisation.repository';

/** A provider's own profile: organisation details, areas covered and practitioners. Every method is scoped to the user's organisation. */
@Injectable()
export class ProviderProfileService {
  constructor(
    private readonly clock: Clock,
    private readonly dataSource: DataSource,
    private readonly audit: AuditService,
    private readonly organisations: ProviderOrganisationRepository,
    private readonly practitionerRecords: PractitionerRepository,
    private readonly agencies: AgencyRepository,
    private readonly therapyTypeRecords: TherapyTypeRepository,
  ) {}

  private providerId(user: SignedInUser): string {
    if (!user.providerId) throw new NotFoundException();
    return user.providerId;
  }

  async organisation(user: SignedInUser) {
    const providerId = this.providerId(user);
    const organisation = await this.organisations.findByIdOrFail(providerId);
    const areas = await this.organisations.coveredAreasWithAgency(providerId);
    return { organisation, areas };
  }

  /**
   * The areas for the "areas you cover" checkboxes: every active area of an
   * active agency, plus any deactivated one the profile already names, which
   * it keeps until the provider unticks it.
   */
  async offeredAreas(coveredAreaIds: string[]): Promise<{ agencies: Agency[]; areas: Area[] }> {
    const [allAgencies, allAreas] = await Promise.all([this.agencies.listAll(), this.agencies.listAllAreas()]);
    const activeAgencies = new Set(allAgencies.filter((agency) => agency.active).map((agency) => agency.id));
    const areas = allAreas.filter((area) => (area.active && activeAgencies.has(area.agencyId)) || coveredAreaIds.includes(area.id));
    const agencies = allAgencies.filter((agency) => areas.some((area) => area.agencyId === agency.id));
    return { agencies, areas };
  }

  async saveOrganisation(user: SignedInUser, form: OrganisationDetailsForm): Promise<void> {
    const providerId = this.providerId(user);
    const result = buildOrganisationDetails(form);
    if ('errors' in result) throw new FormInvalidError(result.errors);
    await this.dataSource.transaction(async (manager) => {
      const areaIds = [...new Set(form.areaIds)];
      const areas = await this.agencies.areasByIdsWithAgency(areaIds, manager);
      if (areas.length !== areaIds.length) throw FormInvalidError.forField('areaIds', 'Select areas from the list');
      const covered = await this.organisations.coveredAreaIds(providerId, manager);
      const retired = areas.find((area) => !(area.active && area.agency?.active) && !covered.includes(area.id));
      if (retired) throw FormInvalidError.forField('areaIds', `${retired.name} is no longer in use: select areas that are`);
      const before = await this.organisations.findByIdOrFail(providerId, manager);
      await this.organisations.updateDetails(manager, providerId, { ...result.details, detailsCompletedAt: this.clock.now() });
      await this.organisations.replaceCoveredAreas(manager, providerId, areaIds);
      await this.audit.record(manager, {
        action: 'provider.details_changed',
        entityType: 'provider_organisation',
        entityId: providerId,
        before: { ...before },
        after: { ...result.details, areaIds },
      });
    });
  }

  async practitioners(user: SignedInUser): Promise<Practitioner[]> {
    return this.practitionerRecords.listForProvider(this.providerId(user));
  }

  async practitioner(user: SignedInUser, id: string): Promise<Practitioner> {
    return assertOwnsProviderRecord(user, await this.practitionerRecords.findById(id));
  }

  async therapyTypes(): Promise<TherapyType[]> {
    return this.therapyTypeRecords.listActiveBySortOrder();
  }

  async addPractitioner(user: SignedInUser, form: PractitionerForm): Promise<Practitioner> {
    const providerId = this.providerId(user);
    return this.dataSource.transaction(async (manager) => {
      const values = await this.practitionerValues(manager, form);
      const practitioner = await this.practitionerRecords.createPractitioner(manager, { ...values, providerId });
      await this.audit.record(manager, {
        action: 'practitioner.added',
        entityType: 'practitioner',
        entityId: practitioner.id,
        after: { ...values, providerId },
      });
      return practitioner;
    });
  }

  async updatePractitioner(user: SignedInUser, id: string, form: PractitionerForm): Promise<Practitioner> {
    return this.dataSource.transaction(async (manager) => {
      const existing = assertOwnsProviderRecord(user, await this.practitionerRecords.lockById(manager, id));
      const values = await this.practitionerValues(manager, form);
      await this.practitionerRecords.change(manager, id, values);
      await this.audit.record(manager, {
        action: 'practitioner.changed',
        entityType: 'practitioner',
        entityId: id,
        before: { ...existing },
        after: { ...values },
      });
      return { ...existing, ...values };
    });
  }

  private async practitionerValues(manager: EntityManager, form: PractitionerForm): Promise<PractitionerValues> {
    const errors: FieldError[] = [];
    if (form.registrationBody === 'other' && !form.registrationBodyOther) {
      errors.push({ field: 'registrationBodyOther', href: '#registrationBodyOther', text: 'Enter the name of their registration body' });
    }
    const dbsIssuedOn = isoDate(form.dbsIssuedOn);
    if (dbsIssuedOn > this.clock.today()) {
      errors.push({ field: 'dbsIssuedOn', href: '#dbsIssuedOn-day', text: 'The date their enhanced DBS certificate was issued must be today or in the past' });
    }
    const therapyTypeIds = [...new Set(form.therapyTypeIds)];
    if ((await this.therapyTypeRecords.countActiveByIds(therapyTypeIds, manager)) !== therapyTypeIds.length) {
      errors.push({ field: 'therapyTypeIds', href: '#therapyTypeIds', text: 'Select therapies from the list' });
    }
    if (errors.length) throw new FormInvalidError(errors);
    return {
      fullName: form.fullName,
      profession: form.profession,
      registrationBody: form.registrationBody,
      registrationBodyOther: form.registrationBody === 'other' ? form.registrationBodyOther! : null,
      registrationNumber: form.registrationNumber.toUpperCase(),
      registrationExpiresOn: isoDate(form.registrationExpiresOn),
      dbsIssuedOn,
      therapyTypeIds,
    };
  }
}
