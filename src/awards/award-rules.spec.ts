import {
  awardLifecycle,
  callOffDateProblems,
  callOffDetailsReleased,
  caseDetailsReleased,
  checkCallOff,
  contractDateProblems,
  contractLifecycle,
  publicationFields,
} from './award-rules';

describe('block call-offs', () => {
  it('takes three call-offs from a block of 40 and keeps the balance', () => {
    const first = checkCallOff(40, 0, 12, 'sessions');
    const second = checkCallOff(40, first.usedAfter, 12, 'sessions');
    const third = checkCallOff(40, second.usedAfter, 10, 'sessions');
    expect([first.remainingAfter, second.remainingAfter, third.remainingAfter]).toEqual([28, 16, 6]);
    expect([first.lowBalance, second.lowBalance, third.lowBalance]).toEqual([false, false, true]);
    expect(third.message).toBe('85% of the block is used; 6 sessions remain');
  });
  it('warns at exactly 80% used', () => expect(checkCallOff(40, 20, 12, 'sessions').lowBalance).toBe(true));
  it('allows using the block exactly up', () => expect(checkCallOff(40, 30, 10, 'sessions')).toMatchObject({ allowed: true, remainingAfter: 0 }));
  it('refuses going beyond the volume', () => {
    expect(checkCallOff(40, 34, 7, 'sessions')).toEqual({
      allowed: false,
      usedAfter: 34,
      remainingAfter: 6,
      lowBalance: true,
      message: 'Only 6 sessions remain in this block, so 7 cannot be called off',
    });
  });
  it('refuses nothing or a fraction', () => {
    expect(checkCallOff(40, 0, 0, 'hours').allowed).toBe(false);
    expect(checkCallOff(40, 0, 1.5, 'hours').allowed).toBe(false);
  });
});

describe('award and contract lifecycles', () => {
  it('confirms or withdraws an award only before it is final', () => {
    expect(awardLifecycle.canMove('standstill', 'withdrawn')).toBe(true);
    expect(awardLifecycle.canMove('awaiting_notice', 'standstill')).toBe(true);
    expect(() => awardLifecycle.assertMove('confirmed', 'withdrawn')).toThrow('An award that is confirmed cannot become withdrawn');
  });
  it('activates a contract only from pending', () => {
    expect(contractLifecycle.canMove('pending', 'active')).toBe(true);
    expect(contractLifecycle.canMove('completed', 'active')).toBe(false);
  });
});

describe('publication data (BR-12)', () => {
  const facts = {
    title: 'Theraplay',
    buyer: 'Kent County Council',
    supplier: 'Oakleaf',
    valuePence: 3_000_000,
    awardedOn: '2026-12-14',
    startsOn: '2027-01-04',
    endsOn: '2027-04-01',
    procedure: 'legacy_dps',
  };
  it('keeps the value in pounds, the currency and the CPV code', () => {
    expect(publicationFields(facts)).toMatchObject({ valuePounds: '30000.00', currency: 'GBP', cpv: '85121270' });
  });
});

describe('the child’s details for the provider (DESIGN.md §6)', () => {
  const spot = { kind: 'spot' as const, startsOn: '2026-11-02', endsOn: '2026-12-31', endedOn: null };
  const ended = { ...spot, status: 'ended_early' as const, endedOn: '2026-12-01' };
  it('are shared while a spot contract runs, and not before it starts', () => {
    expect(caseDetailsReleased({ ...spot, status: 'active' }, '2026-12-03', 0)).toBe(true);
    expect(caseDetailsReleased({ ...spot, status: 'pending' }, '2026-12-03', 30)).toBe(false);
  });
  it('are not shared before the contract’s start date, though it has been started', () => {
    const startingLater = { ...spot, status: 'active' as const, startsOn: '2026-12-07' };
    expect(caseDetailsReleased(startingLater, '2026-12-06', 0)).toBe(false);
    expect(caseDetailsReleased(startingLater, '2026-12-07', 0)).toBe(true);
  });
  it('are withdrawn as soon as the contract ends by default, even on the day of the last session', () => {
    expect(caseDetailsReleased(ended, '2026-12-01', 0)).toBe(false);
    expect(caseDetailsReleased({ ...ended, status: 'completed' }, '2026-12-03', 0)).toBe(false);
  });
  it('stay for the configured days after the last session, and not a day longer', () => {
    expect(caseDetailsReleased(ended, '2026-12-08', 7)).toBe(true);
    expect(caseDetailsReleased(ended, '2026-12-09', 7)).toBe(false);
    expect(caseDetailsReleased({ ...ended, status: 'completed', endedOn: null }, '2027-01-07', 7)).toBe(true);
    expect(caseDetailsReleased({ ...ended, status: 'completed', endedOn: null }, '2027-01-08', 7)).toBe(false);
  });
  it('are never shared for a block, whose referrals carry only a case reference', () => {
    expect(caseDetailsReleased({ ...spot, kind: 'block', status: 'active' }, '2026-12-03', 0)).toBe(false);
    expect(caseDetailsReleased({ ...spot, kind: 'block', status: 'exhausted' }, '2026-12-03', 0)).toBe(false);
  });
});

