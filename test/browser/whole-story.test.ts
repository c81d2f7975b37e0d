/// <reference lib="dom" />
import type { Browser, Page } from 'playwright-core';
import { ClosingService } from '../../src/competitions/closing.service';
import { DEMO_PASSWORD } from '../../src/database/seed/demo-data';
import { EMAIL_SUBJECTS } from '../../src/notifications/email-templates';
import { admitMember, dateFields, requirementSections } from '../factories/competitions';
import { INSURANCE_TYPES, insuranceFields, noExclusionGrounds, organisationFields, practitionerFields, referenceIds, TEST_PDF } from '../factories/frameworks';
import { FACTORY_PASSWORD } from '../factories/users';
import { createTestApp, TestApp } from '../support/test-app';
import { DEMO, pathOf } from '../support/web-session';
import { accessibilityViolations, keepFailureArtifacts, launchBrowser, listen, watchCspViolations } from './browser';

jest.setTimeout(300_000);

type Fields = Record<string, string | string[]>;

/**
 * Journeys 1 to 4 as one story, done only as the people would do them: in
 * Chromium, through the pages, typing and clicking, with every link that
 * arrives by email read from the SMTP server. The only things not done
 * through a page are the clock (the bid deadline passing, then the closing
 * job) and a competing provider already on the framework. Every page anyone
 * lands on is checked with axe. It runs with JavaScript and without.
 */
