import { ConflictException, ForbiddenException, Injectable, NotFoundException } from '@nestjs/common';
import { DataSource, EntityManager } from 'typeorm';
import { AuditService } from '../audit/audit.service';
import type { SignedInUser } from '../common/auth/signed-in-user';
import { FieldError, FormInvalidError } from '../common/forms/form-invalid.error';
import { PageRequest, toPage } from '../common/http/pagination';
import type { Requirement } from '../competitions/requirement.entity';
import { actingChairProblem } from '../conflicts/conflict-rules';
import { ConflictsService } from '../conflicts/conflicts.service';
import type { ModeratedScore, PanelMember } from './panel.entities';
import { ABNORMALLY_LOW_PERCENT, abnormallyLowBids, rankBids, scoreSpread } from './scoring-rules';
import { bidsSealed } from '../bids/sealed-bid-gate';
import { PanelMemberRepository } from './panel-member.repository';
import { PanelRequirementRepository } from './panel-requirement.repository';
import { ScoreRepository } from './score.repository';

/** Requirements the panel works on: bids have closed and no decision is final. */
const PANEL_STATUSES = ['closed', 'evaluating'] as const;

export interface PanelBid {
  bidId: string;
  providerId: string;
  providerName: string;
  version: number;
  ratePence: number;
  totalPence: number;
  earliestStartOn: string;
  answers: string[];
  practitioners: string[];
  submittedAt: Date;
  nonCompliance: string[];
  /** More than ABNORMALLY_LOW_PERCENT under the median compliant total: the panel must review it before deciding. */
  priceFlagged: boolean;
  priceReview: { decision: 'accepted' | 'rejected'; reason: string } | null;
}

export const scoreField = (bidId: string, index: number) => `score-${bidId}-${index}`;
export const commentField = (bidId: string, index: number) => `comment-${bidId}-${index}`;
export const rationaleField = (bidId: string, index: number) => `rationale-${bidId}-${index}`;

/**
 * The Multi-Agency Resource Panel's work on a closed requirement: conflicts
 * (BR-9), independent scoring, moderation and the BR-8 ranking. Every method
 * checks the member belongs to the requirement's partnership, and bid content
 * is only ever read for a member who has declared no conflict.
 */
@Injectable()
export class PanelService {
  constructor(
    private readonly dataSource: DataSource,
    private readonly audit: AuditService,
    private readonly conflicts: ConflictsService,
    private readonly members: PanelMemberRepository,
    private readonly requirements: PanelRequirementRepository,
    private readonly scores: ScoreRepository,
  ) {}

  async member(user: SignedInUser, manager: EntityManager = this.dataSource.manager): Promise<PanelMember> {
    const member = await this.members.findActiveByUser(user.id, manager);
    if (!member) throw new ForbiddenException('You are not a member of a resource panel. Ask your system admin to add you.');
    return member;
  }

  /** Closed requirements across the partnership, with where this member is on each. */
  async queue(user: SignedInUser, pageRequest: PageRequest) {
    const member = await this.member(user);
    const rows = await this.requirements.queuePage(member.partnershipId, member.id, member.userId, pageRequest);
    return { member, page: toPage(rows, rows[0]?.total ?? 0, pageRequest, '/panel/requirements') };
  }

  /** A requirement of the member's partnership whose bids have closed; 404 otherwise. */
  /** The requirement as the panel may evaluate it: its own partnership's, after the deadline by the database's clock, not a draft or cancelled (issue 22's panel pack reads it too). */
  async requirement(member: PanelMember, id: string, manager: EntityManager = this.dataSource.manager): Promise<Requirement> {
    const requirement = await this.requirements.findWithParties(id, manager);
    if (!requirement || requirement.agency!.partnershipId !== member.partnershipId) throw new NotFoundException();
    // Nothing to evaluate while bids are sealed (by the database's clock), or once cancelled.
    if (requirement.status === 'draft' || requirement.status === 'cancelled' || (await bidsSealed(manager, id))) throw new NotFoundException();
    return requirement;
  }

