import { checkSessionLog, endingProblems, endReportDueOn, nextReportDue, progressReportSchedule, statusAfterEnding } from './delivery-rules';

describe('delivery rules', () => {
  it('schedules progress reports every interval up to the end date, and matches submissions in order', () => {
    const schedule = progressReportSchedule('2026-01-05', '2026-04-01', 4, ['2026-01-30', '2026-03-10'], '2026-03-20');
    expect(schedule.map((report) => report.dueOn)).toEqual(['2026-02-02', '2026-03-02', '2026-03-30']);
    expect(schedule[0]).toMatchObject({ submittedOn: '2026-01-30', onTime: true, overdue: false });
    expect(schedule[1]).toMatchObject({ submittedOn: '2026-03-10', onTime: false, overdue: false });
    expect(schedule[2]).toMatchObject({ submittedOn: null, onTime: null, overdue: false });
    expect(progressReportSchedule('2026-01-05', '2026-04-01', 4, [], '2026-02-03')[0].overdue).toBe(true);
  });

  it('asks for no progress report when the work is shorter than one interval', () => {
    expect(progressReportSchedule('2026-01-05', '2026-01-20', 6, [], '2026-12-01')).toEqual([]);
  });

  it('dates the end report from the end date, or from an earlier ending', () => {
    expect(endReportDueOn('2026-04-01', null)).toBe('2026-04-15');
    expect(endReportDueOn('2026-04-01', '2026-03-01')).toBe('2026-03-15');
  });

  it('refuses sessions beyond the contract and notices the 80% mark once', () => {
    expect(checkSessionLog(10, 6, 2)).toEqual({ allowed: true, deliveredAfter: 8, crossesAlert: true, message: null });
    expect(checkSessionLog(10, 8, 1).crossesAlert).toBe(false);
    expect(checkSessionLog(10, 0, 7).crossesAlert).toBe(false);
    expect(checkSessionLog(10, 9, 2)).toMatchObject({
      allowed: false,
      message: 'Only 1 of the 10 contracted sessions are left. Ask the commissioner about extending the contract',
    });
    expect(checkSessionLog(null, 40, 5)).toMatchObject({ allowed: true, crossesAlert: false });
  });

  it('needs the end report for any ending, and end scores for a planned one', () => {
    const ready = { endReportSubmitted: true, toolsWithoutBaseline: [], measuresWithoutEnd: 0 };
    expect(endingProblems('planned', ready)).toEqual([]);
    expect(endingProblems('planned', { endReportSubmitted: false, toolsWithoutBaseline: ['SDQ'], measuresWithoutEnd: 2 })).toEqual([
      'Submit the end report before ending the contract',
      'Record a baseline and end SDQ score before a planned ending',
      'Record the end score for all 2 outcome measures still without one before a planned ending',
    ]);
    expect(endingProblems('unplanned', { endReportSubmitted: true, toolsWithoutBaseline: ['SDQ'], measuresWithoutEnd: 1 })).toEqual([]);
    expect(statusAfterEnding('planned')).toBe('completed');
    expect(statusAfterEnding('unplanned')).toBe('ended_early');
  });
});

describe('nextReportDue', () => {
  const running = {
    status: 'active',
    startsOn: '2027-01-04',
    endsOn: '2027-04-26',
    endedOn: null,
    reportIntervalWeeks: 6,
    progressSubmittedOn: [] as string[],
    endReportSent: false,
  };

  it('is the first progress report not yet sent while the work runs', () => {
    expect(nextReportDue(running, '2027-01-10')).toEqual({ kind: 'progress', dueOn: '2027-02-15' });
    expect(nextReportDue({ ...running, progressSubmittedOn: ['2027-02-14'] }, '2027-03-01')).toEqual({ kind: 'progress', dueOn: '2027-03-29' });
  });

  it('is the end report once the work has ended or its end date has come, and nothing once it is in', () => {
    expect(nextReportDue({ ...running, status: 'ended_early', endedOn: '2027-02-01' }, '2027-02-02')).toEqual({ kind: 'end', dueOn: '2027-02-15' });
    expect(nextReportDue(running, '2027-04-26')).toEqual({ kind: 'end', dueOn: '2027-05-10' });
    expect(nextReportDue({ ...running, endReportSent: true }, '2027-04-26')).toBeNull();
  });
});
