import { Clock } from '../common/clock/clock';
import { ConflictException, Injectable, NotFoundException } from '@nestjs/common';
import type { VatTreatment } from '../awards/contract-law';
import { DataSource, EntityManager } from 'typeorm';
import { Area } from '../agencies/area.entity';
import { AuditService } from '../audit/audit.service';
import { assertOwnsAgencyRecord } from '../common/auth/ownership';
import type { SignedInUser } from '../common/auth/signed-in-user';
import { londonInstant, parseTimeOfDay } from '../common/calendar/london-time';
import { isoDate } from '../common/forms/date-parts';
import { FieldError, FormInvalidError } from '../common/forms/form-invalid.error';
import { pence, wholeNumber } from '../common/forms/number-fields';
import { PageRequest, toPage } from '../common/http/pagination';
import { formatDateTime } from '../common/views/format';
import { FrameworkArea } from '../frameworks/framework-coverage.entity';
import { Framework } from '../frameworks/framework.entity';
import { ROUTE_AVAILABILITY, ROUTE_LABELS, routeUsableOn } from '../frameworks/procurement-routes';
import { TherapyType } from '../frameworks/therapy-type.entity';
import { FairAccessLimit } from '../funding/fair-access-limit.entity';
import { FundedChild, FundingService } from '../funding/funding.service';
import {
  checkFairAccess,
  fairAccessWarning,
  FairAccessResult,
  financialYearOf,
  FundingLine,
  fundingTimingWarnings,
  limitInForceOn,
  yearEndWarning,
} from '../funding/funding-rules';
import { NotificationsService } from '../notifications/notifications.service';
import { deadlineProblems, QualityCriterion } from './competition-rules';
import { BasicsForm, CaseDetailsForm, DatesForm, FundingForm, NeedsForm, ServiceForm } from './dto/requirement-forms';
import { IdentifierHit, identifierKey, scanForIdentifiers } from './identifier-scanner';
import { invitedUsers, InvitationsService } from './invitations.service';
import { CRITERION_ROWS } from './needs-profile';
import { Invitation } from './invitation.entity';
import { RequirementClarification } from './requirement-clarification.entity';
import { effectiveStatus, effectiveStatusInSql, openForBidsSql, requirementLifecycle, RequirementStatus } from './requirement-lifecycle';
import { requirementProblems } from './requirement-sections';
import { Requirement, RequirementCaseDetails } from './requirement.entity';
import { findOneJoined } from '../common/database/find-one-joined';
import { submittedBidCount } from '../bids/sealed-bid-gate';
import { PublishGatesService } from './publish-gates.service';
import { transitionRequirement } from './requirement-transition';

export interface RequirementFilters {
  status?: string;
  lot?: string;
  area?: string;
  sort?: string;
}

export const LIST_SORTS = {
  deadline: 'r.bid_deadline ASC NULLS LAST, r.created_at DESC',
  newest: 'r.created_at DESC',
  title: 'lower(r.title) ASC, r.created_at DESC',
} as const;

/** Bid counts that may be shown before the deadline: the number submitted, never their content (BR-6). */
const SUBMITTED_BID_COUNT = submittedBidCount('r.id');

/** A commissioner's requirements: every method is scoped to the user's own agency. */
@Injectable()
export class RequirementsService {
  constructor(
    private readonly clock: Clock,
    private readonly dataSource: DataSource,
    private readonly invitations: InvitationsService,
    private readonly notifications: NotificationsService,
    private readonly audit: AuditService,
    private readonly publishGates: PublishGatesService,
    private readonly funding: FundingService,
  ) {}

  /** The lots (by framework) the agency may buy through, and its districts in use (plus the one a draft already names). */
  async choices(user: SignedInUser, currentAreaId?: string) {
    const manager = this.dataSource.manager;
    const lots: Array<{ framework_id: string; framework_name: string; therapy_type_id: string; therapy_name: string }> = await manager.query(
      `SELECT f.id AS framework_id, f.name AS framework_name, t.id AS therapy_type_id, t.name AS therapy_name
         FROM frameworks f
         JOIN framework_agencies fa ON fa.framework_id = f.id AND fa.agency_id = $1
         JOIN framework_lots l ON l.framework_id = f.id
         JOIN therapy_types t ON t.id = l.therapy_type_id
        WHERE f.status = 'open'
        ORDER BY f.name, t.sort_order`,
      [user.agencyId],
    );
    const areas = (await manager.find(Area, { where: { agencyId: user.agencyId! }, order: { name: 'ASC' } })).filter(
      (area) => area.active || area.id === currentAreaId,
    );
    return { lots, areas };
  }