  async overview(user: SignedInUser, id: string) {
    const member = await this.member(user);
    const requirement = await this.requirement(member, id);
    const manager = this.dataSource.manager;
    const [bidders, declarations, submission, awardInStandstill, chairProblem] = await Promise.all([
      this.conflicts.bidders(manager, id),
      this.conflicts.declarations(manager, id, member.userId),
      this.scores.findSubmission(id, member.id, manager),
      // BR-11: an award can be withdrawn only during its standstill, never once it is final.
      this.requirements.hasAwardInStandstill(id, manager),
      this.chairProblem(member, id, manager, 'act as chair'),
    ]);
    return {
      member,
      requirement,
      bidders,
      declarations,
      declared: declarations.length > 0,
      conflicted: declarations.some((declaration) => declaration.conflicted),
      submitted: !!submission,
      awardInStandstill,
      /** The chair, or the alternate chair where no chair can act (BR-9). */
      actsAsChair: chairProblem === null,
    };
  }

  /**
   * Records the member's declaration for every bidder at once, before any
   * bid content is seen (BR-9), while the panel is still working on the
   * requirement; the first starts the evaluation. Amendments are made on
   * the conflicts pages.
   */
  async declare(user: SignedInUser, id: string, body: Record<string, unknown>): Promise<{ conflicted: boolean }> {
    return this.dataSource.transaction(async (manager) => {
      const member = await this.member(user, manager);
      await this.lockRequirement(member, id, manager);
      return this.conflicts.declareIn(manager, user, await this.conflicts.context(user, id, manager), body);
    });
  }

  /** The requirement's bids as the panel sees them, with compliance flags checked now. */
  async panelBids(manager: EntityManager, requirement: Requirement): Promise<PanelBid[]> {
    const rows = await this.requirements.openedBidsFor(requirement, manager);
    const names = await this.requirements.practitionerNames(
      rows.flatMap((row) => row.practitionerIds),
      manager,
    );
    const reviews = new Map((await this.scores.findPriceReviews(requirement.id, manager)).map((review) => [review.bidId, review]));
    const bids = rows.map(({ practitionerIds, overCeiling, validityProblems, membershipStatus, ...bid }) => ({
      ...bid,
      practitioners: practitionerIds.map((id) => names.get(id) ?? 'Unknown practitioner'),
      nonCompliance: [
        ...(overCeiling ? ['The total is above the ceiling price'] : []),
        ...validityProblems,
        ...(membershipStatus !== 'active' && !validityProblems.some((problem) => problem.includes('membership'))
          ? ['The provider’s membership of the lot is not active now']
          : []),
      ],
    }));
    const flagged = new Set(
      abnormallyLowBids(
        bids.map((bid) => ({ bidId: bid.bidId, totalPence: bid.totalPence, compliant: bid.nonCompliance.length === 0 })),
        ABNORMALLY_LOW_PERCENT,
      ),
    );
    return bids.map((bid) => {
      const review = flagged.has(bid.bidId) ? reviews.get(bid.bidId) : undefined;
      return {
        ...bid,
        priceFlagged: flagged.has(bid.bidId),
        priceReview: review ? { decision: review.decision, reason: review.reason } : null,
        // A price the panel rejected as abnormally low takes the bid out of the ranking.
        nonCompliance:
          review?.decision === 'rejected' ? [...bid.nonCompliance, `The panel rejected the price as abnormally low: ${review.reason}`] : bid.nonCompliance,
      };
    });
  }

  /** A declared, unconflicted member of the partnership; anyone else is refused bid content (BR-9). */
  async assertMayReadBids(member: PanelMember, requirementId: string, manager: EntityManager): Promise<void> {
    await this.conflicts.assertMayReadBids(manager, requirementId, member.userId);
  }

