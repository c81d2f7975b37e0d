import {
  allocateInOrder,
  ApplicationReturn,
  claimProblem,
  fundingReturns,
  ReturnsApplication,
  ReturnsContract,
  returnsByAgencyAndYear,
  workIsOver,
} from './funding-returns';

const TODAY = '2025-11-10';
let made = 0;
const application = (overrides: Partial<ReturnsApplication> = {}): ReturnsApplication => ({
  id: `app-${++made}`,
  contractId: 'c1',
  agencyId: 'kent',
  financialYear: 2025,
  status: 'approved',
  startsOn: '2025-05-01',
  endsOn: '2026-03-20',
  approvedPence: 300000,
  topUpPence: 0,
  excessPence: 0,
  claimedPence: null,
  createdAt: new Date(2025, 3, made),
  ...overrides,
});
const contract = (overrides: Partial<ReturnsContract> = {}): ReturnsContract => ({
  invoicedPence: 0,
  approvedInvoicesPence: 0,
  paidPence: 0,
  endedOn: null,
  ...overrides,
});
const pick = (row: ApplicationReturn) => ({
  spent: row.asgsfSpentPence,
  agency: row.agencyFundedPence,
  claimable: row.claimablePence,
  toReturn: row.toReturnPence,
  ringFenced: row.ringFencedPence,
  standing: row.standing,
});

describe('allocateInOrder', () => {
  it('fills each share up to its cap in order and gives the last what is left', () => {
    expect(allocateInOrder(100001, [60000, 30000, 20000])).toEqual([60000, 30000, 10001]);
    expect(allocateInOrder(100001, [60000, 30000])).toEqual([60000, 40001]);
    expect(allocateInOrder(0, [60000, 30000])).toEqual([0, 0]);
    expect(allocateInOrder(5, [])).toEqual([]);
  });
});

describe('workIsOver', () => {
  it('is over when the contract ended, the package’s last day has passed, or the application is closed', () => {
    expect(workIsOver({ status: 'approved', endsOn: '2026-03-20' }, { endedOn: null }, TODAY)).toBe(false);
    expect(workIsOver({ status: 'approved', endsOn: '2026-03-20' }, { endedOn: '2025-10-01' }, TODAY)).toBe(true);
    expect(workIsOver({ status: 'approved', endsOn: '2025-11-09' }, { endedOn: null }, TODAY)).toBe(true);
    expect(workIsOver({ status: 'approved', endsOn: '2025-11-10' }, { endedOn: null }, TODAY)).toBe(false);
    expect(workIsOver({ status: 'closed', endsOn: '2026-03-20' }, { endedOn: null }, TODAY)).toBe(true);
  });
});

