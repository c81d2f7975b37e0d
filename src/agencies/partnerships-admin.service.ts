import { Injectable, NotFoundException } from '@nestjs/common';
import { DataSource, EntityManager } from 'typeorm';
import { AuditService } from '../audit/audit.service';
import { FormInvalidError } from '../common/forms/form-invalid.error';
import { Agency } from './agency.entity';
import { AgencyRepository } from './agency.repository';
import { Area } from './area.entity';
import { districtNames } from './district-names';
import { Partnership } from './partnership.entity';
import { PartnershipRepository } from './partnership.repository';

export interface AgencyWithDistricts {
  agency: Agency;
  districts: Area[];
}

/** The system admin's partnerships, their agencies and districts. Nothing records refer to is deleted: it is deactivated. */
@Injectable()
export class PartnershipsAdminService {
  constructor(
    private readonly dataSource: DataSource,
    private readonly partnerships: PartnershipRepository,
    private readonly agencies: AgencyRepository,
    private readonly audit: AuditService,
  ) {}

  async list(): Promise<Array<Partnership & { agencyCount: number }>> {
    const partnerships = await this.partnerships.listAll();
    const counts = await this.agencies.countActiveByPartnership();
    return partnerships.map((partnership) =>
      Object.assign(partnership, { agencyCount: counts.find((count) => count.partnershipId === partnership.id)?.count ?? 0 }),
    );
  }

  async get(id: string): Promise<{ partnership: Partnership; agencies: AgencyWithDistricts[] }> {
    const partnership = await this.partnerships.findById(id);
    if (!partnership) throw new NotFoundException();
    const agencies = await this.agencies.listForPartnershipActiveFirst(id);
    const areas = agencies.length ? await this.agencies.areasOfAgenciesActiveFirst(agencies.map((agency) => agency.id)) : [];
    return { partnership, agencies: agencies.map((agency) => ({ agency, districts: areas.filter((area) => area.agencyId === agency.id) })) };
  }

  async getAgency(id: string): Promise<AgencyWithDistricts & { partnership: Partnership }> {
    const agency = await this.agencies.findWithPartnership(id);
    if (!agency) throw new NotFoundException();
    const districts = await this.agencies.areasOfAgenciesActiveFirst([id]);
    return { agency, districts, partnership: agency.partnership! };
  }

  async createPartnership(name: string): Promise<Partnership> {
    return this.dataSource.transaction(async (manager) => {
      await this.refuseRepeatedPartnershipName(manager, name.trim());
      const partnership = await this.partnerships.createPartnership(manager, name.trim());
      await this.audit.record(manager, {
        action: 'partnership.created',
        entityType: 'partnership',
        entityId: partnership.id,
        after: { name: partnership.name },
      });
      return partnership;
    });
  }

  async renamePartnership(id: string, name: string): Promise<Partnership> {
    return this.dataSource.transaction(async (manager) => {
      const partnership = await this.partnerships.lockById(manager, id);
      if (!partnership) throw new NotFoundException();
      await this.refuseRepeatedPartnershipName(manager, name.trim(), id);
      const before = { name: partnership.name };
      partnership.name = name.trim();
      await this.partnerships.rename(manager, id, partnership.name);
      await this.audit.record(manager, { action: 'partnership.renamed', entityType: 'partnership', entityId: id, before, after: { name: partnership.name } });
      return partnership;
    });
  }

  setPartnershipActive(id: string, active: boolean): Promise<Partnership> {
    return this.setActive('partnership', id, active, {
      lock: (manager) => this.partnerships.lockById(manager, id),
      write: (manager) => this.partnerships.setActive(manager, id, active),
    });
  }

  /** A new agency with its districts, in one change. */
  async createAgency(partnershipId: string, name: string, districtRows: unknown): Promise<Agency> {
    return this.dataSource.transaction(async (manager) => {
      const partnership = await this.partnerships.findById(partnershipId, manager);
      if (!partnership) throw new NotFoundException();
      if (!partnership.active) throw FormInvalidError.forField('name', 'This partnership is deactivated: reactivate it before adding agencies');
      await this.refuseRepeatedAgencyName(manager, name.trim());
      const districts = this.checkedDistricts(districtRows, []);
      if (!districts.length) throw FormInvalidError.forField('districts', 'Enter at least one district', { href: '#districts-0' });
      const agency = await this.agencies.createAgency(manager, { name: name.trim(), partnershipId });
      const areas = await this.agencies.createAreas(manager, agency.id, districts);
      await this.audit.record(manager, {
        action: 'agency.created',
        entityType: 'agency',
        entityId: agency.id,
        after: { name: agency.name, partnershipId, districts: areas.map((area) => area.name) },
      });
      return agency;
    });
  }

