import {
  actionsFrom,
  ageEligibilityNotice,
  ageOn,
  asgsfEligibility,
  checkPackage,
  EligibilityFacts,
  expectedFromFund,
  fundingTransition,
  packageDateProblems,
} from './funding-application';

const BEFORE_2025 = {
  appliesFrom: '2022-04-01',
  combinedLimitPence: null,
  therapyLimitPence: 500_000,
  assessmentLimitPence: 250_000,
  completeWithinYear: false,
};
const FROM_2025 = { appliesFrom: '2025-04-01', combinedLimitPence: 300_000, therapyLimitPence: null, assessmentLimitPence: 250_000, completeWithinYear: true };

describe('who the ASGSF can fund', () => {
  const adopted: EligibilityFacts = { legalOrder: 'adopted', previouslyLookedAfter: true, livesInEngland: true, ehcPlan: false, dateOfBirth: '2010-06-15' };

  it('funds an adopted child living in England', () => {
    expect(asgsfEligibility(adopted, '2026-09-01')).toEqual({ eligible: true, reasons: [] });
  });

  it('funds up to and including the age of 21, and to 25 with an education, health and care plan', () => {
    const born = { ...adopted, dateOfBirth: '2004-06-15' };
    expect(asgsfEligibility(born, '2026-06-14').eligible).toBe(true); // 21 the day before turning 22
    expect(asgsfEligibility(born, '2026-06-15')).toEqual({
      eligible: false,
      reasons: [
        'The fund is for children and young people up to and including the age of 21 (25 with an education, health and care plan): this child is 22 on 15 June 2026.',
      ],
    });
    expect(asgsfEligibility({ ...born, ehcPlan: true }, '2026-06-15').eligible).toBe(true);
    expect(asgsfEligibility({ ...born, ehcPlan: true }, '2030-06-14').eligible).toBe(true); // 25
    expect(asgsfEligibility({ ...born, ehcPlan: true }, '2030-06-15').reasons).toEqual([
      'The fund is for children and young people up to and including the age of 25 with an education, health and care plan: this child is 26 on 15 June 2030.',
    ]);
  });

  it('funds a special guardianship or child arrangements order only for a child looked after before it', () => {
    expect(asgsfEligibility({ ...adopted, legalOrder: 'special_guardianship_order', previouslyLookedAfter: true }, '2026-09-01').eligible).toBe(true);
    expect(asgsfEligibility({ ...adopted, legalOrder: 'child_arrangements_order', previouslyLookedAfter: false }, '2026-09-01').reasons).toEqual([
      'A child under a special guardianship or child arrangements order is eligible only if they were looked after before the order.',
    ]);
  });

  it('refuses a child outside England or with none of the orders, giving every reason', () => {
    expect(asgsfEligibility({ ...adopted, legalOrder: 'none', livesInEngland: false }, '2026-09-01').reasons).toHaveLength(2);
  });

  it('says from the age alone when only a plan would make the child eligible, or nothing could', () => {
    expect(ageEligibilityNotice('2005-01-10', '2027-01-09')).toBeNull(); // 21
    expect(ageEligibilityNotice('2005-01-10', '2027-01-10')).toBe(
      'This child is 22 on 10 January 2027: they are eligible for the ASGSF only with an education, health and care plan.',
    );
    expect(ageEligibilityNotice('2005-01-10', '2031-01-09')).toMatch(/^This child is 25 on/);
    expect(ageEligibilityNotice('2005-01-10', '2031-01-10')).toMatch(/^This child is not eligible for the ASGSF: they are 26 on 10 January 2031/);
  });

  it('counts whole years of age', () => {
    expect(ageOn('2010-02-28', '2026-02-27')).toBe(15);
    expect(ageOn('2010-02-28', '2026-02-28')).toBe(16);
  });
});