describe('fundingReturns', () => {
  it('returns what the fund approved less what was invoiced, to the penny, once the work ended early', () => {
    const app = application({ approvedPence: 287654 });
    const [row] = fundingReturns(
      [app],
      new Map([['c1', contract({ invoicedPence: 123457, approvedInvoicesPence: 123457, paidPence: 100000, endedOn: '2025-09-30' })]]),
      TODAY,
    );
    expect(pick(row)).toEqual({ spent: 123457, agency: 0, claimable: 123457, toReturn: 164197, ringFenced: 0, standing: 'final' });
    expect(row.paidPence).toBe(100000);
  });

  it('holds the unspent funding in the ring-fenced balance while the work goes on', () => {
    const [row] = fundingReturns([application()], new Map([['c1', contract({ invoicedPence: 100000, approvedInvoicesPence: 40000 })]]), TODAY);
    expect(pick(row)).toEqual({ spent: 100000, agency: 0, claimable: 40000, toReturn: 0, ringFenced: 200000, standing: 'in_progress' });
  });

  it('uses the partly approved amount, not what was asked', () => {
    const [row] = fundingReturns(
      [application({ status: 'partly_approved', approvedPence: 175050 })],
      new Map([['c1', contract({ invoicedPence: 99999, approvedInvoicesPence: 99999, endedOn: '2025-10-01' })]]),
      TODAY,
    );
    expect(pick(row)).toEqual({ spent: 99999, agency: 0, claimable: 99999, toReturn: 75051, ringFenced: 0, standing: 'final' });
  });

  it('never counts the agency’s top-up or excess as ASGSF to return', () => {
    // £3,000 approved, £500 top-up and £250.50 excess: £2,000.01 invoiced before the work ended.
    const [early] = fundingReturns(
      [application({ topUpPence: 50000, excessPence: 25050 })],
      new Map([['c1', contract({ invoicedPence: 200001, approvedInvoicesPence: 200001, endedOn: '2025-10-01' })]]),
      TODAY,
    );
    expect(pick(early)).toEqual({ spent: 200001, agency: 0, claimable: 200001, toReturn: 99999, ringFenced: 0, standing: 'final' });
    // Invoiced beyond the fund's part: the agency pays the rest and nothing is returned.
    const [full] = fundingReturns(
      [application({ topUpPence: 50000, excessPence: 25050 })],
      new Map([['c1', contract({ invoicedPence: 337525, approvedInvoicesPence: 337525, endedOn: '2026-03-20' })]]),
      TODAY,
    );
    expect(pick(full)).toEqual({ spent: 300000, agency: 37525, claimable: 300000, toReturn: 0, ringFenced: 0, standing: 'final' });
  });

  it('shares a block’s invoices across its children’s applications in the order their packages start', () => {
    const later = application({ startsOn: '2025-07-01', approvedPence: 150000, contractId: 'block' });
    const first = application({ startsOn: '2025-05-01', approvedPence: 100000, topUpPence: 20000, contractId: 'block' });
    const rows = fundingReturns(
      [later, first],
      new Map([['block', contract({ invoicedPence: 180001, approvedInvoicesPence: 130000, paidPence: 0, endedOn: '2025-10-15' })]]),
      TODAY,
    );
    // The first child's package takes £1,200 (£1,000 fund, £200 agency); the second the £600.01 left.
    expect(pick(rows[1])).toEqual({ spent: 100000, agency: 20000, claimable: 100000, toReturn: 0, ringFenced: 0, standing: 'final' });
    expect(pick(rows[0])).toEqual({ spent: 60001, agency: 0, claimable: 10000, toReturn: 89999, ringFenced: 0, standing: 'final' });
  });

  it('gives undecided applications no invoices, and declined ones only agency money', () => {
    const waiting = application({ status: 'submitted', approvedPence: null, contractId: 'c2' });
    const declined = application({ status: 'declined', approvedPence: 0, topUpPence: 40000, contractId: 'c3' });
    const rows = fundingReturns(
      [waiting, declined],
      new Map([
        ['c2', contract({ invoicedPence: 50000 })],
        ['c3', contract({ invoicedPence: 30000, endedOn: '2025-10-01' })],
      ]),
      TODAY,
    );
    expect(pick(rows[0])).toEqual({ spent: 0, agency: 0, claimable: 0, toReturn: 0, ringFenced: 0, standing: 'awaiting_decision' });
    expect(pick(rows[1])).toEqual({ spent: 0, agency: 30000, claimable: 0, toReturn: 0, ringFenced: 0, standing: 'declined' });
  });

  it('adds several children, contracts and agencies up by agency and financial year', () => {
    const rows = fundingReturns(
      [
        application({ contractId: 'a', approvedPence: 300000 }),
        application({ contractId: 'b', approvedPence: 100000, topUpPence: 5000 }),
        application({ contractId: 'c', agencyId: 'medway', approvedPence: 250000, claimedPence: 200000 }),
        application({ contractId: 'd', financialYear: 2024, startsOn: '2024-06-01', endsOn: '2025-01-31', approvedPence: 500000 }),
      ],
      new Map([
        ['a', contract({ invoicedPence: 300000, approvedInvoicesPence: 300000, paidPence: 300000, endedOn: '2026-03-01' })],
        ['b', contract({ invoicedPence: 45001, approvedInvoicesPence: 45001, endedOn: '2025-09-01' })],
        ['c', contract({ invoicedPence: 200000, approvedInvoicesPence: 200000, paidPence: 200000 })],
        ['d', contract({ invoicedPence: 480000, approvedInvoicesPence: 480000, paidPence: 480000 })],
      ]),
      TODAY,
    );
    const totals = returnsByAgencyAndYear(rows);
    expect(
      totals.map((row) => [
        row.financialYear,
        row.agencyId,
        row.applications,
        row.invoicedPence,
        row.asgsfApprovedPence,
        row.claimedPence,
        row.toReturnPence,
        row.ringFencedPence,
      ]),
    ).toEqual([
      [2024, 'kent', 1, 480000, 500000, 0, 20000, 0],
      [2025, 'kent', 2, 345001, 400000, 0, 54999, 0],
      [2025, 'medway', 1, 200000, 250000, 200000, 0, 50000],
    ]);
  });
});

describe('claimProblem', () => {
  const pounds = (pence: number) => `£${(pence / 100).toFixed(2)}`;
  it('refuses a claim above the approved funding met by approved invoices', () => {
    expect(claimProblem(60000, { claimablePence: 60000, approvedInvoicesPence: 60000 }, pounds)).toBeNull();
    expect(claimProblem(60001, { claimablePence: 60000, approvedInvoicesPence: 60000 }, pounds)).toBe(
      'The amount claimed must be no more than £600.00, the approved funding met by approved invoices',
    );
    expect(claimProblem(1, { claimablePence: 0, approvedInvoicesPence: 0 }, pounds)).toMatch(/No invoice on this contract has been approved yet/);
  });
});
