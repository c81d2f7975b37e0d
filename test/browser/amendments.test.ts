/// <reference lib="dom" />
import type { Page } from 'playwright-core';
import { DEMO_PASSWORD } from '../../src/database/seed/demo-data';
import { openRequirementWithBids } from '../factories/competitions';
import { FACTORY_PASSWORD } from '../factories/users';
import { TestApp } from '../support/test-app';
import { DEMO } from '../support/web-session';
import { usePageForEachTest } from './browser';

jest.setTimeout(180_000);

/**
 * Issue 22 in a real browser, with and without JavaScript, axe on every
 * page: the commissioner amends a live requirement (a material change, so
 * the deadline moves too), and the bidder reads the change history and
 * confirms its bid stands.
 */
describe.each([
  ['with JavaScript', true],
  ['with JavaScript switched off', false],
])('amending a live requirement in a real browser, %s', (_label, javaScriptEnabled) => {
  const browsing = usePageForEachTest({ context: { javaScriptEnabled } });
  let testApp: TestApp;
  let baseUrl: string;
  let page: Page;
  beforeEach(() => ({ testApp, baseUrl, page } = browsing));

  const { expectAccessible, signIn } = browsing;

  async function signOut() {
    await page.getByRole('link', { name: 'Sign out' }).click();
    await expect(page.locator('h1').textContent()).resolves.toBe('You have signed out');
  }

  it('the commissioner amends the requirement and the bidder reads the history and confirms its bid', async () => {
    const open = await openRequirementWithBids(testApp, [['Fir Therapy', '95']]);
    const [bidder] = await testApp.dataSource.query(`SELECT email FROM users WHERE provider_id = $1`, [open.providerIds['Fir Therapy']]);

    await signIn(DEMO.commissioner, DEMO_PASSWORD);
    await page.goto(`${baseUrl}/requirements/${open.requirementId}`);
    await expectAccessible();
    await page.getByRole('button', { name: 'Amend this requirement' }).click();
    await expect(page.locator('h1').textContent()).resolves.toBe('Amend this requirement');
    await expectAccessible();

    // A material change with the deadline left where it is: refused, with the GOV.UK error page.
    await page.getByLabel('Ceiling price').fill('1500');
    await page.getByRole('button', { name: 'Publish the amendment' }).click();
    await expect(page.title()).resolves.toMatch(/^Error: /);
    expect(await page.locator('.govuk-error-summary').textContent()).toContain('Enter the reason for the change');
    await expectAccessible();

    await page.getByLabel('Reason for the change').fill('The therapy needs longer sessions at home, so the ceiling rises');
    await page.getByLabel('Ceiling price').fill('1500');
    const later = new Date(Date.now() + 15 * 24 * 60 * 60 * 1000);
    const bids = page.getByRole('group', { name: 'Bids close on' });
    await bids.getByLabel('Day').fill(String(later.getUTCDate()));
    await bids.getByLabel('Month').fill(String(later.getUTCMonth() + 1));
    await bids.getByLabel('Year').fill(String(later.getUTCFullYear()));
    await page.getByRole('button', { name: 'Publish the amendment' }).click();
    await expect(page.locator('.govuk-notification-banner').textContent()).resolves.toContain('Amendment 1 published');
    expect(await page.locator('#changes ~ .govuk-summary-card').first().textContent()).toContain('The therapy needs longer sessions at home');
    await expectAccessible();
    await signOut();

    await signIn(bidder.email, FACTORY_PASSWORD);
    await page.goto(`${baseUrl}/provider/opportunities/${open.requirementId}`);
    expect(await page.locator('.govuk-warning-text').first().textContent()).toContain('Your bid was submitted before amendment 1');
    const history = page.locator('#changes ~ .govuk-summary-card').first();
    expect(await history.textContent()).toContain('Amendment 1');
    expect(await page.locator('#changes ~ table').first().textContent()).toMatch(/Ceiling price\s*£1,200\.00\s*£1,500\.00/);
    await expectAccessible();
    await page.getByRole('button', { name: 'Confirm my bid stands' }).click();
    await expect(page.locator('.govuk-notification-banner').textContent()).resolves.toContain('Bid confirmed');
    expect(await page.getByText('Your bid was submitted before amendment 1').count()).toBe(0);
    await expectAccessible();
  });
});
