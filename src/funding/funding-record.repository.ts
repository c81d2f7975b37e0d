import { Injectable } from '@nestjs/common';
import { DataSource, EntityManager } from 'typeorm';
import { FundingRecord } from './funding-record.entity';
import type { ReturnsApplication } from './funding-returns';

/** An ASGSF application as the returns read it, with what the report names it by and its contract's end. */
export type ReturnsApplicationRow = ReturnsApplication & { asgsfReference: string | null; agency: string; title: string; endedOn: string | null };

/** An application's amounts, as the fair access check counts them. */
export type FundingLineRow = Pick<FundingRecord, 'status' | 'asgsfPence' | 'excessPence' | 'approvedPence' | 'assessmentPence'>;

/** A new application as the commissioner drafts it. */
export type NewFundingRecord = Omit<
  FundingRecord,
  'id' | 'agency' | 'partnership' | 'contract' | 'callOff' | 'approvedPence' | 'claimedPence' | 'decidedOn' | 'claimedOn' | 'closedOn' | 'createdAt'
>;

/** The child in a partnership whose applications count together. */
export interface FundingChildKey {
  partnershipId: string;
  partnershipChildReference: string;
}

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

  /** The child's live applications that year across the partnership, leaving out `exceptId`. */
  childYearRows(manager: EntityManager, child: FundingChildKey, financialYear: number, exceptId: string | null = null): Promise<FundingLineRow[]> {
    return manager.query(
      `SELECT status, asgsf_pence AS "asgsfPence", excess_pence AS "excessPence", approved_pence AS "approvedPence", assessment_pence AS "assessmentPence"
         FROM funding_records
        WHERE partnership_id = $1 AND partnership_child_reference = $2 AND financial_year = $3 AND status <> 'declined' AND ($4::uuid IS NULL OR id <> $4)`,
      [child.partnershipId, child.partnershipChildReference, financialYear, exceptId],
    );
  }

  /** The requirements whose contracts have a live application for the child that year. */
  async requirementsWithApplications(manager: EntityManager, child: FundingChildKey, financialYear: number): Promise<string[]> {
    const rows: Array<{ requirement_id: string }> = await manager.query(
      `SELECT DISTINCT c.requirement_id
         FROM funding_records f
         JOIN contracts c ON c.id = f.contract_id
        WHERE f.partnership_id = $1 AND f.partnership_child_reference = $2 AND f.financial_year = $3 AND f.status <> 'declined'`,
      [child.partnershipId, child.partnershipChildReference, financialYear],
    );
    return rows.map((row) => row.requirement_id);
  }

  /** Holds the child's year until the transaction ends, so two applications at once cannot both fit under the limit. */
  async lockChildYear(manager: EntityManager, child: FundingChildKey, financialYear: number): Promise<void> {
    await manager.query('SELECT pg_advisory_xact_lock(hashtext($1))', [`funding:${child.partnershipId}:${child.partnershipChildReference}:${financialYear}`]);
  }

  createRecord(manager: EntityManager, values: NewFundingRecord): Promise<FundingRecord> {
    return manager.save(FundingRecord, values);
  }

  /** The application on that contract, locked until the transaction ends. */
  lockOnContract(manager: EntityManager, id: string, contractId: string): Promise<FundingRecord | null> {
    return manager.findOne(FundingRecord, { where: { id, contractId }, lock: { mode: 'pessimistic_write' } });
  }

  findOnContract(id: string, contractId: string, manager: EntityManager = this.dataSource.manager): Promise<FundingRecord | null> {
    return manager.findOneBy(FundingRecord, { id, contractId });
  }

  /** A contract's applications made by one agency, the first made first. */
  listForContract(contractId: string, agencyId: string | undefined, manager: EntityManager = this.dataSource.manager): Promise<FundingRecord[]> {
    return manager.find(FundingRecord, { where: { contractId, agencyId }, order: { createdAt: 'ASC' } });
  }

  async change(
    manager: EntityManager,
    id: string,
    values: Partial<Omit<FundingRecord, 'id' | 'agency' | 'partnership' | 'contract' | 'callOff'>>,
  ): Promise<void> {
    await manager.update(FundingRecord, id, values);
  }
}
