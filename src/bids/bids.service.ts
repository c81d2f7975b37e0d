import { Clock } from '../common/clock/clock';
import { ConflictException, Injectable, NotFoundException } from '@nestjs/common';
import { DataSource, EntityManager, In, QueryFailedError } from 'typeorm';
import { practitionerProblem } from '../applications/application-rules';
import { AuditService } from '../audit/audit.service';
import { assertOwnsAgencyRecord } from '../common/auth/ownership';
import type { SignedInUser } from '../common/auth/signed-in-user';
import { parseDateParts } from '../common/forms/date-parts';
import { FieldError, FormInvalidError } from '../common/forms/form-invalid.error';
import { PageRequest, toPage } from '../common/http/pagination';
import { MAX_MONEY_PENCE, moneyTooLargeMessage, parsePoundsToPence } from '../common/money';
import { formatDateTime } from '../common/views/format';
import { CLOSING_SOON_HOURS } from '../competitions/competition-rules';
import { Invitation } from '../competitions/invitation.entity';
import { RequirementClarification } from '../competitions/requirement-clarification.entity';
import { effectiveStatus, openForBidsSql } from '../competitions/requirement-lifecycle';
import { pricingUnits } from '../competitions/requirement-sections';
import { Requirement } from '../competitions/requirement.entity';
import { Membership } from '../frameworks/membership.entity';
import { NotificationsService } from '../notifications/notifications.service';
import { Practitioner } from '../providers/practitioner.entity';
import { UserRepository } from '../users/user.repository';
import { User } from '../users/user.entity';
import { isOverCeiling, priceProblem, wordLimitProblem } from './bid-rules';
import { Bid, BidVersion } from './bid.entity';
import { findOneJoined } from '../common/database/find-one-joined';
import { ConflictsService } from '../conflicts/conflicts.service';
import { bidsSealed, OPENED_BIDS, submittedBidCount, transitionBids } from './sealed-bid-gate';

/**
 * The four tabs. The three live ones filter a provider's invitations to
 * requirements still open for bids; their `where` may use `r.id`,
 * `r.bid_deadline` and the provider's bid `b`. Past is everything else.
 */
export const OPPORTUNITY_VIEWS = {
  open: { label: 'Open', live: true, where: `coalesce(b.status, 'draft') = 'draft'`, order: 'r.bid_deadline ASC' },
  'closing-soon': {
    label: 'Closing soon',
    live: true,
    where: `r.bid_deadline <= now() + interval '${CLOSING_SOON_HOURS} hours' AND coalesce(b.status, 'draft') = 'draft'`,
    order: 'r.bid_deadline ASC',
  },
  submitted: { label: 'Submitted', live: true, where: `b.status = 'submitted'`, order: 'r.bid_deadline ASC' },
  past: { label: 'Past', live: false, where: `(r.status <> 'published' OR r.bid_deadline <= now() OR b.status = 'withdrawn')`, order: 'r.bid_deadline DESC' },
} as const;
export type OpportunityView = keyof typeof OPPORTUNITY_VIEWS;

/** A provider's own invitations still open for bids, and how many of them it has not submitted a bid for: for its dashboard. */
export async function openInvitations(manager: EntityManager, providerId: string): Promise<{ toBid: number; open: number }> {
  const [row] = await manager.query(
    `SELECT count(*) FILTER (WHERE coalesce(b.status, 'draft') = 'draft')::int AS "toBid", count(*)::int AS open
       FROM invitations i JOIN requirements r ON r.id = i.requirement_id
       LEFT JOIN bids b ON b.requirement_id = r.id AND b.provider_id = i.provider_id
      WHERE i.provider_id = $1 AND ${openForBidsSql('r')}`,
    [providerId],
  );
  return row;
}

const DEADLINE_PASSED = 'The deadline for bids has passed. Your bid was not saved.';

export const answerField = (index: number) => `answer${index + 1}`;

/** A provider's side of a mini-competition: every method is scoped to the user's own organisation and its invitations. */
@Injectable()
export class BidsService {
  constructor(
    private readonly clock: Clock,
    private readonly dataSource: DataSource,
    private readonly notifications: NotificationsService,
    private readonly audit: AuditService,
    private readonly conflicts: ConflictsService,
    private readonly userRecords: UserRepository,
  ) {}

