import { Clock } from '../common/clock/clock';
import { ConflictException, ForbiddenException, Injectable, NotFoundException } from '@nestjs/common';
import { DataSource, EntityManager, QueryFailedError } from 'typeorm';
import { AuditService } from '../audit/audit.service';
import { ownSubmittedBidId, settleBidOutcomes } from '../bids/sealed-bid-gate';
import type { SignedInUser } from '../common/auth/signed-in-user';
import { loadBankHolidays } from '../common/calendar/bank-holiday.repository';
import { londonDate } from '../common/calendar/working-days';
import { addDays } from '../common/calendar/dates';
import { FormInvalidError } from '../common/forms/form-invalid.error';
import { formatIsoDate } from '../common/views/format';
import { requirementLifecycle } from '../competitions/requirement-lifecycle';
import { Requirement } from '../competitions/requirement.entity';
import { workingDayDivisions } from '../frameworks/procurement-routes';
import { NotificationsService } from '../notifications/notifications.service';
import { PanelService } from '../panel/panel.service';
import { MeetingsService } from '../panel/meetings.service';
import { decisionMeetingDateProblem } from '../panel/quorum';
import { UserRepository } from '../users/user.repository';
import type { AwardStatus } from './award-rules';
import { Award } from './award.entity';
import { Contract } from './contract.entity';
import { contractAwardNoticeRequired, LegalFacts, legalFacts, noticesAfterContract, standstillFor, standstillLastDay, StandstillRule } from './contract-law';
import { DebarmentService } from '../debarment/debarment.service';
import { transitionRequirement } from '../competitions/requirement-transition';
import { AwardTransition } from './award-transition';
import { AwardRepository } from './award.repository';
import { AwardContextRepository } from './award-context.repository';
import { ContractRepository } from './contract.repository';
import { NoticeRepository } from './notice.repository';
import { ThresholdRepository } from './threshold.repository';

export interface DecisionForm {
  meetingId: string;
  outcome: 'awarded' | 'no_award';
  rationale: string;
}

/** The panel's decision on a requirement, and what each bidder is told (BR-10, BR-11). */
@Injectable()
export class AwardsService {
  constructor(
    private readonly clock: Clock,
    private readonly dataSource: DataSource,
    private readonly panel: PanelService,
    private readonly meetings: MeetingsService,
    private readonly notifications: NotificationsService,
    private readonly audit: AuditService,
    private readonly debarment: DebarmentService,
    private readonly awardTransition: AwardTransition,
    private readonly awardRecords: AwardRepository,
    private readonly context: AwardContextRepository,
    private readonly contractRecords: ContractRepository,
    private readonly noticeRecords: NoticeRepository,
    private readonly userRecords: UserRepository,
    private readonly thresholds: ThresholdRepository,
  ) {}

