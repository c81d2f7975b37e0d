/**
 * Issue 21: each role's home page leads with its work queue, with counts and
 * due dates, each task linking to where it is done; and nothing of another
 * partnership's (or another provider's) work ever shows.
 */
import { createHash } from 'node:crypto';
import { addDays } from '../src/common/calendar/dates';
import { londonDate } from '../src/common/calendar/working-days';
import { formatIsoDate } from '../src/common/views/format';
import { activeContract, declareNoConflicts, quorateMeeting, scoreAndModerateAllThrees } from './factories/awards';
import { closedRequirementWithBids, openRequirementWithBids } from './factories/competitions';
import { TEST_PDF } from './factories/frameworks';
import { createSecondPartnership, SecondPartnership } from './factories/partnerships';
import { createTestApp, TestApp } from './support/test-app';
import { DEMO, Page, WebSession } from './support/web-session';

let testApp: TestApp;
let second: SecondPartnership;
const sql = (query: string, params: unknown[] = []) => testApp.dataSource.query(query, params);
const today = () => londonDate(new Date());

/** The queue section with the given id, as [link text, href, hint, tag] per task. */
function section(page: Page, id: string) {
  const heading = page.$(`#${id}`);
  const list = heading.next('.govuk-task-list');
  return {
    heading: heading.text().trim(),
    tasks: list
      .find('.govuk-task-list__item')
      .map((_, item) => [
        [
          page.$(item).find('a').text().trim(),
          page.$(item).find('a').attr('href'),
          page.$(item).find('.govuk-task-list__hint').text().trim(),
          page.$(item).find('.govuk-tag').text().trim(),
        ],
      ])
      .get() as Array<[string, string, string, string]>,
  };
}

const signedIn = async (email: string, password?: string) => {
  const session = new WebSession(testApp.server);
  await session.signIn(email, password);
  return session;
};

let open: Awaited<ReturnType<typeof openRequirementWithBids>>;
let closed: Awaited<ReturnType<typeof closedRequirementWithBids>>;
let delivering: Awaited<ReturnType<typeof activeContract>>;
let clarificationId: string;
let applicationId: string;
let meetingId: string;

beforeAll(async () => {
  testApp = await createTestApp();
  const chair = await signedIn(DEMO.panelMember);
  meetingId = await quorateMeeting(testApp, chair);
  second = await createSecondPartnership(testApp.dataSource);

  // A contract started 60 days ago with reports every 4 weeks: its first progress report is a month overdue.
  delivering = await activeContract(testApp, {
    winner: 'Birch Queue Therapy',
    startDays: -60,
    endDays: 60,
    reportIntervalWeeks: 4,
    requirement: { title: 'Theraplay delivered for a child aged 9' },
  });

  // An open requirement with a question waiting, and the demo provider invited but not yet bidding.
  open = await openRequirementWithBids(testApp, [['Alder Queue Therapy', '95']], { title: 'Theraplay open for a child aged 8' });
  const [alderUser] = await sql(`SELECT id FROM users WHERE provider_id = $1`, [open.providerIds['Alder Queue Therapy']]);
  [{ id: clarificationId }] = await sql(
    `INSERT INTO requirement_clarifications (requirement_id, provider_id, asked_by_user_id, question) VALUES ($1, $2, $3, 'Can sessions be held after school?') RETURNING id`,
    [open.requirementId, open.providerIds['Alder Queue Therapy'], alderUser.id],
  );
  const [oakleaf] = await sql(`SELECT id FROM provider_organisations WHERE name = 'Oakleaf Family Therapy Ltd'`);
  await sql(`INSERT INTO invitations (requirement_id, provider_id, reason) VALUES ($1, $2, 'joined_later')`, [open.requirementId, oakleaf.id]);
  // The demo provider's public liability cover runs out in 5 days; Alder's employer's liability in 3.
  const pdf = await sql(`INSERT INTO stored_files (content, media_type, size_bytes, sha256) VALUES ($1, 'application/pdf', $2, $3) RETURNING id`, [
    TEST_PDF,
    TEST_PDF.length,
    createHash('sha256').update(TEST_PDF).digest('hex'),
  ]);
  await sql(
    `INSERT INTO compliance_documents (provider_id, type, cover_amount_pence, expires_on, stored_file_id, file_name) VALUES ($1, 'public_liability', 500000000, $2, $3, 'cover.pdf')`,
    [oakleaf.id, addDays(today(), 5), pdf[0].id],
  );
  await sql(`UPDATE compliance_documents SET expires_on = $2 WHERE provider_id = $1 AND type = 'employers_liability'`, [
    open.providerIds['Alder Queue Therapy'],
    addDays(today(), 3),
  ]);
  // Alder has applied to the partnership's framework, submitted 3 days ago.
  [{ id: applicationId }] = await sql(
    `INSERT INTO applications (provider_id, framework_id, status, submitted_at) VALUES ($1, $2, 'submitted', now() - interval '3 days') RETURNING id`,
    [open.providerIds['Alder Queue Therapy'], open.frameworkId],
  );

  // A closed requirement the panel has still to declare on.
  closed = await closedRequirementWithBids(testApp, [['Cedar Queue Therapy', '90']], { title: 'Theraplay closed for a child aged 10' });
}, 180_000);
afterAll(() => testApp.close());