  /**
   * Why this member cannot act as chair on the requirement (null when they
   * can): the chair, or the alternate chair when every chair is conflicted
   * on it or has not declared (BR-9). Their own conflict is checked with the bids.
   */
  async chairProblem(member: PanelMember, requirementId: string, manager: EntityManager, action: string): Promise<string | null> {
    if (member.isChair || !member.isAlternateChair) return actingChairProblem(member, [], action);
    const chairs = await this.members.chairDeclarations(member.partnershipId, requirementId, manager);
    return actingChairProblem(member, chairs, action);
  }

  /** Refuses anyone but the acting chair for this requirement. */
  async assertActsAsChair(member: PanelMember, requirementId: string, manager: EntityManager, action: string): Promise<void> {
    const problem = await this.chairProblem(member, requirementId, manager, action);
    if (problem) throw new ForbiddenException(problem);
  }

  async scoring(user: SignedInUser, id: string) {
    const manager = this.dataSource.manager;
    const member = await this.member(user);
    const requirement = await this.requirement(member, id);
    await this.assertMayReadBids(member, id, manager);
    const [bids, mine, submission] = await Promise.all([
      this.panelBids(manager, requirement),
      this.scores.findMemberScores(id, member.id, manager),
      this.scores.findSubmission(id, member.id, manager),
    ]);
    // Other members' scores only once this member has submitted their own.
    const others = submission ? await this.scores.othersSubmittedScores(id, member.id, manager) : [];
    return {
      member,
      requirement,
      bids,
      mine,
      submitted: !!submission,
      others,
    };
  }

  /** Saves this member's scores; `submit` requires every compliant bid scored on every criterion, and makes them final. */
  async saveScores(user: SignedInUser, id: string, body: Record<string, unknown>, submit: boolean): Promise<void> {
    await this.dataSource.transaction(async (manager) => {
      const member = await this.member(user, manager);
      const requirement = await this.lockRequirement(member, id, manager);
      await this.assertMayReadBids(member, id, manager);
      if (await this.scores.hasSubmitted(id, member.id, manager))
        throw new ConflictException('You have submitted your scores, so they can no longer be changed');
      const bids = (await this.panelBids(manager, requirement)).filter((bid) => bid.nonCompliance.length === 0);
      const rows = this.readScoreGrid(body, bids, requirement, {
        textField: commentField,
        scoreMissing: (label) => `Select a score from 0 to ${requirement.scaleMax} for ${label}`,
        textMissing: (label) => `Enter a comment for ${label}`,
        textTooLong: (label) => `Comment for ${label} must be 2,000 characters or fewer`,
        // A draft may leave questions blank; a submission may not.
        skipBlank: !submit,
      }).map(({ text, ...row }) => ({ ...row, comment: text }));
      for (const row of rows) {
        await this.scores.saveMemberScore(manager, { ...row, requirementId: id, panelMemberId: member.id });
      }
      if (submit) await this.scores.recordSubmission(manager, id, member.id);
      await this.audit.record(manager, {
        action: submit ? 'scores.submitted' : 'scores.saved',
        entityType: 'requirement',
        entityId: id,
        after: { panelMemberId: member.id, scores: rows.length },
      });
    });
  }

  /** The chair's view: each member's submitted scores, their spread and outliers, the moderated scores and the BR-8 ranking. */
  async moderation(user: SignedInUser, id: string) {
    const manager = this.dataSource.manager;
    const member = await this.member(user);
    const requirement = await this.requirement(member, id);
    await this.assertActsAsChair(member, id, manager, 'moderate scores');
    await this.assertMayReadBids(member, id, manager);
    const [bids, scores, moderated, submissions] = await Promise.all([
      this.panelBids(manager, requirement),
      this.scores.submittedScores(id, manager),
      this.scores.findModerated(id, manager),
      this.scores.countSubmissions(id, manager),
    ]);
    const moderatedBy = new Map(moderated.map((score) => [`${score.bidId}:${score.criterionIndex}`, score]));
    const ranking = this.rank(requirement, bids, moderated);
    const cells = bids.map((bid) => ({
      bid,
      criteria: requirement.criteria.map((criterion, index) => {
        const memberScores = scores.filter((score) => score.bidId === bid.bidId && score.criterionIndex === index);
        return {
          criterion,
          index,
          memberScores,
          spread: scoreSpread(memberScores.map((score) => score.score)),
          moderated: moderatedBy.get(`${bid.bidId}:${index}`),
        };
      }),
    }));
    return { member, requirement, bids, cells, ranking, submissions };
  }