  async create(user: SignedInUser, form: BasicsForm): Promise<Requirement> {
    return this.dataSource.transaction(async (manager) => {
      const basics = await this.checkBasics(manager, user, form);
      const requirement = await manager.save(Requirement, { ...basics, agencyId: user.agencyId!, createdByUserId: user.id, status: 'draft' as const });
      await this.audit.record(manager, {
        action: 'requirement.created',
        entityType: 'requirement',
        entityId: requirement.id,
        after: { ...basics, status: 'draft' },
      });
      return requirement;
    });
  }

  async saveBasics(user: SignedInUser, id: string, form: BasicsForm): Promise<void> {
    await this.changeDraft(user, id, 'requirement.basics_saved', async (manager, requirement) => {
      const basics = await this.checkBasics(manager, user, form, requirement.areaId);
      const lot = await manager.findOneByOrFail(TherapyType, { id: basics.therapyTypeId });
      if ((requirement.asgsfPence ?? 0) > 0 && !lot.asgsfEligible) {
        throw FormInvalidError.forField(
          'lot',
          `${lot.name} is not a therapy the ASGSF funds: change the expected ASGSF amount to 0 first, or choose another lot`,
        );
      }
      return basics;
    });
  }

  /** The lot must be on an open framework the agency buys through, covering the chosen district. */
  private async checkBasics(manager: EntityManager, user: SignedInUser, form: BasicsForm, currentAreaId?: string) {
    const [frameworkId, therapyTypeId] = form.lot.split(':');
    const [lot] = await manager.query(
      `SELECT 1 FROM frameworks f
         JOIN framework_agencies fa ON fa.framework_id = f.id AND fa.agency_id = $3
         JOIN framework_lots l ON l.framework_id = f.id AND l.therapy_type_id = $2
        WHERE f.id = $1 AND f.status = 'open'`,
      [frameworkId, therapyTypeId, user.agencyId],
    );
    if (!lot) throw FormInvalidError.forField('lot', 'Select a lot from the list');
    const area = await manager.findOneBy(Area, { id: form.areaId, agencyId: user.agencyId! });
    if (!area) throw FormInvalidError.forField('areaId', 'Select one of your agency’s districts');
    // A deactivated district stays on the drafts that already name it, but takes no new work.
    if (!area.active && area.id !== currentAreaId)
      throw FormInvalidError.forField('areaId', `${area.name} is no longer in use: select another of your agency’s districts`);
    if (!(await manager.existsBy(FrameworkArea, { frameworkId, areaId: form.areaId }))) {
      throw FormInvalidError.forField('areaId', `The framework does not cover ${area.name}. Select a district it covers`);
    }
    return {
      title: form.title,
      frameworkId,
      therapyTypeId,
      areaId: form.areaId,
      purchaseType: form.purchaseType as Requirement['purchaseType'],
      deliveryMode: form.deliveryMode as Requirement['deliveryMode'],
    };
  }

  async saveNeeds(user: SignedInUser, id: string, form: NeedsForm): Promise<void> {
    await this.changeDraft(user, id, 'requirement.needs_saved', async () => ({
      ageBand: form.ageBand,
      presentingNeeds: form.presentingNeeds,
      needsDescription: form.needsDescription ?? null,
      previousInterventions: form.previousInterventions ?? null,
      practitionerGender: form.practitionerGender,
      language: form.language ?? null,
      accessibility: form.accessibility ?? null,
    }));
  }

