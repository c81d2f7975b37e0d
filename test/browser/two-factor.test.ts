/// <reference lib="dom" />
import type { Browser, Page } from 'playwright-core';
import { totpCodeAt, totpStepAt } from '../../src/auth/two-factor/totp';
import { DEMO_PASSWORD } from '../../src/database/seed/demo-data';
import { createTestApp, TestApp } from '../support/test-app';
import { accessibilityViolations, launchBrowser, listen, watchCspViolations } from './browser';

jest.setTimeout(60_000);

describe('two-factor sign-in in a real browser', () => {
  let testApp: TestApp;
  let browser: Browser;
  let baseUrl: string;

  beforeAll(async () => {
    testApp = await createTestApp({ env: { STAFF_TWO_FACTOR: 'required' } });
    baseUrl = await listen(testApp);
    browser = await launchBrowser();
  });
  afterAll(async () => {
    await browser?.close();
    await testApp?.close();
  });

  async function passwordStep(page: Page, email: string) {
    await page.goto(`${baseUrl}/sign-in`);
    await page.getByLabel('Email address').fill(email);
    await page.getByLabel('Password').fill(DEMO_PASSWORD);
    await page.getByRole('button', { name: 'Sign in' }).click();
  }

  it('sets up an authenticator app, then signs in with a code, every page accessible', async () => {
    const context = await browser.newContext();
    const page = await context.newPage();
    page.setDefaultTimeout(15_000);
    const cspViolations = watchCspViolations(page);
    const email = 'panel.psychologist@bexley.example';

    await passwordStep(page, email);
    await page.waitForURL(`${baseUrl}/sign-in/set-up-two-factor`);
    expect(await page.getByRole('img', { name: 'QR code to add this account to an authenticator app' }).isVisible()).toBe(true);
    expect(await accessibilityViolations(page)).toEqual([]);
    await page.getByText('I cannot scan the QR code').click();
    const secret = (await page.locator('#secret').textContent())!.replace(/\s/g, '');

    await page.getByLabel('Enter the 6-digit code the app shows').fill('12');
    await page.getByRole('button', { name: 'Continue' }).click();
    expect(await page.title()).toMatch(/^Error: Set up an authenticator app/);
    expect(await accessibilityViolations(page)).toEqual([]);

    const step = totpStepAt(new Date());
    await page.getByLabel('Enter the 6-digit code the app shows').fill(await totpCodeAt(secret, step));
    await page.getByRole('button', { name: 'Continue' }).click();
    await page.waitForURL(`${baseUrl}/sign-in/recovery-codes`);
    expect(await page.locator('#recovery-codes li').count()).toBe(10);
    expect(await accessibilityViolations(page)).toEqual([]);
    await page.getByRole('button', { name: 'Continue' }).click();
    await page.waitForURL((url) => !url.pathname.startsWith('/sign-in'));

    await context.clearCookies();
    await passwordStep(page, email);
    await page.waitForURL(`${baseUrl}/sign-in/two-factor`);
    expect(await accessibilityViolations(page)).toEqual([]);
    await page.getByRole('link', { name: 'I cannot use my authenticator app' }).click();
    await page.waitForURL(`${baseUrl}/sign-in/recovery-code`);
    expect(await accessibilityViolations(page)).toEqual([]);
    await page.goBack();
    await page.getByLabel('Enter the code from your authenticator app').fill(await totpCodeAt(secret, step + 1));
    await page.getByRole('button', { name: 'Continue' }).click();
    await page.waitForURL((url) => !url.pathname.startsWith('/sign-in'));
    expect(cspViolations).toEqual([]);
    await context.close();
  });
});
