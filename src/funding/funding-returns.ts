import type { FundingStatus } from './funding-application';

/**
 * ASGSF returns and claims, in integer pence (BR-19). The fund releases an
 * approved amount to the agency, which commissions and pays the provider; what
 * the provider never invoices — because the work ended early, or cost less —
 * is the fund's money to return. Until the work is over it is held in the
 * agency's ring-fenced balance, as Kent's decision 20/00124 §5.2 describes.
 *
 * The fund pays first, up to the approved amount; the agency's top-up and the
 * excess above the fair access limit pay for what is invoiced above it. So an
 * agency-funded part left unspent is never ASGSF to return.
 */

/** One application as the returns need it. */
export interface ReturnsApplication {
  id: string;
  contractId: string;
  agencyId: string;
  financialYear: number;
  status: FundingStatus;
  startsOn: string | null;
  endsOn: string | null;
  approvedPence: number | null;
  topUpPence: number;
  excessPence: number;
  claimedPence: number | null;
  createdAt: Date;
}

/** One contract's invoices and whether its work is over. */
export interface ReturnsContract {
  /** Invoices submitted, approved or paid: not disputed or replaced ones. */
  invoicedPence: number;
  /** Invoices approved or paid: what a claim may rest on. */
  approvedInvoicesPence: number;
  paidPence: number;
  /** The day the last session was, when the contract ended (early or on time); null while it runs. */
  endedOn: string | null;
}

export type ReturnsStanding = 'awaiting_decision' | 'declined' | 'in_progress' | 'final';

export interface ApplicationReturn {
  id: string;
  contractId: string;
  agencyId: string;
  financialYear: number;
  standing: ReturnsStanding;
  asgsfApprovedPence: number;
  /** The agency's own money for the package: its top-up and the excess above the limit. */
  agencyCommittedPence: number;
  /** The contract's invoices that fall to this application. */
  invoicedPence: number;
  approvedInvoicesPence: number;
  paidPence: number;
  /** Invoiced against the fund: never more than approved. */
  asgsfSpentPence: number;
  /** Invoiced above the fund's part: the agency's. */
  agencyFundedPence: number;
  /** The most the agency may claim from the fund now: approved funding met by approved invoices. */
  claimablePence: number;
  claimedPence: number;
  /** Unspent ASGSF once the work is over. */
  toReturnPence: number;
  /** Unspent ASGSF while the work goes on: carried in the ring-fenced balance. */
  ringFencedPence: number;
}

export const RETURNS_STANDING_LABELS: Record<ReturnsStanding, string> = {
  awaiting_decision: 'Awaiting the fund’s decision',
  declined: 'Declined by the fund',
  in_progress: 'Work in progress',
  final: 'Work over',
};

const DECIDED: readonly FundingStatus[] = ['approved', 'partly_approved', 'claimed', 'closed'];

/**
 * Shares `total` out across `caps` in order, each up to its cap; the last
 * takes whatever is left, so every penny lands somewhere.
 */
export function allocateInOrder(total: number, caps: readonly number[]): number[] {
  let left = total;
  return caps.map((cap, index) => {
    const share = index === caps.length - 1 ? left : Math.min(left, cap);
    left -= share;
    return share;
  });
}

/** The work on one application is over: the contract ended, the package's last day has passed, or the application is closed. */
export function workIsOver(application: Pick<ReturnsApplication, 'status' | 'endsOn'>, contract: Pick<ReturnsContract, 'endedOn'>, today: string): boolean {
  return application.status === 'closed' || contract.endedOn !== null || (application.endsOn !== null && application.endsOn < today);
}

/**
 * Each application's ASGSF spent, claimable, to return and ring-fenced. A
 * contract's invoices are shared across its applications (a block's call-offs,
 * or one child's successive packages) in the order the packages start, each up
 * to its package's money (the fund's approved part and the agency's), the last
 * taking the rest. Applications not yet decided take no invoices.
 */
