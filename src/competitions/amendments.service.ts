import { Clock } from '../common/clock/clock';
import { ConflictException, Injectable, NotFoundException } from '@nestjs/common';
import { DataSource, EntityManager, QueryFailedError } from 'typeorm';
import { AuditService } from '../audit/audit.service';
import { ownSubmittedBid, providersWithLiveBids } from '../bids/sealed-bid-gate';
import { assertOwnsAgencyRecord } from '../common/auth/ownership';
import type { SignedInUser } from '../common/auth/signed-in-user';
import { londonInstant, parseTimeOfDay } from '../common/calendar/london-time';
import { isoDate } from '../common/forms/date-parts';
import { FieldError, FormInvalidError } from '../common/forms/form-invalid.error';
import { pence, wholeNumber } from '../common/forms/number-fields';
import { formatDateTime } from '../common/views/format';
import { Framework } from '../frameworks/framework.entity';
import { NotificationsService } from '../notifications/notifications.service';
import { User } from '../users/user.entity';
import { AmendableTerms, amendmentBidPredates, amendmentProblems, changedFields, describeChanges, isMaterial } from './amendment-rules';
import type { QualityCriterion } from './competition-rules';
import { AmendmentForm } from './dto/amendment.form';
import { scanForIdentifiers } from './identifier-scanner';
import { Invitation } from './invitation.entity';
import { invitedUsers } from './invitations.service';
import { AmendmentConfirmation, RequirementAmendment } from './requirement-amendment.entity';
import { Requirement } from './requirement.entity';

const CLOSED = 'Bids have closed, so this requirement can no longer be amended';

export const questionField = (index: number) => `question${index + 1}`;
export const weightField = (index: number) => `weight${index + 1}`;

/** The amendable terms of a requirement as it stands. */
export function termsOf(requirement: Requirement): AmendableTerms {
  return {
    clarificationDeadline: requirement.clarificationDeadline!.toISOString(),
    bidDeadline: requirement.bidDeadline!.toISOString(),
    sessionCount: requirement.sessionCount,
    sessionMinutes: requirement.sessionMinutes,
    startBy: requirement.startBy,
    durationWeeks: requirement.durationWeeks,
    ceilingPence: requirement.ceilingPence,
    criteria: requirement.criteria,
    priceWeight: requirement.priceWeight,
  };
}

export interface HistoryEntry {
  number: number;
  dateText: string;
  reason: string;
  addendum: string | null;
  documentName: string | null;
  material: boolean;
  /** Each changed term as a table row: what, was, now. */
  changeRows: Array<Array<{ text: string }>>;
}

/**
 * Issue 22: changing a live requirement before its deadline (PA 2023 s.31).
 * Each change is a numbered, dated, immutable version with a reason; every
 * invitee and bidder is emailed once; a material change asks the providers
 * whose bids predate it to confirm or resubmit. No bid is read or unsealed.
 */
@Injectable()
export class AmendmentsService {
  constructor(
    private readonly clock: Clock,
    private readonly dataSource: DataSource,
    private readonly notifications: NotificationsService,
    private readonly audit: AuditService,
  ) {}

  /** The commissioner's own requirement, while bids are open by the database's clock. */
  async amendable(user: SignedInUser, id: string, manager: EntityManager = this.dataSource.manager, lock = false): Promise<Requirement> {
    const requirement = assertOwnsAgencyRecord(
      user,
      await manager.findOne(Requirement, { where: { id }, ...(lock ? { lock: { mode: 'pessimistic_write' as const } } : {}) }),
    );
    const [{ open }] = await manager.query(`SELECT status = 'published' AND bid_deadline > clock_timestamp() AS open FROM requirements WHERE id = $1`, [id]);
    if (!open) throw new ConflictException(requirement.status === 'draft' ? 'This requirement is a draft: change its sections instead' : CLOSED);
    return requirement;
  }

