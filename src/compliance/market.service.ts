import { Injectable, NotFoundException } from '@nestjs/common';
import { DataSource } from 'typeorm';
import { partnershipIdOf } from '../common/auth/partnership.repository';
import type { SignedInUser } from '../common/auth/signed-in-user';
import { PageRequest, toPage } from '../common/http/pagination';
import { MarketRepository, NamedMembershipRow } from './market.repository';

export interface MatrixCell {
  areaId: string;
  count: number;
}

/** The membership matrix: how many active members cover each lot in each area (the first market-gap view). */
@Injectable()
export class MarketService {
  constructor(
    private readonly dataSource: DataSource,
    private readonly market: MarketRepository,
  ) {}

  private partnershipId(user: SignedInUser): Promise<string> {
    return partnershipIdOf(this.dataSource.manager, user);
  }

  async matrix(user: SignedInUser) {
    const partnershipId = await this.partnershipId(user);
    const [lots, areas, counts] = await Promise.all([
      this.market.openLots(partnershipId),
      this.market.openAreas(partnershipId),
      this.market.activeMemberCounts(partnershipId),
    ]);
    const lookup = new Map<string, number>(counts.map((row) => [`${row.therapy_type_id}:${row.area_id}`, row.count]));
    const rows = lots.map((lot) => ({
      lot,
      cells: areas.map((area): MatrixCell => ({ areaId: area.id, count: lookup.get(`${lot.id}:${area.id}`) ?? 0 })),
    }));
    const gaps = rows.reduce((sum, row) => sum + row.cells.filter((cell) => cell.count === 0).length, 0);
    return { lots, areas, rows, gaps };
  }

  /** One membership of the manager's partnership, named for a confirmation page. */
  async membership(user: SignedInUser, id: string): Promise<NamedMembershipRow> {
    const row = await this.market.findNamedMembership(id, await this.partnershipId(user));
    if (!row) throw new NotFoundException();
    return row;
  }

  async memberships(user: SignedInUser, pageRequest: PageRequest) {
    const partnershipId = await this.partnershipId(user);
    const total = await this.market.countListedMemberships(partnershipId);
    const rows = await this.market.listMembershipsPage(partnershipId, pageRequest);
    return toPage(rows, total, pageRequest, '/memberships');
  }
}