  /** Identifying details are audited by the fact of the change only, never their content. */
  async saveCaseDetails(user: SignedInUser, id: string, form: CaseDetailsForm): Promise<void> {
    const dateOfBirth = isoDate(form.dateOfBirth);
    if (dateOfBirth > this.clock.today())
      throw FormInvalidError.forField('dateOfBirth', 'The child’s date of birth must be in the past', { href: '#dateOfBirth-day' });
    await this.dataSource.transaction(async (manager) => {
      const requirement = await this.lock(user, id, manager);
      if (!['draft', 'published', 'closed', 'evaluating'].includes(requirement.status))
        throw new ConflictException('This requirement is finished, so its case details can no longer be changed');
      await manager.upsert(
        RequirementCaseDetails,
        { requirementId: id, agencyId: requirement.agencyId, childReference: form.childReference, childName: form.childName, dateOfBirth },
        ['requirementId'],
      );
      await this.audit.record(manager, { action: 'requirement.case_details_saved', entityType: 'requirement', entityId: id });
    });
  }

  async saveService(user: SignedInUser, id: string, form: ServiceForm): Promise<void> {
    await this.changeDraft(user, id, 'requirement.service_saved', async (_manager, requirement) => {
      const errors: FieldError[] = [];
      const startBy = isoDate(form.startBy);
      if (startBy <= this.clock.today()) errors.push({ field: 'startBy', href: '#startBy-day', text: 'The start-by date must be in the future' });
      const block = requirement.purchaseType === 'block';
      if (block && !form.blockVolume) errors.push({ field: 'blockVolume', href: '#blockVolume', text: 'Enter the block volume' });
      if (block && !form.blockUnit) errors.push({ field: 'blockUnit', href: '#blockUnit', text: 'Select sessions or hours' });
      if (block && !form.blockPeriodMonths) errors.push({ field: 'blockPeriodMonths', href: '#blockPeriodMonths', text: 'Enter the block period in months' });
      if (errors.length) throw new FormInvalidError(errors);
      return {
        sessionCount: wholeNumber(form.sessionCount),
        sessionMinutes: wholeNumber(form.sessionMinutes),
        blockVolume: block ? wholeNumber(form.blockVolume!) : null,
        blockUnit: block ? (form.blockUnit as Requirement['blockUnit']) : null,
        blockPeriodMonths: block ? wholeNumber(form.blockPeriodMonths!) : null,
        startBy,
        // The financial year is the start date's (issue 19), never picked.
        financialYear: financialYearOf(startBy),
        durationWeeks: wholeNumber(form.durationWeeks),
        ceilingPence: pence(form.ceiling),
        vatTreatment: (form.vatTreatment as VatTreatment | undefined) ?? requirement.vatTreatment,
      };
    });
  }

  async saveFunding(user: SignedInUser, id: string, form: FundingForm): Promise<void> {
    const needsAssessedOn = isoDate(form.needsAssessedOn);
    if (needsAssessedOn > this.clock.today())
      throw FormInvalidError.forField('needsAssessedOn', 'The date of the needs assessment must be today or in the past', { href: '#needsAssessedOn-day' });
    await this.changeDraft(user, id, 'requirement.funding_saved', async (manager, requirement) => {
      const asgsfPence = pence(form.asgsf);
      const lot = await manager.findOneByOrFail(TherapyType, { id: requirement.therapyTypeId });
      if ((asgsfPence ?? 0) > 0 && !lot.asgsfEligible)
        throw FormInvalidError.forField('asgsf', `${lot.name} is not a therapy the ASGSF funds: enter 0 and fund it from the agency`);
      return { asgsfPence, topUpPence: pence(form.topUp), financialYear: requirement.startBy ? financialYearOf(requirement.startBy) : null, needsAssessedOn };
    });
  }

