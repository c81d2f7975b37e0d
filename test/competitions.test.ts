import { ClosingService } from '../src/competitions/closing.service';
import { Seeder } from '../src/database/seed/seeder';
import { declareNoConflictsOnPage } from './factories/awards';
import { admitMember, dateFields, draftRequirement } from './factories/competitions';
import { createOpenFramework, referenceIds } from './factories/frameworks';
import { createTestApp, TestApp } from './support/test-app';
import { DEMO, WebSession } from './support/web-session';

const HARBOUR = 'provider@harbour.example';

describe('a mini-competition, from draft to sealed bids at the deadline', () => {
  let testApp: TestApp;
  let commissioner: WebSession;
  let oakleaf: WebSession;
  let harbour: WebSession;
  let ids: Awaited<ReturnType<typeof referenceIds>>;
  let frameworkId: string;
  let requirementId: string;
  let outsider: { email?: string };
  let suspended: { email?: string };
  let harbourPractitioner: string;
  let oakleafPractitioner: string;

  const sql = (query: string, params: unknown[] = []) => testApp.dataSource.query(query, params);

  beforeAll(async () => {
    testApp = await createTestApp({ smtp: true });
    ids = await referenceIds(testApp.dataSource);
    const manager = new WebSession(testApp.server);
    await manager.signIn(DEMO.frameworkManager);
    frameworkId = await createOpenFramework(manager, ids);
    const [canterbury] = await sql(`SELECT id FROM areas WHERE name = 'Canterbury'`);
    await sql(`INSERT INTO framework_areas (framework_id, area_id) VALUES ($1, $2)`, [frameworkId, canterbury.id]);
    oakleafPractitioner = (
      await admitMember(testApp.dataSource, 'Oakleaf Family Therapy Ltd', { frameworkId, therapyTypeId: ids.theraplay, areaIds: [ids.ashford] })
    ).practitionerId;
    harbourPractitioner = (
      await admitMember(testApp.dataSource, 'Harbour Creative Therapies CIC', { frameworkId, therapyTypeId: ids.theraplay, areaIds: [ids.ashford] })
    ).practitionerId;
    outsider = await admitMember(testApp.dataSource, 'Canterbury Only Therapy', { frameworkId, therapyTypeId: ids.theraplay, areaIds: [canterbury.id] });
    suspended = await admitMember(testApp.dataSource, 'Suspended Therapy Ltd', {
      frameworkId,
      therapyTypeId: ids.theraplay,
      areaIds: [ids.ashford],
      status: 'suspended',
    });
    await admitMember(testApp.dataSource, 'DDP Only Ltd', { frameworkId, therapyTypeId: ids.ddp, areaIds: [ids.ashford] });
    commissioner = new WebSession(testApp.server);
    await commissioner.signIn(DEMO.commissioner);
    oakleaf = new WebSession(testApp.server);
    await oakleaf.signIn(DEMO.provider);
    harbour = new WebSession(testApp.server);
    await harbour.signIn(HARBOUR);
  });
  afterAll(() => testApp.close());

  it('refuses bad input on every section, keeping what was typed and saving nothing', async () => {
    const empty = await commissioner.submit('/requirements/new', {});
    expect(empty.status).toBe(400);
    expect(empty.title).toMatch(/^Error: /);
    expect(empty.errorSummary.map((error) => error.text)).toEqual([
      'Enter a title for the requirement',
      'Select the lot',
      'Select spot or block purchase',
      'Select the district',
      'Select how the therapy is delivered',
    ]);

    const id = await draftRequirement(commissioner, `${frameworkId}:${ids.theraplay}`, ids.ashford, { title: 'Bad input draft' });
    const cases: Array<[string, Record<string, string | string[]>, string[]]> = [
      ['needs', { ageBand: '99 to 100', practitionerGender: 'any' }, ['Select the child’s age band', 'Select at least one presenting need']],
      [
        'service',
        { sessionCount: 'ten', sessionMinutes: '5', durationWeeks: '-1', ceiling: '-£5', ...dateFields('startBy', -3) },
        [
          'Enter the number of sessions, from 1 to 500',
          'Enter the length of each session in minutes, from 15 to 480',
          'Enter the expected duration in weeks, from 1 to 260',
          'Enter the ceiling price in pounds, like £1,200 or 1200.50',
        ],
      ],
      [
        'service',
        { sessionCount: '10', sessionMinutes: '60', durationWeeks: '12', ceiling: '1200', ...dateFields('startBy', -3) },
        ['The start-by date must be in the future'],
      ],
      [
        'funding',
        { asgsf: 'lots', topUp: '', 'needsAssessedOn[day]': '31', 'needsAssessedOn[month]': '2', 'needsAssessedOn[year]': '2026' },
        ['Enter the ASGSF amount in pounds, like £2,500', 'Enter the agency top-up, or 0', 'The date of the needs assessment must be a real date'],
      ],
      [
        'evaluation',
        { question1: 'Q', wordLimit1: '50', weight1: '40', priceWeight: '30', scaleMax: '4', scaleDescriptors: 'a\nb\nc\nd\ne' },
        ['The weights must add up to 100. They add up to 70'],
      ],
      [
        'evaluation',
        { question1: 'Q', wordLimit1: '50', weight1: '70', priceWeight: '30', scaleMax: '4', scaleDescriptors: 'a\nb\nc\nd\ne', minimumQuality: '150' },
        ['Enter the minimum quality score as a whole percentage from 1 to 100, or leave it blank'],
      ],
      [
        'evaluation',
        { question1: 'Q', wordLimit1: 'many', weight1: '', question2: '', wordLimit2: '20', priceWeight: 'x', scaleMax: '4', scaleDescriptors: 'only one' },
        [
          'Enter a word limit for question 1, from 10 to 2,000',
          'Enter a weight for question 1, from 1 to 100',
          'Enter quality question 2',
          'Enter a weight for question 2, from 1 to 100',
          'Enter a weight for price, from 0 to 100',
          'Describe each of the 5 levels from 0 to 4, one per line (there are 1)',
        ],
      ],
      [
        'dates',
        { ...dateFields('clarificationDeadline', 5), clarificationTime: 'teatime', ...dateFields('bidDeadline', 3), bidTime: '12pm' },
        ['Enter the time questions close, like 5pm or 17:00'],
      ],
      [
        'dates',
        { ...dateFields('clarificationDeadline', -1), clarificationTime: '5pm', ...dateFields('bidDeadline', 3), bidTime: '12pm' },
        [
          'The deadline for questions must be in the future',
          expect.stringMatching(/^The bid deadline must be at least 10 days after publication/) as unknown as string,
        ],
      ],
      ['case', { childReference: '', childName: 'Jamie Smith', ...dateFields('dateOfBirth', 30) }, ['Enter the child’s case reference']],
    ];
    const before = await sql(`SELECT * FROM requirements WHERE id = $1`, [id]);
    for (const [section, fields, messages] of cases) {
      const page = await commissioner.submit(`/requirements/${id}/${section}`, fields);
      expect({ section, status: page.status, errors: page.errorSummary.map((error) => error.text) }).toEqual({ section, status: 400, errors: messages });
      expect(page.title).toMatch(/^Error: /);
    }
    const kept = await commissioner.submit(`/requirements/${id}/service`, {
      sessionCount: 'ten',
      sessionMinutes: '60',
      durationWeeks: '12',
      ceiling: '1200',
      ...dateFields('startBy', 30),
    });
    expect(kept.$('#sessionCount').val()).toBe('ten');
    expect(await sql(`SELECT * FROM requirements WHERE id = $1`, [id])).toEqual(before);
  });

  it('warns about a date of birth in the profile, and publishes once it is removed, inviting only eligible members', async () => {
    requirementId = await draftRequirement(commissioner, `${frameworkId}:${ids.theraplay}`, ids.ashford, {
      needsDescription: 'Jamie was born 12/03/2017 and struggles with transitions',
    });
    const overview = await commissioner.get(`/requirements/${requirementId}`);
    expect(overview.$('.govuk-task-list__status').last().text().trim()).toBe('Not yet started');

    const check = await commissioner.get(`/requirements/${requirementId}/check`);
    expect(check.status).toBe(200);
    expect(check.$('main').text()).toContain('“12/03/2017” in the description of needs: a date, which could be a date of birth');
    expect(check.$('main').text()).toContain('Jamie Smith'); // the commissioner sees the case details card
    const refused = await commissioner.submit(`/requirements/${requirementId}/check`, {}, `/requirements/${requirementId}/publish`);
    expect(refused.status).toBe(400);
    expect(refused.errorSummary.map((error) => error.text)).toEqual([
      'Remove the possible identifiers from the needs profile, or confirm you have checked them and they do not identify the child',
    ]);
    expect((await sql(`SELECT status FROM requirements WHERE id = $1`, [requirementId]))[0].status).toBe('draft');

    await commissioner.submit(`/requirements/${requirementId}/needs`, {
      ageBand: '8 to 10',
      presentingNeeds: ['Attachment difficulties'],
      needsDescription: 'Struggles with transitions at school and at home',
      practitionerGender: 'female',
    });
    const clean = await commissioner.get(`/requirements/${requirementId}/check`);
    expect(clean.$('main').text()).not.toContain('Possible identifying details');
    const published = await commissioner.submit(`/requirements/${requirementId}/check`, {}, `/requirements/${requirementId}/publish`);
    expect(published.status).toBe(303);
    const page = await commissioner.follow(`/requirements/${requirementId}`);
    expect(page.$('.govuk-notification-banner').text()).toContain('2 providers were invited to bid, and 2 emails were sent.');
    expect(page.$('main').text()).toContain('2 (2 emails sent)');

    await testApp.deliverEmails();
    const invited = testApp
      .smtp!.received.filter((email) => email.subject === 'You are invited to bid for adoption support therapy')
      .map((email) => email.to)
      .sort();
    expect(invited).toEqual([DEMO.provider, HARBOUR].sort());
    expect(invited).not.toContain(outsider.email);
    expect(invited).not.toContain(suspended.email);
    const [{ n }] = await sql(`SELECT count(*)::int AS n FROM audit_events WHERE entity_id = $1 AND action = 'requirement.published'`, [requirementId]);
    expect(n).toBe(1);
  });

  it('warns when ASGSF therapy would run past the end of the financial year it is funded in (from April 2025)', async () => {
    const id = await draftRequirement(commissioner, `${frameworkId}:${ids.theraplay}`, ids.ashford);
    const [{ financial_year: year }] = await sql(`SELECT financial_year FROM requirements WHERE id = $1`, [id]);
    await sql(`UPDATE requirements SET start_by = $2, duration_weeks = 12 WHERE id = $1`, [id, `${year + 1}-02-01`]);
    const late = (await commissioner.get(`/requirements/${id}/check`)).$('main').text();
    expect(late).toContain(`ASGSF therapy must be completed within the financial year, by 31 March ${year + 1}.`);
    await sql(`UPDATE requirements SET start_by = $2, duration_weeks = 8 WHERE id = $1`, [id, `${year + 1}-02-01`]);
    expect((await commissioner.get(`/requirements/${id}/check`)).$('main').text()).not.toContain('must be completed within the financial year');
    await sql(`DELETE FROM requirements WHERE id = $1`, [id]); // the later list test counts drafts
  });

  it('records an override of the identifier warning in the audit log', async () => {
    const id = await draftRequirement(commissioner, `${frameworkId}:${ids.theraplay}`, ids.ashford, {
      title: 'Override draft',
      needsDescription: 'Lives near ME14 1XX',
    });
    const published = await commissioner.submit(`/requirements/${id}/check`, { overrideIdentifiers: 'confirmed' }, `/requirements/${id}/publish`);
    expect(published.status).toBe(303);
    const [event] = await sql(`SELECT after FROM audit_events WHERE entity_id = $1 AND action = 'requirement.identifier_warning_overridden'`, [id]);
    expect(event.after).toEqual({ hits: [{ field: 'needsDescription', kind: 'postcode' }] });
  });

  it('shows bidders the pseudonymised profile and never the child’s details', async () => {
    const page = await oakleaf.get(`/provider/opportunities/${requirementId}`);
    expect(page.status).toBe(200);
    expect(page.$('main').text()).toContain('Attachment difficulties');
    expect(page.html).not.toContain('Jamie Smith');
    expect(page.html).not.toContain('KCC-12345');
    const list = await oakleaf.get('/provider/opportunities');
    expect(list.$('main').text()).toContain('Theraplay for a child aged 8 to 10');
  });

  it('takes a question, publishes the answer to every invitee without the asker’s name, and emails it', async () => {
    const asked = await oakleaf.submit(
      `/provider/opportunities/${requirementId}`,
      { question: 'Can sessions take place at school?' },
      `/provider/opportunities/${requirementId}/questions`,
    );
    expect(asked.status).toBe(303);
    const empty = await oakleaf.submit(`/provider/opportunities/${requirementId}`, { question: '' }, `/provider/opportunities/${requirementId}/questions`);
    expect(empty.errorSummary.map((error) => error.text)).toEqual(['Enter your question']);
    await testApp.deliverEmails();
    expect(testApp.smtp!.to(DEMO.commissioner).map((email) => email.subject)).toContain('A provider has asked a question about your requirement');

    const [{ id: clarificationId }] = await sql(`SELECT id FROM requirement_clarifications WHERE requirement_id = $1`, [requirementId]);
    // Harbour sees nothing until it is answered.
    expect((await harbour.get(`/provider/opportunities/${requirementId}`)).$('main').text()).not.toContain('Can sessions take place at school?');
    const privateWithoutReason = await commissioner.submit(`/requirements/${requirementId}/clarifications/${clarificationId}`, {
      answer: 'Yes',
      visibility: 'private',
    });
    expect(privateWithoutReason.errorSummary.map((error) => error.text)).toEqual(['Enter why the answer is private']);
    // The answer goes to every invitee, so it is scanned for what could identify the child before it is sent.
    const identifying = await commissioner.submit(`/requirements/${requirementId}/clarifications/${clarificationId}`, {
      answer: 'Yes, Jamie can be seen at St Margaret’s C of E Junior School',
      visibility: 'public',
    });
    expect(identifying.status).toBe(400);
    expect(identifying.errorSummary.map((error) => error.text)).toEqual([
      'Your answer may identify the child: “Jamie”, “St Margaret’s C of E Junior School”. Remove it, or confirm you have checked it and it does not identify the child',
    ]);
    expect(identifying.$('textarea[name=answer]').text()).toBe('Yes, Jamie can be seen at St Margaret’s C of E Junior School');
    expect((await sql(`SELECT answered_at FROM requirement_clarifications WHERE id = $1`, [clarificationId]))[0].answered_at).toBeNull();
    expect(identifying.$('input[name=confirmNoIdentifiers]').length).toBe(1);
    const answered = await commissioner.submit(`/requirements/${requirementId}/clarifications/${clarificationId}`, {
      answer: 'Yes, with the school’s agreement.',
      visibility: 'public',
    });
    expect(answered.status).toBe(303);

    const seen = await harbour.get(`/provider/opportunities/${requirementId}`);
    expect(seen.$('#questions').nextAll().text()).toContain('Yes, with the school’s agreement.');
    expect(seen.html).not.toContain('Oakleaf');
    await testApp.deliverEmails();
    const answers = testApp
      .smtp!.received.filter((email) => email.subject === 'A question about a requirement has been answered')
      .map((email) => email.to)
      .sort();
    expect(answers).toEqual([DEMO.provider, HARBOUR].sort());

    // A commissioner who has checked a flagged answer can send it; the audit log records the kind of hit, never the words.
    await oakleaf.submit(
      `/provider/opportunities/${requirementId}`,
      { question: 'Who is the lead professional?' },
      `/provider/opportunities/${requirementId}/questions`,
    );
    const [{ id: secondId }] = await sql(`SELECT id FROM requirement_clarifications WHERE requirement_id = $1 AND answered_at IS NULL`, [requirementId]);
    const checked = await commissioner.submit(`/requirements/${requirementId}/clarifications/${secondId}`, {
      answer: 'Morgan, the virtual school head',
      visibility: 'public',
      confirmNoIdentifiers: 'confirmed',
    });
    expect(checked.status).toBe(303);
    const [override] = await sql(`SELECT after FROM audit_events WHERE entity_id = $1 AND action = 'clarification.identifier_warning_overridden'`, [
      requirementId,
    ]);
    expect(override.after).toEqual({ clarificationId: secondId, hits: [{ kind: 'first-name' }] });
  });

  // Each provider's answers carry a phrase of its own, so a leak of one provider's bid to another shows.
  const bid = (practitionerId: string, rate: string, total: string) => {
    const oakleafBid = practitionerId === oakleafPractitioner;
    return {
      rate,
      total,
      practitionerIds: practitionerId,
      ...dateFields('earliestStart', 20),
      answer1: oakleafBid ? 'Through play, consistency and attuned care, at the child’s pace.' : 'Through creative play and a harbour of safety.',
      answer2: oakleafBid ? 'Parents join every session and practise at home.' : 'Weekly parent consultations.',
    };
  };

  it('refuses a bad bid and tells the bidder exactly what is wrong', async () => {
    const empty = await oakleaf.submit(`/provider/opportunities/${requirementId}/bid`, { intent: 'continue' });
    expect(empty.status).toBe(400);
    expect(empty.errorSummary.map((error) => error.text)).toEqual([
      'Enter the rate per session',
      'Enter the total price',
      'Select at least one practitioner',
      'Enter the earliest start date',
      'Answer question 1',
      'Answer question 2',
    ]);
    const wrong = await oakleaf.submit(`/provider/opportunities/${requirementId}/bid`, {
      ...bid(harbourPractitioner, '£95', 'abc'),
      answer1: Array.from({ length: 51 }, () => 'word').join(' '),
      intent: 'continue',
    });
    expect(wrong.errorSummary.map((error) => error.text)).toEqual([
      'Enter the total price in pounds, like £95 or 95.50',
      'Select practitioners from the list',
      'Your answer must be 50 words or fewer (it is 51)',
    ]);
    const arithmetic = await oakleaf.submit(`/provider/opportunities/${requirementId}/bid`, { ...bid(oakleafPractitioner, '95', '900'), intent: 'continue' });
    expect(arithmetic.errorSummary.map((error) => error.text)).toEqual(['The total price must be the rate times 10 sessions, which is £950.00']);
    expect((await sql(`SELECT count(*)::int AS n FROM bids`))[0].n).toBe(0);
  });

  it('saves a draft, submits, re-submits as a new version, and warns before submitting over the ceiling', async () => {
    const draft = await oakleaf.submit(`/provider/opportunities/${requirementId}/bid`, { rate: '95', intent: 'draft' });
    expect(draft.status).toBe(303);
    const continued = await oakleaf.submit(`/provider/opportunities/${requirementId}/bid`, { ...bid(oakleafPractitioner, '95', '950'), intent: 'continue' });
    expect(continued.location).toBe(`/provider/opportunities/${requirementId}/bid/check`);
    const noDeclaration = await oakleaf.submit(`/provider/opportunities/${requirementId}/bid/check`, {}, `/provider/opportunities/${requirementId}/bid/submit`);
    expect(noDeclaration.errorSummary.map((error) => error.text)).toEqual(['Confirm the declaration to submit your bid']);
    expect(
      (
        await oakleaf.submit(
          `/provider/opportunities/${requirementId}/bid/check`,
          { declaration: 'confirmed' },
          `/provider/opportunities/${requirementId}/bid/submit`,
        )
      ).status,
    ).toBe(303);

    await harbour.submit(`/provider/opportunities/${requirementId}/bid`, { ...bid(harbourPractitioner, '130', '1300'), intent: 'continue' });
    const overCeiling = await harbour.get(`/provider/opportunities/${requirementId}/bid/check`);
    expect(overCeiling.$('.govuk-warning-text').text()).toContain('Your total is above the ceiling price of £1,200.00');
    await harbour.submit(
      `/provider/opportunities/${requirementId}/bid/check`,
      { declaration: 'confirmed' },
      `/provider/opportunities/${requirementId}/bid/submit`,
    );
    // Harbour re-bids under the ceiling: a second version.
    await harbour.submit(`/provider/opportunities/${requirementId}/bid`, { ...bid(harbourPractitioner, '110', '1100'), intent: 'continue' });
    const resubmitted = await harbour.submit(
      `/provider/opportunities/${requirementId}/bid/check`,
      { declaration: 'confirmed' },
      `/provider/opportunities/${requirementId}/bid/submit`,
    );
    expect(resubmitted.status).toBe(303);
    const versions = await sql(
      `SELECT v.version, v.total_pence, v.over_ceiling FROM bid_versions v JOIN bids b ON b.id = v.bid_id JOIN provider_organisations p ON p.id = b.provider_id WHERE p.name LIKE 'Harbour%' ORDER BY v.version`,
    );
    expect(versions).toEqual([
      { version: 1, total_pence: 130000, over_ceiling: true },
      { version: 2, total_pence: 110000, over_ceiling: false },
    ]);
    await testApp.deliverEmails();
    expect(testApp.smtp!.to(HARBOUR).filter((email) => email.subject === 'Your bid has been submitted')).toHaveLength(2);
  });

  it('keeps every bid sealed before the deadline: the commissioner sees "2 bids" and nothing more', async () => {
    const secrets = ['£950', '950.00', '£1,100', '1100.00', '£1,300', 'attuned care', 'Parents join every session', 'harbour of safety'];
    const commissionerPages = [`/requirements/${requirementId}`, `/requirements/${requirementId}/bids`, '/requirements', '/commissioner'];
    for (const path of commissionerPages) {
      const page = await commissioner.get(path);
      expect({ path, status: page.status }).toEqual({ path, status: 200 });
      for (const secret of secrets) expect({ path, leaked: page.html.includes(secret) }).toEqual({ path, leaked: false });
    }
    expect((await commissioner.get(`/requirements/${requirementId}`)).$('main').text()).toContain('2 bids');
    expect((await commissioner.get(`/requirements/${requirementId}/bids`)).$('main').text()).toContain('2 bids have been submitted');

    // Other roles, other providers and providers who were not invited see nothing at all.
    const others: Array<[string, string[]]> = [
      [DEMO.panelMember, [`/requirements/${requirementId}`, `/requirements/${requirementId}/bids`, `/provider/opportunities/${requirementId}`]],
      [DEMO.admin, [`/requirements/${requirementId}/bids`, '/admin/audit', '/admin/emails']],
      [DEMO.frameworkManager, [`/requirements/${requirementId}/bids`, `/provider/opportunities/${requirementId}/bid`]],
      [
        outsider.email!,
        [`/provider/opportunities/${requirementId}`, `/provider/opportunities/${requirementId}/bid`, `/provider/opportunities/${requirementId}/bid/check`],
      ],
    ];
    for (const [email, paths] of others) {
      const visitor = new WebSession(testApp.server);
      await visitor.signIn(email, email === outsider.email ? 'factory password 2026' : undefined);
      for (const path of paths) {
        const page = await visitor.get(path);
        for (const secret of secrets) expect({ email, path, leaked: page.html.includes(secret) }).toEqual({ email, path, leaked: false });
        if (!path.startsWith('/admin')) expect({ email, path, status: page.status }).toEqual({ email, path, status: expect.any(Number) });
        if (!path.startsWith('/admin')) expect([403, 404]).toContain(page.status);
      }
    }
    // Each provider sees its own bid, never the other's.
    const own = await harbour.get(`/provider/opportunities/${requirementId}/bid`);
    expect(own.$('#total').val()).toBe('1100.00');
    expect(own.html).not.toContain('attuned care');
  });

  it('invites a provider who rejoins the lot while bids are open (BR-4)', async () => {
    const joiner = await admitMember(testApp.dataSource, 'Late Joiner Ltd', {
      frameworkId,
      therapyTypeId: ids.theraplay,
      areaIds: [ids.ashford],
      status: 'suspended',
    });
    expect(await sql(`SELECT 1 FROM invitations WHERE requirement_id = $1 AND provider_id = $2`, [requirementId, joiner.providerId])).toEqual([]);
    const [membership] = await sql(`SELECT id FROM memberships WHERE provider_id = $1`, [joiner.providerId]);
    const manager = new WebSession(testApp.server);
    await manager.signIn(DEMO.frameworkManager);
    expect((await manager.submit('/memberships', {}, `/memberships/${membership.id}/reinstate`)).status).toBe(303);
    expect(await sql(`SELECT reason FROM invitations WHERE requirement_id = $1 AND provider_id = $2`, [requirementId, joiner.providerId])).toEqual([
      { reason: 'joined_later' },
    ]);
    await testApp.deliverEmails();
    expect(testApp.smtp!.to(joiner.email!).map((email) => email.subject)).toContain('You are invited to bid for adoption support therapy');
  });

  it('withdraws a bid before the deadline, for good', async () => {
    const confirm = await oakleaf.get(`/provider/opportunities/${requirementId}/bid/withdraw`);
    expect(confirm.heading).toBe('Are you sure you want to withdraw your bid?');
    expect((await oakleaf.submit(`/provider/opportunities/${requirementId}/bid/withdraw`, {})).status).toBe(303);
    expect((await sql(`SELECT b.status FROM bids b JOIN provider_organisations p ON p.id = b.provider_id WHERE p.name LIKE 'Oakleaf%'`))[0].status).toBe(
      'withdrawn',
    );
    const again = await oakleaf.submit(`/provider/opportunities/${requirementId}/bid`, { ...bid(oakleafPractitioner, '95', '950'), intent: 'continue' });
    expect(again.status).toBe(409);
    expect((await oakleaf.get('/provider/opportunities?view=past')).$('main').text()).toContain('Withdrawn');
  });

  it('sends one reminder 48 hours before the deadline to invitees who have not bid', async () => {
    await sql(`UPDATE requirements SET bid_deadline = now() + interval '47 hours', clarification_deadline = now() + interval '1 hour' WHERE id = $1`, [
      requirementId,
    ]);
    const closing = testApp.app.get(ClosingService);
    const first = await closing.remindDue();
    expect(await closing.remindDue()).toBe(0);
    expect(first).toBe(1); // only the late joiner has neither bid nor withdrawn
    await testApp.deliverEmails();
    expect(testApp.smtp!.to(HARBOUR).map((email) => email.subject)).not.toContain('Bids close in 48 hours');
  });

  it('reads as closed the moment the deadline passes, refuses late bids, and the job closes it once', async () => {
    await sql(`UPDATE requirements SET clarification_deadline = now() - interval '2 minutes', bid_deadline = now() - interval '1 minute' WHERE id = $1`, [
      requirementId,
    ]);
    const page = await commissioner.get(`/requirements/${requirementId}`);
    expect(page.$('h1 .govuk-tag').text()).toBe('Closed');
    const late = await harbour.submit(
      `/provider/opportunities/${requirementId}`,
      { declaration: 'confirmed' },
      `/provider/opportunities/${requirementId}/bid/submit`,
    );
    expect(late.status).toBe(409);
    expect(late.$('main').text()).toContain('The deadline for bids has passed. Your bid was not saved.');
    expect(
      (
        await harbour.post(`/provider/opportunities/${requirementId}/bid/withdraw`, {
          _csrf: (await harbour.get(`/provider/opportunities/${requirementId}`)).$('meta[name=csrf-token]').attr('content')!,
        })
      ).status,
    ).toBe(409);

    // Harbour's practitioner lapses: flagged at the close (BR-7).
    await sql(`UPDATE practitioners SET registration_expires_on = current_date - 1 WHERE id = $1`, [harbourPractitioner]);
    const closing = testApp.app.get(ClosingService);
    const [first, second] = await Promise.all([closing.closeDue(), closing.closeDue()]);
    expect(first + second).toBeGreaterThanOrEqual(1);
    expect((await sql(`SELECT status FROM requirements WHERE id = $1`, [requirementId]))[0].status).toBe('closed');
    expect((await sql(`SELECT count(*)::int AS n FROM audit_events WHERE entity_id = $1 AND action = 'requirement.closed'`, [requirementId]))[0].n).toBe(1);

    // BR-9: the commissioner declares on every bidder before seeing the bids.
    const undeclared = await commissioner.get(`/requirements/${requirementId}/bids`);
    expect(undeclared.$('main').text()).toContain('Before you see the bids, declare whether you have a conflict of interest');
    expect(undeclared.html).not.toContain('£1,100.00');
    await declareNoConflictsOnPage(commissioner, requirementId);
    const bids = await commissioner.get(`/requirements/${requirementId}/bids`);
    expect(bids.$('main').text()).toContain('£1,100.00');
    expect(bids.$('main').text()).toContain('Flagged at the deadline');
    await testApp.deliverEmails();
    expect(testApp.smtp!.to(DEMO.commissioner).map((email) => email.subject)).toContain('Bids have closed for a requirement');
    expect(testApp.smtp!.to(DEMO.panelMember).map((email) => email.subject)).toContain('Bids have closed for a requirement');
  });

  it('cancels a requirement with a reason and tells everyone invited', async () => {
    const noReason = await commissioner.submit(`/requirements/${requirementId}/cancel`, { reason: '' });
    expect(noReason.errorSummary.map((error) => error.text)).toEqual(['Enter the reason for cancelling']);
    expect((await commissioner.submit(`/requirements/${requirementId}/cancel`, { reason: 'The family has moved out of area' })).status).toBe(303);
    await testApp.deliverEmails();
    expect(testApp.smtp!.to(HARBOUR).map((email) => email.subject)).toContain('A requirement you were invited to bid for has been cancelled');
  });

  it('lists the agency’s requirements with filters and pages', async () => {
    const all = await commissioner.get('/requirements');
    expect(all.$('tbody tr').length).toBeGreaterThanOrEqual(3);
    const drafts = await commissioner.get('/requirements?status=draft');
    expect(
      drafts
        .$('tbody th a')
        .map((_, link) => drafts.$(link).text())
        .get(),
    ).toEqual(['Bad input draft']);
    expect((await commissioner.get('/requirements?status=cancelled&sort=title')).$('tbody tr').length).toBe(1);
    expect((await commissioner.get('/requirements?lot=not-a-uuid&page=abc')).status).toBe(200);
    const past = await harbour.get('/provider/opportunities?view=past&sort=title');
    expect(
      past
        .$('tbody th a')
        .map((_, link) => past.$(link).text())
        .get(),
    ).toEqual(['Theraplay for a child aged 8 to 10']);
    const open = await harbour.get('/provider/opportunities?view=open&sort=title');
    expect(
      open
        .$('tbody th a')
        .map((_, link) => open.$(link).text())
        .get(),
    ).toEqual(['Override draft']);
    expect((await harbour.get('/provider/opportunities?view=submitted')).$('main').text()).toContain('There is nothing in this list.');
  });
});

