import { Clock } from '../common/clock/clock';
import { Injectable, NotFoundException } from '@nestjs/common';
import { DataSource, EntityManager } from 'typeorm';
import type { SignedInUser } from '../common/auth/signed-in-user';
import { FormInvalidError } from '../common/forms/form-invalid.error';
import { formatPence } from '../common/views/format';
import { AgencyRepository } from '../agencies/agency.repository';
import { InvoicesService } from '../invoices/invoices.service';
import { FundingRecordRepository, ReturnsApplicationRow } from './funding-record.repository';
import { ApplicationReturn, claimProblem, fundingReturns, ReturnsApplication, ReturnsContract, returnsByAgencyAndYear, ReturnsTotals } from './funding-returns';

/** An application's returns with what the report names it by: never the child. */
export interface ReportedReturn extends ApplicationReturn {
  agency: string;
  title: string;
  asgsfReference: string | null;
  status: ReturnsApplication['status'];
}

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
    private readonly records: FundingRecordRepository,
    private readonly agencies: AgencyRepository,
  ) {}

  private async returnsOf(manager: EntityManager, rows: ReturnsApplicationRow[]): Promise<ReportedReturn[]> {
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
    const rows = await this.records.listReturnsForContract(contractId, manager);
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
    const partnership = (await this.agencies.findWithPartnership(user.agencyId, manager))?.partnership;
    if (!partnership) throw new NotFoundException();
    const rows = await this.records.listReturnsForPartnership(partnership.id, manager);
    const returns = await this.returnsOf(manager, rows);
    const names = new Map(returns.map((row) => [row.agencyId, row.agency]));
    const totals = returnsByAgencyAndYear(returns).map((total) => ({ ...total, agency: names.get(total.agencyId)! }));
    totals.sort((a, b) => a.financialYear - b.financialYear || a.agency.localeCompare(b.agency));
    return { partnership: partnership.name, rows: returns, totals };
  }
}
