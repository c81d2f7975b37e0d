/// <reference lib="dom" />
import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { AddressInfo } from 'node:net';
import { join } from 'node:path';
import { Browser, BrowserContext, BrowserContextOptions, chromium, Page } from 'playwright-core';
import { DEMO_PASSWORD } from '../../src/database/seed/demo-data';
import { createTestApp, TestApp } from '../support/test-app';

const AXE_SOURCE = readFileSync(require.resolve('axe-core/axe.min.js'), 'utf8');
export const CHROMIUM_PATH = process.env.CHROMIUM_PATH ?? '/usr/bin/chromium';

export async function launchBrowser(): Promise<Browser> {
  return chromium.launch({
    executablePath: CHROMIUM_PATH,
    args: [
      '--no-sandbox',
      '--disable-gpu',
      '--disable-quic',
      '--no-first-run',
      '--disable-background-networking',
      '--disable-component-update',
      '--disable-sync',
    ],
  });
}

export async function listen(testApp: TestApp): Promise<string> {
  await testApp.app.listen(0, '127.0.0.1');
  return `http://127.0.0.1:${(testApp.server.address() as AddressInfo).port}`;
}

/** Content-Security-Policy refusals reported by the browser while a page is open. */
export function watchCspViolations(page: Page): string[] {
  const violations: string[] = [];
  page.on('console', (message) => {
    if (/Content Security Policy|Refused to/i.test(message.text())) violations.push(message.text());
  });
  return violations;
}

/** Runs axe-core against WCAG 2.2 AA and returns readable violations (empty when the page passes). */
export async function accessibilityViolations(page: Page): Promise<string[]> {
  const target = (await scriptsRun(page)) ? page : await copyForChecking(page);
  // evaluate runs through the DevTools protocol, so the page's CSP does not block axe.
  await target.evaluate(AXE_SOURCE);
  const results = await target.evaluate(async () => {
    const { violations } = await (
      window as unknown as { axe: { run: (context: Document, options: object) => Promise<{ violations: AxeViolation[] }> } }
    ).axe.run(document, {
      runOnly: { type: 'tag', values: ['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa', 'wcag22aa', 'best-practice'] },
    });
    /*
     * GOV.UK Frontend's conditional reveal sets aria-expanded on the radio
     * that reveals content. ARIA 1.2 does not list it for the radio role, so
     * axe flags it; GOV.UK keeps it on purpose, as screen readers announce it
     * (a known issue: alphagov/govuk-frontend#979). Only that attribute, on
     * such a radio, is let through; anything else disallowed still fails.
     */
    const revealingRadio = (rule: string, node: AxeNode) => {
      const element = node.target.length === 1 ? document.querySelector(node.target[0]) : null;
      if (
        rule !== 'aria-allowed-attr' ||
        !(element instanceof HTMLInputElement) ||
        element.type !== 'radio' ||
        !element.getAttribute('aria-controls')?.startsWith('conditional-')
      )
        return false;
      const allowed = ['aria-expanded', 'aria-controls', 'aria-describedby'];
      return Array.from(element.attributes)
        .filter((attribute) => attribute.name.startsWith('aria-'))
        .every((attribute) => allowed.includes(attribute.name));
    };
    return violations
      .map((violation) => ({ ...violation, nodes: violation.nodes.filter((node) => !revealingRadio(violation.id, node)) }))
      .filter((violation) => violation.nodes.length > 0);
  });
  return results.map((violation) => `${page.url()}: ${violation.id} – ${violation.help} (${violation.nodes.map((node) => node.target.join(' ')).join(', ')})`);
}

interface AxeNode {
  target: string[];
}
interface AxeViolation {
  id: string;
  help: string;
  nodes: AxeNode[];
}

/** The layout's inline script marks the body when scripts run, as in the GOV.UK template. */
async function scriptsRun(page: Page): Promise<boolean> {
  return page.evaluate(() => document.body.classList.contains('govuk-frontend-supported'));
}

const checkers = new WeakMap<Browser, Promise<Page>>();

/**
 * axe-core needs timers, which do not run in a page with JavaScript switched
 * off. So the page as the person sees it (its HTML, with its stylesheets but
 * none of its scripts) is checked in a page that can run axe.
 */