describe('the commissioner’s work queue', () => {
  it('leads with questions to answer, requirements closing, and reports overdue, each with its due date and link', async () => {
    const page = await (await signedIn(DEMO.commissioner)).get('/commissioner');
    expect(page.status).toBe(200);
    expect(page.$('main h2').first().text()).toMatch(/^Your work \(\d+\)$/);

    const questions = section(page, 'questions');
    expect(questions.heading).toBe('Questions to answer (1)');
    const [clarificationDeadline] = await sql(`SELECT clarification_deadline FROM requirements WHERE id = $1`, [open.requirementId]);
    expect(questions.tasks).toEqual([
      [
        'Answer 1 question on Theraplay open for a child aged 8',
        `/requirements/${open.requirementId}/clarifications/${clarificationId}`,
        `Due by ${formatIsoDate(londonDate(clarificationDeadline.clarification_deadline))}`,
        'Due soon',
      ],
    ]);

    const closing = section(page, 'closing');
    expect(closing.tasks).toContainEqual([
      'Theraplay open for a child aged 8',
      `/requirements/${open.requirementId}`,
      expect.stringMatching(/^Closes on .+\. Theraplay in Ashford$/),
      'To do',
    ]);
    expect(closing.heading).toBe(`Requirements closing for bids (${closing.tasks.length})`);

    const overdue = section(page, 'reports-overdue');
    expect(overdue.heading).toBe('Delivery reports overdue (1)');
    expect(overdue.tasks).toEqual([
      [
        'Chase Birch Queue Therapy’s progress report',
        `/contracts/${delivering.contractId}/delivery`,
        expect.stringMatching(/^Was due .+\. Theraplay delivered for a child aged 9$/),
        'Overdue',
      ],
    ]);
    expect((await (await signedIn(DEMO.commissioner)).get(overdue.tasks[0][1])).status).toBe(200);
  });

  it('lists a contract awarded but not started under contracts to start', async () => {
    const chair = await signedIn(DEMO.panelMember);
    const { requirementId, bidIds, providerIds } = await closedRequirementWithBids(testApp, [['Elm Queue Therapy', '95']], {
      title: 'Theraplay to start for a child aged 7',
    });
    await scoreAndModerateAllThrees(chair, requirementId, bidIds, providerIds);
    expect((await chair.submit(`/panel/requirements/${requirementId}/decision`, { meetingId, outcome: 'awarded', rationale: 'Best value' })).status).toBe(303);
    const [contract] = await sql(`SELECT id FROM contracts WHERE requirement_id = $1`, [requirementId]);
    const page = await (await signedIn(DEMO.commissioner)).get('/commissioner');
    expect(section(page, 'contracts-to-start').tasks).toContainEqual([
      'Start the spot contract with Elm Queue Therapy',
      `/contracts/${contract.id}`,
      expect.stringMatching(/^Start by .+\. Theraplay to start for a child aged 7$/),
      'To do',
    ]);
  }, 60_000);
});

describe('the panel member’s work queue', () => {
  it('asks for declarations, then scores, by the next meeting, and shows that meeting', async () => {
    const member = await signedIn(DEMO.panelMember);
    let page = await member.get('/panel');
    expect(page.status).toBe(200);
    const meetingDay = formatIsoDate(today());
    expect(section(page, 'declare').tasks).toContainEqual([
      'Declare any conflicts on Theraplay closed for a child aged 10',
      `/panel/requirements/${closed.requirementId}`,
      `Due by ${meetingDay}. Theraplay. Before the panel meets`,
      'Due today',
    ]);
    expect(section(page, 'next-meeting').tasks).toEqual([
      [`Panel meeting on ${meetingDay}`, `/panel/meetings/${meetingId}`, `On ${meetingDay}. You are attending`, 'Due today'],
    ]);
    // Still sealed: the open requirement is not the panel's yet.
    expect(page.$('main').text()).not.toContain('Theraplay open for a child aged 8');

    await declareNoConflicts(member, closed.requirementId, closed.providerIds);
    page = await member.get('/panel');
    expect(section(page, 'declare').tasks.map(([text]) => text)).not.toContain('Declare any conflicts on Theraplay closed for a child aged 10');
    expect(section(page, 'score').tasks).toContainEqual([
      'Score the bids for Theraplay closed for a child aged 10',
      `/panel/requirements/${closed.requirementId}/scores`,
      `Due by ${meetingDay}. Theraplay. Before the panel meets`,
      'Due today',
    ]);
  });
});

