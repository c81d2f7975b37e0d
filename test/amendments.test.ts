import { InvitationsService } from '../src/competitions/invitations.service';
import { declareNoConflictsOnPage } from './factories/awards';
import { admitMember, dateFields, openRequirementWithBids, passBidDeadline } from './factories/competitions';
import { referenceIds } from './factories/frameworks';
import { createSecondPartnership } from './factories/partnerships';
import { FACTORY_PASSWORD } from './factories/users';
import { createTestApp, TestApp } from './support/test-app';
import { DEMO, Page, WebSession } from './support/web-session';

/** The amendment form's fields as the page fills them in, with `changes` on top. */
function formFields(page: Page, changes: Record<string, string>): Record<string, string> {
  const fields: Record<string, string> = {};
  page.$('form input[name], form textarea[name]').each((_, element) => {
    const name = page.$(element).attr('name')!;
    if (name === '_csrf' || page.$(element).attr('type') === 'checkbox') return;
    fields[name] = page.$(element).is('textarea') ? page.$(element).text().trim() : (page.$(element).attr('value') ?? '');
  });
  return { ...fields, ...changes };
}

/** Issue 22: amending a live requirement, its change history and the emails, with bids kept sealed. */
describe('amending a published requirement', () => {
  let testApp: TestApp;
  let commissioner: WebSession;
  let open: Awaited<ReturnType<typeof openRequirementWithBids>>;
  let cedar: WebSession;
  let dell: WebSession;
  const sql = (query: string, params: unknown[] = []) => testApp.dataSource.query(query, params);
  const amendPath = () => `/requirements/${open.requirementId}/amendments/new`;
  const amend = async (session: WebSession, changes: Record<string, string>) => {
    const form = await session.get(amendPath());
    return session.post(amendPath(), { ...formFields(form, changes), _csrf: form.$('input[name="_csrf"]').attr('value')! });
  };
  const amendmentCount = async () => (await sql(`SELECT count(*)::int AS n FROM requirement_amendments WHERE requirement_id = $1`, [open.requirementId]))[0].n;

  beforeAll(async () => {
    testApp = await createTestApp();
    const ids = await referenceIds(testApp.dataSource);
    open = await openRequirementWithBids(testApp, [
      ['Alder Therapy', '95'],
      ['Birch Therapy', '97'],
    ]);
    // Two more invitees, invited as they join the lot: Cedar starts a draft bid, Dell does not bid.
    const sessions: WebSession[] = [];
    for (const name of ['Cedar Therapy', 'Dell Therapy']) {
      const member = await admitMember(testApp.dataSource, name, { frameworkId: open.frameworkId, therapyTypeId: ids.theraplay, areaIds: [ids.ashford] });
      await testApp.dataSource.transaction((manager) =>
        testApp.app
          .get(InvitationsService)
          .inviteToOpenRequirements(manager, { frameworkId: open.frameworkId, therapyTypeId: ids.theraplay, providerId: member.providerId }),
      );
      const session = new WebSession(testApp.server);
      await session.signIn(member.email!, FACTORY_PASSWORD);
      sessions.push(session);
    }
    [cedar, dell] = sessions;
    const draft = await cedar.submit(`/provider/opportunities/${open.requirementId}/bid`, { rate: '90', intent: 'draft' });
    expect(draft.status).toBe(303);
    commissioner = new WebSession(testApp.server);
    await commissioner.signIn(DEMO.commissioner);
  });
  afterAll(() => testApp.close());

  it('refuses bad input with GOV.UK errors, keeping what was typed and saving nothing', async () => {
    const before = await sql(`SELECT bid_deadline, ceiling_pence, criteria FROM requirements WHERE id = $1`, [open.requirementId]);
    const blank = await amend(commissioner, { reason: '', ceiling: 'lots', sessionCount: 'ten' });
    expect(blank.status).toBe(400);
    expect(blank.title).toMatch(/^Error: /);
    expect(blank.errorSummary.map((error) => error.text)).toEqual([
      'Enter the reason for the change',
      'Enter the number of sessions, from 1 to 500',
      'Enter the ceiling price in pounds, like £1,200 or 1200.50',
    ]);
    expect(blank.$('#ceiling').val()).toBe('lots');

    const weights = await amend(commissioner, { reason: 'Reweighting', priceWeight: '50', ...dateFields('bidDeadline', 20) });
    expect(weights.status).toBe(400);
    expect(weights.errorSummary.map((error) => error.text)).toEqual(['The weights must add up to 100. They add up to 120']);

    const nothing = await amend(commissioner, { reason: 'No change at all' });
    expect(nothing.status).toBe(400);
    expect(nothing.errorSummary.map((error) => error.text)).toEqual(['Change something, or add an addendum']);

    expect(await sql(`SELECT bid_deadline, ceiling_pence, criteria FROM requirements WHERE id = $1`, [open.requirementId])).toEqual(before);
    expect(await amendmentCount()).toBe(0);
    expect(await sql(`SELECT count(*)::int AS n FROM notifications WHERE template = 'requirement-amended'`)).toEqual([{ n: 0 }]);
  });

  it('refuses to move the deadline earlier', async () => {
    const earlier = await amend(commissioner, { reason: 'Sooner', ...dateFields('bidDeadline', 9) });
    expect(earlier.status).toBe(400);
    expect(earlier.errorSummary.map((error) => error.text)).toEqual(['The bid deadline can only move later']);
    expect(await amendmentCount()).toBe(0);
  });

  it('extends the deadline: every invitee and bidder is emailed once, the history is shown, and bids stay sealed', async () => {
    const extended = await amend(commissioner, { reason: 'More time for the half-term holiday', ...dateFields('bidDeadline', 13) });
    expect(extended.status).toBe(303);
    const [amendment] = await sql(`SELECT id, number, material FROM requirement_amendments WHERE requirement_id = $1`, [open.requirementId]);
    expect(amendment).toMatchObject({ number: 1, material: false });

    const emails: Array<{ to_address: string; n: number }> = await sql(
      `SELECT to_address, count(*)::int AS n FROM notifications WHERE template = 'requirement-amended' AND event_key LIKE $1 GROUP BY to_address ORDER BY to_address`,
      [`requirement-amended:${amendment.id}:%`],
    );
    // Alder and Birch submitted, Cedar has a draft, Dell has not bid: one user each, one email each.
    expect(emails).toHaveLength(4);
    expect(emails.every((email) => email.n === 1)).toBe(true);

    for (const session of [dell, open.sessions['Alder Therapy']]) {
      const page = await session.get(`/provider/opportunities/${open.requirementId}`);
      const history = page.$('#changes').parent().text();
      expect(history).toContain('Amendment 1');
      expect(page.html).toContain('More time for the half-term holiday');
      expect(page.$('table').text()).toMatch(/Bids close/);
    }
    const own = await commissioner.get(`/requirements/${open.requirementId}`);
    expect(own.html).toContain('More time for the half-term holiday');

    // Sealed (BR-6): nothing comes out of the gate, and the commissioner sees only the count.
    expect(await sql(`SELECT * FROM opened_bids WHERE requirement_id = $1`, [open.requirementId])).toEqual([]);
    const bids = await commissioner.get(`/requirements/${open.requirementId}/bids`);
    expect(bids.html).not.toMatch(/Alder Therapy answer|Practitioner of Alder/);
    expect(own.html).not.toContain('Alder Therapy');
  });

  it('keeps every amendment as it was: the database refuses to change one, or to add one after the deadline it was made under', async () => {
    await expect(sql(`UPDATE requirement_amendments SET reason = 'rewritten' WHERE requirement_id = $1`, [open.requirementId])).rejects.toThrow(
      /keeps every version/,
    );
    await expect(
      sql(
        `INSERT INTO requirement_amendments (requirement_id, number, reason, material, deadline_before, created_by_user_id)
         SELECT $1, 99, 'Too late', false, now() - interval '1 second', created_by_user_id FROM requirements WHERE id = $1`,
        [open.requirementId],
      ),
    ).rejects.toThrow(/amendment_deadline_passed/);
  });

  it('a material change flags submitted bids, and their providers confirm or resubmit', async () => {
    // Time passes: bids now close in 5 days, too soon after a material change.
    await sql(
      `UPDATE requirements SET clarification_deadline = date_trunc('minute', now()) + interval '2 days', bid_deadline = date_trunc('minute', now()) + interval '5 days' WHERE id = $1`,
      [open.requirementId],
    );
    const tooSoon = await amend(commissioner, { reason: 'Higher ceiling', ceiling: '1500' });
    expect(tooSoon.status).toBe(400);
    expect(tooSoon.errorSummary[0].text).toMatch(/^This change alters what is bid for or how bids are judged, so bidders need at least 10 days from now/);

    const material = await amend(commissioner, { reason: 'Higher ceiling', ceiling: '1500', ...dateFields('bidDeadline', 14) });
    expect(material.status).toBe(303);
    const [amendment] = await sql(`SELECT id, number, material FROM requirement_amendments WHERE requirement_id = $1 AND number = 2`, [open.requirementId]);
    expect(amendment.material).toBe(true);

    const alder = open.sessions['Alder Therapy'];
    const flagged = await alder.get(`/provider/opportunities/${open.requirementId}`);
    expect(flagged.$('.govuk-warning-text').text()).toContain('Your bid was submitted before amendment 2');
    // Cedar's draft and Dell's missing bid are not flagged; the emails say so only to those who submitted.
    expect((await cedar.get(`/provider/opportunities/${open.requirementId}`)).html).not.toContain('submitted before amendment');
    const asked: Array<{ confirm: boolean }> = await sql(
      `SELECT text_body LIKE '%submitted before amendment 2%' AS confirm FROM notifications WHERE event_key LIKE $1 ORDER BY to_address`,
      [`requirement-amended:${amendment.id}:%`],
    );
    expect(asked.filter((row) => row.confirm)).toHaveLength(2);
    expect(asked).toHaveLength(4);

    const confirmed = await alder.submit(
      `/provider/opportunities/${open.requirementId}`,
      {},
      `/provider/opportunities/${open.requirementId}/amendments/confirm`,
    );
    expect(confirmed.status).toBe(303);
    expect((await alder.get(`/provider/opportunities/${open.requirementId}`)).html).not.toContain('submitted before amendment');
    const again = await alder.submit(`/provider/opportunities/${open.requirementId}`, {}, `/provider/opportunities/${open.requirementId}/amendments/confirm`);
    expect(again.status).toBe(409);

    // Birch resubmits instead, which also clears the flag.
    const birch = open.sessions['Birch Therapy'];
    const resubmitted = await birch.submit(
      `/provider/opportunities/${open.requirementId}/bid/check`,
      { declaration: 'confirmed' },
      `/provider/opportunities/${open.requirementId}/bid/submit`,
    );
    expect(resubmitted.status).toBe(303);
    expect((await birch.get(`/provider/opportunities/${open.requirementId}`)).html).not.toContain('submitted before amendment');
    expect(await sql(`SELECT * FROM opened_bids WHERE requirement_id = $1`, [open.requirementId])).toEqual([]);
  });

  it('another partnership’s commissioner cannot see or amend it', async () => {
    const second = await createSecondPartnership(testApp.dataSource);
    const outsider = new WebSession(testApp.server);
    await outsider.signIn(second.commissioner, second.password);
    expect((await outsider.get(amendPath())).status).toBe(404);
    const before = await amendmentCount();
    const page = await outsider.get('/requirements');
    const posted = await outsider.post(amendPath(), {
      reason: 'Hijack',
      _csrf: page.$('meta[name=csrf-token]').attr('content') ?? page.$('input[name="_csrf"]').first().attr('value')!,
    });
    expect(posted.status).toBe(404);
    expect(await amendmentCount()).toBe(before);
  });

  it('refuses an amendment after the deadline', async () => {
    // Amendment 3 shortens the sessions; Alder confirms, Birch does neither.
    const shorter = await amend(commissioner, { reason: 'Shorter sessions suit the child', sessionMinutes: '50', ...dateFields('bidDeadline', 15) });
    expect(shorter.status).toBe(303);
    const alder = open.sessions['Alder Therapy'];
    expect(
      (await alder.submit(`/provider/opportunities/${open.requirementId}`, {}, `/provider/opportunities/${open.requirementId}/amendments/confirm`)).status,
    ).toBe(303);
    expect((await commissioner.get(`/requirements/${open.requirementId}/bids`)).html).not.toContain('Submitted before amendment');

    const form = await commissioner.get(amendPath());
    expect(form.status).toBe(200);
    const fields = formFields(form, { reason: 'Too late', ...dateFields('bidDeadline', 20) });
    const before = await amendmentCount();
    await passBidDeadline(testApp, open.requirementId);
    const late = await commissioner.post(amendPath(), { ...fields, _csrf: form.$('input[name="_csrf"]').attr('value')! });
    expect(late.status).toBe(409);
    expect(await amendmentCount()).toBe(before);
    expect((await commissioner.get(`/requirements/${open.requirementId}`)).html).not.toContain('Amend this requirement');
    const confirm = await alder.submit(`/provider/opportunities/${open.requirementId}`, {}, `/provider/opportunities/${open.requirementId}/amendments/confirm`);
    expect(confirm.status).toBe(409);
  });

  it('after the deadline, shows the commissioner which opened bids predate a material amendment', async () => {
    await declareNoConflictsOnPage(commissioner, open.requirementId);
    const bids = await commissioner.get(`/requirements/${open.requirementId}/bids`);
    const card = (name: string) =>
      bids
        .$('.govuk-summary-card')
        .filter((_, element) => bids.$(element).find('h2').first().text() === name)
        .text();
    expect(card('Birch Therapy')).toContain('Submitted before amendment 3, and not confirmed or submitted again since');
    expect(card('Alder Therapy')).not.toContain('Submitted before amendment');
    expect(card('Alder Therapy')).toContain('Alder Therapy answer one');
  });
});