  /** The quality questions come as numbered rows; blank rows are ignored, half-filled ones are errors. */
  async saveEvaluation(user: SignedInUser, id: string, body: Record<string, unknown>): Promise<void> {
    const text = (key: string) => (typeof body[key] === 'string' ? (body[key] as string).trim() : '');
    const errors: FieldError[] = [];
    const criteria: QualityCriterion[] = [];
    const whole = (raw: string, min: number, max: number) => (/^\d{1,4}$/.test(raw) && Number(raw) >= min && Number(raw) <= max ? Number(raw) : null);
    for (let row = 1; row <= CRITERION_ROWS; row++) {
      const question = text(`question${row}`);
      const wordLimit = text(`wordLimit${row}`);
      const weight = text(`weight${row}`);
      if (!question && !wordLimit && !weight) continue;
      const error = (field: string, message: string) => errors.push({ field: `${field}${row}`, href: `#${field}${row}`, text: message });
      if (!question) error('question', `Enter quality question ${row}`);
      else if (question.length > 1000) error('question', `Quality question ${row} must be 1,000 characters or fewer`);
      const limit = whole(wordLimit, 10, 2000);
      if (limit === null) error('wordLimit', `Enter a word limit for question ${row}, from 10 to 2,000`);
      const parsedWeight = whole(weight, 1, 100);
      if (parsedWeight === null) error('weight', `Enter a weight for question ${row}, from 1 to 100`);
      if (question && limit !== null && parsedWeight !== null) criteria.push({ question, wordLimit: limit, weight: parsedWeight });
    }
    const priceWeight = whole(text('priceWeight'), 0, 100);
    if (priceWeight === null) errors.push({ field: 'priceWeight', href: '#priceWeight', text: 'Enter a weight for price, from 0 to 100' });
    const scaleMax = whole(text('scaleMax'), 2, 10);
    if (scaleMax === null) errors.push({ field: 'scaleMax', href: '#scaleMax', text: 'Enter the top of the scoring scale, from 2 to 10' });
    const descriptors = text('scaleDescriptors')
      .split(/\r?\n/)
      .map((line) => line.trim())
      .filter(Boolean);
    if (scaleMax !== null && descriptors.length !== scaleMax + 1) {
      errors.push({
        field: 'scaleDescriptors',
        href: '#scaleDescriptors',
        text: `Describe each of the ${scaleMax + 1} levels from 0 to ${scaleMax}, one per line (there are ${descriptors.length})`,
      });
    }
    const rawMinimum = text('minimumQuality').replace(/%$/, '').trim();
    const minimumQualityPercent = rawMinimum ? whole(rawMinimum, 1, 100) : null;
    if (rawMinimum && minimumQualityPercent === null) {
      errors.push({
        field: 'minimumQuality',
        href: '#minimumQuality',
        text: 'Enter the minimum quality score as a whole percentage from 1 to 100, or leave it blank',
      });
    }
    if (errors.length === 0 && criteria.length === 0) errors.push({ field: 'question1', href: '#question1', text: 'Enter at least one quality question' });
    if (errors.length === 0) {
      const total = criteria.reduce((sum, criterion) => sum + criterion.weight, priceWeight!);
      if (total !== 100) errors.push({ field: 'priceWeight', href: '#priceWeight', text: `The weights must add up to 100. They add up to ${total}` });
    }
    if (errors.length) throw new FormInvalidError(errors);
    await this.changeDraft(user, id, 'requirement.evaluation_saved', async () => ({
      criteria,
      priceWeight: priceWeight!,
      scaleMax: scaleMax!,
      scaleDescriptors: descriptors,
      minimumQualityPercent,
    }));
  }

  async saveDates(user: SignedInUser, id: string, form: DatesForm): Promise<void> {
    await this.changeDraft(user, id, 'requirement.dates_saved', async (manager, requirement) => {
      const deadlines = {
        clarificationDeadline: londonInstant(isoDate(form.clarificationDeadline), parseTimeOfDay(form.clarificationTime)!),
        bidDeadline: londonInstant(isoDate(form.bidDeadline), parseTimeOfDay(form.bidTime)!),
      };
      const framework = await manager.findOneByOrFail(Framework, { id: requirement.frameworkId });
      this.assertDeadlines(deadlines, framework.minimumBidPeriodDays);
      return deadlines;
    });
  }

  private assertDeadlines(deadlines: { clarificationDeadline: Date; bidDeadline: Date }, minimumBidPeriodDays: number) {
    const problems = deadlineProblems({ now: this.clock.now(), ...deadlines, minimumBidPeriodDays });
    const errors: FieldError[] = (['clarificationDeadline', 'bidDeadline'] as const)
      .filter((field) => problems[field])
      .map((field) => ({ field, href: `#${field}-day`, text: problems[field]! }));
    if (errors.length) throw new FormInvalidError(errors);
  }

  async get(user: SignedInUser, id: string, manager: EntityManager = this.dataSource.manager): Promise<Requirement> {
    return assertOwnsAgencyRecord(
      user,
      await findOneJoined(manager, Requirement, { where: { id }, relations: { therapyType: true, area: true, framework: true } }),
    );
  }