  /**
   * Records the decision at a quorate meeting. An award goes to the bid ranked
   * first under BR-8, once every compliant bid is moderated. The partial
   * unique index on awards means two concurrent attempts leave exactly one.
   */
  async decide(user: SignedInUser, requirementId: string, form: DecisionForm): Promise<Award> {
    try {
      return await this.dataSource.transaction(async (manager) => {
        const member = await this.panel.member(user, manager);
        await this.context.lockRequirement(requirementId, manager);
        const requirement = await this.context.findRequirementWithAgency(requirementId, manager);
        if (!requirement || requirement.agency!.partnershipId !== member.partnershipId) throw new NotFoundException();
        // The chair, or the alternate chair when no chair can act; never anyone conflicted (BR-9).
        await this.panel.assertActsAsChair(member, requirementId, manager, 'record the panel’s decision');
        await this.panel.assertMayReadBids(member, requirementId, manager);
        requirementLifecycle.assertMove(requirement.status, form.outcome);

        const meeting = await this.context.findMeeting(form.meetingId, member.partnershipId, manager);
        if (!meeting) throw FormInvalidError.forField('meetingId', 'Select the meeting where the panel decided');
        const today = this.clock.today();
        const dateProblem = decisionMeetingDateProblem(meeting.meetingDate, today);
        if (dateProblem) throw FormInvalidError.forField('meetingId', dateProblem);
        const problems = await this.meetings.quorumForRequirement(manager, meeting, requirementId);
        if (problems.length)
          throw FormInvalidError.forField('meetingId', `That meeting was not quorate for this requirement, so it cannot decide it. ${problems.join('. ')}`);

        const { ranking, bids } = await this.panel.rankedBids(manager, requirement);
        const winner = form.outcome === 'awarded' ? ranking.bids.find((bid) => bid.rank === 1) : undefined;
        if (form.outcome === 'awarded' && !ranking.complete)
          throw FormInvalidError.forField('outcome', 'Moderate every compliant bid on every question before awarding');
        if (form.outcome === 'awarded' && !winner) throw FormInvalidError.forField('outcome', 'There is no compliant bid to award. Record no award instead');
        const unreviewed = bids.filter((bid) => bid.priceFlagged && !bid.priceReview);
        if (form.outcome === 'awarded' && unreviewed.length) {
          throw FormInvalidError.forField(
            'outcome',
            `Record the panel’s view of the abnormally low price from ${unreviewed.map((bid) => bid.providerName).join(', ')} before awarding`,
          );
        }
        // BR-13, PA 2023 s.57: no award to a supplier on the partnership's debarment list.
        if (winner) {
          const provider = await this.context.findProviderOrFail(bids.find((bid) => bid.bidId === winner.bidId)!.providerId, manager);
          const [entry] = (await this.debarment.matchesFor(manager, member.partnershipId, [provider])).get(provider.id) ?? [];
          if (entry)
            throw FormInvalidError.forField(
              'outcome',
              `${provider.name} is on the debarment list (${entry.groundKind} exclusion ground: ${entry.ground}), so the panel cannot award to it. Record no award`,
            );
        }

        // Issue 18: the contract's legal facts decide its standstill and notices, not the route alone.
        let status: AwardStatus = 'confirmed';
        let endsOn: string | null = null;
        let legal: LegalFacts | null = null;
        let rule: StandstillRule = { kind: 'none', reason: '' };
        if (winner) {
          const { framework, legal: facts } = await this.legalFactsOf(manager, requirement, winner.totalPence);
          legal = facts;
          rule = standstillFor(framework.route, legal, framework.standstillDays);
          if (contractAwardNoticeRequired(legal)) status = 'awaiting_notice';
          else if (rule.kind !== 'none') {
            status = 'standstill';
            endsOn = standstillLastDay(today, rule, await loadBankHolidays(manager, workingDayDivisions(framework.route)));
          }
        }
        const award = await this.awardTransition.createAward(manager, {
          requirementId,
          meetingId: meeting.id,
          outcome: form.outcome,
          bidId: winner?.bidId ?? null,
          rationale: form.rationale,
          status,
          standstillEndsOn: endsOn,
          standstillKind: rule.kind,
          standstillWorkingDays: rule.kind === 'none' ? 0 : rule.workingDays,
          valuePence: winner?.totalPence ?? null,
          valueIncludingVatPence: legal?.valueIncVatPence ?? null,
          lightTouch: legal?.lightTouch ?? null,
          aboveThreshold: legal?.aboveThreshold ?? null,
          thresholdPence: legal?.threshold.pence ?? null,
          decidedByUserId: user.id,
        });
        await transitionRequirement(manager, requirementId, requirement.status, form.outcome);
        if (form.outcome === 'no_award') {
          await settleBidOutcomes(manager, requirementId, null);
        }
        await this.audit.record(manager, {
          action: form.outcome === 'awarded' ? 'award.made' : 'award.none',
          entityType: 'requirement',
          entityId: requirementId,
          before: { status: requirement.status },
          after: {
            status: form.outcome,
            awardId: award.id,
            bidId: award.bidId,
            meetingId: meeting.id,
            awardStatus: status,
            standstillKind: rule.kind,
            standstillEndsOn: endsOn,
          },
        });
        // PA 2023 s.50(3): every assessed bidder has its assessment summary before the contract award notice is published.
        await this.tellBidders(
          manager,
          requirement,
          award,
          bids.map((bid) => ({ bidId: bid.bidId, providerId: bid.providerId })),
        );
        if (status === 'awaiting_notice') {
          const notice = await this.noticeRecords.insertNotice(manager, {
            type: 'contract_award_notice' as const,
            requirementId,
            awardId: award.id,
            agencyId: requirement.agencyId,
            providerId: bids.find((bid) => bid.bidId === winner!.bidId)!.providerId,
            valuePence: legal!.valueExVatPence,
            valueIncludingVatPence: legal!.valueIncVatPence,
            dueOn: null,
          });
          await this.audit.record(manager, {
            action: 'notice.due',
            entityType: 'requirement',
            entityId: requirementId,
            after: { noticeId: notice.id, type: notice.type, dueOn: null },
          });
        }
        if (award.outcome === 'awarded' && award.status === 'confirmed') await this.createContract(manager, award);
        return award;
      });
    } catch (error) {
      if (error instanceof QueryFailedError && (error as QueryFailedError & { driverError?: { code?: string } }).driverError?.code === '23505') {
        throw new ConflictException('The panel has already recorded a decision on this requirement');
      }
      throw error;
    }
  }

