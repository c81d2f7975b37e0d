import { Injectable } from '@nestjs/common';
import { DataSource, EntityManager } from 'typeorm';
import { Agency } from '../agencies/agency.entity';
import { Area } from '../agencies/area.entity';
import { ProviderArea } from './provider-area.entity';
import { ProviderOrganisation } from './provider-organisation.entity';

/** The organisation details a provider fills in. */
export type OrganisationDetailsValues = Partial<Omit<ProviderOrganisation, 'id' | 'createdAt'>>;

/** The provider_organisations table and the areas each covers (provider_areas): the only place with their SQL. */
@Injectable()
export class ProviderOrganisationRepository {
  constructor(private readonly dataSource: DataSource) {}

  findByIdOrFail(id: string, manager: EntityManager = this.dataSource.manager): Promise<ProviderOrganisation> {
    return manager.findOneByOrFail(ProviderOrganisation, { id });
  }

  /** The areas the provider covers, each with its agency, by agency name then area name. */
  coveredAreasWithAgency(providerId: string, manager: EntityManager = this.dataSource.manager): Promise<Area[]> {
    return manager
      .createQueryBuilder(Area, 'area')
      .innerJoin(ProviderArea, 'pa', 'pa.areaId = area.id AND pa.providerId = :providerId', { providerId })
      .innerJoinAndMapOne('area.agency', Agency, 'agency', 'agency.id = area.agencyId')
      .orderBy('agency.name')
      .addOrderBy('area.name')
      .getMany();
  }

  /** The ids of the areas the provider covers, in no order. */
  async coveredAreaIds(providerId: string, manager: EntityManager = this.dataSource.manager): Promise<string[]> {
    return (await manager.find(ProviderArea, { where: { providerId } })).map((row) => row.areaId);
  }

  async updateDetails(manager: EntityManager, id: string, values: OrganisationDetailsValues): Promise<void> {
    await manager.update(ProviderOrganisation, id, values);
  }

  /** Replaces the areas the provider covers with those given. */
  async replaceCoveredAreas(manager: EntityManager, providerId: string, areaIds: string[]): Promise<void> {
    await manager.delete(ProviderArea, { providerId });
    await manager.insert(
      ProviderArea,
      areaIds.map((areaId) => ({ providerId, areaId })),
    );
  }

  findById(id: string, manager: EntityManager = this.dataSource.manager): Promise<ProviderOrganisation | null> {
    return manager.findOne(ProviderOrganisation, { where: { id } });
  }

  createOrganisation(manager: EntityManager, values: Pick<ProviderOrganisation, 'name' | 'status'>): Promise<ProviderOrganisation> {
    return manager.save(ProviderOrganisation, values);
  }

  /**
   * The providers a partnership deals with: those that have applied to or
   * joined one of its frameworks, by name.
   */
  listDealingWith(
    partnershipId: string,
    manager: EntityManager = this.dataSource.manager,
  ): Promise<Array<Pick<ProviderOrganisation, 'id' | 'name' | 'status'>>> {
    return manager.query(
      `SELECT p.id, p.name, p.status FROM provider_organisations p
        WHERE p.id IN (SELECT a.provider_id FROM applications a JOIN frameworks f ON f.id = a.framework_id WHERE f.partnership_id = $1
                       UNION SELECT m.provider_id FROM memberships m JOIN frameworks f ON f.id = m.framework_id WHERE f.partnership_id = $1)
        ORDER BY p.name, p.id`,
      [partnershipId],
    );
  }
}