  /** Everything the commissioner's pages show about one requirement. */
  async overview(user: SignedInUser, id: string) {
    const requirement = await this.get(user, id);
    const manager = this.dataSource.manager;
    const [caseDetails, invitationCount, [counts], clarifications] = await Promise.all([
      manager.findOneBy(RequirementCaseDetails, { requirementId: id }),
      manager.count(Invitation, { where: { requirementId: id } }),
      manager.query(
        `SELECT ${SUBMITTED_BID_COUNT} AS bids, (SELECT coalesce(sum(emails_queued), 0)::int FROM invitations WHERE requirement_id = r.id) AS emails FROM requirements r WHERE r.id = $1`,
        [id],
      ),
      manager.find(RequirementClarification, { where: { requirementId: id }, order: { askedAt: 'ASC' } }),
    ]);
    const problems = requirementProblems(requirement, !!caseDetails);
    const status = effectiveStatus(requirement, this.clock.now());
    // A draft's steps before publishing: approval and panel decisions.
    const gates =
      requirement.status === 'draft'
        ? await this.publishGates.gates(manager, requirement, (await this.fundingCheck(manager, requirement, caseDetails)).result)
        : null;
    return {
      requirement,
      status,
      caseDetails,
      invitationCount,
      bidCount: counts.bids as number,
      emailCount: counts.emails as number,
      clarifications,
      problems,
      gates,
    };
  }

  /** The checks shown before publishing: outstanding sections, possible identifiers, and funding warnings. */
  async review(user: SignedInUser, id: string) {
    const view = await this.overview(user, id);
    const hits = this.identifierHits(view.requirement);
    const unresolved = hits.filter((hit) => !view.requirement.identifierOverrides.includes(identifierKey(hit)));
    const funding = await this.fundingCheck(this.dataSource.manager, view.requirement, view.caseDetails);
    return { ...view, identifierHits: unresolved, funding };
  }

  private identifierHits(requirement: Requirement): IdentifierHit[] {
    return scanForIdentifiers({
      title: requirement.title,
      needsDescription: requirement.needsDescription,
      previousInterventions: requirement.previousInterventions,
      language: requirement.language,
      accessibility: requirement.accessibility,
    });
  }

  /**
   * BR-15 and BR-16 for this requirement. The financial year is the start
   * date's and the limit the one in force that day. A spot purchase is checked
   * against the child's other live spot requirements and contract-side
   * applications that year across the partnership (the child, not an agency's
   * case, is the unit). A block is never charged to one child: its children are
   * checked call-off by call-off, so it has no fair access result here.
   */
  async fundingCheck(
    manager: EntityManager,
    requirement: Requirement,
    caseDetails: RequirementCaseDetails | null,
  ): Promise<{ result: FairAccessResult | null; warnings: string[] }> {
    if (requirement.asgsfPence === null || !requirement.needsAssessedOn || !requirement.startBy) return { result: null, warnings: [] };
    const startBy = requirement.startBy;
    const warnings = fundingTimingWarnings(requirement.needsAssessedOn, startBy, this.clock.today());
    const limit = limitInForceOn(await manager.find(FairAccessLimit), startBy);
    if (!limit) return { result: null, warnings };
    const yearEnd = requirement.durationWeeks ? yearEndWarning(limit, startBy, requirement.durationWeeks) : null;
    if (yearEnd) warnings.push(yearEnd);
    if (requirement.purchaseType === 'block') return { result: null, warnings };
    const financialYear = financialYearOf(startBy);
    let earlier: FundingLine[] = [];
    if (caseDetails) {
      const [{ partnership_id: partnershipId }] = await manager.query(`SELECT partnership_id FROM agencies WHERE id = $1`, [requirement.agencyId]);
      // The case reference stands for the child across the partnership, as on the contract's funding form.
      const child: FundedChild = { partnershipId, partnershipChildReference: caseDetails.childReference };
      const applied = await this.funding.requirementsWithApplications(manager, child, financialYear);
      const requirements: FundingLine[] = await manager.query(
        `SELECT t.funding_kind AS kind, r.asgsf_pence - r.agency_funded_pence AS "asgsfPence"
           FROM requirements r
           JOIN agencies ag ON ag.id = r.agency_id
           JOIN requirement_case_details c ON c.requirement_id = r.id
           JOIN therapy_types t ON t.id = r.therapy_type_id
          WHERE ag.partnership_id = $1 AND c.child_reference = $2 AND r.id <> $4 AND NOT (r.id = ANY($5::uuid[]))
            AND r.purchase_type = 'spot' AND r.start_by IS NOT NULL
            AND EXTRACT(YEAR FROM r.start_by)::int - CASE WHEN EXTRACT(MONTH FROM r.start_by) < 4 THEN 1 ELSE 0 END = $3
            AND r.status IN ('published', 'closed', 'evaluating', 'awarded') AND r.asgsf_pence IS NOT NULL`,
        [partnershipId, caseDetails.childReference, financialYear, requirement.id, applied],
      );
      earlier = [...requirements, ...(await this.funding.childYearLines(manager, child, financialYear))];
    }
    const kind = (await manager.findOneByOrFail(TherapyType, { id: requirement.therapyTypeId })).fundingKind;
    const result = checkFairAccess(limit, earlier, { kind, asgsfPence: requirement.asgsfPence });
    const excess = fairAccessWarning(result, financialYear);
    return { result, warnings: excess ? [excess, ...warnings] : warnings };
  }