  /**
   * Confirms awards whose standstill has ended (BR-11: the day after its
   * last day) and creates their contracts. Rows are claimed with SKIP LOCKED, so several instances can run it.
   */
  async confirmDue(): Promise<number> {
    return this.dataSource.transaction(async (manager) => {
      const due = await this.awardRecords.claimStandstillEnded(this.clock.today(), manager);
      for (const award of due) {
        await this.awardTransition.transitionAward(manager, award, 'confirmed');
        await this.audit.record(manager, {
          action: 'award.confirmed',
          entityType: 'requirement',
          entityId: award.requirementId,
          before: { status: 'standstill' },
          after: { status: 'confirmed', awardId: award.id },
          actor: null,
        });
        await this.createContract(manager, { ...award, status: 'confirmed' });
      }
      return due.length;
    });
  }

  /** A confirmed award settles the bids' outcomes and becomes a pending contract with the winning bid's terms. */
  private async createContract(manager: EntityManager, award: Award): Promise<Contract> {
    const requirement = await this.context.findRequirementOrFail(award.requirementId, manager);
    let winner: { providerId: string; practitionerIds: string[]; totalPence: number } | undefined;
    if (award.method === 'user_choice') {
      // Issue 22: no bid; the provider the family chose, at the value agreed. Practitioners are named when it is activated.
      const choice = await this.awardRecords.findUserChoiceOrFail(award.id, manager);
      winner = { providerId: choice.providerId, practitionerIds: [], totalPence: choice.valuePence };
    } else {
      winner = await this.context.winningBid(award.bidId, manager);
      if (!winner) throw new Error(`The winning bid ${award.bidId} is not open`);
      await settleBidOutcomes(manager, requirement.id, award.bidId);
    }
    const { legal } = await this.legalFactsOf(manager, requirement, winner.totalPence);
    const block = requirement.purchaseType === 'block';
    const contract = await this.contractRecords.insertPending(manager, {
      awardId: award.id,
      requirementId: requirement.id,
      agencyId: requirement.agencyId,
      providerId: winner.providerId,
      kind: requirement.purchaseType,
      valuePence: winner.totalPence,
      vatTreatment: requirement.vatTreatment,
      valueIncludingVatPence: legal.valueIncVatPence,
      lightTouch: legal.lightTouch,
      aboveThreshold: legal.aboveThreshold,
      sessionCount: block ? null : requirement.sessionCount,
      blockVolume: block ? requirement.blockVolume : null,
      blockUnit: block ? requirement.blockUnit : null,
      blockPeriodMonths: block ? requirement.blockPeriodMonths : null,
      practitionerIds: winner.practitionerIds,
    });
    await this.audit.record(manager, {
      action: 'contract.created',
      entityType: 'contract',
      entityId: contract.id,
      after: {
        awardId: award.id,
        kind: contract.kind,
        valuePence: contract.valuePence,
        valueIncludingVatPence: legal.valueIncVatPence,
        lightTouch: legal.lightTouch,
        aboveThreshold: legal.aboveThreshold,
        status: 'pending',
      },
      actor: null,
    });
    // The contract is entered into when the award is confirmed; its notices are due from that day.
    for (const due of noticesAfterContract(legal, this.clock.today())) {
      const notice = await this.noticeRecords.insertNotice(manager, {
        type: due.type,
        requirementId: requirement.id,
        awardId: award.id,
        contractId: contract.id,
        agencyId: requirement.agencyId,
        providerId: winner.providerId,
        valuePence: legal.valueExVatPence,
        valueIncludingVatPence: legal.valueIncVatPence,
        dueOn: due.dueOn,
      });
      await this.audit.record(manager, {
        action: 'notice.due',
        entityType: 'contract',
        entityId: contract.id,
        after: { noticeId: notice.id, type: due.type, dueOn: due.dueOn },
        actor: null,
      });
    }
    return contract;
  }

