import { Injectable } from '@nestjs/common';
import { DataSource, EntityManager } from 'typeorm';
import type { PageRequest } from '../common/http/pagination';

/** A lot offered by one of the partnership's open frameworks. */
export interface MatrixLotRow {
  id: string;
  name: string;
  sort_order: number;
}

/** An area covered by one of the partnership's open frameworks, with its agency's name. */
export interface MatrixAreaRow {
  id: string;
  name: string;
  agency_name: string;
}

/** How many active members cover a lot in an area. */
export interface MatrixCountRow {
  therapy_type_id: string;
  area_id: string;
  count: number;
}

/** A membership named for a confirmation page. */
export interface NamedMembershipRow {
  id: string;
  status: string;
  provider_name: string;
  lot_name: string;
  framework_name: string;
}

/** A membership as the memberships list shows it. */
export interface MembershipListRow extends NamedMembershipRow {
  status_reason: string | null;
  suspended_for_compliance: boolean;
}

/**
 * Read-only: the membership matrix and list of a partnership, drawn from the
 * frameworks, their lots and coverage, memberships and providers. Nothing
 * here writes; those features change their own tables.
 */
@Injectable()
export class MarketRepository {
  constructor(private readonly dataSource: DataSource) {}

  /** The lots of the partnership's open frameworks, in their order. */
  openLots(partnershipId: string, manager: EntityManager = this.dataSource.manager): Promise<MatrixLotRow[]> {
    return manager.query(
      `SELECT DISTINCT t.id, t.name, t.sort_order FROM therapy_types t
               JOIN framework_lots l ON l.therapy_type_id = t.id
               JOIN frameworks f ON f.id = l.framework_id AND f.status = 'open' AND f.partnership_id = $1
              ORDER BY t.sort_order`,
      [partnershipId],
    );
  }

  /** The areas the partnership's open frameworks cover, by agency name then area name. */
  openAreas(partnershipId: string, manager: EntityManager = this.dataSource.manager): Promise<MatrixAreaRow[]> {
    return manager.query(
      `SELECT DISTINCT a.id, a.name, ag.name AS agency_name FROM areas a
               JOIN agencies ag ON ag.id = a.agency_id
               JOIN framework_areas fa ON fa.area_id = a.id
               JOIN frameworks f ON f.id = fa.framework_id AND f.status = 'open' AND f.partnership_id = $1
              ORDER BY ag.name, a.name`,
      [partnershipId],
    );
  }

  /** How many active members cover each lot in each area the partnership's frameworks cover. */
  activeMemberCounts(partnershipId: string, manager: EntityManager = this.dataSource.manager): Promise<MatrixCountRow[]> {
    return manager.query(
      `SELECT m.therapy_type_id, pa.area_id, count(DISTINCT m.provider_id)::int AS count
               FROM memberships m
               JOIN frameworks f ON f.id = m.framework_id AND f.partnership_id = $1
               JOIN provider_areas pa ON pa.provider_id = m.provider_id
               JOIN framework_areas fa ON fa.framework_id = f.id AND fa.area_id = pa.area_id
              WHERE m.status = 'active'
              GROUP BY m.therapy_type_id, pa.area_id`,
      [partnershipId],
    );
  }

  /** One membership of the partnership's frameworks, or null. */
  async findNamedMembership(id: string, partnershipId: string, manager: EntityManager = this.dataSource.manager): Promise<NamedMembershipRow | null> {
    const [row]: NamedMembershipRow[] = await manager.query(
      `SELECT m.id, m.status, p.name AS provider_name, t.name AS lot_name, f.name AS framework_name
         FROM memberships m
         JOIN frameworks f ON f.id = m.framework_id
         JOIN provider_organisations p ON p.id = m.provider_id
         JOIN therapy_types t ON t.id = m.therapy_type_id
        WHERE m.id = $1 AND f.partnership_id = $2`,
      [id, partnershipId],
    );
    return row ?? null;
  }

  /** How many memberships of the partnership's frameworks are not removed. */
  async countListedMemberships(partnershipId: string, manager: EntityManager = this.dataSource.manager): Promise<number> {
    const [{ total }]: Array<{ total: number }> = await manager.query(
      `SELECT count(*)::int AS total FROM memberships m JOIN frameworks f ON f.id = m.framework_id WHERE f.partnership_id = $1 AND m.status <> 'removed'`,
      [partnershipId],
    );
    return total;
  }

  /** One page of the memberships not removed, by provider name then lot order. */
  listMembershipsPage(partnershipId: string, page: PageRequest, manager: EntityManager = this.dataSource.manager): Promise<MembershipListRow[]> {
    return manager.query(
      `SELECT m.id, m.status, m.status_reason, m.suspended_for_compliance, p.name AS provider_name, t.name AS lot_name, f.name AS framework_name
         FROM memberships m
         JOIN frameworks f ON f.id = m.framework_id
         JOIN provider_organisations p ON p.id = m.provider_id
         JOIN therapy_types t ON t.id = m.therapy_type_id
        WHERE f.partnership_id = $1 AND m.status <> 'removed'
        ORDER BY p.name, t.sort_order
        LIMIT $2 OFFSET $3`,
      [partnershipId, page.pageSize, page.offset],
    );
  }
}