  /** BR-8 over the bids as the panel sees them and the moderated scores so far. */
  rank(requirement: Requirement, bids: PanelBid[], moderated: ModeratedScore[]) {
    const moderatedBy = new Map(moderated.map((score) => [`${score.bidId}:${score.criterionIndex}`, score.score]));
    return rankBids(
      requirement.criteria,
      requirement.priceWeight ?? 0,
      requirement.scaleMax,
      bids.map((bid) => ({
        bidId: bid.bidId,
        totalPence: bid.totalPence,
        nonCompliance: bid.nonCompliance,
        finalSubmittedAt: bid.submittedAt,
        moderated: requirement.criteria.map((_, index) => moderatedBy.get(`${bid.bidId}:${index}`) ?? null),
      })),
      { minimumQualityPercent: requirement.minimumQualityPercent },
    );
  }

  /** The bids and their ranking, for the award and the assessment summaries. */
  async rankedBids(manager: EntityManager, requirement: Requirement) {
    const [bids, moderated] = await Promise.all([this.panelBids(manager, requirement), this.scores.findModerated(requirement.id, manager)]);
    return { bids, moderated, ranking: this.rank(requirement, bids, moderated) };
  }

  /** Records the chair's moderated score and rationale for every compliant bid and criterion. */
  async moderate(user: SignedInUser, id: string, body: Record<string, unknown>): Promise<void> {
    await this.dataSource.transaction(async (manager) => {
      const member = await this.member(user, manager);
      const requirement = await this.lockRequirement(member, id, manager);
      await this.assertActsAsChair(member, id, manager, 'moderate scores');
      await this.assertMayReadBids(member, id, manager);
      if ((await this.scores.countSubmissions(id, manager)) === 0) throw new ConflictException('No member has submitted scores yet');
      const bids = (await this.panelBids(manager, requirement)).filter((bid) => bid.nonCompliance.length === 0);
      const rows = this.readScoreGrid(body, bids, requirement, {
        textField: rationaleField,
        scoreMissing: (label) => `Select the moderated score for ${label}`,
        textMissing: (label) => `Enter the rationale for ${label}`,
        skipBlank: false,
      }).map(({ text, ...row }) => ({ ...row, rationale: text }));
      for (const row of rows) {
        await this.scores.saveModeratedScore(manager, { ...row, requirementId: id, moderatedByUserId: user.id });
      }
      await this.audit.record(manager, {
        action: 'scores.moderated',
        entityType: 'requirement',
        entityId: id,
        after: { scores: rows.map(({ bidId, criterionIndex, score }) => ({ bidId, criterionIndex, score })) },
      });
    });
  }

