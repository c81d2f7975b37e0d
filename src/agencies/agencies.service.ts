import { Injectable } from '@nestjs/common';
import { InjectRepository } from '@nestjs/typeorm';
import { In, Repository } from 'typeorm';
import { Agency } from './agency.entity';
import { Area } from './area.entity';
import { Partnership } from './partnership.entity';

export interface AgencyWithAreas {
  id: string;
  name: string;
  partnershipName: string;
  areas: string[];
}

@Injectable()
export class AgenciesService {
  constructor(
    @InjectRepository(Agency) private readonly agencies: Repository<Agency>,
    @InjectRepository(Area) private readonly areas: Repository<Area>,
    @InjectRepository(Partnership) private readonly partnerships: Repository<Partnership>,
  ) {}

  /** The agencies new staff can join: active, in an active partnership. */
  listAgencies(): Promise<Agency[]> {
    return this.agencies.find({ where: { active: true, partnership: { active: true } }, relations: { partnership: true }, order: { name: 'ASC' } });
  }

  /** One partnership's agencies with their districts, in two queries whatever the number of agencies. */
  async listAgenciesWithAreas(partnershipId: string): Promise<AgencyWithAreas[]> {
    const agencies = await this.agencies.find({ where: { partnershipId }, relations: { partnership: true }, order: { name: 'ASC' } });
    const areas = await this.areas.find({ where: { agencyId: In(agencies.map((agency) => agency.id)) }, order: { name: 'ASC' } });
    return agencies.map((agency) => ({
      id: agency.id,
      name: agency.name,
      partnershipName: agency.partnership?.name ?? '',
      areas: areas.filter((area) => area.agencyId === agency.id).map((area) => area.name),
    }));
  }

  async findAgencyWithAreas(id: string | null): Promise<AgencyWithAreas | null> {
    if (!id) return null;
    const agency = await this.agencies.findOne({ where: { id }, relations: { partnership: true } });
    if (!agency) return null;
    const areas = await this.areas.find({ where: { agencyId: id }, order: { name: 'ASC' } });
    return { id: agency.id, name: agency.name, partnershipName: agency.partnership?.name ?? '', areas: areas.map((area) => area.name) };
  }

  listPartnerships(): Promise<Partnership[]> {
    return this.partnerships.find({ order: { name: 'ASC' } });
  }
}
