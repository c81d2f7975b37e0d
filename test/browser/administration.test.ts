/// <reference lib="dom" />
import type { Page } from 'playwright-core';
import { DEMO } from '../support/web-session';
import { accessibilityViolations, usePageForEachTest } from './browser';

jest.setTimeout(120_000);

/** The system admin's pages in a real browser, with and without JavaScript: axe on each, and the "add another" districts. */
describe.each([
  ['with JavaScript', true],
  ['with JavaScript switched off', false],
])('administration in a real browser, %s', (_label, javaScriptEnabled) => {
  const browsing = usePageForEachTest({ context: { javaScriptEnabled } });
  let baseUrl: string;
  let page: Page;
  beforeEach(async () => {
    ({ baseUrl, page } = browsing);
    await browsing.signIn(DEMO.admin);
    await page.waitForURL(`${baseUrl}/admin`);
  });

  it.each(['/admin', '/admin/partnerships', '/admin/therapy-types', '/admin/therapy-types/new', '/admin/fair-access-limits', '/admin/email-settings'])(
    '%s passes axe',
    async (path) => {
      expect((await page.goto(`${baseUrl}${path}`))!.status()).toBe(200);
      expect(await accessibilityViolations(page)).toEqual([]);
    },
  );

  it('adds a partnership and an agency with two districts, adding a row with the "Add another district" button', async () => {
    const suffix = javaScriptEnabled ? 'js' : 'nojs';
    await page.goto(`${baseUrl}/admin/partnerships/new`);
    await page.getByRole('button', { name: 'Add partnership' }).click();
    await expect(page.title()).resolves.toMatch(/^Error: /);
    expect(await accessibilityViolations(page)).toEqual([]);
    await page.getByLabel('Add a partnership').fill(`Adopt Thames Valley ${suffix}`);
    await page.getByRole('button', { name: 'Add partnership' }).click();
    await expect(page.locator('h1').textContent()).resolves.toBe(`Adopt Thames Valley ${suffix}`);
    expect(await accessibilityViolations(page)).toEqual([]);

    await page.getByRole('button', { name: 'Add an agency' }).click();
    await page.getByLabel('Name of the agency').fill(`Reading Borough Council ${suffix}`);
    await page.getByLabel('District 1').fill('Caversham');
    const formUrl = page.url();
    await page.getByRole('button', { name: 'Add another district' }).click();
    if (javaScriptEnabled) {
      // In the page, with no round trip: focus moves to the new row, which has a Remove button.
      expect(page.url()).toBe(formUrl);
      await expect(page.evaluate(() => document.activeElement?.id)).resolves.toBe('districts-1');
      await page.getByRole('button', { name: 'Add another district' }).click();
      await expect(page.evaluate(() => document.activeElement?.id)).resolves.toBe('districts-2');
      expect(await page.locator('input[name="districts"]').evaluateAll((inputs) => inputs.map((input) => input.id))).toEqual([
        'districts-0',
        'districts-1',
        'districts-2',
      ]);
      expect(await accessibilityViolations(page)).toEqual([]);
      await page.getByRole('button', { name: 'Remove district 3' }).click();
      expect(await page.locator('input[name="districts"]').count()).toBe(2);
      await expect(page.evaluate(() => document.activeElement?.id)).resolves.toBe('districts-1');
    } else {
      expect(page.url()).toMatch(/\/add-district$/);
    }
    await page.getByLabel('District 2').fill('Caversham');
    await page.getByRole('button', { name: 'Add agency' }).click();
    await expect(page.locator('.govuk-error-summary a').first().textContent()).resolves.toBe('Enter each district once');
    expect(await accessibilityViolations(page)).toEqual([]);
    await page.getByLabel('District 2').fill('Tilehurst');
    await page.getByRole('button', { name: 'Add agency' }).click();
    await expect(page.locator('#agencies').textContent()).resolves.toMatch(/Caversham, Tilehurst/);
    expect(await accessibilityViolations(page)).toEqual([]);
    await page.getByRole('link', { name: `Reading Borough Council ${suffix}` }).click();
    expect(await accessibilityViolations(page)).toEqual([]);
  });
});