describe('a package against the fair access limit', () => {
  const dates = { startsOn: '2026-05-04', endsOn: '2026-12-14' };

  it('derives the financial year from the start date, never from a list', () => {
    expect(checkPackage(FROM_2025, [], { therapyPence: 100_000, assessmentPence: 0 }, { startsOn: '2027-03-31', endsOn: '2027-03-31' }).financialYear).toBe(
      2026,
    );
    expect(checkPackage(FROM_2025, [], { therapyPence: 100_000, assessmentPence: 0 }, { startsOn: '2027-04-01', endsOn: '2027-06-01' }).financialYear).toBe(
      2027,
    );
  });

  it('from April 2025: stops an assessment above £2,500', () => {
    const check = checkPackage(FROM_2025, [], { therapyPence: 0, assessmentPence: 300_000 }, dates);
    expect(check.refusals).toEqual([
      {
        field: 'assessment',
        text: 'Specialist assessment for one child is capped at £2,500.00 in April 2026 to March 2027, and the fund does not match-fund above it: £0.00 is already expected, so enter £2,500.00 or less',
      },
    ]);
    expect(checkPackage(FROM_2025, [], { therapyPence: 0, assessmentPence: 250_000 }, dates).refusals).toEqual([]);
  });

  it('from April 2025: counts therapy and assessment together under £3,000, the excess agency-funded', () => {
    const check = checkPackage(FROM_2025, [], { therapyPence: 150_000, assessmentPence: 200_000 }, dates);
    expect(check).toMatchObject({ asgsfPence: 350_000, excessPence: 50_000, limitPence: 300_000, refusals: [] });
    expect(check.warnings).toEqual([
      'This takes the child’s ASGSF funding for April 2026 to March 2027 over the fair access limit (£0.00 is already expected across the partnership). £500.00 is above it: agency-funded, and for the panel to decide.',
    ]);
  });

  it('counts the child’s other applications that year, whichever agency made them', () => {
    const medway = [{ kind: 'therapy' as const, asgsfPence: 200_000 }];
    expect(checkPackage(FROM_2025, medway, { therapyPence: 180_000, assessmentPence: 0 }, dates)).toMatchObject({
      excessPence: 80_000,
      alreadyExpectedPence: 200_000,
    });
    // An earlier assessment counts against the cap too.
    expect(checkPackage(FROM_2025, [{ kind: 'assessment', asgsfPence: 200_000 }], { therapyPence: 0, assessmentPence: 60_000 }, dates).refusals).toHaveLength(
      1,
    );
  });

  it('from April 2025: warns when the package runs past 31 March', () => {
    const check = checkPackage(FROM_2025, [], { therapyPence: 100_000, assessmentPence: 0 }, { startsOn: '2027-02-01', endsOn: '2027-04-25' });
    expect(check.warnings).toEqual([
      'ASGSF therapy must be completed within the financial year, by 31 March 2027. This package runs to 25 April 2027: shorten it, or fund the rest from the agency.',
    ]);
    expect(check.refusals).toEqual([]);
  });

  it('before April 2025: £5,000 therapy and £2,500 assessment apart, match funding allowed, carry-over allowed', () => {
    const old = { startsOn: '2024-05-01', endsOn: '2025-06-30' };
    expect(checkPackage(BEFORE_2025, [], { therapyPence: 500_000, assessmentPence: 250_000 }, old)).toMatchObject({
      excessPence: 0,
      refusals: [],
      warnings: [],
    });
    const over = checkPackage(BEFORE_2025, [], { therapyPence: 550_000, assessmentPence: 300_000 }, old);
    expect(over).toMatchObject({ excessPence: 100_000, refusals: [] });
  });
});