  /**
   * Publishes a complete draft and invites every eligible provider, all in one
   * transaction (BR-4). Possible identifiers must be removed or overridden;
   * an override is audited.
   */
  async publish(user: SignedInUser, id: string, overrideIdentifiers: boolean): Promise<{ invited: number; emails: number }> {
    return this.dataSource.transaction(async (manager) => {
      const requirement = await this.lock(user, id, manager);
      requirementLifecycle.assertMove(requirement.status, 'published');
      const caseDetails = await manager.findOneBy(RequirementCaseDetails, { requirementId: id });
      const outstanding = Object.values(requirementProblems(requirement, !!caseDetails)).flat();
      if (outstanding.length) throw new ConflictException(`This requirement is not ready to publish: ${outstanding.join('; ')}`);
      const framework = await manager.findOneByOrFail(Framework, { id: requirement.frameworkId });
      if (framework.status !== 'open') throw new ConflictException('The framework is no longer open, so this requirement cannot be published');
      if (!routeUsableOn(framework.route, this.clock.today())) {
        throw new ConflictException(
          `${ROUTE_LABELS[framework.route].name} frameworks can no longer be used (${ROUTE_AVAILABILITY[framework.route].source}), so this requirement cannot be published`,
        );
      }
      this.assertDeadlines(
        { clarificationDeadline: requirement.clarificationDeadline!, bidDeadline: requirement.bidDeadline! },
        framework.minimumBidPeriodDays,
      );
      const { result } = await this.fundingCheck(manager, requirement, caseDetails);
      const { blockers } = await this.publishGates.gates(manager, requirement, result);
      if (blockers.length) throw new ConflictException(`This requirement cannot be published yet. ${blockers.join('. ')}`);

      const unresolved = this.identifierHits(requirement).filter((hit) => !requirement.identifierOverrides.includes(identifierKey(hit)));
      if (unresolved.length && !overrideIdentifiers) {
        throw FormInvalidError.forField(
          'overrideIdentifiers',
          'Remove the possible identifiers from the needs profile, or confirm you have checked them and they do not identify the child',
        );
      }
      if (unresolved.length) {
        await manager.update(Requirement, id, { identifierOverrides: [...requirement.identifierOverrides, ...unresolved.map(identifierKey)] });
        await this.audit.record(manager, {
          action: 'requirement.identifier_warning_overridden',
          entityType: 'requirement',
          entityId: id,
          after: { hits: unresolved.map(({ field, kind }) => ({ field, kind })) },
        });
      }

      const agencyFundedPence = result?.excessPence ?? 0;
      const publishedAt = this.clock.now();
      await transitionRequirement(manager, id, requirement.status, 'published', { publishedAt, agencyFundedPence });
      const invitations = await this.invitations.inviteAll(manager, { ...requirement, publishedAt });
      await this.audit.record(manager, {
        action: 'requirement.published',
        entityType: 'requirement',
        entityId: id,
        before: { status: 'draft' },
        after: { status: 'published', bidDeadline: requirement.bidDeadline, agencyFundedPence, ...invitations },
      });
      return invitations;
    });
  }

