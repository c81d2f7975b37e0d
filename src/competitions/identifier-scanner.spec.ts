import { IDENTIFIER_LABELS, identifierKey, isValidNhsNumber, scanForIdentifiers } from './identifier-scanner';

const kinds = (text: string) => scanForIdentifiers({ needs: text }).map((hit) => `${hit.kind}:${hit.match}`);

describe('the NHS number check digit (modulus 11)', () => {
  it.each(['9434765919', '943 476 5919', '943-476-5919', '4010232137', '4505577104'])('accepts %p', (value) => {
    expect(isValidNhsNumber(value)).toBe(true);
  });

  it.each([
    ['a wrong check digit', '9434765918'],
    ['a check digit that would be 10, which is never issued', '1000000010'],
    ['nine digits', '943476591'],
    ['eleven digits', '94347659190'],
    ['letters', '943476591X'],
  ])('rejects %s', (_, value) => {
    expect(isValidNhsNumber(value)).toBe(false);
  });
});

describe('the identifier scanner', () => {
  it.each([
    ['Born 12/03/2017, placed at two', 'date:12/03/2017'],
    ['DOB 2017-03-12', 'date:2017-03-12'],
    ['born on 3rd March 2017', 'date:3rd March 2017'],
    ['born March 3, 2017', 'date:March 3, 2017'],
    ['born 3/3/15, the youngest', 'date:3/3/15'],
    ['DOB 3 Mar 15', 'date:3 Mar 15'],
    ['born on the third of March 2015', 'date:the third of March 2015'],
    ['BORN ON THE TWENTY-FIRST OF JUNE 2014', 'date:THE TWENTY-FIRST OF JUNE 2014'],
    ['Born March 2015, she has FASD', 'date-of-birth:Born March 2015'],
    ['he was born in 2015 and placed at 14 months', 'date-of-birth:born in 2015'],
    ['Born mid-March 2015 at 32 weeks', 'date-of-birth:Born mid-March 2015'],
    ['he turns 9 on 14 February', 'date-of-birth:turns 9 on 14 February'],
    ['born on Christmas Day 2014', 'date-of-birth:born on Christmas Day 2014'],
    ['her birthday is in March 3rd', 'date-of-birth:birthday is in March 3rd'],
    ['lives near ME14 1XX', 'postcode:ME14 1XX'],
    ['lives near ct11ab', 'postcode:ct11ab'],
    ['the family live in ME4', 'partial-postcode:ME4'],
    ['Lives in the TN23 area', 'partial-postcode:TN23'],
    ['postcode ct11 for travel', 'partial-postcode:ct11'],
    ['lives in m25 area', 'partial-postcode:m25'],
    ['lives at 14 Station Road, Dover', 'address:14 Station Road'],
    ['lives at 3 church lane', 'address:3 church lane'],
    ['adopter can be reached on 07700 900123', 'phone:07700 900123'],
    ['or +44 1622 123456', 'phone:+44 1622 123456'],
    ['call +44 (0)1304 456789', 'phone:+44 (0)1304 456789'],
    ['Tel (01843) 123456', 'phone:(01843) 123456'],
    ['ring 020 7946 0123', 'phone:020 7946 0123'],
    ['mobile 07700900789', 'phone:07700900789'],
    ['NHS number 943 476 5919', 'nhs-number:943 476 5919'],
    ['NHS no. 943-476-5919', 'nhs-number:943-476-5919'],
    ['his NHS number is 9434765919', 'nhs-number:9434765919'],
    ['email sarah.jones@gmail.com to arrange', 'email:sarah.jones@gmail.com'],
    ['contact j.hughes@kent.gov.uk.', 'email:j.hughes@kent.gov.uk'],
    ['Jamie Smith finds transitions hard', 'name:Jamie Smith'],
    ['JAMIE SMITH finds transitions hard', 'name:JAMIE SMITH'],
    ['jamie smith finds transitions hard', 'name:jamie smith'],
    ['jamie finds transitions hard', 'first-name:jamie'],
    ['the adoptive family (the Richardsons) live in Faversham', 'name:Richardsons'],
    ['placed with the Okafor family in 2018', 'name:Okafor family'],
    ['Jamie finds transitions hard', 'first-name:Jamie'],
    ['lives with Mary O’Brien-Jones', 'name:Mary O’Brien-Jones'],
    ['Kayden’s behaviour escalates around contact', 'first-name:Kayden'],
    ['Evie-Rose experiences intense shame', 'first-name:Evie-Rose'],
    ['siblings Ruby and Oscar live elsewhere', 'first-name:Ruby'],
    ['Grace is very sensitive to rejection', 'first-name:Grace'],
    ['her name is Lily', 'first-name:Lily'],
    ['prefers to be called Kenzo', 'first-name:Kenzo'],
    ['contact with birth father Darren is supervised', 'first-name:Darren'],
    ['referred by Dr Patel', 'name:Dr Patel'],
    ['assessed by Dr Helen Price in 2022', 'name:Dr Helen Price'],
    ['placed with Mr and Mrs Okafor', 'name:Mr and Mrs Okafor'],
    ['attends Oak Tree Primary School', 'school:Oak Tree Primary School'],
    ['moved to St Anne’s Academy in year 7', 'school:St Anne’s Academy'],
    ["attends st margaret's c of e junior", "school:st margaret's c of e junior"],
    ['goes to oak tree primary', 'school:oak tree primary'],
    ['OAK TREE PRIMARY have agreed', 'school:OAK TREE PRIMARY'],
    ['now at Maidstone Grammar School for Girls', 'school:Maidstone Grammar School for Girls'],
    ['care proceedings under case number ME21C00123', 'court-case:case number ME21C00123'],
    ['the placement order was made in ZW12C01234', 'court-case:ZW12C01234'],
    ['heard as me21c00123', 'court-case:me21c00123'],
    ['made at Medway Family Court', 'court:Medway Family Court'],
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
    'Attends a primary school in Dover and is in Year 6, working below expectations at KS2',
    'EHCP in place; Y6 SATs; rated A1 on the waiting list; DDP level 2 practitioner needed',
    'Seen by CAMHS in March; sessions on Tuesday mornings; prefers a female therapist',
    'Aged 9, living with adopters since 2019, has a younger sibling',
    'Lives in Maidstone, Kent; can travel to Dover or Canterbury, up to 10 miles',
    'Will need a therapist who can tolerate rejection. May benefit from Theraplay first.',
    'Hope is that therapy will help. Faith is important to the family. Summer holidays are hard.',
    'An Amber rating on the risk assessment; the Summer term is difficult; Christmas is a trigger',
    'Mark on the last SDQ was lower. Frank conversations are avoided. Joy in play has grown.',
    'The care case was heard in the family court; a Special Guardianship Order is in place for a sibling',
    'Goes to a special school, then forest school on Fridays; refuses school on Mondays; the Virtual School Head is involved',
    'Took vitamin B12; the family drive on the M25; learning about CO2 in science; working at KS3',
    'Scored 28/40 on the SDQ; 1:1 support for 15 hours a week; a 10 minute walk to the venue',
    'Struggles with the transition from infant to junior school and then to secondary school',
    'Needs access to the home via 3 steps; the family live 45 minutes drive away',
    'CAMHS closed the case in June 2023; play therapy from September 2021 to March 2022',
    'Loves Harry Potter and Taylor Swift; the adopters have read Dan Hughes’s books on PACE',
    'Has weekly sessions with the school ELSA',
    'Moved up from KS2 3rd year group; the KS1 2nd term',
    'She called Childline twice; she is called names at school; he once called NSPCC',
    'He is known as Looked After by the school and was named Lead Professional’s priority; uses test-ava-style games',
    'Born at the William Harvey; the family used the Anna Freud Centre’s resources',
    'The adopters have read Sally Donovan, Louise Bombèr and Gabor Maté',
    'Contact with Dad Saturday mornings; the birth mother, who lives in Kent, has no contact',
    'Watches the Simpsons; the foster family were kind; the Greens next door help; the Beavers group meets weekly',
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
    expect(kinds('attends St Mary’s RC Primary')).toEqual(['school:St Mary’s RC Primary']);
  });

  it('reports a full postcode once, not also its outward code', () => {
    expect(kinds('Lives near ME14 1XX')).toEqual(['postcode:ME14 1XX']);
  });

  it('reports a name inside an email address only as the email address', () => {
    expect(kinds('contact sarah.jones@gmail.com')).toEqual(['email:sarah.jones@gmail.com']);
  });

  it('lists the hits in the order they appear in the text', () => {
    expect(kinds('Olivia (NHS 9434765919) lives in ME4')).toEqual(['first-name:Olivia', 'nhs-number:9434765919', 'partial-postcode:ME4']);
  });

  it('has a label for every kind of hit', () => {
    for (const hit of scanForIdentifiers({
      needs:
        'Olivia Smith, Noah, 9434765919, a@b.com, 07700 900123, ME4, CT1 2AB, 3 Church Lane, 3/3/15, born in 2015, Oak Tree Primary, ME21C00123, Medway Family Court',
    })) {
      expect(IDENTIFIER_LABELS[hit.kind]).toEqual(expect.any(String));
      expect(identifierKey(hit)).toBe(`needs|${hit.kind}|${hit.match}`);
    }
  });

  describe('speed, since it runs on every save', () => {
    // The fastest of five runs, so a busy machine does not fail the test; backtracking would make every run slow.
    const within = (text: string, milliseconds: number) => {
      let fastest = Infinity;
      for (let run = 0; run < 5; run++) {
        const started = performance.now();
        scanForIdentifiers({ needs: text });
        fastest = Math.min(fastest, performance.now() - started);
      }
      return fastest < milliseconds;
    };
    const sentence = 'Olivia, born on 3rd March 2015, attends Oak Tree Primary in ME4 and was seen by CAMHS; call 07700 900123 or email a.b@c.com. ';

    it('scans a 20,000-character needs profile in well under 100 ms', () => {
      const text = sentence.repeat(Math.ceil(20_000 / sentence.length)).slice(0, 20_000);
      expect(text.length).toBe(20_000);
      expect(within(text, 50)).toBe(true);
    });

    it.each([
      ['one long word', 'a'.repeat(20_000)],
      ['one long number', '7'.repeat(20_000)],
      ['@ signs', 'a@'.repeat(10_000)],
      ['dots and letters with no top-level domain', `x@${'a.'.repeat(9_999)}`],
      ['spaced digits', '0 '.repeat(10_000)],
      ['capitalised words', 'Oak '.repeat(5_000)],
      ['words before a school type', 'tree '.repeat(4_000) + 'primary'],
    ])('does not backtrack on %s', (_, text) => {
      expect(within(text, 100)).toBe(true);
    });
  });
});
