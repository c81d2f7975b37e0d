import { agendaItemQuorumProblems, decisionMeetingDateProblem, DEFAULT_QUORUM, quorumProblems } from './quorum';

describe('the default quorum rule', () => {
  const clinical = { profession: 'clinical_psychologist' as const, agencyId: 'kent' };
  const social = { profession: 'social_work_manager' as const, agencyId: 'medway' };
  const educational = { profession: 'educational_psychologist' as const, agencyId: 'bexley' };

  it('is met by three members with a psychologist and a social work manager from two agencies', () => {
    expect(quorumProblems(DEFAULT_QUORUM, [clinical, social, { ...educational, agencyId: 'kent' }])).toEqual([]);
  });

  it('says every reason a meeting is not quorate', () => {
    expect(quorumProblems(DEFAULT_QUORUM, [clinical, { ...clinical, profession: 'other' }])).toEqual([
      'It needs at least 3 members; 2 attended',
      'It needs a social work manager',
      'It needs members from at least 2 agencies; 1 agency was represented',
    ]);
    expect(quorumProblems(DEFAULT_QUORUM, [social, { ...social, agencyId: 'kent' }, { ...social, agencyId: 'bexley' }])).toEqual(['It needs a psychologist']);
  });
});

describe('the quorum for one agenda item (BR-9)', () => {
  const chair = { id: 'chair', profession: 'clinical_psychologist' as const, agencyId: 'medway' };
  const psychologist = { id: 'psychologist', profession: 'educational_psychologist' as const, agencyId: 'bexley' };
  const social = { id: 'social', profession: 'social_work_manager' as const, agencyId: 'kent' };
  const attendees = [chair, psychologist, social];

  it('is the meeting’s quorum when no attendee is conflicted', () => {
    expect(agendaItemQuorumProblems(DEFAULT_QUORUM, attendees, [])).toEqual([]);
    expect(agendaItemQuorumProblems(DEFAULT_QUORUM, attendees, ['someone who did not attend'])).toEqual([]);
  });

  it('leaves out a conflicted attendee, and says so', () => {
    expect(agendaItemQuorumProblems(DEFAULT_QUORUM, attendees, ['social'])).toEqual([
      '1 attendee declared a conflict of interest on this requirement, so does not count towards its quorum',
      'It needs at least 3 members; 2 attended',
      'It needs a social work manager',
    ]);
    expect(agendaItemQuorumProblems(DEFAULT_QUORUM, attendees, new Set(['social', 'chair']))[0]).toBe(
      '2 attendees declared a conflict of interest on this requirement, so do not count towards its quorum',
    );
  });

  it('stays quorate when enough unconflicted attendees remain', () => {
    const fourth = { id: 'fourth', profession: 'social_work_manager' as const, agencyId: 'bexley' };
    expect(agendaItemQuorumProblems(DEFAULT_QUORUM, [...attendees, fourth], ['social'])).toEqual([]);
  });
});

describe('the date of the meeting that decides', () => {
  it('may be in the past, today or tomorrow', () => {
    for (const date of ['2026-01-05', '2026-12-03', '2026-12-04']) expect(decisionMeetingDateProblem(date, '2026-12-03')).toBeNull();
  });
  it('may not be more than a day ahead', () => {
    for (const date of ['2026-12-05', '2099-01-01'])
      expect(decisionMeetingDateProblem(date, '2026-12-03')).toBe(
        'That meeting has not happened yet, so it cannot have decided. Choose the meeting where the panel decided',
      );
    expect(decisionMeetingDateProblem('2027-01-01', '2026-12-31')).toBeNull();
  });
});
