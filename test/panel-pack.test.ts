/**
 * Issue 22: the panel pack for a meeting and the CSV of a requirement's
 * bids. Bid content comes only through the sealed-bid gate, after the
 * deadline by the database's clock, and only to a panel member of the
 * partnership who has declared no conflict (BR-6, BR-9).
 */
import { agreedScores, declareNoConflicts, quorateMeeting } from './factories/awards';
import { openRequirementWithBids, passBidDeadline } from './factories/competitions';
import { createSecondPartnership } from './factories/partnerships';
import { createTestApp, TestApp } from './support/test-app';
import { DEMO, WebSession } from './support/web-session';

let testApp: TestApp;
let chair: WebSession;
let commissioner: WebSession;
let meetingId: string;

beforeAll(async () => {
  testApp = await createTestApp();
  chair = new WebSession(testApp.server);
  await chair.signIn(DEMO.panelMember);
  commissioner = new WebSession(testApp.server);
  await commissioner.signIn(DEMO.commissioner);
  meetingId = await quorateMeeting(testApp, chair);
});
afterAll(() => testApp.close());

describe('the panel pack', () => {
  it('lists the agenda, with the bids side by side, the scores and the moderation only after the deadline', async () => {
    const open = await openRequirementWithBids(
      testApp,
      [
        ['Aspen Pack Therapy', '90'],
        ['Beech Pack Therapy', '100'],
      ],
      { title: 'Theraplay for the panel pack' },
    );
    const { requirementId, bidIds, providerIds } = open;
    const csv = `/panel/requirements/${requirementId}/bids.csv`;

    // Before the deadline: not on the agenda, nothing of the bids, and no CSV.
    const sealed = await chair.get(`/panel/meetings/${meetingId}/pack`);
    expect(sealed.status).toBe(200);
    expect(sealed.$(`[data-agenda-item="${requirementId}"]`)).toHaveLength(0);
    expect(sealed.html).not.toContain('Aspen Pack Therapy answer one');
    expect((await chair.get(csv)).status).toBe(404);

    await passBidDeadline(testApp, requirementId);
    expect((await chair.get(`/panel/meetings/${meetingId}`)).$('#panel-pack a').attr('href')).toBe(`/panel/meetings/${meetingId}/pack`);
    // Listed, but the bids wait for the member's declaration (BR-9).
    const undeclared = await chair.get(`/panel/meetings/${meetingId}/pack`);
    const item = undeclared.$(`[data-agenda-item="${requirementId}"]`);
    expect(item.find('h3').text()).toContain('Theraplay for the panel pack');
    expect(item.text()).toMatch(/declare/i);
    expect(undeclared.html).not.toContain('Aspen Pack Therapy answer one');
    expect((await chair.get(csv)).status).toBe(409);

    await declareNoConflicts(chair, requirementId, providerIds);
    const scores = { 'Aspen Pack Therapy': [3, 4] as [number, number], 'Beech Pack Therapy': [2, 2] as [number, number] };
    await chair.submit(`/panel/requirements/${requirementId}/scores`, { ...agreedScores(bidIds, 'comment', scores), intent: 'submit' });
    await chair.submit(`/panel/requirements/${requirementId}/moderation`, agreedScores(bidIds, 'rationale', scores));

    const pack = await chair.get(`/panel/meetings/${meetingId}/pack`);
    const table = pack.$(`[data-agenda-item="${requirementId}"] table`);
    expect(
      table
        .find('thead th')
        .map((_, cell) => pack.$(cell).text().trim())
        .get(),
    ).toEqual(['Bid', 'Aspen Pack Therapy', 'Beech Pack Therapy']);
    const rowOf = (heading: string) =>
      table
        .find('tbody tr')
        .filter((_, row) => pack.$(row).find('th').text().startsWith(heading))
        .first()
        .find('td')
        .map((_, cell) => pack.$(cell).text().trim())
        .get();
    expect(rowOf('Total price')).toEqual(['£900.00', '£1,000.00']);
    expect(rowOf('Question 1: How will you build')).toEqual(['Aspen Pack Therapy answer one', 'Beech Pack Therapy answer one']);
    expect(rowOf('Question 2: moderated score')).toEqual(['4 of 4. Agreed', '2 of 4. Agreed']);
    expect(rowOf('Question 1: members’ scores')[0]).toMatch(/: 3$/);
    expect(rowOf('Rank')).toEqual(['1', '2']);
    // The page prints as a document: the layout links the print stylesheet, which breaks the pack by item.
    expect(pack.$('link[media=print]').attr('href')).toBe('/app-assets/print.css');
    const css = await chair.get('/app-assets/print.css');
    expect(css.html).toContain('.app-panel-pack__item { break-before: page; }');

    const download = await chair.get(csv);
    expect(download.status).toBe(200);
    expect(download.headers['content-type']).toContain('text/csv');
    const lines = download.html.trim().split(/\r?\n/);
    expect(lines[0]).toContain('Question 1 answer');
    expect(lines).toHaveLength(3);
    expect(lines[1]).toContain('Aspen Pack Therapy answer one');
    expect(lines[2]).toContain('Beech Pack Therapy');
  });

  it('refuses the CSV before the deadline, after a cancel, to another partnership and to a provider', async () => {
    const open = await openRequirementWithBids(testApp, [['Cedar Pack Therapy', '95']], { title: 'Theraplay cancelled for the pack' });
    const csv = `/panel/requirements/${open.requirementId}/bids.csv`;
    expect((await chair.get(csv)).status).toBe(404);
    await passBidDeadline(testApp, open.requirementId);
    // Open now, but only once the member declares (the first declaration starts the evaluation, which cannot be cancelled).
    expect((await chair.get(csv)).status).toBe(409);

    const other = await createSecondPartnership(testApp.dataSource, 'Pack Northern Partnership');
    const outsider = new WebSession(testApp.server);
    await outsider.signIn(other.panelMember, other.password);
    const refused = await outsider.get(csv);
    expect(refused.status).toBe(404);
    expect(refused.html).not.toContain('Cedar Pack Therapy');
    expect((await outsider.get(`/panel/meetings/${meetingId}/pack`)).status).toBe(404);

    const bidder = open.sessions['Cedar Pack Therapy'];
    expect((await bidder.get(csv)).status).toBe(403);
    expect((await bidder.get(`/panel/meetings/${meetingId}/pack`)).status).toBe(403);

    const cancelled = await commissioner.submit(`/requirements/${open.requirementId}/cancel`, { reason: 'The family moved away' });
    expect(cancelled.status).toBe(303);
    // Cancelled: refused before any declaration is asked for, and off the agenda.
    expect((await chair.get(csv)).status).toBe(404);
    expect((await chair.get(`/panel/meetings/${meetingId}/pack`)).$(`[data-agenda-item="${open.requirementId}"]`)).toHaveLength(0);
  });
});
