import { Injectable, NotFoundException } from '@nestjs/common';
import { DataSource, EntityManager, In } from 'typeorm';
import { AuditService } from '../audit/audit.service';
import { FormInvalidError } from '../common/forms/form-invalid.error';
import { Agency } from './agency.entity';
import { Area } from './area.entity';
import { districtNames } from './district-names';
import { Partnership } from './partnership.entity';

export interface AgencyWithDistricts {
  agency: Agency;
  districts: Area[];
}

/** The system admin's partnerships, their agencies and districts. Nothing records refer to is deleted: it is deactivated. */
@Injectable()
export class PartnershipsAdminService {
  constructor(
    private readonly dataSource: DataSource,
    private readonly audit: AuditService,
  ) {}

  async list(): Promise<Array<Partnership & { agencyCount: number }>> {
    const partnerships = await this.dataSource.manager.find(Partnership, { order: { name: 'ASC' } });
    const counts: Array<{ partnership_id: string; n: number }> = await this.dataSource.query(
      `SELECT partnership_id, count(*)::int AS n FROM agencies WHERE active GROUP BY partnership_id`,
    );
    return partnerships.map((partnership) =>
      Object.assign(partnership, { agencyCount: counts.find((count) => count.partnership_id === partnership.id)?.n ?? 0 }),
    );
  }

  async get(id: string): Promise<{ partnership: Partnership; agencies: AgencyWithDistricts[] }> {
    const partnership = await this.dataSource.manager.findOneBy(Partnership, { id });
    if (!partnership) throw new NotFoundException();
    const agencies = await this.dataSource.manager.find(Agency, { where: { partnershipId: id }, order: { active: 'DESC', name: 'ASC' } });
    const areas = agencies.length
      ? await this.dataSource.manager.find(Area, { where: { agencyId: In(agencies.map((agency) => agency.id)) }, order: { active: 'DESC', name: 'ASC' } })
      : [];
    return { partnership, agencies: agencies.map((agency) => ({ agency, districts: areas.filter((area) => area.agencyId === agency.id) })) };
  }

  async getAgency(id: string): Promise<AgencyWithDistricts & { partnership: Partnership }> {
    const agency = await this.dataSource.manager.findOne(Agency, { where: { id }, relations: { partnership: true } });
    if (!agency) throw new NotFoundException();
    const districts = await this.dataSource.manager.find(Area, { where: { agencyId: id }, order: { active: 'DESC', name: 'ASC' } });
    return { agency, districts, partnership: agency.partnership! };
  }

  async createPartnership(name: string): Promise<Partnership> {
    return this.dataSource.transaction(async (manager) => {
      await this.refuseRepeatedPartnershipName(manager, name.trim());
      const partnership = await manager.save(Partnership, manager.create(Partnership, { name: name.trim() }));
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
      const partnership = await manager.findOne(Partnership, { where: { id }, lock: { mode: 'pessimistic_write' } });
      if (!partnership) throw new NotFoundException();
      await this.refuseRepeatedPartnershipName(manager, name.trim(), id);
      const before = { name: partnership.name };
      partnership.name = name.trim();
      await manager.update(Partnership, id, { name: partnership.name });
      await this.audit.record(manager, { action: 'partnership.renamed', entityType: 'partnership', entityId: id, before, after: { name: partnership.name } });
      return partnership;
    });
  }

  async setPartnershipActive(id: string, active: boolean): Promise<Partnership> {
    return this.setActive(Partnership, 'partnership', id, active);
  }

  /** A new agency with its districts, in one change. */
  async createAgency(partnershipId: string, name: string, districtRows: unknown): Promise<Agency> {
    return this.dataSource.transaction(async (manager) => {
      const partnership = await manager.findOneBy(Partnership, { id: partnershipId });
      if (!partnership) throw new NotFoundException();
      if (!partnership.active) throw FormInvalidError.forField('name', 'This partnership is deactivated: reactivate it before adding agencies');
      await this.refuseRepeatedAgencyName(manager, name.trim());
      const districts = this.checkedDistricts(districtRows, []);
      if (!districts.length) throw FormInvalidError.forField('districts', 'Enter at least one district', { href: '#districts-0' });
      const agency = await manager.save(Agency, manager.create(Agency, { name: name.trim(), partnershipId }));
      const areas = await manager.save(
        Area,
        districts.map((district) => manager.create(Area, { name: district, agencyId: agency.id })),
      );
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
      const agency = await manager.findOne(Agency, { where: { id: agencyId }, lock: { mode: 'pessimistic_write' } });
      if (!agency) throw new NotFoundException();
      const existing = await manager.findBy(Area, { agencyId });
      const districts = this.checkedDistricts(
        districtRows,
        existing.map((area) => area.name),
      );
      if (!districts.length) throw FormInvalidError.forField('districts', 'Enter the name of a district', { href: '#districts-0' });
      const areas = await manager.save(
        Area,
        districts.map((district) => manager.create(Area, { name: district, agencyId })),
      );
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
      const agency = await manager.findOne(Agency, { where: { id }, lock: { mode: 'pessimistic_write' } });
      if (!agency) throw new NotFoundException();
      await this.refuseRepeatedAgencyName(manager, name.trim(), id);
      const before = { name: agency.name };
      agency.name = name.trim();
      await manager.update(Agency, id, { name: agency.name });
      await this.audit.record(manager, { action: 'agency.renamed', entityType: 'agency', entityId: id, before, after: { name: agency.name } });
      return agency;
    });
  }

  setAgencyActive(id: string, active: boolean): Promise<Agency> {
    return this.setActive(Agency, 'agency', id, active);
  }

  setDistrictActive(id: string, active: boolean): Promise<Area> {
    return this.setActive(Area, 'area', id, active);
  }

  private async setActive<T extends Partnership | Agency | Area>(entity: new () => T, entityType: string, id: string, active: boolean): Promise<T> {
    return this.dataSource.transaction(async (manager) => {
      const record = (await manager.findOne(entity, { where: { id } as never, lock: { mode: 'pessimistic_write' } })) as T | null;
      if (!record) throw new NotFoundException();
      if (record.active !== active) {
        await manager.update(entity, id, { active } as never);
        await this.audit.record(manager, {
          action: `${entityType}.${active ? 'reactivated' : 'deactivated'}`,
          entityType,
          entityId: id,
          before: { active: record.active },
          after: { active },
        });
        record.active = active;
      }
      return record;
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
    const [clash] = await manager.query(`SELECT id FROM partnerships WHERE lower(name) = lower($1) AND ($2::uuid IS NULL OR id <> $2::uuid)`, [
      name,
      exceptId ?? null,
    ]);
    if (clash) throw FormInvalidError.forField('name', 'There is already a partnership with this name');
  }

  private async refuseRepeatedAgencyName(manager: EntityManager, name: string, exceptId?: string): Promise<void> {
    const [clash] = await manager.query(`SELECT id FROM agencies WHERE lower(name) = lower($1) AND ($2::uuid IS NULL OR id <> $2::uuid)`, [
      name,
      exceptId ?? null,
    ]);
    if (clash) throw FormInvalidError.forField('name', 'There is already an agency with this name');
  }
}
