import { Injectable } from '@nestjs/common';
import { Agency } from './agency.entity';
import { AgencyRepository } from './agency.repository';
import { Partnership } from './partnership.entity';
import { PartnershipRepository } from './partnership.repository';

export interface AgencyWithAreas {
  id: string;
  name: string;
  partnershipName: string;
  areas: string[];
}

@Injectable()
export class AgenciesService {
  constructor(
    private readonly agencies: AgencyRepository,
    private readonly partnerships: PartnershipRepository,
  ) {}

  /** The agencies new staff can join: active, in an active partnership. */
  listAgencies(): Promise<Agency[]> {
    return this.agencies.listJoinable();
  }

  /** One partnership's agencies with their districts, in two queries whatever the number of agencies. */
  async listAgenciesWithAreas(partnershipId: string): Promise<AgencyWithAreas[]> {
    const agencies = await this.agencies.listForPartnershipWithPartnership(partnershipId);
    const areas = await this.agencies.areasOfAgencies(agencies.map((agency) => agency.id));
    return agencies.map((agency) => ({
      id: agency.id,
      name: agency.name,
      partnershipName: agency.partnership?.name ?? '',
      areas: areas.filter((area) => area.agencyId === agency.id).map((area) => area.name),
    }));
  }

  async findAgencyWithAreas(id: string | null): Promise<AgencyWithAreas | null> {
    if (!id) return null;
    const agency = await this.agencies.findWithPartnership(id);
    if (!agency) return null;
    const areas = await this.agencies.areasOfAgencies([id]);
    return { id: agency.id, name: agency.name, partnershipName: agency.partnership?.name ?? '', areas: areas.map((area) => area.name) };
  }

  listPartnerships(): Promise<Partnership[]> {
    return this.partnerships.listAll();
  }
}
