import { In, type EntityManager } from 'typeorm';
import { erasureDueAtSql } from '../retention/retention-rules';
import { bidLifecycle, type BidStatus } from './bid-lifecycle';
import { Bid } from './bid.entity';

/**
 * The sealed-bid gate (BR-6). Outside the provider's own bid service, this
 * file is the only code that names the bid tables; a test fails if any other
 * does. Everyone else reads bids through it:
 *
 * - bid content and who bid come only from the `opened_bids` view (migration
 *   SealedBidGate), whose rows appear once the database's clock passes the
 *   requirement's bid deadline, whatever its status, and which reads the
 *   latest submitted version, never the working copy;
 * - before the deadline, only the number of bids (BR-6 allows it).
 */

/** Alias `o`: bid_id, requirement_id, provider_id, status, validity_problems, version, rate_pence, total_pence, practitioner_ids, earliest_start_on, answers, over_ceiling, submitted_at. */
export const OPENED_BIDS = 'opened_bids';

/** Bids that count: submitted, and after the award successful or not. Withdrawn and unsubmitted ones never do. */
export const COUNTED_BID_STATUSES = `('submitted', 'successful', 'unsuccessful')`;

/** The number of bids on the requirement whose id is the SQL expression given: all anyone but the bidder may know before the deadline. */
export const submittedBidCount = (requirementId: string) =>
  `(SELECT count(*)::int FROM bids b WHERE b.requirement_id = ${requirementId} AND b.status IN ${COUNTED_BID_STATUSES})`;

/**
 * Whether the provider (a SQL expression) has acted on the requirement
 * (submitted or withdrawn), to decide who is reminded. It is never shown,
 * and reminder emails are withheld from the admin outbox until the deadline.
 */
export const providerHasActed = (requirementId: string, providerId: string) =>
  `EXISTS (SELECT 1 FROM bids b WHERE b.requirement_id = ${requirementId} AND b.provider_id = ${providerId} AND b.status IN ('submitted', 'withdrawn'))`;

/** Whether the provider (a SQL expression) has a bid still in draft on the requirement: its own business, never anyone else's. */
export const providerHasDraft = (requirementId: string, providerId: string) =>
  `EXISTS (SELECT 1 FROM bids b WHERE b.requirement_id = ${requirementId} AND b.provider_id = ${providerId} AND b.status = 'draft')`;

/**
 * A group of bids smaller than this shows no price: narrowed to one lot and
 * district, a median of one or two bids would be a provider's own rate.
 */
export const MIN_PRICE_GROUP = 5;

/**
 * True for an audit event (alias given) about a bid whose requirement is
 * still sealed: its actor is the bidder, so the admin log leaves it out
 * until the deadline. Bid events record their requirementId.
 */
export const sealedBidEvent = (event: string) =>
  `CASE WHEN ${event}.entity_type = 'bid' THEN coalesce((SELECT coalesce(r.bid_deadline > now(), true) FROM requirements r WHERE r.id = (${event}.after->>'requirementId')::uuid), false) ELSE false END`;

/** Whether bids on the requirement are sealed now, by the database's clock (BR-6). A requirement with no deadline yet is sealed. */
export async function bidsSealed(manager: EntityManager, requirementId: string): Promise<boolean> {
  const [row] = await manager.query(`SELECT coalesce(bid_deadline > now(), true) AS sealed FROM requirements WHERE id = $1`, [requirementId]);
  return row?.sealed ?? true;
}

/**
 * Issue 22: the providers with a draft or submitted bid on a requirement, to
 * email them an amendment, with whether the bid is submitted and when its
 * latest version went in. Only for the amendment emails, never shown: every
 * invitee gets the same email, withheld from the admin outbox until the deadline.
 */
export async function providersWithLiveBids(manager: EntityManager, requirementId: string): Promise<Array<{ providerId: string; submittedAt: Date | null }>> {
  const rows: Array<{ provider_id: string; submitted_at: Date | null }> = await manager.query(
    `SELECT provider_id, CASE WHEN status = 'submitted' THEN submitted_at END AS submitted_at FROM bids WHERE requirement_id = $1 AND status IN ('draft', 'submitted')`,
    [requirementId],
  );
  return rows.map((row) => ({ providerId: row.provider_id, submittedAt: row.submitted_at }));
}