  /**
   * Invitations in one of the four views, with the provider's bid status, in
   * one query per page and one for the tab counts. A provider collects
   * thousands of invitations over the years, so the live tabs start from the
   * few thousand requirements open nationally (both sides read from indexes
   * alone), and Past is counted as the rest.
   */
  async opportunities(user: SignedInUser, view: OpportunityView, pageRequest: PageRequest, sort: 'deadline' | 'title' = 'deadline') {
    const definition = OPPORTUNITY_VIEWS[view];
    const order = sort === 'title' ? 'lower(r.title) ASC' : definition.order;
    // OFFSET 0 keeps this a subquery, so the requirement rows are read only for the provider's own invitations.
    const invitedLive = `SELECT live.id, live.bid_deadline
                           FROM requirements live JOIN invitations i ON i.requirement_id = live.id AND i.provider_id = $1
                          WHERE ${openForBidsSql('live')}
                         OFFSET 0`;
    const source = definition.live
      ? `(${invitedLive}) mine JOIN requirements r ON r.id = mine.id`
      : `invitations i JOIN requirements r ON r.id = i.requirement_id AND i.provider_id = $1`;
    const rows: Array<{
      id: string;
      title: string;
      status: Requirement['status'];
      bid_deadline: Date;
      lot: string;
      area: string;
      agency: string;
      bid_status: string | null;
      total: number;
    }> = await this.dataSource.query(
      `SELECT r.id, r.title, r.status, r.bid_deadline, t.name AS lot, a.name AS area, ag.name AS agency, b.status AS bid_status, count(*) OVER ()::int AS total
         FROM ${source}
         JOIN therapy_types t ON t.id = r.therapy_type_id
         JOIN areas a ON a.id = r.area_id
         JOIN agencies ag ON ag.id = r.agency_id
         LEFT JOIN bids b ON b.requirement_id = r.id AND b.provider_id = $1
        WHERE ${definition.where}
        ORDER BY ${order}, r.id
        LIMIT ${pageRequest.pageSize} OFFSET ${pageRequest.offset}`,
      [user.providerId],
    );
    const liveCounts = Object.entries(OPPORTUNITY_VIEWS)
      .filter(([, value]) => value.live)
      .map(([key, value]) => `count(*) FILTER (WHERE ${value.where})::int AS "${key}"`);
    const [counts] = await this.dataSource.query(
      `SELECT ${liveCounts.join(', ')},
              (SELECT count(*) FROM invitations WHERE provider_id = $1)::int - count(*) FILTER (WHERE b.status IS DISTINCT FROM 'withdrawn')::int AS past
         FROM (${invitedLive}) r
         LEFT JOIN bids b ON b.requirement_id = r.id AND b.provider_id = $1`,
      [user.providerId],
    );
    const now = this.clock.now();
    const shaped = rows.map((row) => ({
      ...row,
      status: effectiveStatus({ status: row.status, bidDeadline: row.bid_deadline }, now),
      deadlineText: formatDateTime(row.bid_deadline),
    }));
    return {
      page: toPage(shaped, rows[0]?.total ?? counts[view], pageRequest, '/provider/opportunities', { view, sort: sort === 'title' ? sort : undefined }),
      counts: counts as Record<OpportunityView, number>,
    };
  }

  /** A requirement the provider was invited to: 404 for anyone else, so ids cannot be probed. */
  private async invited(user: SignedInUser, requirementId: string, manager: EntityManager = this.dataSource.manager): Promise<Requirement> {
    if (!user.providerId || !(await manager.existsBy(Invitation, { requirementId, providerId: user.providerId }))) throw new NotFoundException();
    const requirement = await findOneJoined(manager, Requirement, { where: { id: requirementId }, relations: { therapyType: true, area: true, agency: true } });
    if (!requirement) throw new NotFoundException();
    return requirement;
  }

  /** The pseudonymised requirement, the Q&A this provider may see, and its own bid. Never the child's details. */
  async opportunity(user: SignedInUser, requirementId: string) {
    const requirement = await this.invited(user, requirementId);
    const manager = this.dataSource.manager;
    const [clarifications, bid, practitioners] = await Promise.all([
      manager
        .createQueryBuilder(RequirementClarification, 'c')
        .where('c.requirementId = :requirementId', { requirementId })
        .andWhere(`((c.answeredAt IS NOT NULL AND c.visibility = 'public') OR c.providerId = :providerId)`, { providerId: user.providerId })
        .orderBy('c.askedAt', 'ASC')
        .getMany(),
      manager.findOneBy(Bid, { requirementId, providerId: user.providerId! }),
      manager.find(Practitioner, { where: { providerId: user.providerId! }, order: { fullName: 'ASC' } }),
    ]);
    const now = this.clock.now();
    const status = effectiveStatus(requirement, now);
    const questionsOpen = status === 'published' && !!requirement.clarificationDeadline && requirement.clarificationDeadline > now;
    return {
      requirement,
      status,
      questionsOpen,
      clarifications: clarifications.map((clarification) => ({ ...clarification, mine: clarification.providerId === user.providerId })),
      bid,
      practitioners,
      units: pricingUnits(requirement),
      qualified: practitioners.filter((practitioner) => practitioner.therapyTypeIds.includes(requirement.therapyTypeId)),
    };
  }

