import { DEFAULT_QUORUM, quorumProblems } from './quorum';

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
