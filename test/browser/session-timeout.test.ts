/// <reference lib="dom" />
import type { Page } from 'playwright-core';
import { createTestApp } from '../support/test-app';
import { DEMO } from '../support/web-session';
import { accessibilityViolations, usePageForEachTest } from './browser';

jest.setTimeout(120_000);

/** The GOV.UK timeout warning in a real browser, with its clock moved on rather than waited for. */
describe('the session timeout warning', () => {
  const browsing = usePageForEachTest({ createApp: () => createTestApp({ env: { SESSION_IDLE_MINUTES: '20' } }) });
  let baseUrl: string;
  let page: Page;
  beforeEach(async () => {
    ({ baseUrl, page } = browsing);
    await page.clock.install();
    await browsing.signIn(DEMO.commissioner);
    await page.goto(`${baseUrl}/requirements`);
  });

  const dialog = () => page.getByRole('dialog', { name: 'You’re about to be signed out' });

  it('warns two minutes before the idle sign-out, accessibly, and stays signed in on request', async () => {
    await page.clock.runFor(17 * 60_000);
    await expect(dialog().isVisible()).resolves.toBe(false);
    await page.clock.runFor(60_000 + 1_000);
    await expect(dialog().isVisible()).resolves.toBe(true);
    await expect(dialog().textContent()).resolves.toContain('we will sign you out in 2 minutes');
    await expect(page.evaluate(() => document.activeElement?.textContent?.trim())).resolves.toBe('Stay signed in');
    expect(await accessibilityViolations(page)).toEqual([]);

    const keptAlive = page.waitForResponse((response) => response.url().endsWith('/session/keep-alive'));
    await page.getByRole('button', { name: 'Stay signed in' }).click();
    expect((await keptAlive).status()).toBe(204);
    await expect(dialog().isVisible()).resolves.toBe(false);
    // The clock starts again: another 17 minutes bring no warning.
    await page.clock.runFor(17 * 60_000);
    await expect(dialog().isVisible()).resolves.toBe(false);
  });

  it('signs the person out when the time runs out, and says what happened', async () => {
    await page.clock.runFor(18 * 60_000 + 1_000);
    await expect(dialog().isVisible()).resolves.toBe(true);
    await page.clock.runFor(90_000);
    await expect(dialog().textContent()).resolves.toMatch(/in (30|29|28) seconds/);
    await Promise.all([page.waitForURL(`${baseUrl}/session/timed-out`), page.clock.runFor(31_000)]);
    await expect(page.locator('h1').textContent()).resolves.toBe('You have been signed out');
    expect(await accessibilityViolations(page)).toEqual([]);
    await page.goto(`${baseUrl}/requirements`);
    expect(page.url()).toBe(`${baseUrl}/sign-in`);
  });
});