export function fundingReturns(
  applications: readonly ReturnsApplication[],
  contracts: ReadonlyMap<string, ReturnsContract>,
  today: string,
): ApplicationReturn[] {
  const byContract = new Map<string, ReturnsApplication[]>();
  for (const application of applications) byContract.set(application.contractId, [...(byContract.get(application.contractId) ?? []), application]);
  const results = new Map<string, ApplicationReturn>();
  for (const [contractId, list] of byContract) {
    const contract = contracts.get(contractId) ?? { invoicedPence: 0, approvedInvoicesPence: 0, paidPence: 0, endedOn: null };
    const ordered = [...list].sort(
      (a, b) => (a.startsOn ?? '').localeCompare(b.startsOn ?? '') || a.createdAt.getTime() - b.createdAt.getTime() || a.id.localeCompare(b.id),
    );
    const funded = ordered.filter((application) => DECIDED.includes(application.status) || application.status === 'declined');
    const approvedOf = (application: ReturnsApplication) => (DECIDED.includes(application.status) ? (application.approvedPence ?? 0) : 0);
    const agencyOf = (application: ReturnsApplication) => application.topUpPence + application.excessPence;
    const caps = funded.map((application) => approvedOf(application) + agencyOf(application));
    const invoiced = allocateInOrder(contract.invoicedPence, caps);
    const approvedInvoices = allocateInOrder(contract.approvedInvoicesPence, caps);
    const paid = allocateInOrder(contract.paidPence, caps);
    funded.forEach((application, index) => {
      const approved = approvedOf(application);
      const asgsfSpent = Math.min(approved, invoiced[index]);
      const unspent = approved - asgsfSpent;
      const over = workIsOver(application, contract, today);
      results.set(application.id, {
        id: application.id,
        contractId,
        agencyId: application.agencyId,
        financialYear: application.financialYear,
        standing: application.status === 'declined' ? 'declined' : over ? 'final' : 'in_progress',
        asgsfApprovedPence: approved,
        agencyCommittedPence: agencyOf(application),
        invoicedPence: invoiced[index],
        approvedInvoicesPence: approvedInvoices[index],
        paidPence: paid[index],
        asgsfSpentPence: asgsfSpent,
        agencyFundedPence: invoiced[index] - asgsfSpent,
        claimablePence: Math.min(approved, approvedInvoices[index]),
        claimedPence: application.claimedPence ?? 0,
        toReturnPence: over ? unspent : 0,
        ringFencedPence: over ? 0 : unspent,
      });
    });
    for (const application of ordered) {
      if (results.has(application.id)) continue;
      results.set(application.id, {
        id: application.id,
        contractId,
        agencyId: application.agencyId,
        financialYear: application.financialYear,
        standing: 'awaiting_decision',
        asgsfApprovedPence: 0,
        agencyCommittedPence: agencyOf(application),
        invoicedPence: 0,
        approvedInvoicesPence: 0,
        paidPence: 0,
        asgsfSpentPence: 0,
        agencyFundedPence: 0,
        claimablePence: 0,
        claimedPence: 0,
        toReturnPence: 0,
        ringFencedPence: 0,
      });
    }
  }
  return applications.map((application) => results.get(application.id)!);
}

/** The sums the report shows for one agency and financial year. */
export interface ReturnsTotals {
  agencyId: string;
  financialYear: number;
  applications: number;
  invoicedPence: number;
  paidPence: number;
  asgsfApprovedPence: number;
  asgsfSpentPence: number;
  claimedPence: number;
  claimablePence: number;
  toReturnPence: number;
  ringFencedPence: number;
  agencyFundedPence: number;
}

/** Adds the returns up by agency and financial year, in year then agency order. */
export function returnsByAgencyAndYear(returns: readonly ApplicationReturn[]): ReturnsTotals[] {
  const totals = new Map<string, ReturnsTotals>();
  for (const row of returns) {
    const key = `${row.financialYear}:${row.agencyId}`;
    const total = totals.get(key) ?? {
      agencyId: row.agencyId,
      financialYear: row.financialYear,
      applications: 0,
      invoicedPence: 0,
      paidPence: 0,
      asgsfApprovedPence: 0,
      asgsfSpentPence: 0,
      claimedPence: 0,
      claimablePence: 0,
      toReturnPence: 0,
      ringFencedPence: 0,
      agencyFundedPence: 0,
    };
    total.applications += 1;
    total.invoicedPence += row.invoicedPence;
    total.paidPence += row.paidPence;
    total.asgsfApprovedPence += row.asgsfApprovedPence;
    total.asgsfSpentPence += row.asgsfSpentPence;
    total.claimedPence += row.claimedPence;
    total.claimablePence += row.claimablePence;
    total.toReturnPence += row.toReturnPence;
    total.ringFencedPence += row.ringFencedPence;
    total.agencyFundedPence += row.agencyFundedPence;
    totals.set(key, total);
  }
  return [...totals.values()].sort((a, b) => a.financialYear - b.financialYear || a.agencyId.localeCompare(b.agencyId));
}

/**
 * Why a claim cannot be recorded, or null: the fund pays for work invoiced and
 * approved, so a claim is no more than the approved funding met by approved
 * invoices.
 */
export function claimProblem(
  claimedPence: number,
  row: Pick<ApplicationReturn, 'claimablePence' | 'approvedInvoicesPence'>,
  formatPence: (pence: number) => string,
): string | null {
  if (claimedPence <= row.claimablePence) return null;
  return row.approvedInvoicesPence === 0
    ? 'No invoice on this contract has been approved yet: approve the provider’s invoices before claiming'
    : `The amount claimed must be no more than ${formatPence(row.claimablePence)}, the approved funding met by approved invoices`;
}