  /** Reads the quality questions' wording and weights; the number of questions and their word limits stay as published. */
  private readCriteria(
    requirement: Requirement,
    body: Record<string, unknown>,
    errors: FieldError[],
  ): { criteria: QualityCriterion[]; priceWeight: number | null } {
    const text = (key: string) => (typeof body[key] === 'string' ? (body[key] as string).trim() : '');
    const whole = (raw: string) => (/^\d{1,3}$/.test(raw) && Number(raw) <= 100 ? Number(raw) : null);
    const criteria = requirement.criteria.map((criterion, index) => {
      const question = text(questionField(index));
      const weight = whole(text(weightField(index)));
      if (!question) errors.push({ field: questionField(index), href: `#${questionField(index)}`, text: `Enter quality question ${index + 1}` });
      else if (question.length > 1000)
        errors.push({ field: questionField(index), href: `#${questionField(index)}`, text: `Quality question ${index + 1} must be 1,000 characters or fewer` });
      if (weight === null || weight < 1)
        errors.push({ field: weightField(index), href: `#${weightField(index)}`, text: `Enter a weight for question ${index + 1}, from 1 to 100` });
      return { question: question || criterion.question, wordLimit: criterion.wordLimit, weight: weight ?? criterion.weight };
    });
    const priceWeight = whole(text('priceWeight'));
    if (priceWeight === null) errors.push({ field: 'priceWeight', href: '#priceWeight', text: 'Enter a weight for price, from 0 to 100' });
    return { criteria, priceWeight: priceWeight ?? requirement.priceWeight };
  }

  async amend(
    user: SignedInUser,
    id: string,
    form: AmendmentForm,
    body: Record<string, unknown>,
  ): Promise<{ number: number; emails: number; material: boolean }> {
    const startBy = isoDate(form.startBy);
    const addendum = form.addendum?.trim() || null;
    return this.inDeadlineTransaction(async (manager) => {
      const requirement = await this.amendable(user, id, manager, true);
      const errors: FieldError[] = [];
      const { criteria, priceWeight } = this.readCriteria(requirement, body, errors);
      if (startBy <= this.clock.today()) errors.push({ field: 'startBy', href: '#startBy-day', text: 'The start-by date must be in the future' });
      const current = termsOf(requirement);
      const proposed: AmendableTerms = {
        clarificationDeadline: londonInstant(isoDate(form.clarificationDeadline), parseTimeOfDay(form.clarificationTime)!).toISOString(),
        bidDeadline: londonInstant(isoDate(form.bidDeadline), parseTimeOfDay(form.bidTime)!).toISOString(),
        sessionCount: wholeNumber(form.sessionCount),
        sessionMinutes: wholeNumber(form.sessionMinutes),
        startBy,
        durationWeeks: wholeNumber(form.durationWeeks),
        ceilingPence: pence(form.ceiling),
        criteria,
        priceWeight,
      };
      const [{ now }] = await manager.query('SELECT clock_timestamp() AS now');
      const framework = await manager.findOneByOrFail(Framework, { id: requirement.frameworkId });
      const problems = amendmentProblems({ now, current, proposed, minimumBidPeriodDays: framework.minimumBidPeriodDays, addsText: !!addendum });
      const hrefs: Record<string, string> = {
        bidDeadline: '#bidDeadline-day',
        clarificationDeadline: '#clarificationDeadline-day',
        priceWeight: '#priceWeight',
        change: '#reason',
      };
      for (const [field, text] of Object.entries(problems)) errors.push({ field: field === 'change' ? 'reason' : field, href: hrefs[field], text });
      // The addendum and changed questions go to every invitee, so they get the needs profile's identifier check (DESIGN.md §6).
      const hits = scanForIdentifiers({
        addendum,
        reason: form.reason,
        ...Object.fromEntries(criteria.map((criterion, index) => [questionField(index), criterion.question])),
      });
      if (hits.length && form.confirmNoIdentifiers !== 'confirmed') {
        errors.push({
          field: 'confirmNoIdentifiers',
          href: '#confirmNoIdentifiers',
          text: `This change may identify the child: ${hits.map((hit) => `“${hit.match}”`).join(', ')}. Remove it, or confirm you have checked it and it does not identify the child`,
        });
      }
      if (errors.length) throw new FormInvalidError(errors);

      const fields = changedFields(current, proposed);
      const before = Object.fromEntries(fields.map((field) => [field, current[field]])) as Partial<AmendableTerms>;
      const after = Object.fromEntries(fields.map((field) => [field, proposed[field]])) as Partial<AmendableTerms>;
      const material = isMaterial(fields);
      const amendment = await this.record(manager, user, requirement, { reason: form.reason, addendum, before, after, material, documentName: null });
      if (fields.length) {
        await manager.update(Requirement, id, {
          ...(after as Record<string, unknown>),
          ...(after.clarificationDeadline ? { clarificationDeadline: new Date(after.clarificationDeadline) } : {}),
          ...(after.bidDeadline ? { bidDeadline: new Date(after.bidDeadline) } : {}),
        });
      }
      if (hits.length) {
        await this.audit.record(manager, {
          action: 'requirement.amendment_identifier_warning_overridden',
          entityType: 'requirement',
          entityId: id,
          after: { number: amendment.number, hits: hits.map(({ field, kind }) => ({ field, kind })) },
        });
      }
      const emails = await this.notify(manager, { ...requirement, ...(after.bidDeadline ? { bidDeadline: new Date(after.bidDeadline) } : {}) }, amendment);
      return { number: amendment.number, emails, material };
    });
  }