  /** BR-11: until the award is final (waiting for its notice or in standstill) the chair can withdraw it, with a reason; the requirement goes back to the panel. */
  async withdraw(user: SignedInUser, requirementId: string, reason: string): Promise<void> {
    await this.dataSource.transaction(async (manager) => {
      const member = await this.panel.member(user, manager);
      if (!member.isChair && !member.isAlternateChair) throw new ForbiddenException('Only the panel chair can withdraw an award');
      const award = await this.awardRecords.findNotFinalForUpdate(requirementId, manager);
      if (!award) throw new ConflictException('There is no award in its standstill period to withdraw');
      // Issue 22: a direct award to the family's chosen provider is the agency's, not a panel decision.
      if (award.method === 'user_choice')
        throw new ConflictException('A direct award to the family’s chosen provider is not a panel decision, so the panel cannot withdraw it');
      const requirement = await this.context.findRequirementWithAgency(requirementId, manager);
      if (!requirement || requirement.agency!.partnershipId !== member.partnershipId) throw new NotFoundException();
      // The acting chair only, and not if conflicted (BR-9).
      await this.panel.assertActsAsChair(member, requirementId, manager, 'withdraw an award');
      await this.panel.assertMayReadBids(member, requirementId, manager);
      await this.awardTransition.transitionAward(manager, award, 'withdrawn', { withdrawnReason: reason });
      await transitionRequirement(manager, requirementId, requirement.status, 'evaluating');
      await this.audit.record(manager, {
        action: 'award.withdrawn',
        entityType: 'requirement',
        entityId: requirementId,
        before: { status: 'awarded' },
        after: { status: 'evaluating', awardId: award.id, reason },
      });
      // Every bidder and the commissioners hear that the decision is being made again; the reason stays with the agency.
      const bidders = await this.context.activeBidderUsers(requirementId, manager);
      const commissioners = await this.userRecords.listAgencyCommissioners(manager, requirement.agencyId);
      await this.notifications.fanOut(manager, {
        template: 'award-withdrawn',
        recipients: [...bidders, ...commissioners],
        data: (recipient) => ({ title: requirement.title, requirementId, provider: !!recipient.providerId, reason }),
        eventKey: `award-withdrawn:${award.id}`,
      });
    });
  }

  /** The winner hears of the award; everyone else gets their assessment summary; the commissioners hear the outcome. */
  private async tellBidders(manager: EntityManager, requirement: Requirement, award: Award, bids: Array<{ bidId: string; providerId: string }>) {
    // Only an award in its standstill has one to announce; otherwise the contract already exists.
    const standstillEndsOn = award.status === 'standstill' ? formatIsoDate(award.standstillEndsOn) : '';
    for (const bid of bids) {
      const won = bid.bidId === award.bidId;
      await this.notifications.fanOut(manager, {
        template: won ? 'award-won' : 'assessment-summary',
        recipients: await this.context.activeProviderUsers(bid.providerId, manager),
        data: () => ({ title: requirement.title, requirementId: requirement.id, standstillEndsOn, noAward: award.outcome === 'no_award' }),
        eventKey: `award:${award.id}`,
      });
    }
    await this.notifications.fanOut(manager, {
      template: 'requirement-decided',
      recipients: await this.userRecords.listAgencyCommissioners(manager, requirement.agencyId),
      data: () => ({
        title: requirement.title,
        requirementId: requirement.id,
        awarded: award.outcome === 'awarded',
        rationale: award.rationale,
        standstillEndsOn,
        awaitingNotice: award.status === 'awaiting_notice',
      }),
      eventKey: `requirement-decided:${award.id}`,
    });
  }

  /** The legal facts of a contract for this requirement at this value, for a direct award (issue 22). */
  async legalFactsFor(manager: EntityManager, requirement: Requirement, valueExVatPence: number): Promise<LegalFacts> {
    return (await this.legalFactsOf(manager, requirement, valueExVatPence)).legal;
  }

  /** A direct award made final by its notices becomes a pending contract (issue 22). */
  createContractFor(manager: EntityManager, award: Award): Promise<Contract> {
    return this.createContract(manager, award);
  }

  /** The legal facts of a contract for this requirement at this value (issue 18). */
  private async legalFactsOf(manager: EntityManager, requirement: Requirement, valueExVatPence: number) {
    const [framework, therapyType, thresholds] = await Promise.all([
      this.context.findFrameworkOrFail(requirement.frameworkId, manager),
      this.context.findTherapyTypeOrFail(requirement.therapyTypeId, manager),
      this.thresholds.loadThresholdTable(manager),
    ]);
    const legal = legalFacts(
      {
        route: framework.route,
        lightTouch: therapyType.lightTouch,
        valueExVatPence,
        vatTreatment: requirement.vatTreatment,
        // The thresholds in force when the procurement began: the requirement's publication.
        procurementOn: londonDate(requirement.publishedAt ?? this.clock.now()),
      },
      thresholds,
    );
    return { framework, legal };
  }

