/// <reference lib="dom" />
import type { Page } from 'playwright-core';
import { FirstRunService } from '../../src/setup/first-run.service';
import { TestApp } from '../support/test-app';
import { accessibilityViolations, usePageForEachTest } from './browser';

jest.setTimeout(120_000);

/** The first-run set-up page in a real browser, with and without JavaScript: errors first, then the portal is set up. */
describe.each([
  ['with JavaScript', true],
  ['with JavaScript switched off', false],
])('setting up a new portal in a real browser, %s', (_label, javaScriptEnabled) => {
  const browsing = usePageForEachTest({
    context: { javaScriptEnabled },
    // As on a new deployment: nobody who can administer the portal.
    prepare: (testApp) => testApp.dataSource.query(`UPDATE users SET status = 'disabled' WHERE 'system_admin' = ANY(roles)`),
  });
  let testApp: TestApp;
  let baseUrl: string;
  let page: Page;
  beforeEach(() => ({ testApp, baseUrl, page } = browsing));

  it('shows an accessible form, puts its errors first, and sets up the partnership and first admin', async () => {
    const token = await testApp.app.get(FirstRunService).issueLink();
    expect(token).not.toBeNull();
    await page.goto(`${baseUrl}/setup?token=${token}`);
    await expect(page.locator('h1').textContent()).resolves.toBe('Set up the portal');
    expect(await accessibilityViolations(page)).toEqual([]);

    await page.getByRole('button', { name: 'Set up the portal' }).click();
    await expect(page.title()).resolves.toMatch(/^Error: /);
    await expect(page.locator('.govuk-error-summary a').first().textContent()).resolves.toBe('Enter the name of the partnership');
    expect(await accessibilityViolations(page)).toEqual([]);

    const suffix = javaScriptEnabled ? 'js' : 'nojs';
    await page.getByLabel('Name of the partnership').fill(`Adoption Partnership West ${suffix}`);
    await page.getByLabel('Name of the lead agency').fill(`Somerset Council ${suffix}`);
    await page.getByLabel('Your full name').fill('Alex Morgan');
    await page.getByLabel('Your email address').fill(`alex.morgan.${suffix}@somerset.example`);
    await page.getByLabel('Choose a password').fill('a long and memorable passphrase 2026');
    await page.getByRole('button', { name: 'Set up the portal' }).click();
    await page.waitForURL(`${baseUrl}/sign-in`);
    await expect(page.locator('.govuk-notification-banner').textContent()).resolves.toContain('The portal is set up');
    expect(await accessibilityViolations(page)).toEqual([]);
    // The link is single-use.
    expect((await page.goto(`${baseUrl}/setup?token=${token}`))!.status()).toBe(404);
    // The run without JavaScript starts again from no admin.
    await testApp.dataSource.query(`UPDATE users SET status = 'disabled' WHERE 'system_admin' = ANY(roles)`);
  });
});