describe('the application lifecycle', () => {
  const drafted = { status: 'drafted' as const, asgsfPence: 350_000, excessPence: 50_000, approvedPence: null };
  const today = '2026-06-01';

  it('goes drafted → submitted → approved → claimed → closed', () => {
    const submitted = fundingTransition(drafted, { action: 'submit', asgsfReference: 'ASGSF-1', submittedOn: '2026-05-30' }, today);
    expect(submitted).toEqual({ ok: true, status: 'submitted', changes: { asgsfReference: 'ASGSF-1', appliedOn: '2026-05-30' } });
    // Approval in full is what was asked within the limit.
    expect(fundingTransition({ ...drafted, status: 'submitted' }, { action: 'approve' }, today)).toEqual({
      ok: true,
      status: 'approved',
      changes: { approvedPence: 300_000, decidedOn: today },
    });
    expect(fundingTransition({ ...drafted, status: 'approved', approvedPence: 300_000 }, { action: 'claim', claimedPence: 280_000 }, today)).toEqual({
      ok: true,
      status: 'claimed',
      changes: { claimedPence: 280_000, claimedOn: today },
    });
    expect(fundingTransition({ ...drafted, status: 'claimed', approvedPence: 300_000 }, { action: 'close' }, today)).toEqual({
      ok: true,
      status: 'closed',
      changes: { closedOn: today },
    });
  });

  it('records a partial approval and a decline', () => {
    const submitted = { ...drafted, status: 'submitted' as const };
    expect(fundingTransition(submitted, { action: 'partly_approve', approvedPence: 200_000 }, today)).toMatchObject({
      ok: true,
      status: 'partly_approved',
      changes: { approvedPence: 200_000 },
    });
    expect(fundingTransition(submitted, { action: 'partly_approve', approvedPence: 300_000 }, today)).toEqual({
      ok: false,
      field: 'approved',
      text: 'The approved amount must be more than £0 and less than the £3,000.00 asked for',
    });
    expect(fundingTransition(submitted, { action: 'decline' }, today)).toMatchObject({ ok: true, status: 'declined', changes: { approvedPence: 0 } });
  });

  it('refuses an illegal move, a submission dated ahead, and a claim above the approval', () => {
    expect(fundingTransition(drafted, { action: 'approve' }, today)).toEqual({
      ok: false,
      field: 'action',
      text: 'An application that is drafted cannot be approved',
    });
    expect(fundingTransition(drafted, { action: 'submit', asgsfReference: 'A', submittedOn: '2026-06-02' }, today)).toMatchObject({
      ok: false,
      field: 'submittedOn',
    });
    expect(
      fundingTransition({ ...drafted, status: 'partly_approved', approvedPence: 200_000 }, { action: 'claim', claimedPence: 200_001 }, today),
    ).toMatchObject({ ok: false, field: 'claimed' });
    expect(fundingTransition({ ...drafted, status: 'closed', approvedPence: 1 }, { action: 'close' }, today)).toMatchObject({ ok: false });
  });

  it('offers the moves open from each status', () => {
    expect(actionsFrom('drafted')).toEqual(['submit']);
    expect(actionsFrom('submitted')).toEqual(['approve', 'partly_approve', 'decline']);
    expect(actionsFrom('declined')).toEqual(['close']);
    expect(actionsFrom('closed')).toEqual([]);
  });

  it('counts a declined application as nothing, and a decided one as its approval', () => {
    expect(expectedFromFund({ ...drafted, status: 'declined', approvedPence: 0 })).toBe(0);
    expect(expectedFromFund(drafted)).toBe(300_000);
    expect(expectedFromFund({ ...drafted, status: 'partly_approved', approvedPence: 120_000 })).toBe(120_000);
  });
});

describe('package dates', () => {
  it('keeps a package inside the work it funds', () => {
    const work = { startsOn: '2026-05-01', endsOn: '2026-12-31' };
    expect(packageDateProblems(work, { startsOn: '2026-05-01', endsOn: '2026-12-31' })).toEqual([]);
    expect(packageDateProblems(work, { startsOn: '2026-04-30', endsOn: '2027-01-01' }).map((problem) => problem.field)).toEqual(['startsOn', 'endsOn']);
    expect(packageDateProblems({ startsOn: null, endsOn: null }, { startsOn: '2026-05-02', endsOn: '2026-05-01' })).toEqual([
      { field: 'endsOn', text: 'The package must end after it starts' },
    ]);
  });
});
