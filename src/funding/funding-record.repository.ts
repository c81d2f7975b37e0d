import { Injectable } from '@nestjs/common';
import { DataSource, EntityManager } from 'typeorm';
import type { ReturnsApplication } from './funding-returns';

/** An ASGSF application as the returns read it, with what the report names it by and its contract's end. */
export type ReturnsApplicationRow = ReturnsApplication & { asgsfReference: string | null; agency: string; title: string; endedOn: string | null };

const APPLICATION_COLUMNS = `f.id, f.contract_id AS "contractId", f.agency_id AS "agencyId", f.financial_year AS "financialYear", f.status,
  f.starts_on::text AS "startsOn", f.ends_on::text AS "endsOn", f.approved_pence AS "approvedPence", f.top_up_pence AS "topUpPence",
  f.excess_pence AS "excessPence", f.claimed_pence AS "claimedPence", f.created_at AS "createdAt", f.asgsf_reference AS "asgsfReference",
  a.name AS agency, r.title, c.ended_on::text AS "endedOn"`;
const APPLICATION_FROM = `FROM funding_records f JOIN agencies a ON a.id = f.agency_id JOIN contracts c ON c.id = f.contract_id JOIN requirements r ON r.id = c.requirement_id`;

/**
 * The funding_records table: the only place with its SQL. The returns read
 * the agency's name, the requirement's title and the contract's end beside
 * each record; those features change their own tables.
 */
@Injectable()
export class FundingRecordRepository {
  constructor(private readonly dataSource: DataSource) {}

  /** Every application on a contract, the first made first. */
  listReturnsForContract(contractId: string, manager: EntityManager = this.dataSource.manager): Promise<ReturnsApplicationRow[]> {
    return manager.query(`SELECT ${APPLICATION_COLUMNS} ${APPLICATION_FROM} WHERE f.contract_id = $1 ORDER BY f.created_at, f.id`, [contractId]);
  }

  /** Every application in a partnership, by financial year, agency name, start and when it was made. */
  listReturnsForPartnership(partnershipId: string, manager: EntityManager = this.dataSource.manager): Promise<ReturnsApplicationRow[]> {
    return manager.query(
      `SELECT ${APPLICATION_COLUMNS} ${APPLICATION_FROM} WHERE f.partnership_id = $1 ORDER BY f.financial_year, a.name, f.starts_on, f.created_at, f.id`,
      [partnershipId],
    );
  }
}