describe('the bid deadline, decided by the database clock', () => {
  let testApp: TestApp;
  let ids: Awaited<ReturnType<typeof referenceIds>>;
  let requirementId: string;
  const bidders: Array<{ session: WebSession; csrf: string }> = [];
  const sql = (query: string, params: unknown[] = []) => testApp.dataSource.query(query, params);

  beforeAll(async () => {
    testApp = await createTestApp();
    ids = await referenceIds(testApp.dataSource);
    const manager = new WebSession(testApp.server);
    await manager.signIn(DEMO.frameworkManager);
    const frameworkId = await createOpenFramework(manager, ids);
    const members = [];
    for (let index = 0; index < 6; index++) {
      members.push(await admitMember(testApp.dataSource, `Racing Provider ${index}`, { frameworkId, therapyTypeId: ids.theraplay, areaIds: [ids.ashford] }));
    }
    const commissioner = new WebSession(testApp.server);
    await commissioner.signIn(DEMO.commissioner);
    requirementId = await draftRequirement(commissioner, `${frameworkId}:${ids.theraplay}`, ids.ashford);
    expect((await commissioner.submit(`/requirements/${requirementId}/check`, {}, `/requirements/${requirementId}/publish`)).status).toBe(303);
    for (const member of members) {
      const session = new WebSession(testApp.server);
      await session.signIn(member.email!, 'factory password 2026');
      const saved = await session.submit(`/provider/opportunities/${requirementId}/bid`, {
        rate: '100',
        total: '1000',
        practitionerIds: member.practitionerId,
        ...dateFields('earliestStart', 20),
        answer1: 'An answer.',
        answer2: 'Another answer.',
        intent: 'continue',
      });
      expect(saved.status).toBe(303);
      bidders.push({ session, csrf: (await session.get(`/provider/opportunities/${requirementId}/bid/check`)).$('input[name=_csrf]').val() as string });
    }
  });
  afterAll(() => testApp.close());

  it('accepts every submission that commits before the deadline and none after it', async () => {
    await sql(`UPDATE requirements SET clarification_deadline = now(), bid_deadline = now() + interval '1500 milliseconds' WHERE id = $1`, [requirementId]);
    const [{ deadline }] = await sql(`SELECT bid_deadline AS deadline FROM requirements WHERE id = $1`, [requirementId]);
    const outcomes: Array<{ status: number; refusedForDeadline: boolean }> = [];
    // Every bidder re-submits as fast as it can for three seconds, across the deadline.
    const stopAt = Date.now() + 3000;
    await Promise.all(
      bidders.map(async ({ session, csrf }) => {
        while (Date.now() < stopAt) {
          const page = await session.post(`/provider/opportunities/${requirementId}/bid/submit`, { declaration: 'confirmed', _csrf: csrf });
          outcomes.push({ status: page.status, refusedForDeadline: page.html.includes('The deadline for bids has passed') });
        }
      }),
    );
    const accepted = outcomes.filter((outcome) => outcome.status === 303).length;
    const refused = outcomes.filter((outcome) => outcome.status === 409 && outcome.refusedForDeadline).length;
    expect(accepted + refused).toBe(outcomes.length); // nothing else: no 500s, no other refusals
    expect(accepted).toBeGreaterThan(0);
    expect(refused).toBeGreaterThan(0);

    const versions = await sql(`SELECT v.submitted_at FROM bid_versions v JOIN bids b ON b.id = v.bid_id WHERE b.requirement_id = $1`, [requirementId]);
    expect(versions).toHaveLength(accepted); // none accepted is lost, none refused is kept
    for (const version of versions) expect(version.submitted_at.getTime()).toBeLessThan(deadline.getTime());
    const [{ latest }] = await sql(`SELECT max(current_version)::int AS latest FROM bids WHERE requirement_id = $1`, [requirementId]);
    expect(latest).toBeGreaterThan(0);
  });

  it('refuses a bid written before the deadline whose transaction commits after it', async () => {
    await sql(`UPDATE requirements SET bid_deadline = now() + interval '10 minutes' WHERE id = $1`, [requirementId]);
    const [bid] = await sql(`SELECT id, current_version, practitioner_ids FROM bids WHERE requirement_id = $1 LIMIT 1`, [requirementId]);
    const [user] = await sql(`SELECT id FROM users LIMIT 1`);
    const runner = testApp.dataSource.createQueryRunner();
    await runner.connect();
    try {
      await runner.startTransaction();
      await runner.query(
        `INSERT INTO bid_versions (bid_id, version, rate_pence, total_pence, practitioner_ids, earliest_start_on, answers, over_ceiling, submitted_by_user_id)
         VALUES ($1, $2, 100, 1000, $3, current_date + 30, '[]', false, $4)`,
        [bid.id, bid.current_version + 1000, bid.practitioner_ids, user.id],
      );
      // The deadline passes while the transaction is still open.
      await sql(`UPDATE requirements SET bid_deadline = now() WHERE id = $1`, [requirementId]);
      await expect(runner.commitTransaction()).rejects.toThrow('bid_deadline_passed');
    } finally {
      if (runner.isTransactionActive) await runner.rollbackTransaction();
      await runner.release();
    }
    expect(await sql(`SELECT 1 FROM bid_versions WHERE version = $1`, [bid.current_version + 1000])).toEqual([]);
  });
});

