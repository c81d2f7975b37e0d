import { applicationProblems, checkAnswer, conditionApplies, judgedOutcome, practitionerProblem } from './application-rules';
import { addYears } from '../common/calendar/dates';

const THERAPLAY = 'theraplay';
const DDP = 'ddp';
const today = '2026-11-23';
const amara = { id: 'a', fullName: 'Amara Okoye', therapyTypeIds: [THERAPLAY, DDP], registrationExpiresOn: '2028-07-31', dbsIssuedOn: '2025-09-12' };
const insurance = [
  { id: '1', type: 'employers_liability' as const, expiresOn: '2027-03-31' },
  { id: '2', type: 'public_liability' as const, expiresOn: '2027-03-31' },
  { id: '3', type: 'professional_indemnity' as const, expiresOn: '2027-03-31' },
];
const facts = {
  detailsCompleted: true,
  lotTherapyTypeIds: [THERAPLAY, DDP],
  lotNames: new Map([
    [THERAPLAY, 'Theraplay'],
    [DDP, 'DDP'],
  ]),
  practitioners: [amara],
  documents: insurance,
  unansweredConditions: 0,
  exclusionsAnswered: true,
  debarredOnMandatoryGround: false,
  today,
};
const all = (problems: Record<string, string[]>) => Object.values(problems).flat();

describe('applicationProblems', () => {
  it('has none for a complete application', () => expect(all(applicationProblems(facts))).toEqual([]));

  it('lists everything missing', () => {
    expect(
      applicationProblems({
        ...facts,
        detailsCompleted: false,
        lotTherapyTypeIds: [],
        practitioners: [],
        documents: [],
        unansweredConditions: 2,
        exclusionsAnswered: false,
      }),
    ).toEqual({
      organisation: ['Complete your organisation details'],
      lots: ['Choose at least one lot'],
      practitioners: ['Choose at least one practitioner'],
      documents: [
        'Include current employer’s liability insurance',
        'Include current public liability insurance',
        'Include current professional indemnity insurance',
      ],
      answers: ['Answer the 2 remaining questions'],
      exclusions: ['Answer the exclusion grounds questions'],
    });
  });

  it('cannot be submitted by a supplier on the debarment list on a mandatory ground (PA 2023 s.57(1)(b))', () => {
    expect(applicationProblems({ ...facts, debarredOnMandatoryGround: true }).exclusions).toEqual([
      'Your organisation is on the debarment list on a mandatory exclusion ground, so it cannot apply while the entry applies',
    ]);
  });

  it('needs a valid practitioner qualified for every lot (BR-18)', () => {
    const onlyTheraplay = { ...amara, therapyTypeIds: [THERAPLAY] };
    expect(applicationProblems({ ...facts, practitioners: [onlyTheraplay] }).practitioners).toEqual(['Choose a practitioner qualified for DDP']);
    const expired = { ...amara, registrationExpiresOn: '2026-11-22' };
    expect(applicationProblems({ ...facts, practitioners: [expired] }).practitioners).toEqual([
      'Amara Okoye’s registration has expired',
      'Choose a practitioner qualified for Theraplay',
      'Choose a practitioner qualified for DDP',
    ]);
  });

  it('refuses expired insurance', () => {
    expect(applicationProblems({ ...facts, documents: [insurance[0], insurance[1], { ...insurance[2], expiresOn: '2026-11-22' }] }).documents).toEqual([
      'Include current professional indemnity insurance',
    ]);
  });
});

describe('practitionerProblem', () => {
  it('accepts a DBS check up to 3 years old', () => {
    expect(practitionerProblem({ ...amara, dbsIssuedOn: '2023-11-23' }, today)).toBeNull();
    expect(practitionerProblem({ ...amara, dbsIssuedOn: '2023-11-22' }, today)).toBe('Amara Okoye’s enhanced DBS check is more than 3 years old');
  });
});

describe('checkAnswer', () => {
  it.each([
    [{ answerType: 'yes_no' as const, wordLimit: null }, 'yes', { value: 'yes' }],
    [{ answerType: 'yes_no' as const, wordLimit: null }, undefined, { error: 'Select yes or no' }],
    [{ answerType: 'text' as const, wordLimit: 5 }, ' We use weekly supervision ', { value: 'We use weekly supervision' }],
    [{ answerType: 'text' as const, wordLimit: 3 }, 'one two three four', { error: 'Your answer must be 3 words or fewer (it is 4)' }],
    [{ answerType: 'text' as const, wordLimit: 3 }, '   ', { error: 'Enter your answer' }],
    [{ answerType: 'number' as const, wordLimit: null }, '1,200', { value: '1200' }],
    [{ answerType: 'number' as const, wordLimit: null }, 'lots', { error: 'Enter a number, like 12' }],
    [{ answerType: 'date' as const, wordLimit: null }, { day: '1', month: '4', year: '2027' }, { value: '2027-04-01' }],
    [{ answerType: 'date' as const, wordLimit: null }, { day: '1' }, { error: 'The date must include a month and year' }],
    [{ answerType: 'file' as const, wordLimit: null }, '', { error: 'Select a document' }],
  ])('%p with %p', (condition, raw, expected) => expect(checkAnswer(condition, raw)).toEqual(expected));
});

describe('conditionApplies', () => {
  it('applies conditions for all lots, or for a lot applied for', () => {
    expect(conditionApplies({ lotTherapyTypeIds: [] }, [THERAPLAY])).toBe(true);
    expect(conditionApplies({ lotTherapyTypeIds: [DDP] }, [THERAPLAY])).toBe(false);
    expect(conditionApplies({ lotTherapyTypeIds: [DDP] }, [THERAPLAY, DDP])).toBe(true);
  });
});

describe('addYears', () => {
  it('keeps the date, moving 29 February to 28 February', () => {
    expect(addYears('2025-09-12', 3)).toBe('2028-09-12');
    expect(addYears('2028-02-29', 1)).toBe('2029-02-28');
  });
});

describe('judgedOutcome (BR-1)', () => {
  const LOT = 'lot-theraplay';
  const conditions = [
    { id: 'insurance', lotTherapyTypeIds: [] },
    { id: 'theraplay-supervision', lotTherapyTypeIds: [LOT] },
    { id: 'emdr-supervision', lotTherapyTypeIds: ['lot-emdr'] },
  ];
  it('admits a lot whose every applicable condition passed, whatever other lots’ conditions say', () => {
    expect(
      judgedOutcome(LOT, conditions, [
        { conditionId: 'insurance', result: 'pass' },
        { conditionId: 'theraplay-supervision', result: 'pass' },
        { conditionId: 'emdr-supervision', result: 'fail' },
      ]),
    ).toBe('admitted');
  });
  it('rejects a lot with any failed condition', () => {
    expect(
      judgedOutcome(LOT, conditions, [
        { conditionId: 'insurance', result: 'fail' },
        { conditionId: 'theraplay-supervision', result: 'pass' },
      ]),
    ).toBe('rejected');
  });
  it('waits for every applicable condition to be judged', () => {
    expect(judgedOutcome(LOT, conditions, [{ conditionId: 'insurance', result: 'pass' }])).toBe('unjudged');
    expect(judgedOutcome(LOT, [], [])).toBe('admitted');
  });
});