  async askQuestion(user: SignedInUser, requirementId: string, question: string): Promise<void> {
    await this.dataSource.transaction(async (manager) => {
      const requirement = await this.invited(user, requirementId, manager);
      const [{ open }] = await manager.query(
        `SELECT status = 'published' AND clarification_deadline > clock_timestamp() AS open FROM requirements WHERE id = $1`,
        [requirementId],
      );
      if (!open) throw new ConflictException('The deadline for questions has passed');
      const clarification = await manager.save(RequirementClarification, { requirementId, providerId: user.providerId!, askedByUserId: user.id, question });
      await this.audit.record(manager, {
        action: 'clarification.asked',
        entityType: 'requirement',
        entityId: requirementId,
        after: { clarificationId: clarification.id, providerId: user.providerId },
      });
      await this.notifications.fanOut(manager, {
        template: 'clarification-asked',
        recipients: await this.userRecords.listAgencyCommissioners(manager, requirement.agencyId),
        data: () => ({ title: requirement.title, question, requirementId, clarificationId: clarification.id }),
        eventKey: `clarification-asked:${clarification.id}`,
      });
    });
  }

  /**
   * Checks the bid form. A draft may leave fields blank; anything entered
   * must still be valid. `complete` demands every field, as submission does.
   */
  private async readBidForm(manager: EntityManager, user: SignedInUser, requirement: Requirement, body: Record<string, unknown>, complete: boolean) {
    const text = (key: string) => (typeof body[key] === 'string' ? (body[key] as string).trim() : '');
    const errors: FieldError[] = [];
    const error = (field: string, message: string, href = `#${field}`) => errors.push({ field, href, text: message });

    const money = (field: 'rate' | 'total', name: string) => {
      const raw = text(field);
      if (!raw) {
        if (complete) error(field, `Enter the ${name}`);
        return null;
      }
      const value = parsePoundsToPence(raw);
      if (value === null) error(field, `Enter the ${name} in pounds, like £95 or 95.50`);
      // A £0 bid would make every other bid's price score 0 (BR-8), so the award would turn on quality alone.
      else if (value === 0) error(field, `The ${name} must be more than £0`);
      else if (value > MAX_MONEY_PENCE) error(field, moneyTooLargeMessage(`the ${name}`));
      return value && value <= MAX_MONEY_PENCE ? value : null;
    };
    const ratePence = money('rate', 'rate per session');
    const totalPence = money('total', 'total price');
    const { units, unitName } = pricingUnits(requirement);
    if (ratePence !== null && totalPence !== null) {
      const problem = priceProblem(ratePence, totalPence, units, unitName);
      if (problem) error('total', problem);
    }

    const practitionerIds = [...new Set(([] as unknown[]).concat(body.practitionerIds ?? []).map(String))];
    if (practitionerIds.length === 0 && complete) error('practitionerIds', 'Select at least one practitioner');
    if (practitionerIds.length) {
      const own = await manager.find(Practitioner, {
        where: { id: In(practitionerIds.filter((id) => /^[0-9a-f-]{36}$/i.test(id))), providerId: user.providerId! },
      });
      const today = this.clock.today();
      if (own.length !== practitionerIds.length) error('practitionerIds', 'Select practitioners from the list');
      else {
        const problems = own.flatMap((practitioner) => {
          if (!practitioner.therapyTypeIds.includes(requirement.therapyTypeId))
            return [`${practitioner.fullName} is not qualified for ${requirement.therapyType?.name ?? 'this lot'}`];
          const problem = practitionerProblem(practitioner, today);
          return problem ? [problem] : [];
        });
        if (problems.length) error('practitionerIds', problems.join('. '));
      }
    }

    let earliestStartOn: string | null = null;
    const start = body.earliestStart as Record<string, string> | undefined;
    const startEntered = start && (start.day || start.month || start.year);
    if (startEntered || complete) {
      const parsed = parseDateParts(start, 'the earliest start date');
      if ('error' in parsed) error('earliestStart', parsed.error, '#earliestStart-day');
      else if (parsed.date < this.clock.today()) error('earliestStart', 'The earliest start date must be today or in the future', '#earliestStart-day');
      else earliestStartOn = parsed.date;
    }

    const answers = requirement.criteria.map((criterion, index) => {
      const answer = text(answerField(index));
      if (!answer && complete) error(answerField(index), `Answer question ${index + 1}`);
      const problem = wordLimitProblem(answer, criterion.wordLimit);
      if (problem) error(answerField(index), problem);
      return answer;
    });
    if (errors.length) throw new FormInvalidError(errors);
    return { ratePence, totalPence, practitionerIds, earliestStartOn, answers };
  }