describe('a contract’s start and end dates', () => {
  it('may start on the award date or later', () => {
    expect(contractDateProblems({ awardedOn: '2026-12-03', startsOn: '2026-12-03', endsOn: '2027-03-01' })).toEqual([]);
    expect(contractDateProblems({ awardedOn: '2026-12-03', startsOn: '2027-01-04', endsOn: '2027-03-01' })).toEqual([]);
  });
  it('may not start before the award', () => {
    expect(contractDateProblems({ awardedOn: '2026-12-03', startsOn: '2026-12-02', endsOn: '2027-03-01' })).toEqual([
      { field: 'startsOn', text: 'The start date must be on or after the award date, 3 December 2026' },
    ]);
  });
  it('must end after it starts, and says every problem', () => {
    expect(contractDateProblems({ awardedOn: '2026-12-03', startsOn: '2027-01-04', endsOn: '2027-01-04' })).toEqual([
      { field: 'endsOn', text: 'The end date must be after the start date' },
    ]);
    expect(contractDateProblems({ awardedOn: '2026-12-03', startsOn: '2026-11-01', endsOn: '2026-10-01' }).map((problem) => problem.field)).toEqual([
      'startsOn',
      'endsOn',
    ]);
  });
});

describe('a block call-off’s child details (DESIGN.md §6)', () => {
  const block = { kind: 'block' as const, status: 'active' as const, startsOn: '2026-11-01', endsOn: '2027-10-31', endedOn: null };
  const callOff = { startsOn: '2026-12-07', endsOn: '2027-03-01' };

  it('are shared from the call-off’s start to its last day while the block runs, and not after', () => {
    expect(callOffDetailsReleased(block, callOff, '2026-12-06', 0)).toBe(false);
    expect(callOffDetailsReleased(block, callOff, '2026-12-07', 0)).toBe(true);
    expect(callOffDetailsReleased(block, callOff, '2027-03-01', 0)).toBe(true);
    expect(callOffDetailsReleased(block, callOff, '2027-03-02', 0)).toBe(false);
    expect(callOffDetailsReleased(block, callOff, '2027-03-08', 7)).toBe(true);
    expect(callOffDetailsReleased(block, callOff, '2027-03-09', 7)).toBe(false);
  });

  it('are never shared for a spot contract, a block not yet running, or a call-off without dates', () => {
    expect(callOffDetailsReleased({ ...block, kind: 'spot' }, callOff, '2026-12-10', 0)).toBe(false);
    expect(callOffDetailsReleased({ ...block, status: 'pending' }, callOff, '2026-12-10', 0)).toBe(false);
    expect(callOffDetailsReleased(block, { startsOn: null, endsOn: null }, '2026-12-10', 0)).toBe(false);
  });

  it('are withdrawn when the block ends first', () => {
    const ended = { ...block, status: 'ended_early' as const, endedOn: '2027-01-15' };
    expect(callOffDetailsReleased(ended, callOff, '2027-01-16', 0)).toBe(false);
    expect(callOffDetailsReleased(ended, callOff, '2027-01-20', 7)).toBe(true);
    expect(callOffDetailsReleased(ended, callOff, '2027-01-23', 7)).toBe(false);
  });

  it('checks the call-off’s dates against the block', () => {
    expect(callOffDateProblems(block, { startsOn: '2026-10-31', endsOn: '2026-12-01' })).toEqual([
      { field: 'startsOn', text: 'The call-off cannot start before the contract does, on 1 November 2026' },
    ]);
    expect(callOffDateProblems(block, { startsOn: '2026-12-01', endsOn: '2026-12-01' })).toEqual([
      { field: 'endsOn', text: 'The call-off must end after it starts' },
    ]);
    expect(callOffDateProblems(block, { startsOn: '2026-12-01', endsOn: '2027-11-01' })).toEqual([
      { field: 'endsOn', text: 'The call-off must end by the contract’s end, 31 October 2027' },
    ]);
    expect(callOffDateProblems(block, callOff)).toEqual([]);
  });
});
