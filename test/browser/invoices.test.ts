import type { BrowserContext, Page } from 'playwright-core';
import { DEMO_PASSWORD } from '../../src/database/seed/demo-data';
import { activeContract } from '../factories/awards';
import { dateFields } from '../factories/competitions';
import { FACTORY_PASSWORD } from '../factories/users';
import { TestApp } from '../support/test-app';
import { DEMO } from '../support/web-session';
import { usePageForEachTest } from './browser';

jest.setTimeout(120_000);

/** Purchase to pay in a real browser, with and without JavaScript: the provider invoices, the commissioner approves and pays. */
describe.each([
  ['with JavaScript', true],
  ['with JavaScript switched off', false],
])('invoices in a real browser, %s', (_label, javaScriptEnabled) => {
  const browsing = usePageForEachTest({ context: { javaScriptEnabled } });
  let testApp: TestApp;
  let baseUrl: string;
  let context: BrowserContext;
  let page: Page;
  beforeEach(() => ({ testApp, baseUrl, context, page } = browsing));

  const { visit, expectAccessible } = browsing;
  async function signIn(email: string, password: string, landing: string) {
    await browsing.signIn(email, password);
    await page.waitForURL(`${baseUrl}${landing}`);
  }
  async function fillDate(prefix: string, daysAgo: number) {
    const date = new Date(Date.now() - daysAgo * 24 * 60 * 60 * 1000);
    await page.locator(`#${prefix}-day`).fill(String(date.getUTCDate()));
    await page.locator(`#${prefix}-month`).fill(String(date.getUTCMonth() + 1));
    await page.locator(`#${prefix}-year`).fill(String(date.getUTCFullYear()));
  }
  const banner = () => page.locator('.govuk-notification-banner__heading').textContent();

  it('a provider sends an invoice, refused first with errors, and the commissioner approves and pays it, on accessible pages', async () => {
    const {
      contractId,
      providerId,
      provider: session,
    } = await activeContract(testApp, { winner: javaScriptEnabled ? 'Larch Therapy' : 'Birch Therapy', startDays: -30 });
    const base = `/provider/contracts/${contractId}`;
    expect((await session.submit(`${base}/delivery`, { ...dateFields('deliveredOn', -10), sessions: '4' }, `${base}/sessions`)).status).toBe(303);
    const [provider] = await testApp.dataSource.query(`SELECT email FROM users WHERE provider_id = $1`, [providerId]);

    await signIn(provider.email, FACTORY_PASSWORD, '/provider');
    expect(await visit(base)).toBe(200);
    await page.getByRole('link', { name: /Invoices and payments/ }).click();
    await page.waitForURL(`${baseUrl}${base}/invoices`);
    await expectAccessible();

    await page.getByLabel('Invoice number').fill('BRW-1');
    await fillDate('invoiceDate', 1);
    await fillDate('periodStart', 20);
    await fillDate('periodEnd', 2);
    await page.getByLabel('Number of sessions').fill('5');
    await page.getByLabel('Amount').fill('0');
    await page.getByRole('button', { name: 'Send invoice' }).click();
    await expect(page.locator('.govuk-error-summary').isVisible()).resolves.toBe(true);
    await expect(page.locator('.govuk-error-summary').textContent()).resolves.toContain('Only 4 of the 4 sessions delivered are not yet invoiced');
    await expect(page.title()).resolves.toMatch(/^Error: /);
    await expectAccessible();
    // The summary's link reaches its field.
    await page.locator('.govuk-error-summary a', { hasText: 'The amount must be more than £0' }).click();
    await expect(page.evaluate(() => document.activeElement?.id ?? location.hash)).resolves.toMatch(/amount/);

    await page.getByLabel('Number of sessions').fill('4');
    await page.getByLabel('Amount').fill('380');
    await page.getByRole('button', { name: 'Send invoice' }).click();
    await expect(banner()).resolves.toBe('Invoice BRW-1 sent');
    await expectAccessible();

    await context.clearCookies();
    await signIn(DEMO.commissioner, DEMO_PASSWORD, '/commissioner');
    expect(await visit('/payments?show=awaiting_approval')).toBe(200);
    await expectAccessible();
    await page.getByRole('link', { name: 'BRW-1' }).click();
    await expectAccessible();
    await page.getByRole('button', { name: 'Dispute invoice' }).click();
    await expect(page.locator('.govuk-error-summary').textContent()).resolves.toContain('Enter the reason for disputing the invoice');
    await expectAccessible();
    await page.getByRole('button', { name: 'Approve invoice' }).click();
    await expect(banner()).resolves.toBe('Invoice BRW-1 approved');
    await expectAccessible();

    await page.getByRole('button', { name: 'Record payment' }).click();
    await expect(page.locator('.govuk-error-summary').textContent()).resolves.toContain('Enter the date the invoice was paid');
    await expectAccessible();
    await fillDate('paidOn', 0);
    await page.getByRole('button', { name: 'Record payment' }).click();
    await expect(banner()).resolves.toBe('Payment recorded');
    expect(await visit('/payments?show=paid')).toBe(200);
    await expect(page.locator('#payments').textContent()).resolves.toContain('BRW-1');
    await expectAccessible();
    expect(await visit(`/contracts/${contractId}/invoices`)).toBe(200);
    await expectAccessible();
  });
});