  /** Cancels a published or closed requirement; everyone invited is told why. */
  async cancel(user: SignedInUser, id: string, reason: string): Promise<void> {
    await this.dataSource.transaction(async (manager) => {
      const requirement = await this.lock(user, id, manager);
      const from = effectiveStatus(requirement, this.clock.now());
      await transitionRequirement(manager, id, from, 'cancelled', { cancelledAt: this.clock.now(), cancelReason: reason });
      await this.audit.record(manager, {
        action: 'requirement.cancelled',
        entityType: 'requirement',
        entityId: id,
        before: { status: from },
        after: { status: 'cancelled', reason },
      });
      await this.notifications.fanOut(manager, {
        template: 'requirement-cancelled',
        recipients: await invitedUsers(manager, id).getMany(),
        data: () => ({ title: requirement.title, reason, requirementId: id }),
        eventKey: `requirement-cancelled:${id}`,
      });
    });
  }

  /** The agency's requirements, filtered, sorted and paged, with counts in the same query. */
  async list(user: SignedInUser, filters: RequirementFilters, pageRequest: PageRequest) {
    const where = ['r.agency_id = $1'];
    const params: unknown[] = [user.agencyId];
    const add = (clause: string, value: unknown) => {
      params.push(value);
      where.push(clause.replace('?', `$${params.length}`));
    };
    const uuid = /^[0-9a-f-]{36}$/i;
    if (filters.status === 'published') where.push(openForBidsSql('r'));
    else if (filters.status === 'closed') where.push(effectiveStatusInSql('r', ['closed']));
    else if (filters.status && ['draft', 'evaluating', 'awarded', 'no_award', 'cancelled'].includes(filters.status)) add('r.status = ?', filters.status);
    if (filters.lot && uuid.test(filters.lot)) add('r.therapy_type_id = ?', filters.lot);
    if (filters.area && uuid.test(filters.area)) add('r.area_id = ?', filters.area);
    // Own keys only: "constructor" is in every object, and must not become SQL.
    const order =
      typeof filters.sort === 'string' && Object.hasOwn(LIST_SORTS, filters.sort) ? LIST_SORTS[filters.sort as keyof typeof LIST_SORTS] : LIST_SORTS.newest;
    const rows: Array<{
      id: string;
      title: string;
      status: RequirementStatus;
      bid_deadline: Date | null;
      lot: string;
      area: string;
      purchase_type: string;
      bids: number;
      invitations: number;
      total: number;
    }> = await this.dataSource.query(
      `SELECT r.id, r.title, r.status, r.bid_deadline, r.purchase_type, t.name AS lot, a.name AS area, ${SUBMITTED_BID_COUNT} AS bids,
                (SELECT count(*)::int FROM invitations i WHERE i.requirement_id = r.id) AS invitations,
                count(*) OVER ()::int AS total
           FROM requirements r
           JOIN therapy_types t ON t.id = r.therapy_type_id
           JOIN areas a ON a.id = r.area_id
          WHERE ${where.join(' AND ')}
          ORDER BY ${order}
          LIMIT ${pageRequest.pageSize} OFFSET ${pageRequest.offset}`,
      params,
    );
    const total = rows[0]?.total ?? (pageRequest.offset > 0 ? await this.countAll(where, params) : 0);
    const now = this.clock.now();
    const shaped = rows.map((row) => ({
      ...row,
      status: effectiveStatus({ status: row.status, bidDeadline: row.bid_deadline }, now),
      deadlineText: formatDateTime(row.bid_deadline),
    }));
    return toPage(shaped, total, pageRequest, '/requirements', { status: filters.status, lot: filters.lot, area: filters.area, sort: filters.sort });
  }

  private async countAll(where: string[], params: unknown[]): Promise<number> {
    const [row] = await this.dataSource.query(`SELECT count(*)::int AS n FROM requirements r WHERE ${where.join(' AND ')}`, params);
    return row.n;
  }

  /** The lots and districts that appear in the agency's requirements, for the list's filters. */
  async filterChoices(user: SignedInUser) {
    const manager = this.dataSource.manager;
    const lots = await manager.query(
      `SELECT DISTINCT t.id, t.name, t.sort_order FROM requirements r JOIN therapy_types t ON t.id = r.therapy_type_id WHERE r.agency_id = $1 ORDER BY t.sort_order`,
      [user.agencyId],
    );
    const areas = await manager.find(Area, { where: { agencyId: user.agencyId! }, order: { name: 'ASC' } });
    return { lots: lots as Array<{ id: string; name: string }>, areas };
  }

