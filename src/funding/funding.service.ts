import { Clock } from '../common/clock/clock';
import { Injectable, NotFoundException } from '@nestjs/common';
import { DataSource, EntityManager } from 'typeorm';
import { AuditService } from '../audit/audit.service';
import { assertOwnsAgencyRecord } from '../common/auth/ownership';
import type { SignedInUser } from '../common/auth/signed-in-user';
import { FieldError, FormInvalidError } from '../common/forms/form-invalid.error';
import { CallOff, Contract } from '../awards/contract.entity';
import { RequirementCaseDetails } from '../competitions/requirement.entity';
import { FairAccessLimit } from './fair-access-limit.entity';
import { FundingRecord } from './funding-record.entity';
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
  ) {}

  /**
   * What the fund is already expected to pay for a child in a financial year,
   * across every agency of the partnership, by line. `exceptId` leaves out the
   * application being checked.
   */
  async childYearLines(manager: EntityManager, child: FundedChild, financialYear: number, exceptId: string | null = null): Promise<FundingLine[]> {
    const rows: Array<Pick<FundingRecord, 'status' | 'asgsfPence' | 'excessPence' | 'approvedPence' | 'assessmentPence'>> = await manager.query(
      `SELECT status, asgsf_pence AS "asgsfPence", excess_pence AS "excessPence", approved_pence AS "approvedPence", assessment_pence AS "assessmentPence"
         FROM funding_records
        WHERE partnership_id = $1 AND partnership_child_reference = $2 AND financial_year = $3 AND status <> 'declined' AND ($4::uuid IS NULL OR id <> $4)`,
      [child.partnershipId, child.partnershipChildReference, financialYear, exceptId],
    );
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
  async requirementsWithApplications(manager: EntityManager, child: FundedChild, financialYear: number): Promise<string[]> {
    const rows: Array<{ requirement_id: string }> = await manager.query(
      `SELECT DISTINCT c.requirement_id
         FROM funding_records f
         JOIN contracts c ON c.id = f.contract_id
        WHERE f.partnership_id = $1 AND f.partnership_child_reference = $2 AND f.financial_year = $3 AND f.status <> 'declined'`,
      [child.partnershipId, child.partnershipChildReference, financialYear],
    );
    return rows.map((row) => row.requirement_id);
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
    const limit = limitInForceOn(await manager.find(FairAccessLimit), dates.startsOn);
    if (!limit) return null;
    return checkPackage(limit, await this.childYearLines(manager, child, financialYearOf(dates.startsOn), exceptId), lines, dates);
  }

  /** One transaction at a time per child and year, so two applications at once cannot both fit under the limit. */
  private async lockChildYear(manager: EntityManager, child: FundedChild, financialYear: number): Promise<void> {
    await manager.query('SELECT pg_advisory_xact_lock(hashtext($1))', [`funding:${child.partnershipId}:${child.partnershipChildReference}:${financialYear}`]);
  }

  private async lockContract(user: SignedInUser, id: string, manager: EntityManager): Promise<Contract> {
    return assertOwnsAgencyRecord(user, await manager.findOne(Contract, { where: { id }, lock: { mode: 'pessimistic_write' } }));
  }

  private async partnershipOf(manager: EntityManager, agencyId: string): Promise<string> {
    const [{ partnership_id }] = await manager.query(`SELECT partnership_id FROM agencies WHERE id = $1`, [agencyId]);
    return partnership_id as string;
  }

  /** The lot's ASGSF facts: whether it can be funded at all, and which line it is. */
  private async lotOf(manager: EntityManager, requirementId: string): Promise<{ name: string; asgsfEligible: boolean; fundingKind: 'therapy' | 'assessment' }> {
    const [row] = await manager.query(
      `SELECT t.name, t.asgsf_eligible AS "asgsfEligible", t.funding_kind AS "fundingKind" FROM requirements r JOIN therapy_types t ON t.id = r.therapy_type_id WHERE r.id = $1`,
      [requirementId],
    );
    return row;
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
      const callOff = await manager.findOne(CallOff, { where: { contractId: contract.id, childReference }, order: { createdAt: 'DESC' } });
      if (!callOff) throw new FormInvalidError([fieldError('childReference', 'Enter the case reference of a referral called off against this block')]);
      const [details] = await manager.query(`SELECT date_of_birth::text AS "dateOfBirth" FROM call_off_case_details WHERE call_off_id = $1`, [callOff.id]);
      if (!details)
        throw new FormInvalidError([
          fieldError('childReference', 'The child’s details for this call-off have been erased, so their eligibility cannot be checked'),
        ]);
      return {
        callOffId: callOff.id,
        dateOfBirth: details.dateOfBirth,
        period: { startsOn: callOff.startsOn ?? contract.startsOn, endsOn: callOff.endsOn ?? contract.endsOn },
      };
    }
    const details = await manager.findOneBy(RequirementCaseDetails, { requirementId: contract.requirementId });
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
      const record = await manager.save(FundingRecord, {
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
      const record = await manager.findOne(FundingRecord, { where: { id: recordId, contractId }, lock: { mode: 'pessimistic_write' } });
      if (!record) throw new NotFoundException();
      let warnings: string[] = [];
      let excessPence = record.excessPence;
      if (action.action === 'submit' && record.startsOn && record.endsOn) {
        await this.lockChildYear(manager, record, record.financialYear);
        const check = await this.expectedExcess(manager, record, record, { startsOn: record.startsOn, endsOn: record.endsOn }, record.id);
        if (check?.refusals.length) throw new FormInvalidError(check.refusals.map(({ text }) => fieldError('asgsfReference', text)));
        excessPence = check?.excessPence ?? excessPence;
        // BR-16: applied for within 3 months of the needs assessment and before therapy starts; a warning, never a refusal.
        const [{ needs_assessed_on: needsAssessedOn }] = await manager.query(
          `SELECT r.needs_assessed_on::text FROM contracts c JOIN requirements r ON r.id = c.requirement_id WHERE c.id = $1`,
          [contractId],
        );
        const timing = needsAssessedOn ? fundingTimingWarnings(needsAssessedOn, record.startsOn, action.submittedOn) : [];
        warnings = [...(check?.warnings ?? []), ...timing];
      }
      const result = fundingTransition({ ...record, excessPence }, action, this.clock.today());
      if (!result.ok) throw new FormInvalidError([fieldError(result.field, result.text)]);
      // A claim rests on the contract's approved invoices, not only the approved funding.
      if (action.action === 'claim') await this.returns.assertClaimable(manager, contractId, recordId, action.claimedPence);
      await manager.update(FundingRecord, recordId, { ...result.changes, excessPence, status: result.status });
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
    return this.dataSource.manager.find(FundingRecord, { where: { contractId, agencyId: user.agencyId ?? undefined }, order: { createdAt: 'ASC' } });
  }

  /** One application with its contract, the child's eligibility as declared, and the child's other funding that year across the partnership. */
  async detail(user: SignedInUser, contractId: string, recordId: string) {
    const manager = this.dataSource.manager;
    const contract = assertOwnsAgencyRecord(user, await manager.findOne(Contract, { where: { id: contractId }, relations: { requirement: true } }));
    const record = await manager.findOneBy(FundingRecord, { id: recordId, contractId });
    if (!record) throw new NotFoundException();
    const [dob] = await manager.query(
      record.callOffId
        ? `SELECT date_of_birth::text AS "dateOfBirth" FROM call_off_case_details WHERE call_off_id = $1`
        : `SELECT date_of_birth::text AS "dateOfBirth" FROM requirement_case_details WHERE requirement_id = $1`,
      [record.callOffId ?? contract.requirementId],
    );
    const eligibility =
      record.legalOrder && dob && record.startsOn
        ? asgsfEligibility(
            {
              legalOrder: record.legalOrder,
              previouslyLookedAfter: !!record.previouslyLookedAfter,
              livesInEngland: !!record.livesInEngland,
              ehcPlan: !!record.ehcPlan,
              dateOfBirth: dob.dateOfBirth,
            },
            record.startsOn,
          )
        : null;
    const others = await this.childYearLines(manager, record, record.financialYear, record.id);
    return { contract, record, eligibility, othersExpectedPence: others.reduce((sum, line) => sum + line.asgsfPence, 0) };
  }
}
