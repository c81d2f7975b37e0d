import { dateFields, draftRequirement } from './factories/competitions';
import { createOpenFramework, referenceIds } from './factories/frameworks';
import { createSecondPartnership, SecondPartnership } from './factories/partnerships';
import { createUser, FACTORY_PASSWORD } from './factories/users';
import { createTestApp, TestApp } from './support/test-app';
import { DEMO, WebSession } from './support/web-session';

/** Issues 19 and 22: publishing waits for approval (where the agency requires it) and for the panel's decisions. */
describe('steps before publishing', () => {
  let testApp: TestApp;
  let author: WebSession;
  let colleague: WebSession;
  let manager: WebSession;
  let admin: WebSession;
  let chair: WebSession;
  let other: SecondPartnership;
  let otherCommissioner: WebSession;
  let otherManager: WebSession;
  let otherChair: WebSession;
  let lot: string;
  let ids: Awaited<ReturnType<typeof referenceIds>>;
  let kentId: string;
  const sql = (query: string, params: unknown[] = []) => testApp.dataSource.query(query, params);
  const publish = (id: string) => author.submit(`/requirements/${id}/check`, {}, `/requirements/${id}/publish`);
  const statusOf = async (id: string) => (await sql(`SELECT status FROM requirements WHERE id = $1`, [id]))[0].status;
  const mainText = async (session: WebSession, path: string) => (await session.get(path)).$('main').text().replace(/\s+/g, ' ');

  beforeAll(async () => {
    testApp = await createTestApp();
    ids = await referenceIds(testApp.dataSource);
    [{ id: kentId }] = await sql(`SELECT id FROM agencies WHERE name = 'Kent County Council'`);
    manager = new WebSession(testApp.server);
    await manager.signIn(DEMO.frameworkManager);
    const frameworkId = await createOpenFramework(manager, ids, 'Gated Services 2026');
    lot = `${frameworkId}:${ids.theraplay}`;
    author = new WebSession(testApp.server);
    await author.signIn(DEMO.commissioner);
    await createUser(testApp.dataSource, { roles: ['commissioner'], agencyId: kentId, email: 'second.commissioner@kent.example', fullName: 'Sam Second' });
    colleague = new WebSession(testApp.server);
    await colleague.signIn('second.commissioner@kent.example', FACTORY_PASSWORD);
    admin = new WebSession(testApp.server);
    await admin.signIn(DEMO.admin);
    chair = new WebSession(testApp.server);
    await chair.signIn(DEMO.panelMember);
    other = await createSecondPartnership(testApp.dataSource);
    otherCommissioner = new WebSession(testApp.server);
    await otherCommissioner.signIn(other.commissioner, other.password);
    otherManager = new WebSession(testApp.server);
    await otherManager.signIn(other.frameworkManager, other.password);
    otherChair = new WebSession(testApp.server);
    await otherChair.signIn(other.panelMember, other.password);
  });
  afterAll(() => testApp.close());

  describe('approval before publishing', () => {
    let id: string;
    const approval = (session: WebSession, fields: Record<string, string>) => session.submit(`/requirements/approvals/${id}`, fields);
    const events = async () =>
      (await sql(`SELECT kind, comments FROM requirement_approval_events WHERE requirement_id = $1 ORDER BY created_at`, [id])) as Array<{
        kind: string;
        comments: string | null;
      }>;

    it('is set per agency by the system admin only, refusing bad input', async () => {
      expect((await author.get(`/admin/agencies/${kentId}/approval`)).status).toBe(403);
      const empty = await admin.submit(`/admin/agencies/${kentId}/approval`, {});
      expect(empty.status).toBe(400);
      expect(empty.title).toMatch(/^Error: /);
      expect(empty.errorSummary.map((error) => error.text)).toEqual(['Select whether requirements need approval before publishing']);
      expect((await sql(`SELECT publish_approval_required FROM agencies WHERE id = $1`, [kentId]))[0].publish_approval_required).toBe(false);
      expect((await admin.submit(`/admin/agencies/${kentId}/approval`, { required: 'yes' })).status).toBe(303);
      expect((await sql(`SELECT publish_approval_required FROM agencies WHERE id = $1`, [kentId]))[0].publish_approval_required).toBe(true);
      // The agency's admin page shows the setting and links to it.
      const agencyPage = await admin.get(`/admin/agencies/${kentId}`);
      expect(agencyPage.$('.govuk-summary-list__row:contains("Approval before publishing")').text()).toContain('Required: a second person approves');
      expect(agencyPage.$(`a[href="/admin/agencies/${kentId}/approval"]`).length).toBe(1);
      expect(await sql(`SELECT after FROM audit_events WHERE action = 'agency.publish_approval_set'`)).toEqual([{ after: { publishApprovalRequired: true } }]);
    });

    it('blocks publishing until a second person approves, and shows the next step', async () => {
      id = await draftRequirement(author, lot, ids.ashford, { title: 'Theraplay needing approval' });
      const page = await mainText(author, `/requirements/${id}`);
      expect(page).toContain('Get approval before publishing');
      expect(page).toContain('Send for approval');
      expect((await author.get(`/requirements/${id}/check`)).$('button:contains("Publish requirement")').length).toBe(0);
      const refused = await publish(id);
      expect(refused.status).toBe(409);
      expect(refused.$('main').text()).toContain('Get approval before publishing');
      expect(await statusOf(id)).toBe('draft');

      expect((await author.submit(`/requirements/${id}`, {}, `/requirements/${id}/approval-request`)).status).toBe(303);
      expect(await mainText(author, `/requirements/${id}`)).toContain('Waiting for approval');
      expect((await author.submit(`/requirements/${id}`, {}, `/requirements/${id}/approval-request`)).status).toBe(409);
      expect((await colleague.get('/requirements')).$('main a[href="/requirements/approvals"]').length).toBe(1);
      expect((await manager.get('/framework-manager')).$('main a[href="/requirements/approvals"]').length).toBe(1);
      expect(await mainText(colleague, '/requirements/approvals')).toContain('Theraplay needing approval');
      expect(await mainText(manager, '/requirements/approvals')).toContain('Theraplay needing approval');
      expect(await mainText(author, '/requirements/approvals')).not.toContain('Theraplay needing approval');
    });

    it('does not let the author approve their own requirement', async () => {
      const page = await author.get(`/requirements/approvals/${id}`);
      expect(page.$('form[action$="/approvals/' + id + '"]').length).toBe(0);
      const csrf = page.$('meta[name=csrf-token]').attr('content')!;
      expect((await author.post(`/requirements/approvals/${id}`, { _csrf: csrf, outcome: 'approved' })).status).toBe(403);
      expect((await events()).map((event) => event.kind)).toEqual(['requested']);
    });

    it('refuses a return without comments, then returns it with comments shown to the author', async () => {
      const bad = await approval(colleague, { outcome: 'returned' });
      expect(bad.status).toBe(400);
      expect(bad.errorSummary.map((error) => error.text)).toEqual(['Enter your comments for the commissioner']);
      const none = await approval(colleague, {});
      expect(none.status).toBe(400);
      expect(none.errorSummary.map((error) => error.text)).toEqual(['Select whether you approve the requirement or return it']);
      expect((await events()).map((event) => event.kind)).toEqual(['requested']);
      expect((await approval(colleague, { outcome: 'returned', comments: 'Add a third quality question on endings' })).status).toBe(303);
      const page = await mainText(author, `/requirements/${id}`);
      expect(page).toContain('Returned');
      expect(page).toContain('Add a third quality question on endings');
      expect((await publish(id)).status).toBe(409);
      const audit = await sql(`SELECT action, after FROM audit_events WHERE entity_id = $1 AND action LIKE 'requirement.approval%' ORDER BY occurred_at`, [id]);
      expect(audit.map((row: { action: string }) => row.action)).toEqual(['requirement.approval_requested', 'requirement.approval_returned']);
      expect(JSON.stringify(audit)).not.toContain('endings');
    });

    it('needs approving again after an edit, then publishes', async () => {
      expect((await author.submit(`/requirements/${id}`, {}, `/requirements/${id}/approval-request`)).status).toBe(303);
      expect((await approval(colleague, { outcome: 'approved' })).status).toBe(303);
      expect(await mainText(author, `/requirements/${id}`)).toContain('Approved by Sam Second');
      const edited = await author.submit(`/requirements/${id}/needs`, {
        ageBand: '8 to 10',
        presentingNeeds: ['Attachment difficulties'],
        needsDescription: 'Struggles with transitions at school',
        practitionerGender: 'any',
      });
      expect(edited.status).toBe(303);
      expect(await mainText(author, `/requirements/${id}`)).toContain('Needs approval again');
      expect((await publish(id)).status).toBe(409);
      expect(await statusOf(id)).toBe('draft');
      expect((await author.submit(`/requirements/${id}`, {}, `/requirements/${id}/approval-request`)).status).toBe(303);
      expect((await approval(manager, { outcome: 'approved' })).status).toBe(303);
      expect((await publish(id)).status).toBe(303);
      expect(await statusOf(id)).toBe('published');
    });

    it('is out of sight and reach of another partnership', async () => {
      const second = await draftRequirement(author, lot, ids.ashford, { title: 'Theraplay for another look' });
      expect((await author.submit(`/requirements/${second}`, {}, `/requirements/${second}/approval-request`)).status).toBe(303);
      for (const session of [otherCommissioner, otherManager]) {
        expect(await mainText(session, '/requirements/approvals')).not.toContain('Theraplay for another look');
        expect((await session.get(`/requirements/approvals/${second}`)).status).toBe(404);
        const csrf = (await session.get('/requirements/approvals')).$('meta[name=csrf-token]').attr('content')!;
        expect((await session.post(`/requirements/approvals/${second}`, { _csrf: csrf, outcome: 'approved' })).status).toBe(404);
      }
      const csrf = (await otherCommissioner.get('/requirements/approvals')).$('meta[name=csrf-token]').attr('content')!;
      expect((await otherCommissioner.post(`/requirements/${second}/approval-request`, { _csrf: csrf })).status).toBe(404);
      expect((await events()).map((event) => event.kind)).toEqual(['requested', 'returned', 'requested', 'approved', 'requested', 'approved']);
      expect((await sql(`SELECT kind FROM requirement_approval_events WHERE requirement_id = $1`, [second])).map((row: { kind: string }) => row.kind)).toEqual([
        'requested',
      ]);
      expect((await admin.submit(`/admin/agencies/${kentId}/approval`, { required: 'no' })).status).toBe(303);
    });
  });

  describe('panel decisions', () => {
    let block: string;
    let quorate: string;
    let inquorate: string;
    const requestId = async (id: string) =>
      (await sql(`SELECT id FROM panel_requests WHERE requirement_id = $1 ORDER BY requested_at DESC LIMIT 1`, [id]))[0].id as string;
    const decide = (meetingId: string, id: string, fields: Record<string, string>) => chair.submit(`/panel/meetings/${meetingId}/requests/${id}`, fields);
    const requestRow = async (id: string) => (await sql(`SELECT status, rationale, meeting_id, excess_pence FROM panel_requests WHERE id = $1`, [id]))[0];

    beforeAll(async () => {
      const members: Array<{ id: string; email: string }> = await sql(
        `SELECT m.id, u.email FROM panel_members m JOIN users u ON u.id = m.user_id WHERE m.partnership_id = (SELECT partnership_id FROM agencies WHERE id = $1)`,
        [kentId],
      );
      const chairId = members.find((member) => member.email === DEMO.panelMember)!.id;
      const made = await chair.submit('/panel/meetings', { ...dateFields('meetingDate', 0), attendeeMemberIds: [chairId] });
      inquorate = made.location!.split('/').pop()!;
      const full = await chair.submit('/panel/meetings', { ...dateFields('meetingDate', 0), attendeeMemberIds: members.map((member) => member.id) });
      quorate = full.location!.split('/').pop()!;
    });

    it('keeps a block purchase from publishing until the panel is asked', async () => {
      block = await draftRequirement(author, lot, ids.ashford, { title: 'Block of Theraplay', purchaseType: 'block', blockVolume: 40, ceiling: '1,500' });
      const page = await mainText(author, `/requirements/${block}`);
      expect(page).toContain('Panel decision on the block purchase');
      expect(page).not.toContain('Get approval before publishing');
      expect((await publish(block)).status).toBe(409);
      expect((await author.submit(`/requirements/${block}`, {}, `/requirements/${block}/panel-request`)).status).toBe(303);
      expect(await mainText(author, `/requirements/${block}`)).toContain('Waiting for the panel');
      expect((await author.submit(`/requirements/${block}`, {}, `/requirements/${block}/panel-request`)).status).toBe(409);
      expect(await sql(`SELECT kind, status, excess_pence FROM panel_requests WHERE requirement_id = $1`, [block])).toEqual([
        { kind: 'block_purchase', status: 'pending', excess_pence: 0 },
      ]);
      expect(await mainText(chair, `/panel/meetings/${quorate}`)).toContain('Block of Theraplay');
    });

    it('cannot be decided at an inquorate meeting', async () => {
      const id = await requestId(block);
      const page = await mainText(chair, `/panel/meetings/${inquorate}/requests/${id}`);
      expect(page).toContain('not quorate for this request');
      const refused = await decide(inquorate, id, { outcome: 'approved', rationale: 'Good value' });
      expect(refused.status).toBe(409);
      expect(await requestRow(id)).toMatchObject({ status: 'pending', rationale: null, meeting_id: null });
    });

    it('refuses a decision without a rationale or outcome, saving nothing', async () => {
      const id = await requestId(block);
      const bad = await decide(quorate, id, { outcome: 'approved' });
      expect(bad.status).toBe(400);
      expect(bad.title).toMatch(/^Error: /);
      expect(bad.errorSummary.map((error) => error.text)).toEqual(['Enter the rationale for the decision']);
      const worse = await decide(quorate, id, { outcome: 'maybe', rationale: 'x' });
      expect(worse.errorSummary.map((error) => error.text)).toEqual(['Select the panel’s decision']);
      expect(await requestRow(id)).toMatchObject({ status: 'pending', rationale: null });
    });

    it('stays blocked when deferred or declined, and publishes once approved', async () => {
      const id = await requestId(block);
      expect((await decide(quorate, id, { outcome: 'deferred', rationale: 'Waiting for the provider market review' })).status).toBe(303);
      let page = await mainText(author, `/requirements/${block}`);
      expect(page).toContain('Deferred');
      expect(page).toContain('Waiting for the provider market review');
      expect((await publish(block)).status).toBe(409);
      expect((await decide(quorate, id, { outcome: 'declined', rationale: 'Spot purchase serves the need' })).status).toBe(303);
      page = await mainText(author, `/requirements/${block}`);
      expect(page).toContain('Declined');
      expect((await publish(block)).status).toBe(409);
      expect((await decide(quorate, id, { outcome: 'approved', rationale: 'Changed my mind' })).status).toBe(409);
      expect(await statusOf(block)).toBe('draft');
      // Asked again, the panel approves.
      expect((await author.submit(`/requirements/${block}`, {}, `/requirements/${block}/panel-request`)).status).toBe(303);
      const again = await requestId(block);
      expect((await decide(quorate, again, { outcome: 'approved', rationale: 'Block buys 40 sessions at a better rate' })).status).toBe(303);
      expect(await mainText(author, `/requirements/${block}`)).toContain('Block buys 40 sessions at a better rate');
      expect((await publish(block)).status).toBe(303);
      expect(await statusOf(block)).toBe('published');
      const audit = await sql(`SELECT after FROM audit_events WHERE action = 'panel_request.decided' AND entity_id = $1 ORDER BY occurred_at`, [block]);
      expect(audit.map((row: { after: { status: string } }) => row.after.status)).toEqual(['deferred', 'declined', 'approved']);
      expect(JSON.stringify(audit)).not.toContain('market review');
    });

    it('needs the panel for a spot purchase only when it takes the child over the fair access limit', async () => {
      const within = await draftRequirement(author, lot, ids.ashford, { title: 'Within the limit', childReference: 'KCC-777' });
      expect(await mainText(author, `/requirements/${within}`)).not.toContain('Panel decision');
      const over = await draftRequirement(author, lot, ids.ashford, { title: 'Over the limit', asgsf: '3,500', ceiling: '3,500', childReference: 'KCC-888' });
      const page = await mainText(author, `/requirements/${over}`);
      expect(page).toContain('Panel decision on £500.00 of agency funding above the fair access limit');
      expect((await publish(over)).status).toBe(409);
      expect((await author.submit(`/requirements/${over}`, {}, `/requirements/${over}/panel-request`)).status).toBe(303);
      const id = await requestId(over);
      expect(await requestRow(id)).toMatchObject({ status: 'pending', excess_pence: 50000 });
      expect((await decide(quorate, id, { outcome: 'approved', rationale: 'Complex needs justify agency funding' })).status).toBe(303);
      expect((await publish(over)).status).toBe(303);
      expect((await sql(`SELECT agency_funded_pence FROM requirements WHERE id = $1`, [over]))[0].agency_funded_pence).toBe(50000);
      expect((await author.submit(`/requirements/${within}`, {}, `/requirements/${within}/panel-request`)).status).toBe(409);
    });

    it('is out of sight and reach of another partnership', async () => {
      const draft = await draftRequirement(author, lot, ids.ashford, { title: 'Second block', purchaseType: 'block' });
      expect((await author.submit(`/requirements/${draft}`, {}, `/requirements/${draft}/panel-request`)).status).toBe(303);
      const id = await requestId(draft);
      expect((await otherChair.get(`/panel/meetings/${quorate}/requests/${id}`)).status).toBe(404);
      const csrf = (await otherChair.get('/panel/meetings')).$('meta[name=csrf-token]').attr('content')!;
      const [otherMeeting] = await sql(
        `INSERT INTO panel_meetings (partnership_id, meeting_date, chair_member_id, attendee_member_ids) SELECT partnership_id, current_date, id, ARRAY[id] FROM panel_members WHERE partnership_id = $1 RETURNING id`,
        [other.partnershipId],
      );
      expect(
        (await otherChair.post(`/panel/meetings/${otherMeeting.id}/requests/${id}`, { _csrf: csrf, outcome: 'approved', rationale: 'Not ours' })).status,
      ).toBe(404);
      expect((await otherChair.post(`/panel/meetings/${quorate}/requests/${id}`, { _csrf: csrf, outcome: 'approved', rationale: 'Not ours' })).status).toBe(
        404,
      );
      expect(await mainText(otherChair, `/panel/meetings/${otherMeeting.id}`)).not.toContain('Second block');
      const otherCsrf = (await otherCommissioner.get('/requirements')).$('meta[name=csrf-token]').attr('content')!;
      expect((await otherCommissioner.post(`/requirements/${draft}/panel-request`, { _csrf: otherCsrf })).status).toBe(404);
      expect(await requestRow(id)).toMatchObject({ status: 'pending' });
      expect((await sql(`SELECT count(*)::int AS n FROM panel_requests WHERE requirement_id = $1`, [draft]))[0].n).toBe(1);
    });
  });
});
