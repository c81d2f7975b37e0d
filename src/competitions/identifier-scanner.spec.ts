import { scanForIdentifiers } from './identifier-scanner';

const kinds = (text: string) => scanForIdentifiers({ needs: text }).map((hit) => `${hit.kind}:${hit.match}`);

describe('the identifier scanner', () => {
  it.each([
    ['Born 12/03/2017, placed at two', 'date:12/03/2017'],
    ['DOB 2017-03-12', 'date:2017-03-12'],
    ['born on 3rd March 2017', 'date:3rd March 2017'],
    ['born March 3, 2017', 'date:March 3, 2017'],
    ['lives near ME14 1XX', 'postcode:ME14 1XX'],
    ['lives near ct11ab', 'postcode:ct11ab'],
    ['adopter can be reached on 07700 900123', 'phone:07700 900123'],
    ['or +44 1622 123456', 'phone:+44 1622 123456'],
    ['Jamie Smith finds transitions hard', 'name:Jamie Smith'],
    ['lives with Mary O’Brien-Jones', 'name:Mary O’Brien-Jones'],
    ['attends Oak Tree Primary School', 'school:Oak Tree Primary School'],
    ['moved to St Anne’s Academy in year 7', 'school:St Anne’s Academy'],
  ])('finds the identifier in %p', (text, expected) => {
    expect(kinds(text)).toContain(expected);
  });

  it.each([
    'Child aged 8 to 10 with early trauma and attachment difficulties',
    'Previous Theraplay in 2023 was helpful; Child Adolescent Mental Health Services assessed twice',
    'Adoptive parents would prefer a female therapist who speaks English and Polish',
    'Struggles with transitions at school and at home; sessions after 3pm',
    'Completed 12 sessions of DDP. Family support worker involved',
    'Wheelchair access needed at the venue',
    'Some EHCP support in place since year 3',
  ])('finds nothing in %p', (text) => {
    expect(kinds(text)).toEqual([]);
  });

  it('names the field and lists each hit once', () => {
    const hits = scanForIdentifiers({ needs: 'Jamie Smith, Jamie Smith', history: 'born 1/2/2018' });
    expect(hits).toEqual([
      { field: 'needs', kind: 'name', match: 'Jamie Smith' },
      { field: 'history', kind: 'date', match: '1/2/2018' },
    ]);
  });

  it('reports a school name once, not also as a person', () => {
    expect(kinds('goes to Hill View Academy')).toEqual(['school:Hill View Academy']);
  });
});
