import { Injectable } from '@nestjs/common';
import { DataSource, EntityManager } from 'typeorm';
import { AuditService } from '../audit/audit.service';
import type { SignedInUser } from '../common/auth/signed-in-user';
import { FormInvalidError } from '../common/forms/form-invalid.error';
import { requirementLifecycle } from '../competitions/requirement-lifecycle';
import { RequirementsService } from '../competitions/requirements.service';
import { DebarmentService } from '../debarment/debarment.service';
import { AwardTransition } from './award-transition';
import { AwardRepository } from './award.repository';
import { AwardContextRepository } from './award-context.repository';
import { NoticeRepository } from './notice.repository';
import { Award } from './award.entity';
import { AwardsService } from './awards.service';
import { contractAwardNoticeRequired } from './contract-law';
import { USER_CHOICE_GROUND, userChoiceProblem } from './user-choice-rules';
import { transitionRequirement } from '../competitions/requirement-transition';

export interface UserChoiceInput {
  providerId: string;
  preference: string;
  reasons: string;
  valuePence: number;
}

/**
 * Issue 22: a direct award to the provider the family chose, without a
 * competition (PA 2023 s.41). The transparency notice (s.44), and the
 * contract award notice a public contract needs (s.50), come before the
 * contract: the award waits for them, then the contract is created.
 */
@Injectable()
export class UserChoiceService {
  constructor(
    private readonly dataSource: DataSource,
    private readonly requirements: RequirementsService,
    private readonly awards: AwardsService,
    private readonly debarment: DebarmentService,
    private readonly audit: AuditService,
    private readonly awardTransition: AwardTransition,
    private readonly awardRecords: AwardRepository,
    private readonly context: AwardContextRepository,
    private readonly noticeRecords: NoticeRepository,
  ) {}

  /** The requirement, the providers admitted to its lot, and why the ground cannot apply, if it cannot. */
  async form(user: SignedInUser, requirementId: string) {
    const requirement = await this.requirements.get(user, requirementId);
    const providers = await this.context.admittedProviders(requirement);
    const refusal = userChoiceProblem({
      route: requirement.framework!.route,
      lightTouch: requirement.therapyType!.lightTouch,
      requirementStatus: requirement.status,
      membershipStatus: 'active',
    });
    const award = requirement.directAward ? await this.awardRecords.findDirectAward(requirementId) : null;
    const choice = award ? await this.awardRecords.findUserChoiceWithProvider(award.id) : null;
    return { requirement, providers, refusal: choice ? null : (refusal?.text ?? null), ground: USER_CHOICE_GROUND, award, choice };
  }