async function copyForChecking(page: Page): Promise<Page> {
  const browser = page.context().browser()!;
  if (!checkers.has(browser))
    checkers.set(
      browser,
      browser.newContext({ javaScriptEnabled: true }).then((context) => context.newPage()),
    );
  const checker = await checkers.get(browser)!;
  const html = (await page.content()).replace(/<script\b[\s\S]*?<\/script>/gi, '');
  // Served at the page's own address, so its stylesheets load exactly as they did for the person.
  const url = page.url();
  await checker.route(url, (route) => route.fulfill({ status: 200, contentType: 'text/html; charset=utf-8', body: html }));
  try {
    await checker.goto(url, { waitUntil: 'load' });
  } finally {
    await checker.unroute(url);
  }
  return checker;
}

export const ARTIFACTS_DIRECTORY = join(__dirname, 'artifacts');

/**
 * After a failed test, keeps what the browser showed: a full-page screenshot
 * and the HTML, named after the test, in test/browser/artifacts/ (git-ignored).
 */
export async function keepFailureArtifacts(page: Page | undefined): Promise<void> {
  if (!page || !(globalThis as { __currentTestFailed?: boolean }).__currentTestFailed || page.isClosed()) return;
  const name = (expect.getState().currentTestName ?? 'unnamed').replace(/[^\w-]+/g, '-').slice(0, 120);
  mkdirSync(ARTIFACTS_DIRECTORY, { recursive: true });
  await page.screenshot({ path: join(ARTIFACTS_DIRECTORY, `${name}.png`), fullPage: true }).catch(() => undefined);
  writeFileSync(join(ARTIFACTS_DIRECTORY, `${name}.html`), `<!-- ${page.url()} -->\n${await page.content().catch(() => '')}`);
}

export interface BrowserPageOptions {
  /** The app to test; a fresh test app by default. */
  createApp?: () => Promise<TestApp>;
  /** Data the suite needs, written before the app starts listening. */
  prepare?: (testApp: TestApp) => Promise<void>;
  context?: BrowserContextOptions;
}

/** What a browser suite works with; its fields are set afresh before each test. */
export interface BrowserPage {
  testApp: TestApp;
  baseUrl: string;
  browser: Browser;
  context: BrowserContext;
  page: Page;
  /** Opens a path of the portal and gives the response's status. */
  visit(path: string): Promise<number>;
  expectAccessible(): Promise<void>;
  /** Signs in through the sign-in page and waits until the portal has moved on from it. */
  signIn(email: string, password?: string): Promise<void>;
}

/**
 * Registers a suite's hooks: one app and one Chromium for the suite, and for
 * each test a new browser context and page whose Content-Security-Policy
 * refusals fail the test, with what the page showed kept when a test fails.
 */
export function usePageForEachTest(options: BrowserPageOptions = {}): BrowserPage {
  let cspViolations: string[] = [];
  const suite = {
    async visit(path: string) {
      return (await suite.page.goto(`${suite.baseUrl}${path}`))!.status();
    },
    async expectAccessible() {
      expect(await accessibilityViolations(suite.page)).toEqual([]);
    },
    async signIn(email: string, password = DEMO_PASSWORD) {
      await suite.visit('/sign-in');
      await suite.page.getByLabel('Email address').fill(email);
      await suite.page.getByLabel('Password').fill(password);
      await suite.page.getByRole('button', { name: 'Sign in' }).click();
      await suite.page.waitForURL((url) => !url.pathname.startsWith('/sign-in'));
    },
  } as BrowserPage;
  beforeAll(async () => {
    suite.testApp = await (options.createApp ?? createTestApp)();
    await options.prepare?.(suite.testApp);
    suite.baseUrl = await listen(suite.testApp);
    suite.browser = await launchBrowser();
  });
  afterAll(async () => {
    await suite.browser?.close();
    await suite.testApp?.close();
  });
  beforeEach(async () => {
    suite.context = await suite.browser.newContext(options.context);
    suite.page = await suite.context.newPage();
    // Fail on the step that is stuck, well inside the test's own timeout.
    suite.page.setDefaultTimeout(15_000);
    cspViolations = watchCspViolations(suite.page);
  });
  afterEach(async () => {
    await keepFailureArtifacts(suite.page);
    await suite.context?.close();
    expect(cspViolations).toEqual([]);
  });
  return suite;
}