  /**
   * The contract award notice is published (PA 2023 s.50): a standstill the
   * contract needs starts that day (s.51); with none, or one already over
   * because the notice was published earlier, the award is final and the
   * contract is created. Called in the transaction that records the notice.
   */
  async contractAwardNoticePublished(manager: EntityManager, awardId: string, publishedOn: string): Promise<Award> {
    const award = await this.awardRecords.findByIdForUpdate(awardId, manager);
    const requirement = await this.context.findRequirementOrFail(award.requirementId, manager);
    const framework = await this.context.findFrameworkOrFail(requirement.frameworkId, manager);
    const endsOn =
      award.standstillKind === 'none'
        ? null
        : standstillLastDay(
            publishedOn,
            { kind: award.standstillKind, workingDays: award.standstillWorkingDays, startsWith: 'contract_award_notice', reason: '' },
            await loadBankHolidays(manager, workingDayDivisions(framework.route)),
          );
    const status: AwardStatus = endsOn && endsOn >= this.clock.today() ? 'standstill' : 'confirmed';
    await this.awardTransition.transitionAward(manager, award, status, { standstillEndsOn: endsOn });
    await this.audit.record(manager, {
      action: status === 'standstill' ? 'award.standstill_started' : 'award.confirmed',
      entityType: 'requirement',
      entityId: award.requirementId,
      before: { status: award.status },
      after: { status, awardId: award.id, standstillEndsOn: endsOn },
    });
    const updated = { ...award, status, standstillEndsOn: endsOn };
    if (status === 'confirmed') await this.createContract(manager, updated);
    else {
      // Every bidder and the commissioners hear when the standstill ends, so a challenge can be made in time.
      const bidders = await this.context.activeBidderUsers(requirement.id, manager);
      await this.notifications.fanOut(manager, {
        template: 'standstill-started',
        recipients: [...bidders, ...(await this.userRecords.listAgencyCommissioners(manager, requirement.agencyId))],
        data: (recipient) => ({
          title: requirement.title,
          requirementId: requirement.id,
          provider: !!recipient.providerId,
          publishedOn: formatIsoDate(publishedOn),
          standstillEndsOn: formatIsoDate(endsOn),
          contractFrom: formatIsoDate(addDays(endsOn!, 1)),
        }),
        eventKey: `standstill-started:${award.id}`,
      });
    }
    return updated;
  }

  /**
   * BR-10: a bidder's own assessment summary: its moderated scores per
   * question beside the winner's, the rationale and its rank. No other
   * bidder is named. Only once the panel has decided.
   */
  async summary(user: SignedInUser, requirementId: string) {
    const manager = this.dataSource.manager;
    const requirement = await this.context.findRequirement(requirementId, manager);
    const bidId = user.providerId ? await ownSubmittedBidId(manager, requirementId, user.providerId) : null;
    if (!requirement || !bidId) throw new NotFoundException();
    // At most one live decision per requirement (a partial unique index); a withdrawn one gives no summary.
    const award = await this.awardRecords.findLiveForRequirement(requirementId, manager);
    if (!award) throw new NotFoundException();
    const { ranking, moderated } = await this.panel.rankedBids(manager, requirement);
    const mine = ranking.bids.find((entry) => entry.bidId === bidId);
    const winner = award.bidId ? ranking.bids.find((entry) => entry.bidId === award.bidId) : undefined;
    const moderatedScore = (bidId: string | undefined, index: number) =>
      moderated.find((score) => score.bidId === bidId && score.criterionIndex === index)?.score;
    return {
      requirement,
      award,
      won: award.bidId === bidId,
      mine,
      winner,
      compliantCount: ranking.bids.filter((entry) => entry.compliant).length,
      rows: requirement.criteria.map((criterion, index) => ({
        question: criterion.question,
        weight: criterion.weight,
        mine: moderatedScore(bidId, index),
        winners: moderatedScore(award.bidId ?? undefined, index),
        mineWeighted: mine?.qualityScores[index],
        winnersWeighted: winner?.qualityScores[index],
      })),
    };
  }
}
