import { Injectable, NotFoundException } from '@nestjs/common';
import { DataSource } from 'typeorm';
import { partnershipIdOf } from '../common/auth/partnership.repository';
import type { SignedInUser } from '../common/auth/signed-in-user';
import { PageRequest, toPage } from '../common/http/pagination';

export interface MatrixCell {
  areaId: string;
  count: number;
}

/** The membership matrix: how many active members cover each lot in each area (the first market-gap view). */
@Injectable()
export class MarketService {
  constructor(private readonly dataSource: DataSource) {}

  private partnershipId(user: SignedInUser): Promise<string> {
    return partnershipIdOf(this.dataSource.manager, user);
  }

  async matrix(user: SignedInUser) {
    const partnershipId = await this.partnershipId(user);
    const query = (sql: string) => this.dataSource.query(sql, [partnershipId]);
    const [lots, areas, counts] = await Promise.all([
      query(`SELECT DISTINCT t.id, t.name, t.sort_order FROM therapy_types t
               JOIN framework_lots l ON l.therapy_type_id = t.id
               JOIN frameworks f ON f.id = l.framework_id AND f.status = 'open' AND f.partnership_id = $1
              ORDER BY t.sort_order`),
      query(`SELECT DISTINCT a.id, a.name, ag.name AS agency_name FROM areas a
               JOIN agencies ag ON ag.id = a.agency_id
               JOIN framework_areas fa ON fa.area_id = a.id
               JOIN frameworks f ON f.id = fa.framework_id AND f.status = 'open' AND f.partnership_id = $1
              ORDER BY ag.name, a.name`),
      query(`SELECT m.therapy_type_id, pa.area_id, count(DISTINCT m.provider_id)::int AS count
               FROM memberships m
               JOIN frameworks f ON f.id = m.framework_id AND f.partnership_id = $1
               JOIN provider_areas pa ON pa.provider_id = m.provider_id
               JOIN framework_areas fa ON fa.framework_id = f.id AND fa.area_id = pa.area_id
              WHERE m.status = 'active'
              GROUP BY m.therapy_type_id, pa.area_id`),
    ]);
    const lookup = new Map<string, number>(
      counts.map((row: { therapy_type_id: string; area_id: string; count: number }) => [`${row.therapy_type_id}:${row.area_id}`, row.count]),
    );
    const rows = lots.map((lot: { id: string; name: string }) => ({
      lot,
      cells: areas.map((area: { id: string }) => ({ areaId: area.id, count: lookup.get(`${lot.id}:${area.id}`) ?? 0 })),
    }));
    const gaps = rows.reduce((sum: number, row: { cells: MatrixCell[] }) => sum + row.cells.filter((cell) => cell.count === 0).length, 0);
    return { lots, areas, rows, gaps };
  }

  /** One membership of the manager's partnership, named for a confirmation page. */
  async membership(user: SignedInUser, id: string) {
    const [row] = await this.dataSource.query(
      `SELECT m.id, m.status, p.name AS provider_name, t.name AS lot_name, f.name AS framework_name
         FROM memberships m
         JOIN frameworks f ON f.id = m.framework_id
         JOIN provider_organisations p ON p.id = m.provider_id
         JOIN therapy_types t ON t.id = m.therapy_type_id
        WHERE m.id = $1 AND f.partnership_id = $2`,
      [id, await this.partnershipId(user)],
    );
    if (!row) throw new NotFoundException();
    return row as { id: string; status: string; provider_name: string; lot_name: string; framework_name: string };
  }

  async memberships(user: SignedInUser, pageRequest: PageRequest) {
    const partnershipId = await this.partnershipId(user);
    const [{ total }] = await this.dataSource.query(
      `SELECT count(*)::int AS total FROM memberships m JOIN frameworks f ON f.id = m.framework_id WHERE f.partnership_id = $1 AND m.status <> 'removed'`,
      [partnershipId],
    );
    const rows = await this.dataSource.query(
      `SELECT m.id, m.status, m.status_reason, m.suspended_for_compliance, p.name AS provider_name, t.name AS lot_name, f.name AS framework_name
         FROM memberships m
         JOIN frameworks f ON f.id = m.framework_id
         JOIN provider_organisations p ON p.id = m.provider_id
         JOIN therapy_types t ON t.id = m.therapy_type_id
        WHERE f.partnership_id = $1 AND m.status <> 'removed'
        ORDER BY p.name, t.sort_order
        LIMIT $2 OFFSET $3`,
      [partnershipId, pageRequest.pageSize, pageRequest.offset],
    );
    return toPage(rows, total, pageRequest, '/memberships');
  }
}