  /** Runs an amendment; a commit the database refuses because the deadline passed meanwhile becomes the same clear message. */
  async inDeadlineTransaction<T>(work: (manager: EntityManager) => Promise<T>): Promise<T> {
    try {
      return await this.dataSource.transaction(work);
    } catch (error) {
      if (error instanceof QueryFailedError && /amendment_deadline_passed/.test(error.message)) throw new ConflictException(CLOSED);
      throw error;
    }
  }

  /**
   * Writes the next numbered version and its audit event. Used for an
   * amendment and for a document added after publishing. Free text (the
   * reason and addendum) stays in the amendment, never the audit log.
   */
  async record(
    manager: EntityManager,
    user: SignedInUser,
    requirement: Requirement,
    values: {
      reason: string;
      addendum: string | null;
      before: Partial<AmendableTerms>;
      after: Partial<AmendableTerms>;
      material: boolean;
      documentName: string | null;
    },
  ): Promise<RequirementAmendment> {
    const [{ next }] = await manager.query(`SELECT coalesce(max(number), 0) + 1 AS next FROM requirement_amendments WHERE requirement_id = $1`, [
      requirement.id,
    ]);
    const amendment = await manager.save(
      RequirementAmendment,
      manager.create(RequirementAmendment, {
        ...values,
        requirementId: requirement.id,
        number: next,
        deadlineBefore: requirement.bidDeadline!,
        createdByUserId: user.id,
      }),
    );
    await this.audit.record(manager, {
      action: 'requirement.amended',
      entityType: 'requirement',
      entityId: requirement.id,
      after: {
        number: amendment.number,
        fields: Object.keys(values.after),
        material: values.material,
        addendum: !!values.addendum,
        document: !!values.documentName,
      },
    });
    return amendment;
  }

  /**
   * One email to each active user of every invited provider and of every
   * provider with a draft or submitted bid, however many ways they qualify.
   * A provider whose submitted bid predates a material change is asked to
   * confirm or resubmit. All are withheld from the admin outbox until the
   * deadline, so which ones ask says nothing about who has bid (BR-6).
   */
  async notify(manager: EntityManager, requirement: Pick<Requirement, 'id' | 'title' | 'bidDeadline'>, amendment: RequirementAmendment): Promise<number> {
    const bidders = await providersWithLiveBids(manager, requirement.id);
    const invited = await invitedUsers(manager, requirement.id).getMany();
    const bidderUsers = bidders.length
      ? await manager
          .createQueryBuilder(User, 'user')
          .where(`user.status = 'active'`)
          .andWhere('user.providerId IN (:...ids)', { ids: bidders.map((bidder) => bidder.providerId) })
          .getMany()
      : [];
    const recipients = new Map<string, User>();
    for (const recipient of [...invited, ...bidderUsers]) recipients.set(recipient.id, recipient);
    const asked = new Set(amendment.material ? bidders.filter((bidder) => bidder.submittedAt).map((bidder) => bidder.providerId) : []);
    const changes = describeChanges(amendment.before, amendment.after);
    await this.notifications.fanOut(manager, {
      template: 'requirement-amended',
      recipients: [...recipients.values()],
      data: (recipient) => ({
        title: requirement.title,
        number: amendment.number,
        reason: amendment.reason,
        addendum: amendment.addendum,
        documentName: amendment.documentName,
        changes,
        confirm: asked.has(recipient.providerId!),
        deadline: formatDateTime(requirement.bidDeadline),
        requirementId: requirement.id,
      }),
      eventKey: `requirement-amended:${amendment.id}`,
      withheldUntil: requirement.bidDeadline,
    });
    return recipients.size;
  }

  /** The change history, oldest first, for the commissioner's page and the invitees'. */
  async history(requirementId: string, manager: EntityManager = this.dataSource.manager): Promise<HistoryEntry[]> {
    const amendments = await manager.find(RequirementAmendment, { where: { requirementId }, order: { number: 'ASC' } });
    return amendments.map((amendment) => ({
      number: amendment.number,
      dateText: formatDateTime(amendment.createdAt),
      reason: amendment.reason,
      addendum: amendment.addendum,
      documentName: amendment.documentName,
      material: amendment.material,
      changeRows: describeChanges(amendment.before, amendment.after).map((change) => [{ text: change.label }, { text: change.before }, { text: change.after }]),
    }));
  }

