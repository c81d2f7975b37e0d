import type { Page } from 'playwright-core';
import { DEMO_PASSWORD } from '../../src/database/seed/demo-data';
import { activeContract } from '../factories/awards';
import { dateFields } from '../factories/competitions';
import { TestApp } from '../support/test-app';
import { DEMO, WebSession } from '../support/web-session';
import { usePageForEachTest } from './browser';

jest.setTimeout(180_000);

/** Issue 19: a commissioner reads the partnership's ASGSF funding report and a contract's returns in a real browser, checked with axe. */
describe('the ASGSF funding report in a real browser', () => {
  const browsing = usePageForEachTest();
  let testApp: TestApp;
  let baseUrl: string;
  let page: Page;
  beforeEach(() => ({ testApp, baseUrl, page } = browsing));

  const { visit, expectAccessible } = browsing;

  it('goes from the commissioner’s home page to the report, its table and chart, and a contract’s returns, on accessible pages', async () => {
    // Set up over HTTP: an approved application, an approved invoice, and the work ended early.
    const { contractId, provider } = await activeContract(testApp, {
      winner: 'Willow Family Therapy',
      startDays: -20,
      requirement: { childReference: 'KCC-BR-1' },
    });
    const commissioner = new WebSession(testApp.server);
    await commissioner.signIn(DEMO.commissioner);
    const drafted = await commissioner.submit(
      `/contracts/${contractId}`,
      {
        childReference: 'KCC-BR-1',
        partnershipChildReference: 'APSE-BR-1',
        legalOrder: 'adopted',
        previouslyLookedAfter: 'yes',
        livesInEngland: 'yes',
        ehcPlan: 'no',
        ...dateFields('packageStartsOn', -20),
        ...dateFields('packageEndsOn', 50),
        therapy: '900',
        assessment: '0',
        topUp: '0',
      },
      `/contracts/${contractId}/funding`,
    );
    expect(drafted.status).toBe(303);
    const funding = drafted.location!;
    expect((await commissioner.submit(funding, { asgsfReference: 'ASGSF-BR', ...dateFields('submittedOn', -1) }, `${funding}/submit`)).status).toBe(303);
    expect((await commissioner.submit(funding, { outcome: 'approve' }, `${funding}/decision`)).status).toBe(303);
    const base = `/provider/contracts/${contractId}`;
    expect((await provider.submit(`${base}/delivery`, { ...dateFields('deliveredOn', -15), sessions: '2' }, `${base}/sessions`)).status).toBe(303);
    expect(
      (
        await provider.submit(`${base}/invoices`, {
          invoiceNumber: 'WL-1',
          ...dateFields('invoiceDate', -14),
          ...dateFields('periodStart', -16),
          ...dateFields('periodEnd', -14),
          sessions: '2',
          amount: '190',
        })
      ).status,
    ).toBe(303);
    const [invoice] = await testApp.dataSource.query(`SELECT id FROM invoices WHERE contract_id = $1`, [contractId]);
    expect(
      (await commissioner.submit(`/contracts/${contractId}/invoices/${invoice.id}`, {}, `/contracts/${contractId}/invoices/${invoice.id}/approve`)).status,
    ).toBe(303);
    expect(
      (
        await provider.submit(`${base}/reports/end`, {
          engagement: 'good',
          goalProgress: 'met',
          summary: 'Two sessions.',
          nextSteps: 'None',
          safeguardingConcern: 'no',
        })
      ).status,
    ).toBe(303);
    expect(
      (await provider.submit(`${base}/ending`, { kind: 'unplanned', reason: 'family_moved', detail: 'The family moved away', ...dateFields('endedOn', -10) }))
        .status,
    ).toBe(303);

    await visit('/sign-in');
    await page.getByLabel('Email address').fill(DEMO.commissioner);
    await page.getByLabel('Password').fill(DEMO_PASSWORD);
    await page.getByRole('button', { name: 'Sign in' }).click();
    await page.waitForURL(`${baseUrl}/commissioner`);
    await page.getByRole('link', { name: 'ASGSF funding and returns for the partnership' }).click();
    await page.waitForURL(`${baseUrl}/funding/report`);
    await expect(page.locator('h1').textContent()).resolves.toBe('ASGSF funding and returns');
    // £900 approved, £190 invoiced before the work ended: £710 to return.
    await expect(page.locator('main').textContent()).resolves.toContain('£710.00');
    await expect(page.getByRole('img', { name: /ASGSF approved, spent and to return/ }).count()).resolves.toBe(1);
    await expect(page.getByRole('table').textContent()).resolves.toContain('£710.00');
    await expectAccessible();

    expect(await visit(`/contracts/${contractId}`)).toBe(200);
    await expect(page.locator('#funding-returns').textContent()).resolves.toContain('Work over');
    await expectAccessible();
  });
});