  async award(user: SignedInUser, requirementId: string, input: UserChoiceInput): Promise<Award> {
    return this.dataSource.transaction(async (manager) => {
      await this.context.lockRequirement(requirementId, manager);
      const requirement = await this.requirements.get(user, requirementId, manager);
      const [framework, lot, agency] = await Promise.all([
        this.context.findFrameworkOrFail(requirement.frameworkId, manager),
        this.context.findTherapyTypeOrFail(requirement.therapyTypeId, manager),
        this.context.findAgencyOrFail(requirement.agencyId, manager),
      ]);
      // The current membership, if any (at most one is not removed).
      const memberships = await this.context.findMemberships(requirement, input.providerId, manager);
      const membership = memberships.find((row) => row.status !== 'removed') ?? memberships[0];
      const provider = membership ? await this.context.findProvider(input.providerId, manager) : null;
      const problem = userChoiceProblem({
        route: framework.route,
        lightTouch: lot.lightTouch,
        requirementStatus: requirement.status,
        membershipStatus: provider?.status === 'active' ? membership!.status : null,
      });
      if (problem) throw FormInvalidError.forField(problem.field, problem.text);
      if (input.valuePence <= 0) throw FormInvalidError.forField('value', 'The agreed contract value must be more than £0');
      if (requirement.ceilingPence !== null && input.valuePence > requirement.ceilingPence)
        throw FormInvalidError.forField('value', 'The agreed contract value must not be more than the requirement’s ceiling price');
      // PA 2023 s.41(1): a direct award goes only to a supplier that is not an excluded supplier.
      const [entry] = (await this.debarment.matchesFor(manager, agency.partnershipId, [provider!])).get(provider!.id) ?? [];
      if (entry)
        throw FormInvalidError.forField(
          'providerId',
          `${provider!.name} is on the debarment list (${entry.groundKind} exclusion ground: ${entry.ground}), so it cannot be awarded a contract`,
        );
      requirementLifecycle.assertMove(requirement.status, 'awarded');

      const legal = await this.awards.legalFactsFor(manager, requirement, input.valuePence);
      const award = await this.awardTransition.createAward(manager, {
        requirementId,
        meetingId: null,
        method: 'user_choice' as const,
        outcome: 'awarded' as const,
        bidId: null,
        rationale: 'Awarded directly to the provider the family chose (user choice)',
        // The transparency notice comes first (s.44); light touch contracts need no standstill (s.51(3)).
        status: 'awaiting_notice' as const,
        standstillEndsOn: null,
        standstillKind: 'none' as const,
        standstillWorkingDays: 0,
        valuePence: input.valuePence,
        valueIncludingVatPence: legal.valueIncVatPence,
        lightTouch: legal.lightTouch,
        aboveThreshold: legal.aboveThreshold,
        thresholdPence: legal.threshold.pence,
        decidedByUserId: user.id,
      });
      await this.awardRecords.insertUserChoice(manager, {
        awardId: award.id,
        providerId: provider!.id,
        preference: input.preference,
        reasons: input.reasons,
        legalGround: USER_CHOICE_GROUND,
        valuePence: input.valuePence,
        recordedByUserId: user.id,
      });
      await transitionRequirement(manager, requirementId, requirement.status, 'awarded', { directAward: true });
      // The preference and reasons are the child's: the audit keeps only that they were recorded.
      await this.audit.record(manager, {
        action: 'award.user_choice',
        entityType: 'requirement',
        entityId: requirementId,
        before: { status: requirement.status },
        after: {
          status: 'awarded',
          awardId: award.id,
          method: 'user_choice',
          providerId: provider!.id,
          valuePence: input.valuePence,
          legalGround: USER_CHOICE_GROUND,
          lightTouch: legal.lightTouch,
          aboveThreshold: legal.aboveThreshold,
        },
      });
      const before = ['transparency_notice' as const, ...(contractAwardNoticeRequired(legal) ? ['contract_award_notice' as const] : [])];
      for (const type of before) {
        const notice = await this.noticeRecords.insertNotice(manager, {
          type,
          requirementId,
          awardId: award.id,
          agencyId: requirement.agencyId,
          providerId: provider!.id,
          valuePence: legal.valueExVatPence,
          valueIncludingVatPence: legal.valueIncVatPence,
          dueOn: null,
        });
        await this.audit.record(manager, {
          action: 'notice.due',
          entityType: 'requirement',
          entityId: requirementId,
          after: { noticeId: notice.id, type, dueOn: null },
        });
      }
      return award;
    });
  }

  /** A notice of a direct award is published: once every notice due before the contract is, the award is final and the contract is created. */
  async noticePublished(manager: EntityManager, awardId: string): Promise<void> {
    const award = await this.awardRecords.findByIdForUpdate(awardId, manager);
    const outstanding = await this.noticeRecords.countOutstandingBeforeContract(awardId, manager);
    if (outstanding > 0 || award.status !== 'awaiting_notice') return;
    await this.awardTransition.transitionAward(manager, award, 'confirmed');
    await this.audit.record(manager, {
      action: 'award.confirmed',
      entityType: 'requirement',
      entityId: award.requirementId,
      before: { status: award.status },
      after: { status: 'confirmed', awardId: award.id, method: 'user_choice' },
    });
    await this.awards.createContractFor(manager, { ...award, status: 'confirmed' });
  }
}
