import type { TestApp } from '../support/test-app';
import { DEMO, WebSession } from '../support/web-session';
import { closedRequirementWithBids, dateFields, RequirementOverrides } from './competitions';
import { FACTORY_PASSWORD } from './users';

/** The member's declaration of no conflict with any bidder. */
export const declareNoConflicts = (session: WebSession, requirementId: string, providerIds: Record<string, string>) =>
  session.submit(
    `/panel/requirements/${requirementId}`,
    Object.fromEntries(Object.values(providerIds).map((id) => [`conflict-${id}`, 'none'])),
    `/panel/requirements/${requirementId}/conflicts`,
  );

/**
 * Anyone who acts on a requirement (a commissioner, say) declares no
 * conflict with every bidder on the shared declaration page, which names
 * them: what a commissioner does before seeing the bids (BR-9).
 */
export async function declareNoConflictsOnPage(session: WebSession, requirementId: string) {
  const path = `/conflicts/requirements/${requirementId}/declare`;
  const form = await session.get(path);
  const fields = Object.fromEntries(
    [
      ...new Set(
        form
          .$('input[type=radio][name^="conflict-"]')
          .map((_, input) => form.$(input).attr('name'))
          .get(),
      ),
    ].map((name) => [name, 'none']),
  );
  const declared = await session.submit(path, fields);
  if (declared.status !== 303)
    throw new Error(`Declaring no conflicts failed with ${declared.status}: ${declared.errorSummary.map((error) => error.text).join('; ')}`);
  return declared;
}

/** Score or moderation fields: for each named bid, its two questions' scores, each with the text "Agreed". */
export const agreedScores = (bidIds: Record<string, string>, textField: 'comment' | 'rationale', scores: Record<string, [number, number]>) =>
  Object.fromEntries(
    Object.entries(scores).flatMap(([name, pair]) =>
      pair.flatMap((score, index) => [
        [`score-${bidIds[name]}-${index}`, String(score)],
        [`${textField}-${bidIds[name]}-${index}`, 'Agreed'],
      ]),
    ),
  );

/** The chair declares, scores and moderates every bid 3 on each question, ready for a decision. */
export async function scoreAndModerateAllThrees(chair: WebSession, requirementId: string, bidIds: Record<string, string>, providerIds: Record<string, string>) {
  await declareNoConflicts(chair, requirementId, providerIds);
  const threes = Object.fromEntries(Object.keys(bidIds).map((name) => [name, [3, 3] as [number, number]]));
  await chair.submit(`/panel/requirements/${requirementId}/scores`, { ...agreedScores(bidIds, 'comment', threes), intent: 'submit' });
  await chair.submit(`/panel/requirements/${requirementId}/moderation`, agreedScores(bidIds, 'rationale', threes));
}

/** A meeting date `days` from today (London), as the three date boxes: decisions need a meeting that has happened. */
export const meetingDateFields = (days = 0) => dateFields('meetingDate', days);

/** A quorate meeting of every seeded panel member, today, made once per app. */
export async function quorateMeeting(testApp: TestApp, chair: WebSession): Promise<string> {
  const sql = (query: string) => testApp.dataSource.query(query);
  const [existing] = await sql(`SELECT id FROM panel_meetings ORDER BY created_at LIMIT 1`);
  if (existing) return existing.id;
  const members = (await sql(`SELECT id FROM panel_members`)).map((row: { id: string }) => row.id);
  await chair.submit('/panel/meetings', { ...meetingDateFields(0), attendeeMemberIds: members });
  const [meeting] = await sql(`SELECT id FROM panel_meetings ORDER BY created_at LIMIT 1`);
  return meeting.id;
}

export interface ActiveContract {
  contractId: string;
  requirementId: string;
  providerId: string;
  /** A signed-in session for the winning provider. */
  provider: WebSession;
}

/**
 * A spot contract for 10 sessions of Theraplay, awarded to a new provider and
 * started by the demo commissioner `startDays` from today (negative is past,
 * and then the award is dated the start day) with the given outcome tools.
 */
export async function activeContract(
  testApp: TestApp,
  options: {
    winner: string;
    rate?: string;
    /** Other bidders, who lose: each rate must be above the winner's. */ rivals?: Array<[name: string, rate: string]>;
    outcomeTools?: string[];
    startDays?: number;
    endDays?: number;
    midpointFeedback?: boolean;
    reportIntervalWeeks?: number;
    requirement?: RequirementOverrides;
  },
): Promise<ActiveContract> {
  const { requirementId, bidIds, providerIds } = await closedRequirementWithBids(
    testApp,
    [[options.winner, options.rate ?? '95'], ...(options.rivals ?? [])],
    options.requirement,
  );
  const chair = new WebSession(testApp.server);
  await chair.signIn(DEMO.panelMember);
  const meetingId = await quorateMeeting(testApp, chair);
  await scoreAndModerateAllThrees(chair, requirementId, bidIds, providerIds);
  const decided = await chair.submit(`/panel/requirements/${requirementId}/decision`, { meetingId, outcome: 'awarded', rationale: 'Best value' });
  if (decided.status !== 303) throw new Error(`The award failed with ${decided.status}: ${decided.errorSummary.map((error) => error.text).join('; ')}`);
  const [contract] = await testApp.dataSource.query(`SELECT id FROM contracts WHERE requirement_id = $1`, [requirementId]);
  const startDays = options.startDays ?? -30;
  if (startDays < 0) {
    // A contract cannot start before its award, so one started in the past was awarded (and published) that much earlier.
    await testApp.dataSource.query(`UPDATE awards SET decided_at = decided_at + make_interval(days => $2) WHERE requirement_id = $1`, [
      requirementId,
      startDays,
    ]);
    await testApp.dataSource.query(`UPDATE requirements SET published_at = published_at + make_interval(days => $2) WHERE id = $1`, [requirementId, startDays]);
  }
  const commissioner = new WebSession(testApp.server);
  await commissioner.signIn(DEMO.commissioner);
  const started = await commissioner.submit(
    `/contracts/${contract.id}`,
    {
      outcomeTools: options.outcomeTools ?? ['SDQ', 'GBO'],
      reportIntervalWeeks: String(options.reportIntervalWeeks ?? 6),
      ...(options.midpointFeedback ? { midpointFeedback: 'yes' } : {}),
      ...dateFields('startsOn', startDays),
      ...dateFields('endsOn', options.endDays ?? 60),
    },
    `/contracts/${contract.id}/activate`,
  );
  if (started.status !== 303)
    throw new Error(`Starting the contract failed with ${started.status}: ${started.errorSummary.map((error) => error.text).join('; ')}`);
  const [user] = await testApp.dataSource.query(`SELECT email FROM users WHERE provider_id = $1`, [providerIds[options.winner]]);
  const provider = new WebSession(testApp.server);
  await provider.signIn(user.email, FACTORY_PASSWORD);
  return { contractId: contract.id, requirementId, providerId: providerIds[options.winner], provider };
}
