import { Clock } from '../common/clock/clock';
import { Injectable, NotFoundException } from '@nestjs/common';
import { DataSource, EntityManager } from 'typeorm';
import type { SignedInUser } from '../common/auth/signed-in-user';
import { FormInvalidError } from '../common/forms/form-invalid.error';
import { formatPence } from '../common/views/format';
import { InvoicesService } from '../invoices/invoices.service';
import { ApplicationReturn, claimProblem, fundingReturns, ReturnsApplication, ReturnsContract, returnsByAgencyAndYear, ReturnsTotals } from './funding-returns';

/** An application's returns with what the report names it by: never the child. */
export interface ReportedReturn extends ApplicationReturn {
  agency: string;
  title: string;
  asgsfReference: string | null;
  status: ReturnsApplication['status'];
}

const APPLICATION_COLUMNS = `f.id, f.contract_id AS "contractId", f.agency_id AS "agencyId", f.financial_year AS "financialYear", f.status,
  f.starts_on::text AS "startsOn", f.ends_on::text AS "endsOn", f.approved_pence AS "approvedPence", f.top_up_pence AS "topUpPence",
  f.excess_pence AS "excessPence", f.claimed_pence AS "claimedPence", f.created_at AS "createdAt", f.asgsf_reference AS "asgsfReference",
  a.name AS agency, r.title, c.ended_on::text AS "endedOn"`;
const APPLICATION_FROM = `FROM funding_records f JOIN agencies a ON a.id = f.agency_id JOIN contracts c ON c.id = f.contract_id JOIN requirements r ON r.id = c.requirement_id`;

type ApplicationRow = ReturnsApplication & { asgsfReference: string | null; agency: string; title: string; endedOn: string | null };

/**
 * Reads ASGSF applications with their contracts' invoices and works out what
 * is spent, claimable, to return and ring-fenced (see funding-returns.ts).
 */
@Injectable()
export class FundingReturnsService {
  constructor(
    private readonly clock: Clock,
    private readonly dataSource: DataSource,
    private readonly invoices: InvoicesService,
  ) {}

  private async returnsOf(manager: EntityManager, rows: ApplicationRow[]): Promise<ReportedReturn[]> {
    const contractIds = [...new Set(rows.map((row) => row.contractId))];
    const totals = await this.invoices.totalsForContracts(contractIds, manager);
    const contracts = new Map<string, ReturnsContract>();
    for (const row of rows) {
      const invoiced = totals.get(row.contractId)!;
      contracts.set(row.contractId, {
        invoicedPence: invoiced.invoicedPence,
        approvedInvoicesPence: invoiced.approvedPence,
        paidPence: invoiced.paidPence,
        endedOn: row.endedOn,
      });
    }
    const returns = fundingReturns(rows, contracts, this.clock.today());
    return returns.map((result, index) => ({
      ...result,
      agency: rows[index].agency,
      title: rows[index].title,
      asgsfReference: rows[index].asgsfReference,
      status: rows[index].status,
    }));
  }

  /**
   * Every application on a contract, with its returns: a block's children's
   * applications share its invoices. The caller has checked the contract is
   * the user's agency's.
   */
  async forContract(contractId: string, manager: EntityManager = this.dataSource.manager): Promise<ReportedReturn[]> {
    const rows: ApplicationRow[] = await manager.query(
      `SELECT ${APPLICATION_COLUMNS} ${APPLICATION_FROM} WHERE f.contract_id = $1 ORDER BY f.created_at, f.id`,
      [contractId],
    );
    return this.returnsOf(manager, rows);
  }

  /**
   * Refuses a claim the invoices cannot bear: no more than the approved
   * funding met by approved invoices on the contract. Called inside the
   * claim's transaction, with the contract locked.
   */
  async assertClaimable(manager: EntityManager, contractId: string, recordId: string, claimedPence: number): Promise<void> {
    const row = (await this.forContract(contractId, manager)).find((result) => result.id === recordId);
    if (!row) throw new NotFoundException();
    const problem = claimProblem(claimedPence, row, formatPence);
    if (problem) throw FormInvalidError.forField('claimed', problem);
  }

  /** The report for a commissioner: every application in their agency's partnership, by agency and financial year. */
  async forPartnership(user: SignedInUser): Promise<{ partnership: string; rows: ReportedReturn[]; totals: Array<ReturnsTotals & { agency: string }> }> {
    if (!user.agencyId) throw new NotFoundException();
    const manager = this.dataSource.manager;
    const [partnership] = await manager.query(`SELECT p.id, p.name FROM agencies a JOIN partnerships p ON p.id = a.partnership_id WHERE a.id = $1`, [
      user.agencyId,
    ]);
    if (!partnership) throw new NotFoundException();
    const rows: ApplicationRow[] = await manager.query(
      `SELECT ${APPLICATION_COLUMNS} ${APPLICATION_FROM} WHERE f.partnership_id = $1 ORDER BY f.financial_year, a.name, f.starts_on, f.created_at, f.id`,
      [partnership.id],
    );
    const returns = await this.returnsOf(manager, rows);
    const names = new Map(returns.map((row) => [row.agencyId, row.agency]));
    const totals = returnsByAgencyAndYear(returns).map((total) => ({ ...total, agency: names.get(total.agencyId)! }));
    totals.sort((a, b) => a.financialYear - b.financialYear || a.agency.localeCompare(b.agency));
    return { partnership: partnership.name, rows: returns, totals };
  }
}
