import { Injectable } from '@nestjs/common';
import { DataSource, EntityManager, In } from 'typeorm';
import { Agency } from './agency.entity';
import { Area } from './area.entity';

/** The agencies table and their districts (areas): the only place with their SQL. */
@Injectable()
export class AgencyRepository {
  constructor(private readonly dataSource: DataSource) {}

  /** The agencies new staff can join: active, in an active partnership, by name. */
  listJoinable(manager: EntityManager = this.dataSource.manager): Promise<Agency[]> {
    return manager.find(Agency, { where: { active: true, partnership: { active: true } }, relations: { partnership: true }, order: { name: 'ASC' } });
  }

  /** Every agency, by name. */
  listAll(manager: EntityManager = this.dataSource.manager): Promise<Agency[]> {
    return manager.find(Agency, { order: { name: 'ASC' } });
  }

  /** A partnership's agencies by name, each with its partnership. */
  listForPartnershipWithPartnership(partnershipId: string, manager: EntityManager = this.dataSource.manager): Promise<Agency[]> {
    return manager.find(Agency, { where: { partnershipId }, relations: { partnership: true }, order: { name: 'ASC' } });
  }

  /** A partnership's agencies by name. */
  listForPartnership(partnershipId: string, manager: EntityManager = this.dataSource.manager): Promise<Agency[]> {
    return manager.find(Agency, { where: { partnershipId }, order: { name: 'ASC' } });
  }

  /** A partnership's agencies, active first, then by name (the system admin's view). */
  listForPartnershipActiveFirst(partnershipId: string, manager: EntityManager = this.dataSource.manager): Promise<Agency[]> {
    return manager.find(Agency, { where: { partnershipId }, order: { active: 'DESC', name: 'ASC' } });
  }

  /** Those of the agencies named that belong to the partnership. */
  findInPartnership(ids: string[], partnershipId: string, manager: EntityManager = this.dataSource.manager): Promise<Agency[]> {
    return manager.find(Agency, { where: { id: In(ids), partnershipId } });
  }

  findById(id: string, manager: EntityManager = this.dataSource.manager): Promise<Agency | null> {
    return manager.findOneBy(Agency, { id });
  }

  findWithPartnership(id: string, manager: EntityManager = this.dataSource.manager): Promise<Agency | null> {
    return manager.findOne(Agency, { where: { id }, relations: { partnership: true } });
  }

  /** The agency if it is active and in an active partnership: one new staff can be added to. */
  findJoinable(id: string, manager: EntityManager = this.dataSource.manager): Promise<Agency | null> {
    return manager.findOne(Agency, { where: { id, active: true, partnership: { active: true } } });
  }

  /** Whether the agency's partnership is deactivated. */
  async inDeactivatedPartnership(id: string, manager: EntityManager = this.dataSource.manager): Promise<boolean> {
    const rows: unknown[] = await manager.query(`SELECT 1 FROM agencies a JOIN partnerships p ON p.id = a.partnership_id WHERE a.id = $1 AND NOT p.active`, [
      id,
    ]);
    return rows.length > 0;
  }

  /** The agency, locked until the transaction ends. */
  lockById(manager: EntityManager, id: string): Promise<Agency | null> {
    return manager.findOne(Agency, { where: { id }, lock: { mode: 'pessimistic_write' } });
  }

  /** How many active agencies each partnership has. */
  countActiveByPartnership(manager: EntityManager = this.dataSource.manager): Promise<Array<{ partnershipId: string; count: number }>> {
    return manager.query(`SELECT partnership_id AS "partnershipId", count(*)::int AS count FROM agencies WHERE active GROUP BY partnership_id`);
  }

  /** The id of another agency with this name, whatever its case, if there is one. */
  async idOfNamed(name: string, exceptId: string | undefined, manager: EntityManager = this.dataSource.manager): Promise<string | null> {
    const [clash]: Array<{ id: string }> = await manager.query(
      `SELECT id FROM agencies WHERE lower(name) = lower($1) AND ($2::uuid IS NULL OR id <> $2::uuid)`,
      [name, exceptId ?? null],
    );
    return clash?.id ?? null;
  }

  createAgency(manager: EntityManager, values: { name: string; partnershipId: string }): Promise<Agency> {
    return manager.save(Agency, manager.create(Agency, values));
  }

  async rename(manager: EntityManager, id: string, name: string): Promise<void> {
    await manager.update(Agency, id, { name });
  }

  async setActive(manager: EntityManager, id: string, active: boolean): Promise<void> {
    await manager.update(Agency, id, { active });
  }

  async setPublishApprovalRequired(manager: EntityManager, id: string, required: boolean): Promise<void> {
    await manager.update(Agency, id, { publishApprovalRequired: required });
  }

  /** Every area, by name. */
  listAllAreas(manager: EntityManager = this.dataSource.manager): Promise<Area[]> {
    return manager.find(Area, { order: { name: 'ASC' } });
  }

  /** The areas of the agencies given, by name. */
  areasOfAgencies(agencyIds: string[], manager: EntityManager = this.dataSource.manager): Promise<Area[]> {
    return manager.find(Area, { where: { agencyId: In(agencyIds) }, order: { name: 'ASC' } });
  }

  /** The areas of the agencies given, active first, then by name (the system admin's view). */
  areasOfAgenciesActiveFirst(agencyIds: string[], manager: EntityManager = this.dataSource.manager): Promise<Area[]> {
    return manager.find(Area, { where: { agencyId: In(agencyIds) }, order: { active: 'DESC', name: 'ASC' } });
  }

  /** The areas named, in no order. */
  areasByIds(ids: string[], manager: EntityManager = this.dataSource.manager): Promise<Area[]> {
    return manager.find(Area, { where: { id: In(ids) } });
  }

  /** The areas named, each with its agency. */
  areasByIdsWithAgency(ids: string[], manager: EntityManager = this.dataSource.manager): Promise<Area[]> {
    return manager.find(Area, { where: { id: In(ids) }, relations: { agency: true } });
  }

  /** An agency's areas, in no order. */
  areasOfAgencyUnordered(agencyId: string, manager: EntityManager = this.dataSource.manager): Promise<Area[]> {
    return manager.findBy(Area, { agencyId });
  }

  /** The area, locked until the transaction ends. */
  lockAreaById(manager: EntityManager, id: string): Promise<Area | null> {
    return manager.findOne(Area, { where: { id }, lock: { mode: 'pessimistic_write' } });
  }

  createAreas(manager: EntityManager, agencyId: string, names: string[]): Promise<Area[]> {
    return manager.save(
      Area,
      names.map((name) => manager.create(Area, { name, agencyId })),
    );
  }

  async setAreaActive(manager: EntityManager, id: string, active: boolean): Promise<void> {
    await manager.update(Area, id, { active });
  }
}
