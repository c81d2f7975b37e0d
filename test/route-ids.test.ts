import { createTestApp, TestApp } from './support/test-app';
import { DEMO, WebSession } from './support/web-session';

describe('record ids in URLs', () => {
  let testApp: TestApp;
  const sessions = new Map<string, WebSession>();
  beforeAll(async () => {
    testApp = await createTestApp();
    for (const email of [DEMO.commissioner, DEMO.provider, DEMO.panelMember, DEMO.admin]) {
      const session = new WebSession(testApp.server);
      await session.signIn(email);
      sessions.set(email, session);
    }
  });
  afterAll(() => testApp.close());

  it.each([
    ['a requirement', DEMO.commissioner, '/requirements/not-a-uuid'],
    ['a requirement’s bids', DEMO.commissioner, '/requirements/not-a-uuid/bids'],
    ['a bid', DEMO.provider, '/provider/opportunities/not-a-uuid/bid'],
    ['a contract', DEMO.commissioner, '/contracts/not-a-uuid'],
    ['a provider’s contract', DEMO.provider, '/provider/contracts/123'],
    ['a meeting', DEMO.panelMember, '/panel/meetings/not-a-uuid'],
    ['a provider record', DEMO.commissioner, '/quality/providers/not-a-uuid'],
    ['a practitioner record', DEMO.provider, '/provider/practitioners/not-a-uuid/edit'],
    ['a user', DEMO.admin, '/admin/users/not-a-uuid/roles'],
  ])('answers a malformed id for %s with the GOV.UK "Page not found" page', async (_record, email, path) => {
    const page = await sessions.get(email)!.get(path);
    expect(page.status).toBe(404);
    expect(page.heading).toBe('Page not found');
    expect(page.html).not.toMatch(/Error:|at \w+ \(|\.ts:\d+|Validation failed|uuid/i);
  });
});