  /** Saves the working copy of the bid (a draft, or changes to a submitted bid not yet re-submitted). */
  async save(user: SignedInUser, requirementId: string, body: Record<string, unknown>, complete: boolean): Promise<void> {
    await this.inDeadlineTransaction(async (manager) => {
      const requirement = await this.lockOpen(user, requirementId, manager);
      const values = await this.readBidForm(manager, user, requirement, body, complete);
      const existing = await manager.findOne(Bid, { where: { requirementId, providerId: user.providerId! }, lock: { mode: 'pessimistic_write' } });
      if (existing?.status === 'withdrawn') throw new ConflictException('You withdrew this bid, so it can no longer be changed');
      // A new bid starts as a draft (the column's default); only transitionBids changes its status.
      const bid = existing ?? (await manager.save(Bid, { requirementId, providerId: user.providerId! }));
      await manager.update(Bid, bid.id, { ...values, overCeiling: values.totalPence !== null && isOverCeiling(values.totalPence, requirement.ceilingPence!) });
      // Bid content never goes into the audit log: admins can read it before the deadline (BR-6).
      await this.audit.record(manager, {
        action: existing ? 'bid.changed' : 'bid.started',
        entityType: 'bid',
        entityId: bid.id,
        after: { requirementId, status: bid.status },
      });
    });
  }

  /**
   * Submits the working copy as a new version. The requirement row is share-locked
   * against the closing job, membership is re-checked (BR-7), and the database
   * refuses the version if it commits after the deadline (BR-6).
   */
  async submit(user: SignedInUser, requirementId: string): Promise<{ version: number; overCeiling: boolean }> {
    return this.inDeadlineTransaction(async (manager) => {
      const requirement = await this.lockOpen(user, requirementId, manager);
      const bid = await manager.findOne(Bid, { where: { requirementId, providerId: user.providerId! }, lock: { mode: 'pessimistic_write' } });
      if (!bid) throw new ConflictException('Fill in your bid before submitting it');
      const membership = await manager.existsBy(Membership, {
        frameworkId: requirement.frameworkId,
        therapyTypeId: requirement.therapyTypeId,
        providerId: user.providerId!,
        status: 'active',
      });
      if (!membership) throw new ConflictException('Your membership of this lot is not active, so you cannot bid. Contact the framework manager.');
      const values = await this.readBidForm(manager, user, requirement, this.asForm(bid), true);
      const version = bid.currentVersion + 1;
      const overCeiling = isOverCeiling(values.totalPence!, requirement.ceilingPence!);
      await manager.insert(BidVersion, {
        bidId: bid.id,
        version,
        ratePence: values.ratePence!,
        totalPence: values.totalPence!,
        practitionerIds: values.practitionerIds,
        earliestStartOn: values.earliestStartOn!,
        answers: values.answers,
        overCeiling,
        submittedByUserId: user.id,
      });
      const [{ now }] = await manager.query('SELECT clock_timestamp() AS now');
      await transitionBids(manager, { bidIds: [bid.id] }, bid.status, 'submitted', { currentVersion: version, submittedAt: now, overCeiling });
      await this.audit.record(manager, {
        action: 'bid.submitted',
        entityType: 'bid',
        entityId: bid.id,
        before: { status: bid.status },
        after: { status: 'submitted', version, requirementId },
      });
      await this.notifications.fanOut(manager, {
        template: 'bid-submitted',
        recipients: await manager.find(User, { where: { providerId: user.providerId!, status: 'active' } }),
        data: () => ({ title: requirement.title, version, submittedAt: formatDateTime(now), deadline: formatDateTime(requirement.bidDeadline), requirementId }),
        eventKey: `bid-submitted:${bid.id}:${version}`,
        withheldUntil: requirement.bidDeadline,
      });
      return { version, overCeiling };
    });
  }