describe.each([
  ['with JavaScript', true],
  ['with JavaScript switched off', false],
])('the whole story in a real browser, %s', (_label, javaScriptEnabled) => {
  let testApp: TestApp;
  let browser: Browser;
  let baseUrl: string;
  const pages: Page[] = [];
  const cspViolations: string[] = [];

  beforeAll(async () => {
    testApp = await createTestApp({ smtp: true });
    baseUrl = await listen(testApp);
    browser = await launchBrowser();
  });
  afterAll(async () => {
    for (const page of pages) await keepFailureArtifacts(page);
    await browser?.close();
    await testApp?.close();
  });

  /** A person with their own browser window and cookies. */
  async function person(): Promise<Page> {
    const context = await browser.newContext({ javaScriptEnabled });
    const page = await context.newPage();
    page.setDefaultTimeout(15_000);
    cspViolations.push(...watchCspViolations(page));
    pages.push(page);
    return page;
  }

  async function expectAccessible(page: Page) {
    expect(await accessibilityViolations(page)).toEqual([]);
  }

  /** Opens a page and checks it: status 200 and no accessibility violations. */
  async function open(page: Page, path: string) {
    const response = await page.goto(path.startsWith('http') ? path : `${baseUrl}${path}`);
    expect({ path, status: response!.status() }).toEqual({ path, status: 200 });
    await expectAccessible(page);
  }

  /** Fills the fields of the form on the page by their names, as a person would: typing, ticking, choosing. */
  async function fill(page: Page, fields: Fields) {
    for (const [name, value] of Object.entries(fields)) {
      const control = page.locator(`[name="${name}"]`).first();
      const tag = await control.evaluate((element) => element.tagName.toLowerCase());
      const type = (await control.getAttribute('type')) ?? '';
      if (tag === 'select') await control.selectOption(String(value));
      else if (type === 'radio' || type === 'checkbox') for (const item of [value].flat()) await page.locator(`[name="${name}"][value="${item}"]`).check();
      else await control.fill(String(value));
    }
  }

  /** Presses the button and waits for the page the form leads to, which must not be an error and must pass axe. */
  async function press(page: Page, button: string | RegExp) {
    await Promise.all([page.waitForEvent('framenavigated'), page.getByRole('button', { name: button }).first().click()]);
    await page.waitForLoadState('load');
    expect({ url: page.url(), errors: await page.locator('.govuk-error-summary__list li').allTextContents() }).toEqual({ url: page.url(), errors: [] });
    await expectAccessible(page);
  }

  async function complete(page: Page, path: string, fields: Fields, button: string | RegExp) {
    await open(page, path);
    await fill(page, fields);
    await press(page, button);
  }

  async function signIn(page: Page, email: string, password = DEMO_PASSWORD) {
    await complete(page, '/sign-in', { email, password }, 'Sign in');
  }

  /** Delivers the outbox over SMTP, then the link to `pathPart` in the newest email from `template` to `to`. */
  async function linkInEmail(to: string, template: keyof typeof EMAIL_SUBJECTS, pathPart: string): Promise<string> {
    while ((await testApp.deliverEmails()).sent > 0);
    return `${baseUrl}${pathOf(testApp.smtp!.linkTo(to, pathPart, EMAIL_SUBJECTS[template]))}`;
  }

  const idIn = (page: Page, after: string) => new RegExp(`${after}/([0-9a-f-]{36})`).exec(page.url())![1];

  it('from a provider registering to the family’s feedback, through the pages and the emails alone', async () => {
    const ids = await referenceIds(testApp.dataSource);
    const newcomer = 'hello@willow-therapy.example';

    // The framework manager sets up the framework with one condition and opens it.
    const manager = await person();
    await signIn(manager, DEMO.frameworkManager);
    await open(manager, '/frameworks/new');
    await manager.getByLabel('Name', { exact: true }).fill('Adoption Support Framework 2026');
    await fill(manager, {
      route: 'dynamic_market',
      'opensOn[day]': '1',
      'opensOn[month]': '1',
      'opensOn[year]': '2026',
      'closesOn[day]': '31',
      'closesOn[month]': '12',
      'closesOn[year]': '2030',
    });
    await fill(manager, { agencyIds: ids.kent, therapyTypeIds: ids.theraplay, areaIds: ids.ashford });
    await press(manager, 'Create framework');
    const frameworkPath = `/frameworks/${idIn(manager, '/frameworks')}`;
    await complete(
      manager,
      `${frameworkPath}/conditions/new`,
      {
        question: 'Do you hold professional indemnity insurance of at least £5 million?',
        answerType: 'yes_no',
        lotScope: 'all',
        judgement: 'pass_fail',
        passingAnswer: 'yes',
      },
      'Add condition',
    );
    await open(manager, frameworkPath);
    await press(manager, 'Open the framework');

    // 1. A provider registers, confirms by email, sets up and applies.
    const provider = await person();
    await complete(
      provider,
      '/register',
      { organisationName: 'Willow Family Therapy Ltd', fullName: 'Robin Ellis', email: newcomer, password: 'willow family therapy 2026' },
      'Register',
    );
    await open(provider, await linkInEmail(newcomer, 'confirm-registration', '/register/confirm'));
    await signIn(provider, newcomer, 'willow family therapy 2026');
    await complete(provider, '/provider/organisation/edit', organisationFields(ids, 'Willow Family Therapy Ltd'), 'Save organisation details');
    await complete(provider, '/provider/practitioners/new', practitionerFields('Dr Kit Marsh', [ids.theraplay]), /Save|Add/);
    for (const type of INSURANCE_TYPES) {
      await open(provider, '/provider/documents/new');
      await fill(provider, insuranceFields(type));
      await provider.locator('input[type=file]').setInputFiles({ name: `${type}.pdf`, mimeType: 'application/pdf', buffer: TEST_PDF });
      await press(provider, 'Upload document');
    }
    await open(provider, '/provider/frameworks');
    await press(provider, 'Start or continue an application to join Adoption Support Framework 2026');
    const applicationPath = `/provider/applications/${idIn(provider, '/provider/applications')}`;
    await complete(provider, `${applicationPath}/lots`, { therapyTypeIds: ids.theraplay }, 'Save and continue');
    await open(provider, `${applicationPath}/practitioners`);
    for (const box of await provider.locator('input[name=practitionerIds]').all()) await box.check();
    await press(provider, 'Save and continue');
    await open(provider, `${applicationPath}/documents`);
    for (const box of await provider.locator('input[name=documentIds]').all()) await box.check();
    await press(provider, 'Save and continue');
    await open(provider, `${applicationPath}/answers`);
    await provider.getByLabel('Yes', { exact: true }).check();
    await press(provider, 'Save answers');
    await complete(provider, `${applicationPath}/exclusions`, noExclusionGrounds(), 'Save exclusion answers');
    await open(provider, `${applicationPath}/check`);
    await provider.getByLabel(/I confirm that the information/).check();
    await press(provider, 'Submit application');

    // The framework manager hears of it by email, judges it and admits the provider, who is told by email.
    await open(manager, await linkInEmail(DEMO.frameworkManager, 'application-received', '/evaluation/'));
    for (const pass of await manager.locator('input[name^="result-"][value=pass]').all()) await pass.check();
    await press(manager, 'Save judgements');
    await fill(manager, { [`decision-${ids.theraplay}`]: 'admitted', [`reason-${ids.theraplay}`]: 'Meets every condition' });
    await press(manager, 'Record the decision');
    await open(provider, await linkInEmail(newcomer, 'application-decided', '/provider/applications/'));
    await expect(provider.locator('main').textContent()).resolves.toContain('Meets every condition');

    // 2. A commissioner drafts and publishes a requirement; both members of the lot are invited and bid.
    const frameworkId = frameworkPath.split('/').pop()!;
    const rival = await admitMember(testApp.dataSource, 'Rowan Therapy', { frameworkId, therapyTypeId: ids.theraplay, areaIds: [ids.ashford] });
    const commissioner = await person();
    await signIn(commissioner, DEMO.commissioner);
    await complete(
      commissioner,
      '/requirements/new',
      {
        title: 'Theraplay for a child aged 8 to 10',
        lot: `${frameworkId}:${ids.theraplay}`,
        purchaseType: 'spot',
        areaId: ids.ashford,
        deliveryMode: 'in_person',
      },
      'Create draft',
    );
    const requirementPath = `/requirements/${idIn(commissioner, '/requirements')}`;
    for (const [section, fields] of requirementSections()) await complete(commissioner, `${requirementPath}/${section}`, fields, 'Save and continue');
    await open(commissioner, `${requirementPath}/check`);
    await press(commissioner, 'Publish requirement');
    await expect(commissioner.locator('.govuk-notification-banner__heading').textContent()).resolves.toBe('Requirement published');

    const bid = async (page: Page, email: string, rate: string) => {
      const opportunity = await linkInEmail(email, 'requirement-invitation', '/provider/opportunities/');
      await open(page, opportunity);
      await open(page, `${pathOf(opportunity)}/bid`);
      for (const box of await page.locator('input[name=practitionerIds]').all()) await box.check();
      await fill(page, { rate, total: String(Number(rate) * 10), ...dateFields('earliestStart', 45) });
      await page.getByLabel(/How will you build/).fill('Through play, at the child’s pace, in a room they know.');
      await page.getByLabel(/How will you involve/).fill('Parents join every session and practise at home.');
      await press(page, 'Continue');
      await page.getByLabel(/I confirm this bid is accurate/).check();
      await press(page, 'Submit bid');
      await expect(page.locator('.govuk-notification-banner__heading').textContent()).resolves.toBe('Bid submitted');
    };
    await bid(provider, newcomer, '90');
    const rivalPage = await person();
    await signIn(rivalPage, rival.email!, FACTORY_PASSWORD);
    await bid(rivalPage, rival.email!, '115');

    // The clock: the deadline passes and the closing job runs, as the scheduler would.
    await testApp.dataSource.query(
      `UPDATE requirements SET clarification_deadline = now() - interval '2 minutes', bid_deadline = now() - interval '1 minute' WHERE id = $1`,
      [requirementPath.split('/').pop()],
    );
    await testApp.app.get(ClosingService).closeDue();

    // 3. The panel chair, told by email, declares, scores, moderates, records the meeting and awards.
    const chair = await person();
    await signIn(chair, DEMO.panelMember);
    const panelPath = `/panel/requirements/${requirementPath.split('/').pop()}`;
    expect(await linkInEmail(DEMO.panelMember, 'requirement-closed', '/panel/requirements/')).toBe(`${baseUrl}${panelPath}`);
    await open(chair, panelPath);
    for (const radio of await chair.getByLabel('No conflict of interest').all()) await radio.check();
    await press(chair, 'Record my declaration');
    for (const score of await chair.locator('select[name^="score-"]').all()) await score.selectOption('3');
    for (const comment of await chair.locator('textarea[name^="comment-"]').all()) await comment.fill('Clear and child-centred.');
    await press(chair, 'Submit scores');
    await open(chair, `${panelPath}/moderation`);
    for (const score of await chair.locator('select[name^="score-"]').all()) await score.selectOption('3');
    for (const rationale of await chair.locator('textarea[name^="rationale-"]').all()) await rationale.fill('Agreed by the panel.');
    await press(chair, 'Save moderated scores');
    await open(chair, '/panel/meetings');
    await fill(chair, dateFields('meetingDate', 0));
    for (const box of await chair.locator('input[name=attendeeMemberIds]').all()) await box.check();
    await press(chair, 'Record meeting');
    await open(chair, `${panelPath}/decision`);
    await chair.getByLabel('Meeting', { exact: true }).selectOption({ index: 1 });
    await chair.getByLabel('Award to the highest-ranked bid').check();
    await chair.getByLabel('Rationale').fill('Equal quality; the lower price.');
    await press(chair, 'Record decision');
    await expect(chair.locator('.govuk-notification-banner__heading').textContent()).resolves.toBe('Award recorded');

    // The rival reads its assessment summary from its email; the winner hears too.
    await open(rivalPage, await linkInEmail(rival.email!, 'assessment-summary', '/outcome'));
    await expect(rivalPage.locator('h1').textContent()).resolves.toBe('Your assessment summary');
    await linkInEmail(newcomer, 'award-won', '/provider/opportunities/');

    // 4. The commissioner starts the contract; the provider delivers and ends it; the family gives feedback.
    await open(commissioner, await linkInEmail(DEMO.commissioner, 'requirement-decided', '/requirements/'));
    await open(commissioner, '/contracts');
    await commissioner.locator('main table a').first().click();
    await commissioner.waitForLoadState('load');
    const contractId = idIn(commissioner, '/contracts');
    await fill(commissioner, { outcomeTools: 'SDQ', reportIntervalWeeks: '6', ...dateFields('startsOn', 0), ...dateFields('endsOn', 60) });
    await press(commissioner, 'Start contract');

    const contractPath = `/provider/contracts/${contractId}`;
    await open(provider, await linkInEmail(newcomer, 'contract-started', '/provider/contracts/'));
    await complete(provider, `${contractPath}/delivery`, { ...dateFields('deliveredOn', 0), sessions: '10' }, 'Log sessions');
    await open(provider, `${contractPath}/outcomes`);
    await provider.getByLabel('Strengths and Difficulties Questionnaire (SDQ)').check();
    await provider.getByLabel('Baseline score').fill('28');
    await press(provider, 'Record baseline');
    await provider.getByLabel('SDQ total').fill('17');
    await press(provider, 'Record end scores');
    await open(provider, `${contractPath}/reports/end`);
    await provider.getByLabel('Good: the family took part fully').check();
    await provider.getByLabel('Met', { exact: true }).check();
    await provider.getByLabel('Summary of the work so far').fill('Ten sessions; the family engaged well.');
    await provider.getByLabel('Recommendations for the family’s future support').fill('Universal support');
    await provider.getByLabel('No', { exact: true }).check();
    await press(provider, 'Submit end report');
    await open(provider, `${contractPath}/ending`);
    await provider.getByLabel('Planned', { exact: true }).check();
    await provider.getByLabel('The goals of the work were met').check();
    await fill(provider, dateFields('endedOn', 0));
    await provider.getByLabel('How did the work end?').fill('Ended as planned.');
    await press(provider, 'End the work');
    await expect(provider.locator('.govuk-notification-banner__heading').textContent()).resolves.toBe('Contract completed');

    await complete(commissioner, `/contracts/${contractId}/delivery`, { adopterEmail: 'parent@family.example' }, 'Send feedback links');
    const family = await person();
    await open(family, await linkInEmail('parent@family.example', 'feedback-request', '/feedback/'));
    for (const question of [
      'How helpful was the therapy for your family?',
      'How well did the therapist listen to you and your child?',
      'How much better are things for your child since the therapy started?',
    ]) {
      await family.getByRole('group', { name: question }).getByLabel('Quite a lot').check();
    }
    await press(family, 'Send my answers');
    await expect(family.locator('h1').textContent()).resolves.toBe('Thank you');

    // What the story left behind, as the framework manager's quality page shows it.
    await open(manager, '/quality/providers');
    await expect(manager.locator('main').textContent()).resolves.toContain('Willow Family Therapy Ltd');
    expect(cspViolations).toEqual([]);
  });
});
