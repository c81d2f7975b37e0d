import { Clock } from '../common/clock/clock';
import { Injectable, NotFoundException } from '@nestjs/common';
import { DataSource, EntityManager } from 'typeorm';
import { AgencyRepository } from '../agencies/agency.repository';
import { ContractRepository } from '../awards/contract.repository';
import { AuditService } from '../audit/audit.service';
import { assertOwnsAgencyRecord } from '../common/auth/ownership';
import type { SignedInUser } from '../common/auth/signed-in-user';
import { FieldError, FormInvalidError } from '../common/forms/form-invalid.error';
import { Contract } from '../awards/contract.entity';
import { FairAccessLimitRepository } from './fair-access-limit.repository';
import { FundingRecord } from './funding-record.entity';
import { FundingRecordRepository } from './funding-record.repository';
import {
  asgsfEligibility,
  checkPackage,
  EligibilityFacts,
  expectedFromFund,
  FundingAction,
  fundingTransition,
  LegalOrder,
  PackageCheck,
  PackageLines,
  packageDateProblems,
} from './funding-application';
import { financialYearOf, FundingLine, fundingTimingWarnings, limitInForceOn } from './funding-rules';
import { FundingReturnsService } from './funding-returns.service';

export interface FundingApplicationInput extends PackageLines {
  childReference: string;
  partnershipChildReference: string;
  legalOrder: LegalOrder;
  previouslyLookedAfter: boolean;
  livesInEngland: boolean;
  ehcPlan: boolean;
  startsOn: string;
  endsOn: string;
  topUpPence: number;
}

/** The child's place in the fair access check: the partnership and the partnership's reference for them. */
export interface FundedChild {
  partnershipId: string;
  partnershipChildReference: string;
}

/** Field ids on the contract page's funding form, where they differ from the field names. */
const FIELD_HREFS: Record<string, string> = {
  childReference: '#fundingChildReference',
  packageStartsOn: '#packageStartsOn-day',
  packageEndsOn: '#packageEndsOn-day',
  submittedOn: '#submittedOn-day',
  action: '#funding-status',
};
const fieldError = (field: string, text: string): FieldError => ({ field, text, href: FIELD_HREFS[field] ?? `#${field}` });

/**
 * ASGSF applications, child by child: each spot contract or block call-off has
 * its own, checked against the fair access limit with every live application
 * for the same child that year across the partnership (BR-15).
 */
@Injectable()
export class FundingService {
  constructor(
    private readonly clock: Clock,
    private readonly dataSource: DataSource,
    private readonly audit: AuditService,
    private readonly returns: FundingReturnsService,
    private readonly records: FundingRecordRepository,
    private readonly limits: FairAccessLimitRepository,
    private readonly contracts: ContractRepository,
    private readonly agencies: AgencyRepository,
  ) {}

  /**
   * What the fund is already expected to pay for a child in a financial year,
   * across every agency of the partnership, by line. `exceptId` leaves out the
   * application being checked.
   */
  async childYearLines(manager: EntityManager, child: FundedChild, financialYear: number, exceptId: string | null = null): Promise<FundingLine[]> {
    const rows = await this.records.childYearRows(manager, child, financialYear, exceptId);
    return rows.flatMap((row) => {
      const expected = expectedFromFund(row);
      const assessment = Math.min(row.assessmentPence, expected);
      return [
        { kind: 'assessment' as const, asgsfPence: assessment },
        { kind: 'therapy' as const, asgsfPence: expected - assessment },
      ].filter((line) => line.asgsfPence > 0);
    });
  }

  /**
   * The requirements whose contracts already have a live application for the
   * child that year: the application is what counts for them from then on, so
   * the requirement side leaves them out rather than counting the child twice.
   */
  requirementsWithApplications(manager: EntityManager, child: FundedChild, financialYear: number): Promise<string[]> {
    return this.records.requirementsWithApplications(manager, child, financialYear);
  }

  /**
   * The fair access check for a package a child might have: its financial
   * year, the excess above the limit (agency-funded, for the panel to decide)
   * and any refusal. Null when no limit is in force on the start date. Pure
   * reading, so other features (the panel's publishing gate) can ask it.
   */
  async expectedExcess(
    manager: EntityManager,
    child: FundedChild,
    lines: PackageLines,
    dates: { startsOn: string; endsOn: string },
    exceptId: string | null = null,
  ): Promise<PackageCheck | null> {
    const limit = limitInForceOn(await this.limits.listNewestFirst(manager), dates.startsOn);
    if (!limit) return null;
    return checkPackage(limit, await this.childYearLines(manager, child, financialYearOf(dates.startsOn), exceptId), lines, dates);
  }

  /** One transaction at a time per child and year, so two applications at once cannot both fit under the limit. */
  private async lockChildYear(manager: EntityManager, child: FundedChild, financialYear: number): Promise<void> {
    await this.records.lockChildYear(manager, child, financialYear);
  }

  private async lockContract(user: SignedInUser, id: string, manager: EntityManager): Promise<Contract> {
    return assertOwnsAgencyRecord(user, await this.contracts.findForUpdate(id, manager));
  }

