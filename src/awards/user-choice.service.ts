import { Injectable } from '@nestjs/common';
import { DataSource, EntityManager, IsNull } from 'typeorm';
import { AuditService } from '../audit/audit.service';
import type { SignedInUser } from '../common/auth/signed-in-user';
import { FormInvalidError } from '../common/forms/form-invalid.error';
import { requirementLifecycle } from '../competitions/requirement-lifecycle';
import { RequirementsService } from '../competitions/requirements.service';
import { DebarmentService } from '../debarment/debarment.service';
import { Framework } from '../frameworks/framework.entity';
import { Membership } from '../frameworks/membership.entity';
import { TherapyType } from '../frameworks/therapy-type.entity';
import { ProviderOrganisation } from '../providers/provider-organisation.entity';
import { Agency } from '../agencies/agency.entity';
import { awardLifecycle } from './award-rules';
import { Award } from './award.entity';
import { AwardsService } from './awards.service';
import { contractAwardNoticeRequired } from './contract-law';
import { Notice } from './notice.entity';
import { UserChoiceAward } from './user-choice-award.entity';
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
  ) {}

  /** The requirement, the providers admitted to its lot, and why the ground cannot apply, if it cannot. */
  async form(user: SignedInUser, requirementId: string) {
    const requirement = await this.requirements.get(user, requirementId);
    const providers: Array<{ id: string; name: string }> = await this.dataSource.query(
      `SELECT p.id, p.name FROM memberships m JOIN provider_organisations p ON p.id = m.provider_id
        WHERE m.framework_id = $1 AND m.therapy_type_id = $2 AND m.status = 'active' AND p.status = 'active' ORDER BY p.name`,
      [requirement.frameworkId, requirement.therapyTypeId],
    );
    const refusal = userChoiceProblem({
      route: requirement.framework!.route,
      lightTouch: requirement.therapyType!.lightTouch,
      requirementStatus: requirement.status,
      membershipStatus: 'active',
    });
    const award = requirement.directAward ? await this.dataSource.manager.findOneBy(Award, { requirementId, method: 'user_choice' }) : null;
    const choice = award ? await this.dataSource.manager.findOne(UserChoiceAward, { where: { awardId: award.id }, relations: { provider: true } }) : null;
    return { requirement, providers, refusal: choice ? null : (refusal?.text ?? null), ground: USER_CHOICE_GROUND, award, choice };
  }

  async award(user: SignedInUser, requirementId: string, input: UserChoiceInput): Promise<Award> {
    return this.dataSource.transaction(async (manager) => {
      await manager.query('SELECT 1 FROM requirements WHERE id = $1 FOR UPDATE', [requirementId]);
      const requirement = await this.requirements.get(user, requirementId, manager);
      const [framework, lot, agency] = await Promise.all([
        manager.findOneByOrFail(Framework, { id: requirement.frameworkId }),
        manager.findOneByOrFail(TherapyType, { id: requirement.therapyTypeId }),
        manager.findOneByOrFail(Agency, { id: requirement.agencyId }),
      ]);
      // The current membership, if any (at most one is not removed).
      const memberships = await manager.findBy(Membership, {
        frameworkId: requirement.frameworkId,
        therapyTypeId: requirement.therapyTypeId,
        providerId: input.providerId,
      });
      const membership = memberships.find((row) => row.status !== 'removed') ?? memberships[0];
      const provider = membership ? await manager.findOneBy(ProviderOrganisation, { id: input.providerId }) : null;
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
      const award = await manager.save(Award, {
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
      await manager.save(UserChoiceAward, {
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
        const notice = await manager.save(Notice, {
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
    const award = await manager.findOneOrFail(Award, { where: { id: awardId }, lock: { mode: 'pessimistic_write' } });
    const outstanding = await manager.countBy(Notice, { awardId, dueOn: IsNull(), publishedOn: IsNull() });
    if (outstanding > 0 || award.status !== 'awaiting_notice') return;
    awardLifecycle.assertMove(award.status, 'confirmed');
    await manager.update(Award, award.id, { status: 'confirmed' });
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