  async addDistricts(agencyId: string, districtRows: unknown): Promise<Area[]> {
    return this.dataSource.transaction(async (manager) => {
      const agency = await this.agencies.lockById(manager, agencyId);
      if (!agency) throw new NotFoundException();
      const existing = await this.agencies.areasOfAgencyUnordered(agencyId, manager);
      const districts = this.checkedDistricts(
        districtRows,
        existing.map((area) => area.name),
      );
      if (!districts.length) throw FormInvalidError.forField('districts', 'Enter the name of a district', { href: '#districts-0' });
      const areas = await this.agencies.createAreas(manager, agencyId, districts);
      await this.audit.record(manager, {
        action: 'agency.districts_added',
        entityType: 'agency',
        entityId: agencyId,
        after: { districts: areas.map((area) => area.name) },
      });
      return areas;
    });
  }

  async renameAgency(id: string, name: string): Promise<Agency> {
    return this.dataSource.transaction(async (manager) => {
      const agency = await this.agencies.lockById(manager, id);
      if (!agency) throw new NotFoundException();
      await this.refuseRepeatedAgencyName(manager, name.trim(), id);
      const before = { name: agency.name };
      agency.name = name.trim();
      await this.agencies.rename(manager, id, agency.name);
      await this.audit.record(manager, { action: 'agency.renamed', entityType: 'agency', entityId: id, before, after: { name: agency.name } });
      return agency;
    });
  }

  setAgencyActive(id: string, active: boolean): Promise<Agency> {
    return this.setActive('agency', id, active, {
      lock: (manager) => this.agencies.lockById(manager, id),
      write: (manager) => this.agencies.setActive(manager, id, active),
    });
  }

  setDistrictActive(id: string, active: boolean): Promise<Area> {
    return this.setActive('area', id, active, {
      lock: (manager) => this.agencies.lockAreaById(manager, id),
      write: (manager) => this.agencies.setAreaActive(manager, id, active),
    });
  }

  private async setActive<T extends Partnership | Agency | Area>(
    entityType: string,
    id: string,
    active: boolean,
    record: { lock: (manager: EntityManager) => Promise<T | null>; write: (manager: EntityManager) => Promise<void> },
  ): Promise<T> {
    return this.dataSource.transaction(async (manager) => {
      const found = await record.lock(manager);
      if (!found) throw new NotFoundException();
      if (found.active !== active) {
        await record.write(manager);
        await this.audit.record(manager, {
          action: `${entityType}.${active ? 'reactivated' : 'deactivated'}`,
          entityType,
          entityId: id,
          before: { active: found.active },
          after: { active },
        });
        found.active = active;
      }
      return found;
    });
  }

  private checkedDistricts(rows: unknown, existing: string[]): string[] {
    const { names, repeatedRow, tooLongRow } = districtNames(rows);
    if (tooLongRow !== null)
      throw FormInvalidError.forField(`districts-${tooLongRow}`, 'A district name must be 200 characters or fewer', { href: `#districts-${tooLongRow}` });
    if (repeatedRow !== null) throw FormInvalidError.forField(`districts-${repeatedRow}`, 'Enter each district once', { href: `#districts-${repeatedRow}` });
    const taken = new Set(existing.map((name) => name.toLowerCase()));
    const clash = ([] as unknown[]).concat(rows ?? []).findIndex((value) => typeof value === 'string' && taken.has(value.trim().toLowerCase()));
    if (clash >= 0) throw FormInvalidError.forField(`districts-${clash}`, 'The agency already has a district with this name', { href: `#districts-${clash}` });
    return names;
  }

  private async refuseRepeatedPartnershipName(manager: EntityManager, name: string, exceptId?: string): Promise<void> {
    if (await this.partnerships.idOfNamed(name, exceptId, manager)) throw FormInvalidError.forField('name', 'There is already a partnership with this name');
  }

  private async refuseRepeatedAgencyName(manager: EntityManager, name: string, exceptId?: string): Promise<void> {
    if (await this.agencies.idOfNamed(name, exceptId, manager)) throw FormInvalidError.forField('name', 'There is already an agency with this name');
  }
}