  private async partnershipOf(manager: EntityManager, agencyId: string): Promise<string> {
    const agency = await this.agencies.findById(agencyId, manager);
    if (!agency) throw new NotFoundException();
    return agency.partnershipId;
  }

  /** The lot's ASGSF facts: whether it can be funded at all, and which line it is. */
  private async lotOf(manager: EntityManager, requirementId: string): Promise<{ name: string; asgsfEligible: boolean; fundingKind: 'therapy' | 'assessment' }> {
    return this.contracts.lotOfRequirement(requirementId, manager);
  }

  /**
   * The child a package is for: the spot contract's child, or the block's
   * call-off for that case reference. Gives the work's dates and the child's
   * date of birth for the age check.
   */
  private async childOf(
    manager: EntityManager,
    contract: Contract,
    childReference: string,
  ): Promise<{ callOffId: string | null; dateOfBirth: string; period: { startsOn: string | null; endsOn: string | null } }> {
    if (contract.kind === 'block') {
      const callOff = await this.contracts.findLatestCallOffFor(contract.id, childReference, manager);
      if (!callOff) throw new FormInvalidError([fieldError('childReference', 'Enter the case reference of a referral called off against this block')]);
      const dateOfBirth = await this.contracts.callOffDateOfBirth(callOff.id, manager);
      if (dateOfBirth === null)
        throw new FormInvalidError([
          fieldError('childReference', 'The child’s details for this call-off have been erased, so their eligibility cannot be checked'),
        ]);
      return {
        callOffId: callOff.id,
        dateOfBirth,
        period: { startsOn: callOff.startsOn ?? contract.startsOn, endsOn: callOff.endsOn ?? contract.endsOn },
      };
    }
    const details = await this.contracts.findCaseDetails(contract.requirementId, manager);
    if (!details)
      throw new FormInvalidError([
        fieldError('childReference', 'The child’s details for this contract have been erased, so their eligibility cannot be checked'),
      ]);
    if (details.childReference !== childReference)
      throw new FormInvalidError([fieldError('childReference', `Enter the case reference of the child this contract is for, ${details.childReference}`)]);
    return { callOffId: null, dateOfBirth: details.dateOfBirth, period: { startsOn: contract.startsOn, endsOn: contract.endsOn } };
  }

  /**
   * Drafts the ASGSF application for one child and package: refused for an
   * ineligible child or lot, dates outside the work, no amount, or an
   * assessment above the cap; the excess above the fair access limit is kept
   * as agency-funded. Returns the warnings to show.
   */
  async draft(user: SignedInUser, contractId: string, input: FundingApplicationInput): Promise<{ id: string; warnings: string[] }> {
    return this.dataSource.transaction(async (manager) => {
      const contract = await this.lockContract(user, contractId, manager);
      const lot = await this.lotOf(manager, contract.requirementId);
      if (!lot.asgsfEligible) throw new FormInvalidError([fieldError('therapy', `${lot.name} is not a therapy the ASGSF funds: fund it from the agency`)]);
      const child = await this.childOf(manager, contract, input.childReference);
      const dates = { startsOn: input.startsOn, endsOn: input.endsOn };
      const problems: FieldError[] = packageDateProblems(child.period, dates).map(({ field, text }) =>
        fieldError(field === 'startsOn' ? 'packageStartsOn' : 'packageEndsOn', text),
      );
      if (input.therapyPence + input.assessmentPence === 0) problems.push(fieldError('therapy', 'Enter an amount for therapy, specialist assessment or both'));
      if (problems.length) throw new FormInvalidError(problems);
      const facts: EligibilityFacts = {
        legalOrder: input.legalOrder,
        previouslyLookedAfter: input.previouslyLookedAfter,
        livesInEngland: input.livesInEngland,
        ehcPlan: input.ehcPlan,
        dateOfBirth: child.dateOfBirth,
      };
      const eligibility = asgsfEligibility(facts, input.startsOn);
      if (!eligibility.eligible)
        throw new FormInvalidError([fieldError('legalOrder', `This child is not eligible for the ASGSF. ${eligibility.reasons.join(' ')}`)]);
      const funded: FundedChild = {
        partnershipId: await this.partnershipOf(manager, contract.agencyId),
        partnershipChildReference: input.partnershipChildReference,
      };
      const financialYear = financialYearOf(input.startsOn);
      await this.lockChildYear(manager, funded, financialYear);
      const check = await this.expectedExcess(manager, funded, input, dates);
      if (check?.refusals.length)
        throw new FormInvalidError(check.refusals.map(({ field, text }) => fieldError(field === 'endsOn' ? 'packageEndsOn' : field, text)));
      const record = await this.records.createRecord(manager, {
        agencyId: contract.agencyId,
        partnershipId: funded.partnershipId,
        contractId,
        callOffId: child.callOffId,
        childReference: input.childReference,
        partnershipChildReference: input.partnershipChildReference,
        asgsfReference: null,
        appliedOn: null,
        therapyPence: input.therapyPence,
        assessmentPence: input.assessmentPence,
        asgsfPence: input.therapyPence + input.assessmentPence,
        topUpPence: input.topUpPence,
        financialYear,
        startsOn: input.startsOn,
        endsOn: input.endsOn,
        excessPence: check?.excessPence ?? 0,
        status: 'drafted' as const,
        legalOrder: input.legalOrder,
        previouslyLookedAfter: input.previouslyLookedAfter,
        livesInEngland: input.livesInEngland,
        ehcPlan: input.ehcPlan,
      });
      // The child's references and facts stay out of the audit log (DESIGN.md §6); the amounts and dates do not identify them.
      await this.audit.record(manager, {
        action: 'funding.drafted',
        entityType: 'contract',
        entityId: contractId,
        after: {
          fundingRecordId: record.id,
          callOffId: child.callOffId,
          therapyPence: input.therapyPence,
          assessmentPence: input.assessmentPence,
          topUpPence: input.topUpPence,
          excessPence: record.excessPence,
          financialYear,
          startsOn: input.startsOn,
          endsOn: input.endsOn,
        },
      });
      return { id: record.id, warnings: check?.warnings ?? [] };
    });
  }

