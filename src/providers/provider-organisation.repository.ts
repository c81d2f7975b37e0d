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
}
