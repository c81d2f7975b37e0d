/// <reference lib="dom" />
import { readFileSync } from 'node:fs';
import type { BrowserContext, Page } from 'playwright-core';
import { TestApp } from '../support/test-app';
import { createOpenFramework, prepareProvider, referenceIds } from '../factories/frameworks';
import { EXCLUSION_QUESTIONS } from '../../src/applications/exclusion-grounds';
import { DEMO, WebSession } from '../support/web-session';
import { FACTORY_PASSWORD } from '../factories/users';
import { admitMember, closedRequirementWithBids, dateFields, draftRequirement } from '../factories/competitions';
import { activeContract } from '../factories/awards';
import { ocdsSchemaProblems } from '../support/ocds-schema';
import { usePageForEachTest } from './browser';

jest.setTimeout(120_000);

/**
 * Every journey runs twice: with JavaScript, and with it switched off, as
 * GOV.UK progressive enhancement promises the service still works without it.
 */
describe.each([
  ['with JavaScript', true],
  ['with JavaScript switched off', false],
])('in a real browser, %s', (_label, javaScriptEnabled) => {
  const browsing = usePageForEachTest({ context: { javaScriptEnabled, acceptDownloads: true } });
  let testApp: TestApp;
  let baseUrl: string;
  let context: BrowserContext;
  let page: Page;
  beforeEach(() => ({ testApp, baseUrl, context, page } = browsing));

  const { visit, expectAccessible, signIn } = browsing;

  it.each(['/', '/sign-in', '/register', '/forgot-password', '/accessibility', '/privacy', '/cookies'])(
    'public page %s passes axe and runs GOV.UK Frontend under the CSP when it can',
    async (path) => {
      expect(await visit(path)).toBe(200);
      // The class GOV.UK Frontend's script adds: present only when scripts run, which proves which run this is.
      const bodyClass = (await page.locator('body').getAttribute('class')) ?? '';
      expect(bodyClass.includes('govuk-frontend-supported')).toBe(javaScriptEnabled);
      await expectAccessible();
    },
  );

  it('shows an accessible 404 page', async () => {
    expect(await visit('/no-such-page')).toBe(404);
    await expect(page.locator('h1').textContent()).resolves.toBe('Page not found');
    await expectAccessible();
  });

  it('puts the error summary first when sign-in fails, and its links reach the fields', async () => {
    await visit('/sign-in');
    await page.getByRole('button', { name: 'Sign in' }).click();
    await page.waitForURL(`${baseUrl}/sign-in`);
    expect(await page.title()).toBe('Error: Sign in - Adoption Support Commissioning Portal');
    // GOV.UK Frontend's script moves focus to the summary; without it the summary is still first in the page.
    if (javaScriptEnabled) expect(await page.evaluate(() => document.activeElement?.className ?? '')).toContain('govuk-error-summary');
    else expect(await page.locator('main .govuk-error-summary').count()).toBe(1);
    await expectAccessible();
    await page.getByRole('link', { name: 'Enter your password' }).click();
    expect(await page.evaluate(() => document.activeElement?.id)).toBe('password');
  });

  it.each([
    [DEMO.provider, '/provider'],
    [DEMO.commissioner, '/commissioner'],
    [DEMO.frameworkManager, '/framework-manager'],
    [DEMO.panelMember, '/panel'],
    [DEMO.admin, '/admin'],
  ])('%s signs in, lands on an accessible dashboard and signs out', async (email, path) => {
    await signIn(email);
    await page.waitForURL(`${baseUrl}${path}`);
    await expectAccessible();
    await page.getByRole('link', { name: 'Sign out' }).click();
    await expect(page.locator('h1').textContent()).resolves.toBe('You have signed out');
  });

  it('an admin adds a user, with errors first, and every admin page is accessible', async () => {
    await signIn(DEMO.admin);
    await page.waitForURL(`${baseUrl}/admin`);
    for (const path of ['/admin/users', '/admin/audit', '/admin/emails', '/admin/panel', '/admin/retention']) {
      expect(await visit(path)).toBe(200);
      await expectAccessible();
    }
    await visit('/admin/users/new');
    await expectAccessible();
    await page.getByRole('button', { name: 'Add user' }).click();
    await expect(page.locator('.govuk-error-summary__list li').count()).resolves.toBe(4);
    await expectAccessible();
    await page.getByLabel('Full name').fill('Grace Adeyemi');
    await page.getByLabel('Email address').fill('grace@bexley.example');
    await page.getByLabel('Agency').selectOption({ label: 'London Borough of Bexley' });
    await page.getByLabel('Commissioner').check();
    await page.getByRole('button', { name: 'Add user' }).click();
    await page.waitForURL(`${baseUrl}/admin/users`);
    await expect(page.locator('.govuk-notification-banner__heading').textContent()).resolves.toBe('Grace Adeyemi has been added');
    await expectAccessible();
  });

  it('a provider admin sees colleagues and the invite form is accessible with errors', async () => {
    await signIn(DEMO.provider);
    await page.waitForURL(`${baseUrl}/provider`);
    await visit('/provider/colleagues');
    await expectAccessible();
    await page.getByRole('button', { name: 'Send invitation' }).click();
    await expect(page.locator('.govuk-error-summary').isVisible()).resolves.toBe(true);
    await expectAccessible();
    for (const [path, button] of [
      ['/provider/organisation/edit', 'Save organisation details'],
      ['/provider/practitioners/new', 'Add practitioner'],
      ['/provider/documents/new', 'Upload document'],
    ]) {
      await visit(path);
      await expectAccessible();
      await page.getByRole('button', { name: button }).click();
      await expect(page.locator('.govuk-error-summary').isVisible()).resolves.toBe(true);
      await expectAccessible();
    }
    for (const path of ['/provider/organisation', '/provider/practitioners', '/provider/documents', '/provider/frameworks']) {
      await visit(path);
      await expectAccessible();
    }
  });

  it('a framework manager sets up a framework, and each set-up page is accessible', async () => {
    await signIn(DEMO.frameworkManager);
    await page.waitForURL(`${baseUrl}/framework-manager`);
    for (const path of ['/evaluation', '/memberships']) {
      await visit(path);
      await expectAccessible();
    }
    // The debarment list: add an entry, through an error, and end it.
    await visit('/debarment');
    await expectAccessible();
    await page.getByRole('button', { name: 'Add an entry' }).click();
    await expectAccessible();
    await page.getByRole('button', { name: 'Add entry' }).click();
    await expect(page.locator('.govuk-error-summary__list li').count()).resolves.toBe(6);
    await expectAccessible();
    await page.getByLabel('Supplier’s name').fill(`Journey Debarred Ltd ${javaScriptEnabled ? 'js' : 'no-js'}`);
    await page.getByLabel('Mandatory (Schedule 6)').check();
    await page.getByLabel('Exclusion ground').fill('Fraud');
    for (const [id, value] of [
      ['addedOn-day', '1'],
      ['addedOn-month', '6'],
      ['addedOn-year', '2026'],
      ['endsOn-day', '1'],
      ['endsOn-month', '6'],
      ['endsOn-year', '2031'],
    ])
      await page.locator(`#${id}`).fill(value);
    await page.getByLabel('Source or reference').fill('List entry 2026/001');
    await page.getByRole('button', { name: 'Add entry' }).click();
    await expect(page.locator('.govuk-notification-banner__heading').textContent()).resolves.toBe('Entry added');
    await expectAccessible();
    await page.getByLabel('Why does the entry end?').fill('Removed by the Minister');
    await page.getByRole('button', { name: 'End entry' }).click();
    await expect(page.locator('.govuk-notification-banner__heading').textContent()).resolves.toBe('Entry ended');
    await visit('/frameworks');
    await expectAccessible();
    await page.getByRole('button', { name: 'Create a framework' }).click();
    await expectAccessible();
    await page.getByRole('button', { name: 'Create framework' }).click();
    await expect(page.locator('.govuk-error-summary__list li').count()).resolves.toBe(7);
    await expectAccessible();
    await page.getByLabel('Name', { exact: true }).fill('Therapeutic Services 2027');
    await page.getByLabel('Dynamic market', { exact: true }).check();
    await page.locator('#opensOn-day').fill('1');
    await page.locator('#opensOn-month').fill('4');
    await page.locator('#opensOn-year').fill('2027');
    await page.locator('#closesOn-day').fill('31');
    await page.locator('#closesOn-month').fill('3');
    await page.locator('#closesOn-year').fill('2031');
    await page.getByLabel('Kent County Council').check();
    await page.getByLabel('Theraplay').check();
    await page.getByLabel('Ashford').check();
    await page.getByRole('button', { name: 'Create framework' }).click();
    await expect(page.locator('.govuk-notification-banner__heading').textContent()).resolves.toBe('Therapeutic Services 2027 has been created');
    await expectAccessible();
    await page.getByRole('button', { name: 'Add a condition' }).click();
    await expectAccessible();
    await page.getByRole('button', { name: 'Add condition' }).click();
    await expect(page.locator('.govuk-error-summary').isVisible()).resolves.toBe(true);
    await expectAccessible();
  });

  it('a provider’s application pages and the evaluation page are accessible', async () => {
    const ids = await referenceIds(testApp.dataSource);
    const manager = new WebSession(testApp.server);
    await manager.signIn(DEMO.frameworkManager);
    const frameworkId = await createOpenFramework(manager, ids, 'Accessible Services 2026');
    const provider = new WebSession(testApp.server);
    await provider.signIn(DEMO.provider);
    await prepareProvider(provider, ids);
    const applicationId = (await provider.submit('/provider/frameworks', {}, `/provider/frameworks/${frameworkId}/apply`)).location!.split('/').pop()!;
    await provider.submit(`/provider/applications/${applicationId}/lots`, { therapyTypeIds: [ids.theraplay] });

    await signIn(DEMO.provider);
    await page.waitForURL(`${baseUrl}/provider`);
    await expectAccessible();
    for (const path of ['', '/lots', '/practitioners', '/documents', '/answers']) {
      await visit(`/provider/applications/${applicationId}${path}`);
      await expectAccessible();
    }
    await page.getByRole('button', { name: 'Save answers' }).click();
    await expect(page.locator('.govuk-error-summary').isVisible()).resolves.toBe(true);
    await expectAccessible();

    const practitionerIds = (await testApp.dataSource.query(`SELECT id FROM practitioners`)).map((row: { id: string }) => row.id);
    await provider.submit(`/provider/applications/${applicationId}/practitioners`, { practitionerIds });
    const documentIds = (await testApp.dataSource.query(`SELECT id FROM compliance_documents`)).map((row: { id: string }) => row.id);
    await provider.submit(`/provider/applications/${applicationId}/documents`, { documentIds });
    const conditions = await testApp.dataSource.query(
      'SELECT id, answer_type, lot_therapy_type_ids FROM membership_conditions WHERE framework_id = $1 ORDER BY position',
      [frameworkId],
    );
    const answers: Record<string, string> = {};
    for (const condition of conditions) {
      if (condition.lot_therapy_type_ids.length && !condition.lot_therapy_type_ids.includes(ids.theraplay)) continue;
      if (condition.answer_type === 'yes_no') answers[`answer-${condition.id}`] = 'yes';
      if (condition.answer_type === 'text') answers[`answer-${condition.id}`] = 'Monthly supervision';
      if (condition.answer_type === 'date')
        Object.assign(answers, { [`answer-${condition.id}[day]`]: '1', [`answer-${condition.id}[month]`]: '6', [`answer-${condition.id}[year]`]: '2026' });
    }
    await provider.submit(`/provider/applications/${applicationId}/answers`, answers);

    // The exclusion questions: an error state, and "Yes" revealing its details box (shown anyway without JavaScript).
    await visit(`/provider/applications/${applicationId}/exclusions`);
    await expectAccessible();
    const details = page.locator('#conditional-exclusion-serious_crime');
    await expect(details.isVisible()).resolves.toBe(!javaScriptEnabled);
    await page.locator('#exclusion-serious_crime').check();
    await expect(details.isVisible()).resolves.toBe(true);
    await page.getByRole('button', { name: 'Save exclusion answers' }).click();
    await expect(page.locator('.govuk-error-summary').isVisible()).resolves.toBe(true);
    await expectAccessible();
    // One yes, so the framework manager's exclusion assessment form is on the evaluation page below.
    for (const question of EXCLUSION_QUESTIONS)
      await page.locator(`input[name="exclusion-${question.id}"][value=${question.id === 'associated_persons' ? 'yes' : 'no'}]`).check();
    await page.locator('#exclusion-associated_persons-details').fill('Our supervisor’s practice had a contract ended in 2024; we can replace them');
    await page.getByRole('button', { name: 'Save exclusion answers' }).click();
    await expect(page.locator('.govuk-notification-banner__heading').textContent()).resolves.toBe('Exclusion answers saved');

    await visit(`/provider/applications/${applicationId}/check`);
    await expectAccessible();
    await page.getByRole('button', { name: 'Submit application' }).click();
    await expect(page.locator('.govuk-error-summary').isVisible()).resolves.toBe(true);
    await expectAccessible();
    await page.getByLabel(/I confirm that the information/).check();
    await page.getByRole('button', { name: 'Submit application' }).click();
    await expect(page.locator('.govuk-notification-banner__heading').textContent()).resolves.toBe('Application submitted');
    await expectAccessible();

    await context.clearCookies();
    await signIn(DEMO.frameworkManager);
    await page.waitForURL(`${baseUrl}/framework-manager`);
    await visit(`/evaluation/${applicationId}`);
    await expect(page.getByRole('button', { name: 'Record exclusion assessment' }).isVisible()).resolves.toBe(true);
    await expectAccessible();
    await page.getByRole('button', { name: 'Record the decision' }).click();
    await expect(page.locator('.govuk-error-summary').isVisible()).resolves.toBe(true);
    await expectAccessible();
  });

  it('a commissioner drafts and publishes a requirement, and a provider bids, on accessible pages', async () => {
    const ids = await referenceIds(testApp.dataSource);
    const manager = new WebSession(testApp.server);
    await manager.signIn(DEMO.frameworkManager);
    const frameworkId = await createOpenFramework(manager, ids, 'Competition Services 2026');
    const { practitionerId } = await admitMember(testApp.dataSource, 'Oakleaf Family Therapy Ltd', {
      frameworkId,
      therapyTypeId: ids.theraplay,
      areaIds: [ids.ashford],
    });

    await signIn(DEMO.commissioner);
    await page.waitForURL(`${baseUrl}/commissioner`);
    await expectAccessible();
    await visit('/requirements/new');
    await page.getByRole('button', { name: 'Create draft' }).click();
    await expect(page.locator('.govuk-error-summary').isVisible()).resolves.toBe(true);
    await expectAccessible();
    const commissioner = new WebSession(testApp.server);
    await commissioner.signIn(DEMO.commissioner);
    const requirementId = await draftRequirement(commissioner, `${frameworkId}:${ids.theraplay}`, ids.ashford, { needsDescription: 'Born 12/03/2017' });
    for (const path of ['', '/basics', '/needs', '/case', '/service', '/funding', '/evaluation', '/dates', '/check']) {
      expect(await visit(`/requirements/${requirementId}${path}`)).toBe(200);
      await expectAccessible();
    }
    await page.getByRole('button', { name: 'Publish requirement' }).click();
    await expect(page.locator('.govuk-error-summary').isVisible()).resolves.toBe(true);
    await expectAccessible();
    await page.getByLabel('I have checked these and they do not identify the child').check();
    await page.getByRole('button', { name: 'Publish requirement' }).click();
    await expect(page.locator('.govuk-notification-banner__heading').textContent()).resolves.toBe('Requirement published');
    await expectAccessible();
    for (const path of ['/requirements', `/requirements/${requirementId}/bids`, `/requirements/${requirementId}/cancel`]) {
      expect(await visit(path)).toBe(200);
      await expectAccessible();
    }

    await context.clearCookies();
    await signIn(DEMO.provider);
    await page.waitForURL(`${baseUrl}/provider`);
    for (const path of ['/provider/opportunities', `/provider/opportunities/${requirementId}`, `/provider/opportunities/${requirementId}/bid`]) {
      expect(await visit(path)).toBe(200);
      await expectAccessible();
    }
    await page.getByRole('button', { name: 'Continue' }).click();
    await expect(page.locator('.govuk-error-summary').isVisible()).resolves.toBe(true);
    await expectAccessible();
    await page.getByLabel('Rate per session').fill('95');
    await page.getByLabel('Total price').fill('950');
    await page.locator(`input[value="${practitionerId}"]`).check();
    await page.locator('#earliestStart-day').fill('4');
    await page.locator('#earliestStart-month').fill('1');
    await page.locator('#earliestStart-year').fill(String(new Date().getUTCFullYear() + 1));
    await page.getByLabel(/How will you build/).fill('Through play at the child’s pace.');
    await page.getByLabel(/How will you involve/).fill('Parents join every session.');
    await page.getByRole('button', { name: 'Continue' }).click();
    await page.waitForURL(`${baseUrl}/provider/opportunities/${requirementId}/bid/check`);
    await expectAccessible();
    await page.getByLabel(/I confirm this bid is accurate/).check();
    await page.getByRole('button', { name: 'Submit bid' }).click();
    await expect(page.locator('.govuk-notification-banner__heading').textContent()).resolves.toBe('Bid submitted');
    await expectAccessible();
    expect(await visit(`/provider/opportunities/${requirementId}/bid/withdraw`)).toBe(200);
    await expectAccessible();
  });

  it('the panel declares, scores, moderates, meets and awards, and a bidder reads its summary, on accessible pages', async () => {
    const { requirementId, bidIds } = await closedRequirementWithBids(testApp, [
      ['Alder Therapy', '95'],
      ['Birch Therapy', '130'],
    ]);
    await signIn(DEMO.panelMember);
    await page.waitForURL(`${baseUrl}/panel`);
    await expectAccessible();
    for (const path of ['/panel/requirements', `/panel/requirements/${requirementId}`]) {
      expect(await visit(path)).toBe(200);
      await expectAccessible();
    }
    await page.getByRole('button', { name: 'Record my declaration' }).click();
    await expect(page.locator('.govuk-error-summary').isVisible()).resolves.toBe(true);
    await expectAccessible();
    for (const radio of await page.getByLabel('No conflict of interest').all()) await radio.check();
    await page.getByRole('button', { name: 'Record my declaration' }).click();
    await page.waitForURL(`${baseUrl}/panel/requirements/${requirementId}/scores`);
    await expectAccessible();
    await page.getByRole('button', { name: 'Submit scores' }).click();
    await expect(page.locator('.govuk-error-summary').isVisible()).resolves.toBe(true);
    await expectAccessible();
    for (const index of [0, 1]) {
      await page.locator(`#score-${bidIds['Alder Therapy']}-${index}`).selectOption('3');
      await page.locator(`#comment-${bidIds['Alder Therapy']}-${index}`).fill('Clear and child-centred.');
    }
    await page.getByRole('button', { name: 'Submit scores' }).click();
    await expect(page.locator('.govuk-notification-banner__heading').textContent()).resolves.toBe('Scores submitted');
    await expectAccessible();
    expect(await visit(`/panel/requirements/${requirementId}/moderation`)).toBe(200);
    await expectAccessible();
    await page.getByRole('button', { name: 'Save moderated scores' }).click();
    await expect(page.locator('.govuk-error-summary').isVisible()).resolves.toBe(true);
    await expectAccessible();
    for (const index of [0, 1]) {
      await page.locator(`#score-${bidIds['Alder Therapy']}-${index}`).selectOption('3');
      await page.locator(`#rationale-${bidIds['Alder Therapy']}-${index}`).fill('Agreed by the panel.');
    }
    await page.getByRole('button', { name: 'Save moderated scores' }).click();
    await expect(page.locator('.govuk-notification-banner__heading').textContent()).resolves.toBe('Moderated scores saved');

    expect(await visit('/panel/meetings')).toBe(200);
    await expectAccessible();
    await page.getByRole('button', { name: 'Record meeting' }).click();
    await expect(page.locator('.govuk-error-summary').isVisible()).resolves.toBe(true);
    await expectAccessible();
    // Today: the panel can decide only at a meeting that has happened.
    const today = dateFields('meetingDate', 0);
    await page.locator('#meetingDate-day').fill(today['meetingDate[day]']);
    await page.locator('#meetingDate-month').fill(today['meetingDate[month]']);
    await page.locator('#meetingDate-year').fill(today['meetingDate[year]']);
    for (const box of await page.locator('input[name=attendeeMemberIds]').all()) await box.check();
    await page.getByRole('button', { name: 'Record meeting' }).click();
    const todayText = new Date().toLocaleDateString('en-GB', { day: 'numeric', month: 'long', year: 'numeric', timeZone: 'Europe/London' });
    await expect(page.locator('h1').textContent()).resolves.toBe(`Meeting on ${todayText}`);
    await expectAccessible();

    expect(await visit(`/panel/requirements/${requirementId}/decision`)).toBe(200);
    await expectAccessible();
    await page.getByRole('button', { name: 'Record decision' }).click();
    await expect(page.locator('.govuk-error-summary').isVisible()).resolves.toBe(true);
    await expectAccessible();
    await page.getByLabel('Meeting', { exact: true }).selectOption({ label: todayText });
    await page.getByLabel('Award to the highest-ranked bid').check();
    await page.getByLabel('Rationale').fill('The only compliant bid, of good quality.');
    await page.getByRole('button', { name: 'Record decision' }).click();
    await expect(page.locator('.govuk-notification-banner__heading').textContent()).resolves.toBe('Award recorded');

    const [birch] = await testApp.dataSource.query(
      `SELECT u.email FROM users u JOIN provider_organisations p ON p.id = u.provider_id WHERE p.name = 'Birch Therapy'`,
    );
    await context.clearCookies();
    await visit('/sign-in');
    await page.getByLabel('Email address').fill(birch.email);
    await page.getByLabel('Password').fill(FACTORY_PASSWORD);
    await page.getByRole('button', { name: 'Sign in' }).click();
    await page.waitForURL(`${baseUrl}/provider`);
    expect(await visit(`/provider/opportunities/${requirementId}/outcome`)).toBe(200);
    await expect(page.locator('h1').textContent()).resolves.toBe('Your assessment summary');
    await expectAccessible();

    const [contract] = await testApp.dataSource.query(`SELECT id FROM contracts WHERE requirement_id = $1`, [requirementId]);
    await context.clearCookies();
    await signIn(DEMO.commissioner);
    await page.waitForURL(`${baseUrl}/commissioner`);
    for (const path of ['/contracts', `/contracts/${contract.id}`]) {
      expect(await visit(path)).toBe(200);
      await expectAccessible();
    }
    await page.getByRole('button', { name: 'Start contract' }).click();
    await expect(page.locator('.govuk-error-summary').isVisible()).resolves.toBe(true);
    await expectAccessible();

    // Issue 19: the ASGSF application form refused, then an application's own page.
    expect(await visit(`/contracts/${contract.id}`)).toBe(200);
    await page.getByLabel('Therapy', { exact: true }).fill('-5');
    await page.getByRole('button', { name: 'Draft application' }).click();
    await expect(page.locator('.govuk-error-summary').isVisible()).resolves.toBe(true);
    await expectAccessible();
    const commissioner = new WebSession(testApp.server);
    await commissioner.signIn(DEMO.commissioner);
    const drafted = await commissioner.submit(
      `/contracts/${contract.id}`,
      {
        childReference: 'KCC-12345',
        partnershipChildReference: 'KCC-12345',
        legalOrder: 'adopted',
        previouslyLookedAfter: 'yes',
        livesInEngland: 'yes',
        ehcPlan: 'no',
        ...dateFields('packageStartsOn', 5),
        ...dateFields('packageEndsOn', 60),
        therapy: '1,000',
        assessment: '0',
        topUp: '0',
      },
      `/contracts/${contract.id}/funding`,
    );
    expect(drafted.status).toBe(303);
    expect(await visit(new URL(drafted.location!, baseUrl).pathname)).toBe(200);
    await expectAccessible();
    await page.getByRole('button', { name: 'Record submission' }).click();
    await expect(page.locator('.govuk-error-summary').isVisible()).resolves.toBe(true);
    await expectAccessible();
  });

  it('the provider delivers and ends the work, the family gives feedback by its link, and staff read quality and market reports, on accessible pages', async () => {
    const { contractId, providerId } = await activeContract(testApp, { winner: 'Juniper Therapy', outcomeTools: ['SDQ'] });
    const [provider] = await testApp.dataSource.query(`SELECT email FROM users WHERE provider_id = $1`, [providerId]);
    const base = `/provider/contracts/${contractId}`;
    const submitExpectingErrors = async (button: string) => {
      await page.getByRole('button', { name: button }).click();
      await expect(page.locator('.govuk-error-summary').isVisible()).resolves.toBe(true);
      await expectAccessible();
    };
    const fillDate = async (prefix: string, daysAgo: number) => {
      const date = new Date(Date.now() - daysAgo * 24 * 60 * 60 * 1000);
      await page.locator(`#${prefix}-day`).fill(String(date.getUTCDate()));
      await page.locator(`#${prefix}-month`).fill(String(date.getUTCMonth() + 1));
      await page.locator(`#${prefix}-year`).fill(String(date.getUTCFullYear()));
    };

    await visit('/sign-in');
    await page.getByLabel('Email address').fill(provider.email);
    await page.getByLabel('Password').fill(FACTORY_PASSWORD);
    await page.getByRole('button', { name: 'Sign in' }).click();
    await page.waitForURL(`${baseUrl}/provider`);
    expect(await visit(`${base}/delivery`)).toBe(200);
    await expectAccessible();
    await submitExpectingErrors('Log sessions');
    await fillDate('deliveredOn', 3);
    await page.getByLabel('Number of sessions').fill('6');
    await page.getByRole('button', { name: 'Log sessions' }).click();
    await expect(page.locator('.govuk-notification-banner__heading').textContent()).resolves.toBe('Sessions logged');
    await expectAccessible();

    expect(await visit(`${base}/outcomes`)).toBe(200);
    await expectAccessible();
    await submitExpectingErrors('Record baseline');
    await page.getByLabel('Strengths and Difficulties Questionnaire (SDQ)').check();
    await page.getByLabel('Baseline score').fill('28');
    await page.getByRole('button', { name: 'Record baseline' }).click();
    await expect(page.locator('.govuk-notification-banner__heading').textContent()).resolves.toBe('Baseline SDQ score recorded');
    await expectAccessible();
    await page.getByLabel('SDQ total').fill('41');
    await submitExpectingErrors('Record end scores');
    await page.getByLabel('SDQ total').fill('17');
    await page.getByRole('button', { name: 'Record end scores' }).click();
    await expect(page.locator('.govuk-notification-banner__heading').textContent()).resolves.toBe('End score recorded');

    expect(await visit(`${base}/reports/end`)).toBe(200);
    await expectAccessible();
    await submitExpectingErrors('Submit end report');
    await page.getByLabel('Good: the family took part fully').check();
    await page.getByLabel('Met', { exact: true }).check();
    await page.getByLabel('Summary of the work so far').fill('Six sessions; the family engaged well.');
    await page.getByLabel('Recommendations for the family’s future support').fill('Universal support');
    await page.getByLabel('No', { exact: true }).check();
    await page.getByRole('button', { name: 'Submit end report' }).click();
    await expect(page.locator('.govuk-notification-banner__heading').textContent()).resolves.toBe('End report submitted');

    expect(await visit(`${base}/ending`)).toBe(200);
    await expectAccessible();
    await submitExpectingErrors('End the work');
    await page.getByLabel('Planned', { exact: true }).check();
    await page.getByLabel('The goals of the work were met').check();
    await fillDate('endedOn', 1);
    await page.getByLabel('How did the work end?').fill('Ended as planned.');
    await page.getByRole('button', { name: 'End the work' }).click();
    await expect(page.locator('.govuk-notification-banner__heading').textContent()).resolves.toBe('Contract completed');
    await expectAccessible();
    expect(await visit('/provider/quality')).toBe(200);
    await expectAccessible();

    await context.clearCookies();
    await signIn(DEMO.commissioner);
    await page.waitForURL(`${baseUrl}/commissioner`);
    expect(await visit(`/contracts/${contractId}/delivery`)).toBe(200);
    await expectAccessible();
    await submitExpectingErrors('Send feedback links');
    await page.getByLabel('Adopter or carer’s email address').fill('adopter@family.example');
    await page.getByRole('button', { name: 'Send feedback links' }).click();
    await expect(page.locator('.govuk-notification-banner__heading').textContent()).resolves.toBe('Feedback link sent');
    // The link is only ever in the email, so it is read from the outbox.
    const [email] = await testApp.dataSource.query(`SELECT text_body FROM notifications WHERE to_address = 'adopter@family.example'`);
    const link = new URL(email.text_body.match(/https?:\/\/\S+\/feedback\/\S+/)[0]).pathname;

    await context.clearCookies();
    expect(await visit(link)).toBe(200);
    await expectAccessible();
    await submitExpectingErrors('Send my answers');
    for (const question of [
      'How helpful was the therapy for your family?',
      'How well did the therapist listen to you and your child?',
      'How much better are things for your child since the therapy started?',
    ]) {
      await page.getByRole('group', { name: question }).getByLabel('Quite a lot').check();
    }
    await page.getByRole('button', { name: 'Send my answers' }).click();
    await expect(page.locator('h1').textContent()).resolves.toBe('Thank you');
    await expectAccessible();
    expect(await visit(link)).toBe(200);
    await expect(page.locator('h1').textContent()).resolves.toBe('You have already given feedback');
    await expectAccessible();

    await signIn(DEMO.frameworkManager);
    await page.waitForURL(`${baseUrl}/framework-manager`);
    for (const path of [
      '/insights/market',
      '/insights/market?from=nonsense',
      '/quality/providers',
      `/quality/providers/${providerId}`,
      '/insights/open-data',
    ]) {
      await visit(path);
      await expectAccessible();
    }
  });
  it('the framework manager reads the market report and downloads its CSV and the OCDS export', async () => {
    await activeContract(testApp, { winner: javaScriptEnabled ? 'Rowan Market Therapy' : 'Alder Market Therapy' });
    await signIn(DEMO.frameworkManager);
    await page.waitForURL(`${baseUrl}/framework-manager`);
    await page.getByRole('link', { name: 'Market intelligence' }).click();
    await expect(page.locator('h1').textContent()).resolves.toContain('Market');
    expect(await page.locator('svg[role=img]').count()).toBeGreaterThan(2);
    await expectAccessible();

    const readDownload = async (linkName: string | RegExp) => {
      const [download] = await Promise.all([page.waitForEvent('download'), page.getByRole('link', { name: linkName }).click()]);
      const path = await download.path();
      return { name: download.suggestedFilename(), text: readFileSync(path, 'utf8') };
    };
    const demand = await readDownload(/Download demand by month, lot and district/);
    expect(demand.name).toMatch(/\.csv$/);
    expect(demand.text.split(/\r?\n/)[0]).toMatch(/month/i);
    expect(demand.text).toContain('Theraplay');

    await page.getByRole('link', { name: 'Framework', exact: true }).click();
    await page.getByRole('link', { name: 'Open data' }).click();
    await expectAccessible();
    const ocds = await readDownload(/OCDS release package/);
    const releasePackage = JSON.parse(ocds.text);
    expect(ocdsSchemaProblems(releasePackage)).toEqual([]);
    expect(JSON.stringify(releasePackage)).toContain(javaScriptEnabled ? 'Rowan Market Therapy' : 'Alder Market Therapy');
    const notices = await readDownload(/Contract details notice data/);
    expect(notices.text.split(/\r?\n/).length).toBeGreaterThan(1);
  });
});