  /**
   * Moves an application on through its lifecycle. A submission re-checks the
   * limit against the child's other applications as they are now, so one made
   * elsewhere in the partnership since the draft is counted.
   */
  async act(user: SignedInUser, contractId: string, recordId: string, action: FundingAction): Promise<{ warnings: string[] }> {
    return this.dataSource.transaction(async (manager) => {
      await this.lockContract(user, contractId, manager);
      const record = await this.records.lockOnContract(manager, recordId, contractId);
      if (!record) throw new NotFoundException();
      let warnings: string[] = [];
      let excessPence = record.excessPence;
      if (action.action === 'submit' && record.startsOn && record.endsOn) {
        await this.lockChildYear(manager, record, record.financialYear);
        const check = await this.expectedExcess(manager, record, record, { startsOn: record.startsOn, endsOn: record.endsOn }, record.id);
        if (check?.refusals.length) throw new FormInvalidError(check.refusals.map(({ text }) => fieldError('asgsfReference', text)));
        excessPence = check?.excessPence ?? excessPence;
        // BR-16: applied for within 3 months of the needs assessment and before therapy starts; a warning, never a refusal.
        const needsAssessedOn = await this.contracts.needsAssessedOn(contractId, manager);
        const timing = needsAssessedOn ? fundingTimingWarnings(needsAssessedOn, record.startsOn, action.submittedOn) : [];
        warnings = [...(check?.warnings ?? []), ...timing];
      }
      const result = fundingTransition({ ...record, excessPence }, action, this.clock.today());
      if (!result.ok) throw new FormInvalidError([fieldError(result.field, result.text)]);
      // A claim rests on the contract's approved invoices, not only the approved funding.
      if (action.action === 'claim') await this.returns.assertClaimable(manager, contractId, recordId, action.claimedPence);
      await this.records.change(manager, recordId, { ...result.changes, excessPence, status: result.status });
      const amounts = Object.fromEntries(Object.entries(result.changes).filter(([key]) => key !== 'asgsfReference'));
      await this.audit.record(manager, {
        action: `funding.${action.action}`,
        entityType: 'contract',
        entityId: contractId,
        before: { fundingRecordId: recordId, status: record.status, excessPence: record.excessPence },
        after: { fundingRecordId: recordId, status: result.status, excessPence, ...amounts },
      });
      return { warnings };
    });
  }

  /** The applications on one contract, for its agency's commissioners only: funding is not the provider's business. */
  async forContract(user: SignedInUser, contractId: string): Promise<FundingRecord[]> {
    if (user.providerId) return [];
    return this.records.listForContract(contractId, user.agencyId ?? undefined);
  }

  /** One application with its contract, the child's eligibility as declared, and the child's other funding that year across the partnership. */
  async detail(user: SignedInUser, contractId: string, recordId: string) {
    const manager = this.dataSource.manager;
    const contract = assertOwnsAgencyRecord(user, await this.contracts.findWithRequirement(contractId, manager));
    const record = await this.records.findOnContract(recordId, contractId, manager);
    if (!record) throw new NotFoundException();
    const dateOfBirth = record.callOffId
      ? await this.contracts.callOffDateOfBirth(record.callOffId, manager)
      : await this.contracts.requirementDateOfBirth(contract.requirementId, manager);
    const eligibility =
      record.legalOrder && dateOfBirth !== null && record.startsOn
        ? asgsfEligibility(
            {
              legalOrder: record.legalOrder,
              previouslyLookedAfter: !!record.previouslyLookedAfter,
              livesInEngland: !!record.livesInEngland,
              ehcPlan: !!record.ehcPlan,
              dateOfBirth,
            },
            record.startsOn,
          )
        : null;
    const others = await this.childYearLines(manager, record, record.financialYear, record.id);
    return { contract, record, eligibility, othersExpectedPence: others.reduce((sum, line) => sum + line.asgsfPence, 0) };
  }
}