describe('the framework manager’s work queue', () => {
  it('lists applications by their decision clock and members’ documents expiring', async () => {
    const page = await (await signedIn(DEMO.frameworkManager)).get('/framework-manager');
    expect(page.status).toBe(200);
    const applications = section(page, 'applications');
    expect(applications.heading).toBe('Applications to decide (1)');
    expect(applications.tasks).toEqual([
      [
        expect.stringMatching(/^Decide Alder Queue Therapy’s application to Panel Services \d+$/),
        `/evaluation/${applicationId}`,
        expect.stringMatching(/^Due by .+\. Working day \d+ of \d+$/),
        expect.any(String),
      ],
    ]);
    expect(section(page, 'expiring-documents').tasks).toContainEqual([
      'Alder Queue Therapy: Employer’s liability insurance',
      '/memberships',
      `Expires on ${formatIsoDate(addDays(today(), 3))}`,
      'Due soon',
    ]);
  });
});

describe('the provider’s work queue', () => {
  it('lists its open invitations closing soonest, its documents expiring and its reports due', async () => {
    const page = await (await signedIn(DEMO.provider)).get('/provider');
    expect(page.status).toBe(200);
    expect(section(page, 'invitations').tasks).toEqual([
      [
        'Bid for Theraplay open for a child aged 8',
        `/provider/opportunities/${open.requirementId}`,
        expect.stringMatching(/^Closes on .+\. Theraplay in Ashford$/),
        'To do',
      ],
    ]);
    expect(section(page, 'documents').tasks).toContainEqual([
      'Public liability insurance',
      '/provider/documents',
      `Expires on ${formatIsoDate(addDays(today(), 5))}`,
      'Due soon',
    ]);
    expect(section(page, 'applications').tasks).toEqual([['Complete your organisation details', '/provider/organisation/edit', '', 'To do']]);

    const birch = await delivering.provider.get('/provider');
    expect(section(birch, 'reports').tasks).toEqual([
      [
        'Send the progress report for Theraplay delivered for a child aged 9',
        `/provider/contracts/${delivering.contractId}/reports/progress`,
        expect.stringMatching(/^Was due /),
        'Overdue',
      ],
    ]);
    expect((await delivering.provider.get(`/provider/contracts/${delivering.contractId}/reports/progress`)).status).toBe(200);
  });

  it('never shows another provider’s invitations or documents', async () => {
    const page = await (await signedIn(DEMO.otherProvider)).get('/provider');
    const main = page.$('main').text();
    expect(main).not.toContain('Theraplay open for a child aged 8');
    expect(main).not.toContain('Public liability insurance');
    expect(page.$('#invitations').length).toBe(0);
  });
});

describe('another partnership', () => {
  it('sees none of the first partnership’s tasks on any dashboard', async () => {
    const titles = [
      'Theraplay open for a child aged 8',
      'Theraplay closed for a child aged 10',
      'Theraplay delivered for a child aged 9',
      'Alder Queue Therapy',
      'Birch Queue Therapy',
      'Cedar Queue Therapy',
    ];
    for (const [email, path] of [
      [second.commissioner, '/commissioner'],
      [second.panelMember, '/panel'],
      [second.frameworkManager, '/framework-manager'],
    ]) {
      const page = await (await signedIn(email, second.password)).get(path);
      expect(page.status).toBe(200);
      for (const title of titles) expect(page.$('main').text()).not.toContain(title);
      expect(page.$('#work-queue-empty').text()).toBe('Nothing needs doing now.');
    }
  });
});

describe('the service navigation', () => {
  it('gives each role its main sections, marking the one in use', async () => {
    const commissioner = await signedIn(DEMO.commissioner);
    const page = await commissioner.get('/requirements');
    const links = page
      .$('.govuk-service-navigation__link')
      .map((_, link) => page.$(link).attr('href'))
      .get();
    expect(links).toEqual(['/', '/commissioner', '/requirements', '/contracts', '/quality/providers', '/insights/market', '/account', '/sign-out']);
    expect(page.$('.govuk-service-navigation__item--active a').attr('href')).toBe('/requirements');
  });
});