describe('the demo market, as npm start seeds it', () => {
  let testApp: TestApp;
  afterAll(() => testApp.close());

  it('lets the demo commissioner publish a Theraplay spot requirement that invites exactly the covering members', async () => {
    testApp = await createTestApp({ smtp: true });
    const seeder = testApp.app.get(Seeder);
    expect(await seeder.seedDemoMarket()).toBe(true);
    expect(await seeder.seedDemoMarket()).toBe(false);
    const [lot] = await testApp.dataSource.query(
      `SELECT f.id || ':' || t.id AS value FROM frameworks f JOIN framework_lots l ON l.framework_id = f.id JOIN therapy_types t ON t.id = l.therapy_type_id WHERE t.name = 'Theraplay'`,
    );
    const [dover] = await testApp.dataSource.query(`SELECT id FROM areas WHERE name = 'Dover'`);
    const commissioner = new WebSession(testApp.server);
    await commissioner.signIn(DEMO.commissioner);
    const id = await draftRequirement(commissioner, lot.value, dover.id, { title: 'Theraplay for a child aged 8 to 10 in Dover' });
    expect((await commissioner.submit(`/requirements/${id}/check`, {}, `/requirements/${id}/publish`)).status).toBe(303);
    await testApp.deliverEmails();
    // Both demo providers are Theraplay members; only Harbour covers Dover.
    expect(testApp.smtp!.received.filter((email) => email.subject.startsWith('You are invited to bid')).map((email) => email.to)).toEqual([HARBOUR]);
  });
});
