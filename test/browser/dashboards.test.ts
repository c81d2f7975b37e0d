/// <reference lib="dom" />
import type { Page } from 'playwright-core';
import { DEMO_PASSWORD } from '../../src/database/seed/demo-data';
import { activeContract } from '../factories/awards';
import { closedRequirementWithBids, openRequirementWithBids } from '../factories/competitions';
import { DEMO } from '../support/web-session';
import { accessibilityViolations, usePageForEachTest } from './browser';

jest.setTimeout(180_000);

/**
 * Issue 21: each role's dashboard with a full work queue (task lists, due
 * tags, the service navigation's sections) passes axe, with and without
 * JavaScript, and its first task opens where the work is done.
 */
describe.each([
  ['with JavaScript', true],
  ['with JavaScript switched off', false],
])('work queues in a real browser, %s', (_label, javaScriptEnabled) => {
  const browsing = usePageForEachTest({
    context: { javaScriptEnabled },
    // Work for every role: a contract with a report overdue, an open requirement the demo provider is invited to (its bidder's insurance running out), and one closed for the panel.
    prepare: async (testApp) => {
      const delivering = await activeContract(testApp, { winner: 'Birch Browser Therapy', startDays: -60, endDays: 60, reportIntervalWeeks: 4 });
      await testApp.dataSource.query(
        `UPDATE users SET email = 'birch@browser.example', password_hash = (SELECT password_hash FROM users WHERE email = $2) WHERE provider_id = $1`,
        [delivering.providerId, DEMO.provider],
      );
      const open = await openRequirementWithBids(testApp, [['Alder Browser Therapy', '95']]);
      await testApp.dataSource.query(
        `INSERT INTO invitations (requirement_id, provider_id, reason) SELECT $1, id, 'joined_later' FROM provider_organisations WHERE name = 'Oakleaf Family Therapy Ltd'`,
        [open.requirementId],
      );
      await testApp.dataSource.query(`UPDATE compliance_documents SET expires_on = current_date + 3 WHERE provider_id = $1 AND type = 'employers_liability'`, [
        open.providerIds['Alder Browser Therapy'],
      ]);
      await closedRequirementWithBids(testApp, [['Cedar Browser Therapy', '90']]);
    },
  });
  let baseUrl: string;
  let page: Page;
  beforeEach(() => ({ baseUrl, page } = browsing));

  it.each([
    ['birch@browser.example', '/provider', 'reports', 'Overdue'],
    [DEMO.provider, '/provider', 'invitations', 'To do'],
    [DEMO.commissioner, '/commissioner', 'reports-overdue', 'Overdue'],
    [DEMO.frameworkManager, '/framework-manager', 'expiring-documents', 'Due soon'],
    [DEMO.panelMember, '/panel', 'declare', null],
  ])('%s lands on %s with an accessible work queue whose first %s task opens its page', async (email, path, sectionId, tag) => {
    await page.goto(`${baseUrl}/sign-in`);
    await page.getByLabel('Email address').fill(email);
    await page.getByLabel('Password').fill(DEMO_PASSWORD);
    await page.getByRole('button', { name: 'Sign in' }).click();
    await page.waitForURL(`${baseUrl}${path}`);
    expect(await page.locator('#work-queue-heading').textContent()).toMatch(/^Your work \(\d+\)$/);
    const firstTask = page.locator(`#${sectionId} + .govuk-task-list .govuk-task-list__item`).first();
    if (tag) expect((await firstTask.locator('.govuk-tag').textContent())?.trim()).toBe(tag);
    expect(await page.locator('.govuk-service-navigation__item--active a').getAttribute('href')).toBe(path);
    expect(await accessibilityViolations(page)).toEqual([]);
    const href = await firstTask.locator('a').getAttribute('href');
    const [response] = await Promise.all([page.waitForResponse((candidate) => candidate.url() === `${baseUrl}${href}`), firstTask.locator('a').click()]);
    expect(response.status()).toBe(200);
    expect(await accessibilityViolations(page)).toEqual([]);
  });
});