  async clarification(user: SignedInUser, id: string, clarificationId: string): Promise<{ requirement: Requirement; clarification: RequirementClarification }> {
    const requirement = await this.get(user, id);
    const clarification = await this.dataSource.manager.findOneBy(RequirementClarification, { id: clarificationId, requirementId: id });
    if (!clarification) throw new NotFoundException();
    return { requirement, clarification };
  }

  /**
   * Answers a provider's question: published to every invitee without the
   * asker's name, or privately to the asker with a reason. Either way it is emailed.
   */
  async answerClarification(
    user: SignedInUser,
    id: string,
    clarificationId: string,
    answer: { answer: string; visibility: 'public' | 'private'; privateReason?: string; identifiersChecked?: boolean },
  ): Promise<void> {
    if (answer.visibility === 'private' && !answer.privateReason) throw FormInvalidError.forField('privateReason', 'Enter why the answer is private');
    // The answer is emailed to providers, so it gets the same identifier check as the needs profile (DESIGN.md §6).
    const hits = scanForIdentifiers({ answer: answer.answer });
    if (hits.length && !answer.identifiersChecked) {
      throw FormInvalidError.forField(
        'answer',
        `Your answer may identify the child: ${hits.map((hit) => `“${hit.match}”`).join(', ')}. Remove it, or confirm you have checked it and it does not identify the child`,
      );
    }
    await this.dataSource.transaction(async (manager) => {
      const requirement = await this.lock(user, id, manager);
      if (effectiveStatus(requirement, this.clock.now()) !== 'published')
        throw new ConflictException('Bids have closed, so questions can no longer be answered');
      const clarification = await manager.findOne(RequirementClarification, {
        where: { id: clarificationId, requirementId: id },
        lock: { mode: 'pessimistic_write' },
      });
      if (!clarification) throw new NotFoundException();
      if (clarification.answeredAt) throw new ConflictException('This question has already been answered');
      await manager.update(RequirementClarification, clarificationId, {
        answer: answer.answer,
        visibility: answer.visibility,
        privateReason: answer.visibility === 'private' ? answer.privateReason! : null,
        answeredByUserId: user.id,
        answeredAt: this.clock.now(),
      });
      await this.audit.record(manager, {
        action: 'clarification.answered',
        entityType: 'requirement',
        entityId: id,
        after: { clarificationId, visibility: answer.visibility },
      });
      if (hits.length) {
        // Which kinds were waved through, never the text itself.
        await this.audit.record(manager, {
          action: 'clarification.identifier_warning_overridden',
          entityType: 'requirement',
          entityId: id,
          after: { clarificationId, hits: hits.map(({ kind }) => ({ kind })) },
        });
      }
      const recipients = await invitedUsers(manager, id)
        .andWhere(answer.visibility === 'private' ? 'user.providerId = :asker' : 'TRUE', { asker: clarification.providerId })
        .getMany();
      await this.notifications.fanOut(manager, {
        template: 'clarification-answered',
        recipients,
        data: () => ({
          title: requirement.title,
          question: clarification.question,
          answer: answer.answer,
          private: answer.visibility === 'private',
          requirementId: id,
        }),
        eventKey: `clarification-answered:${clarificationId}`,
      });
    });
  }

  private async lock(user: SignedInUser, id: string, manager: EntityManager): Promise<Requirement> {
    return assertOwnsAgencyRecord(user, await manager.findOne(Requirement, { where: { id }, lock: { mode: 'pessimistic_write' } }));
  }

  private async changeDraft(
    user: SignedInUser,
    id: string,
    action: string,
    build: (manager: EntityManager, requirement: Requirement) => Promise<Partial<Requirement>>,
  ): Promise<void> {
    await this.dataSource.transaction(async (manager) => {
      const requirement = await this.lock(user, id, manager);
      if (requirement.status !== 'draft') throw new ConflictException('This requirement has been published, so it can no longer be changed');
      const values = await build(manager, requirement);
      await manager.update(Requirement, id, values);
      await this.audit.record(manager, { action, entityType: 'requirement', entityId: id, after: values as Record<string, unknown> });
    });
  }
}
