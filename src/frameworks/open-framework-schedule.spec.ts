import { acceptsApplicationsOn, openFrameworkScheduleProblems, reopeningWindowProblems } from './open-framework-schedule';

const term = { opensOn: '2026-04-01', closesOn: '2034-03-31' };

describe('open framework schedule (PA 2023 s49)', () => {
  it('accepts a term of up to 8 years that reopens within 3 years of the first award and then at least every 5', () => {
    const windows = [
      { opensOn: '2026-04-01', closesOn: '2026-04-30' },
      { opensOn: '2029-03-01', closesOn: '2029-03-31' },
      { opensOn: '2033-03-01', closesOn: '2033-03-31' },
    ];
    expect(openFrameworkScheduleProblems(term, windows)).toEqual([]);
  });

  it('needs a window in which providers can first apply', () => {
    expect(openFrameworkScheduleProblems(term, [])).toEqual([
      'Add a window in which providers can apply: an open framework admits providers only while a window is open',
    ]);
  });

  it('refuses a term longer than 8 years', () => {
    const windows = [
      { opensOn: '2026-04-01', closesOn: '2026-04-30' },
      { opensOn: '2029-03-01', closesOn: '2029-03-31' },
      { opensOn: '2033-03-01', closesOn: '2033-03-31' },
    ];
    expect(openFrameworkScheduleProblems({ ...term, closesOn: '2034-04-01' }, windows)).toContain(
      'An open framework can last at most 8 years: it must close by 31 March 2034',
    );
  });

  it('needs a reopening within 3 years of the first award, on the last day at the latest', () => {
    const first = { opensOn: '2026-04-01', closesOn: '2026-04-30' };
    const late = [first, { opensOn: '2029-04-01', closesOn: '2029-04-30' }, { opensOn: '2033-03-01', closesOn: '2033-03-31' }];
    expect(openFrameworkScheduleProblems(term, late)).toEqual([
      'The open framework must reopen, with a window that closes by 29 April 2029 (3 years from the first award)',
    ]);
    const justInTime = [first, { opensOn: '2029-04-01', closesOn: '2029-04-29' }, { opensOn: '2033-03-01', closesOn: '2033-03-31' }];
    expect(openFrameworkScheduleProblems(term, justInTime)).toEqual([]);
  });

  it('needs a reopening at least every 5 years after that, until the term ends', () => {
    const windows = [
      { opensOn: '2026-04-01', closesOn: '2026-04-30' },
      { opensOn: '2027-03-01', closesOn: '2027-03-31' },
    ];
    expect(openFrameworkScheduleProblems(term, windows)).toEqual([
      'The open framework must reopen again, with a window that closes by 30 March 2032 (5 years after the reopening that closes on 31 March 2027)',
    ]);
  });

  it('needs no reopening when the term ends within 3 years of the first award', () => {
    expect(openFrameworkScheduleProblems({ opensOn: '2026-04-01', closesOn: '2029-03-31' }, [{ opensOn: '2026-04-01', closesOn: '2026-04-30' }])).toEqual([]);
  });

  it('checks a new window fits the term and no other window', () => {
    const existing = [{ opensOn: '2026-04-01', closesOn: '2026-04-30' }];
    expect(reopeningWindowProblems(term, { opensOn: '2026-03-01', closesOn: '2026-03-31' }, existing)).toEqual({
      opensOn: 'The window must open on or after the framework opens, 1 April 2026',
    });
    expect(reopeningWindowProblems(term, { opensOn: '2034-03-01', closesOn: '2034-04-30' }, existing)).toEqual({
      closesOn: 'The window must close on or before the framework closes, 31 March 2034',
    });
    expect(reopeningWindowProblems(term, { opensOn: '2027-03-01', closesOn: '2027-02-01' }, existing)).toEqual({
      closesOn: 'The window must close on or after the day it opens',
    });
    expect(reopeningWindowProblems(term, { opensOn: '2026-04-30', closesOn: '2026-05-31' }, existing)).toEqual({
      opensOn: 'The window overlaps the window from 1 April 2026 to 30 April 2026',
    });
    expect(reopeningWindowProblems(term, { opensOn: '2027-03-01', closesOn: '2027-03-31' }, existing)).toEqual({});
  });

  it('admits applications to an open framework only inside a window, and to other routes at any time', () => {
    const windows = [{ opensOn: '2026-04-01', closesOn: '2026-04-30' }];
    expect(acceptsApplicationsOn('open_framework', windows, '2026-03-31')).toBe(false);
    expect(acceptsApplicationsOn('open_framework', windows, '2026-04-01')).toBe(true);
    expect(acceptsApplicationsOn('open_framework', windows, '2026-04-30')).toBe(true);
    expect(acceptsApplicationsOn('open_framework', windows, '2026-05-01')).toBe(false);
    expect(acceptsApplicationsOn('dynamic_market', [], '2026-05-01')).toBe(true);
  });
});