  async withdraw(user: SignedInUser, requirementId: string): Promise<void> {
    await this.inDeadlineTransaction(async (manager) => {
      await this.lockOpen(user, requirementId, manager);
      const bid = await manager.findOne(Bid, { where: { requirementId, providerId: user.providerId! }, lock: { mode: 'pessimistic_write' } });
      if (!bid) throw new NotFoundException();
      const [{ now }] = await manager.query('SELECT clock_timestamp() AS now');
      await transitionBids(manager, { bidIds: [bid.id] }, bid.status, 'withdrawn', { withdrawnAt: now });
      await this.audit.record(manager, {
        action: 'bid.withdrawn',
        entityType: 'bid',
        entityId: bid.id,
        before: { status: bid.status },
        after: { status: 'withdrawn', requirementId },
      });
    });
  }

  /** The working copy as the form's fields, for re-checking at submission and for edit pages. */
  asForm(bid: Bid): Record<string, unknown> {
    const [year, month, day] = (bid.earliestStartOn ?? '--').split('-');
    return {
      rate: bid.ratePence === null ? '' : (bid.ratePence / 100).toFixed(2),
      total: bid.totalPence === null ? '' : (bid.totalPence / 100).toFixed(2),
      practitionerIds: bid.practitionerIds,
      earliestStart: bid.earliestStartOn ? { day: String(Number(day)), month: String(Number(month)), year } : {},
      ...Object.fromEntries(bid.answers.map((answer, index) => [answerField(index), answer])),
    };
  }

  /**
   * Locks the requirement row for share (the closing job takes it for update)
   * and checks, by the database's clock, that bids are still open.
   */
  private async lockOpen(user: SignedInUser, requirementId: string, manager: EntityManager): Promise<Requirement> {
    const requirement = await this.invited(user, requirementId, manager);
    const [{ open }] = await manager.query(
      `SELECT status = 'published' AND bid_deadline > clock_timestamp() AS open FROM requirements WHERE id = $1 FOR SHARE`,
      [requirementId],
    );
    if (!open) throw new ConflictException(requirement.status === 'cancelled' ? 'This requirement has been cancelled' : DEADLINE_PASSED);
    return requirement;
  }

  /** Runs a bid change; a commit the database refuses because the deadline passed becomes a clear message. */
  private async inDeadlineTransaction<T>(work: (manager: EntityManager) => Promise<T>): Promise<T> {
    try {
      return await this.dataSource.transaction(work);
    } catch (error) {
      if (error instanceof QueryFailedError && /bid_deadline_passed/.test(error.message)) throw new ConflictException(DEADLINE_PASSED);
      throw error;
    }
  }

  /**
   * The commissioner's view of the bids: only the count until the deadline
   * (BR-6), by the database's clock, whatever the status; after it, each
   * bid's latest submitted version and any flags, read through the gate.
   */
  async forCommissioner(user: SignedInUser, requirementId: string) {
    const manager = this.dataSource.manager;
    const requirement = assertOwnsAgencyRecord(
      user,
      await findOneJoined(manager, Requirement, { where: { id: requirementId }, relations: { therapyType: true } }),
    );
    const status = effectiveStatus(requirement, this.clock.now());
    const [[{ count }], sealed] = await Promise.all([
      manager.query(`SELECT ${submittedBidCount('$1')} AS count`, [requirementId]),
      bidsSealed(manager, requirementId),
    ]);
    // BR-9: once open, bid content only for a commissioner who has declared no conflict with any bidder.
    const access = sealed ? 'clear' : await this.conflicts.access(manager, requirementId, user.id);
    if (access !== 'clear') return { requirement, status, sealed, count: count as number, access, bids: [] };
    const bids: Array<BidVersion & { providerId: string; providerName: string; validityProblems: string[]; status: string }> = await manager.query(
      `SELECT o.provider_id AS "providerId", o.version, o.rate_pence AS "ratePence", o.total_pence AS "totalPence", o.earliest_start_on AS "earliestStartOn", o.answers, o.over_ceiling AS "overCeiling",
              o.submitted_at AS "submittedAt", o.practitioner_ids AS "practitionerIds", p.name AS "providerName", o.validity_problems AS "validityProblems", o.status
         FROM ${OPENED_BIDS} o
         JOIN provider_organisations p ON p.id = o.provider_id
        WHERE o.requirement_id = $1
        ORDER BY o.submitted_at`,
      [requirementId],
    );
    const practitionerNames = new Map(
      (await manager.find(Practitioner, { where: { id: In(bids.flatMap((bid) => bid.practitionerIds)) }, select: { id: true, fullName: true } })).map(
        (practitioner) => [practitioner.id, practitioner.fullName],
      ),
    );
    return {
      requirement,
      status,
      sealed,
      count: count as number,
      access,
      bids: bids.map((bid) => ({ ...bid, practitioners: bid.practitionerIds.map((id) => practitionerNames.get(id) ?? 'Unknown') })),
    };
  }
}