  /**
   * Reads a score and a text (comment or rationale) for every compliant bid
   * and question from the posted form, or throws every problem at once.
   */
  private readScoreGrid(
    body: Record<string, unknown>,
    bids: PanelBid[],
    requirement: Requirement,
    rules: {
      textField: (bidId: string, index: number) => string;
      scoreMissing: (label: string) => string;
      textMissing: (label: string) => string;
      textTooLong?: (label: string) => string;
      skipBlank: boolean;
    },
  ): Array<{ bidId: string; criterionIndex: number; score: number; text: string }> {
    const read = (field: string) => (typeof body[field] === 'string' ? String(body[field]).trim() : '');
    const errors: FieldError[] = [];
    const rows: Array<{ bidId: string; criterionIndex: number; score: number; text: string }> = [];
    for (const bid of bids) {
      requirement.criteria.forEach((_, index) => {
        const scoreName = scoreField(bid.bidId, index);
        const textName = rules.textField(bid.bidId, index);
        const rawScore = read(scoreName);
        const text = read(textName);
        const label = `${bid.providerName}, question ${index + 1}`;
        if (!rawScore && !text && rules.skipBlank) return;
        const score = /^\d{1,2}$/.test(rawScore) && Number(rawScore) <= requirement.scaleMax ? Number(rawScore) : null;
        if (score === null) errors.push({ field: scoreName, href: `#${scoreName}`, text: rules.scoreMissing(label) });
        if (!text) errors.push({ field: textName, href: `#${textName}`, text: rules.textMissing(label) });
        else if (rules.textTooLong && text.length > 2000) errors.push({ field: textName, href: `#${textName}`, text: rules.textTooLong(label) });
        if (score !== null && text) rows.push({ bidId: bid.bidId, criterionIndex: index, score, text });
      });
    }
    if (errors.length) throw new FormInvalidError(errors);
    return rows;
  }

  /** The flagged price of one bid, with the median it is compared against, for the chair to review. */
  async priceReviewPage(user: SignedInUser, id: string, bidId: string) {
    const manager = this.dataSource.manager;
    const member = await this.member(user);
    const requirement = await this.requirement(member, id);
    await this.assertActsAsChair(member, id, manager, 'record the panel’s view of a price');
    await this.assertMayReadBids(member, id, manager);
    const bids = await this.panelBids(manager, requirement);
    const bid = bids.find((candidate) => candidate.bidId === bidId && candidate.priceFlagged);
    if (!bid) throw new NotFoundException();
    const compliant = bids
      .filter((candidate) => candidate.nonCompliance.length === 0 || candidate.bidId === bidId)
      .map((candidate) => candidate.totalPence)
      .sort((a, b) => a - b);
    const middle = Math.floor(compliant.length / 2);
    const medianPence = compliant.length % 2 ? compliant[middle] : Math.round((compliant[middle - 1] + compliant[middle]) / 2);
    return { requirement, bid, medianPence };
  }

  /** Records the panel's view of an abnormally low price (accepted with the explanation, or rejected, which unranks the bid). */
  async reviewPrice(user: SignedInUser, id: string, bidId: string, form: { decision: 'accepted' | 'rejected'; reason: string }): Promise<void> {
    await this.dataSource.transaction(async (manager) => {
      const member = await this.member(user, manager);
      const requirement = await this.lockRequirement(member, id, manager);
      await this.assertActsAsChair(member, id, manager, 'record the panel’s view of a price');
      await this.assertMayReadBids(member, id, manager);
      const bid = (await this.panelBids(manager, requirement)).find((candidate) => candidate.bidId === bidId && candidate.priceFlagged);
      if (!bid) throw new NotFoundException();
      await this.scores.savePriceReview(manager, { requirementId: id, bidId, decision: form.decision, reason: form.reason, reviewedByUserId: user.id });
      await this.audit.record(manager, {
        action: 'requirement.price_reviewed',
        entityType: 'requirement',
        entityId: id,
        before: { decision: bid.priceReview?.decision ?? null },
        after: { bidId, decision: form.decision },
      });
    });
  }

  /** Locks the requirement for a change; scores and declarations are refused once a decision is final. */
  private async lockRequirement(member: PanelMember, id: string, manager: EntityManager): Promise<Requirement> {
    // Lock first, so the status read next is the latest committed one.
    await this.requirements.lockForUpdate(manager, id);
    const requirement = await this.requirement(member, id, manager);
    if (requirement.status === 'published') throw new ConflictException('Bids are being closed. Try again in a minute.');
    if (!(PANEL_STATUSES as readonly string[]).includes(requirement.status))
      throw new ConflictException('The panel has decided this requirement, so nothing can be changed');
    return requirement;
  }
}