/** The provider's own bid, if it stands submitted, and when it was last submitted: to tell it whether an amendment came later. */
export async function ownSubmittedBid(manager: EntityManager, requirementId: string, providerId: string): Promise<{ bidId: string; submittedAt: Date } | null> {
  const [row] = await manager.query(`SELECT id, submitted_at FROM bids WHERE requirement_id = $1 AND provider_id = $2 AND status = 'submitted'`, [
    requirementId,
    providerId,
  ]);
  return row ? { bidId: row.id, submittedAt: row.submitted_at } : null;
}

/** Records the problems found with an opened bid at the deadline (BR-7), for the panel. */
export async function flagOpenedBid(manager: EntityManager, bidId: string, problems: string[]): Promise<void> {
  await manager.query(`UPDATE bids SET validity_problems = $2, updated_at = now() WHERE id = $1 AND status = 'submitted'`, [bidId, JSON.stringify(problems)]);
}

/** The bids a transition moves: those named, or every bid on the requirement; either way only those still in the `from` status. */
export type BidsToMove = { bidIds: string[] } | { requirementId: string };

/** The columns that change with a bid's status: the version submitted, or when it was withdrawn. */
export type BidTransitionValues = Partial<Pick<Bid, 'currentVersion' | 'submittedAt' | 'overCeiling' | 'withdrawnAt'>>;

/**
 * The one way a bid's status changes (issue 23): submission, withdrawal and
 * the award's outcome all come here, in the caller's transaction. The
 * lifecycle refuses an illegal move before anything is written, and only bids
 * still in `from` move, so a stale read changes nothing. Returns how many moved.
 */
export async function transitionBids(
  manager: EntityManager,
  bids: BidsToMove,
  from: BidStatus,
  to: BidStatus,
  values: BidTransitionValues = {},
): Promise<number> {
  bidLifecycle.assertMove(from, to);
  const which = 'bidIds' in bids ? { id: In(bids.bidIds) } : { requirementId: bids.requirementId };
  const result = await manager.update(Bid, { ...which, status: from }, { ...values, status: to });
  return result.affected ?? 0;
}

/** The panel's decision settles every submitted bid: the winner successful (if any), then the rest unsuccessful. */
export async function settleBidOutcomes(manager: EntityManager, requirementId: string, winnerBidId: string | null): Promise<void> {
  if (winnerBidId) await transitionBids(manager, { bidIds: [winnerBidId] }, 'submitted', 'successful');
  await transitionBids(manager, { requirementId }, 'submitted', 'unsuccessful');
}

/** The provider's own bid on a requirement, for its assessment summary: its id and whether it was ever submitted. */
export async function ownSubmittedBidId(manager: EntityManager, requirementId: string, providerId: string): Promise<string | null> {
  const [row] = await manager.query(`SELECT id FROM bids WHERE requirement_id = $1 AND provider_id = $2 AND current_version > 0`, [requirementId, providerId]);
  return row?.id ?? null;
}

/**
 * For the retention job: each unsuccessful bid whose answers are still held
 * (in the working copy or any submitted version), with when they fall due
 * for erasure, counted from the award decision. `$1` is the months.
 */
export const unsuccessfulBidAnswersHeld = () =>
  `SELECT b.id, ${erasureDueAtSql('a.decided_at', '$1')} AS due_at
     FROM bids b JOIN awards a ON a.requirement_id = b.requirement_id AND a.status <> 'withdrawn'
    WHERE b.status = 'unsuccessful'
      AND (b.answers <> '[]'::jsonb OR EXISTS (SELECT 1 FROM bid_versions v WHERE v.bid_id = b.id AND v.answers <> '[]'::jsonb))`;

/**
 * Erases the answers of unsuccessful bids, in every version; prices, dates and
 * practitioners stay for the award record and the market figures. The
 * columns are NOT NULL, so the answers become an empty list. Returns how many bids.
 */
export async function eraseUnsuccessfulBidAnswers(manager: EntityManager, bidIds: string[]): Promise<number> {
  if (!bidIds.length) return 0;
  await manager.query(`UPDATE bid_versions SET answers = '[]'::jsonb WHERE bid_id = ANY($1::uuid[])`, [bidIds]);
  const [, count] = await manager.query(`UPDATE bids SET answers = '[]'::jsonb, updated_at = now() WHERE id = ANY($1::uuid[]) AND status = 'unsuccessful'`, [
    bidIds,
  ]);
  return count;
}