  /** A provider's view: the history, and the material amendment its submitted bid predates, if any. */
  async forProvider(user: SignedInUser, requirementId: string): Promise<{ history: HistoryEntry[]; predates: number | null }> {
    const manager = this.dataSource.manager;
    await this.assertInvited(manager, user, requirementId);
    const [history, predates] = await Promise.all([this.history(requirementId, manager), this.predates(manager, user.providerId!, requirementId)]);
    return { history, predates: predates?.number ?? null };
  }

  private async assertInvited(manager: EntityManager, user: SignedInUser, requirementId: string): Promise<void> {
    if (!user.providerId || !(await manager.existsBy(Invitation, { requirementId, providerId: user.providerId }))) throw new NotFoundException();
  }

  private async predates(
    manager: EntityManager,
    providerId: string,
    requirementId: string,
  ): Promise<{ number: number; amendmentId: string; bidId: string } | null> {
    const bid = await ownSubmittedBid(manager, requirementId, providerId);
    if (!bid) return null;
    const amendments = await manager.find(RequirementAmendment, {
      where: { requirementId, material: true },
      select: { id: true, number: true, material: true, createdAt: true },
    });
    const confirmed = await manager
      .createQueryBuilder(AmendmentConfirmation, 'c')
      .innerJoin(RequirementAmendment, 'a', 'a.id = c.amendmentId')
      .where('a.requirementId = :requirementId AND c.providerId = :providerId', { requirementId, providerId })
      .select('a.number', 'number')
      .getRawMany<{ number: number }>();
    const number = amendmentBidPredates(bid.submittedAt, amendments, new Set(confirmed.map((row) => row.number)));
    if (number === null) return null;
    return { number, amendmentId: amendments.find((amendment) => amendment.number === number)!.id, bidId: bid.bidId };
  }

  /**
   * After the deadline, for each opened bid (read through the gate): the
   * material amendment it predates and its provider never confirmed, so the
   * commissioner sees "submitted before amendment N".
   */
  async openedBidFlags(requirementId: string, bids: ReadonlyArray<{ providerId: string; submittedAt: Date }>): Promise<Map<string, number>> {
    const manager = this.dataSource.manager;
    const amendments = await manager.find(RequirementAmendment, {
      where: { requirementId, material: true },
      select: { id: true, number: true, material: true, createdAt: true },
    });
    if (!amendments.length || !bids.length) return new Map();
    const confirmations = await manager
      .createQueryBuilder(AmendmentConfirmation, 'c')
      .innerJoin(RequirementAmendment, 'a', 'a.id = c.amendmentId')
      .where('a.requirementId = :requirementId', { requirementId })
      .select(['c.providerId AS "providerId"', 'a.number AS number'])
      .getRawMany<{ providerId: string; number: number }>();
    const flags = new Map<string, number>();
    for (const bid of bids) {
      const confirmed = new Set(confirmations.filter((row) => row.providerId === bid.providerId).map((row) => row.number));
      const number = amendmentBidPredates(new Date(bid.submittedAt), amendments, confirmed);
      if (number !== null) flags.set(bid.providerId, number);
    }
    return flags;
  }

  /** The provider confirms its submitted bid stands after the amendment, before the deadline. */
  async confirm(user: SignedInUser, requirementId: string): Promise<number> {
    return this.dataSource.transaction(async (manager) => {
      await this.assertInvited(manager, user, requirementId);
      const [{ open }] = await manager.query(
        `SELECT status = 'published' AND bid_deadline > clock_timestamp() AS open FROM requirements WHERE id = $1 FOR SHARE`,
        [requirementId],
      );
      if (!open) throw new ConflictException('The deadline for bids has passed');
      const predates = await this.predates(manager, user.providerId!, requirementId);
      if (!predates) throw new ConflictException('Your bid does not need confirming');
      await manager.insert(AmendmentConfirmation, { amendmentId: predates.amendmentId, providerId: user.providerId!, confirmedByUserId: user.id });
      // A bid event, so the admin log hides it until the deadline, as it hides every bid event (BR-6).
      await this.audit.record(manager, {
        action: 'bid.amendment_confirmed',
        entityType: 'bid',
        entityId: predates.bidId,
        after: { requirementId, amendment: predates.number },
      });
      return predates.number;
    });
  }
}
