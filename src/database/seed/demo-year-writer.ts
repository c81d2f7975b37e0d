import { createHash } from 'node:crypto';
import { DataSource, EntityManager, EntityTarget, In, ObjectLiteral } from 'typeorm';
import { Agency } from '../../agencies/agency.entity';
import { Area } from '../../agencies/area.entity';
import { Partnership } from '../../agencies/partnership.entity';
import { Award } from '../../awards/award.entity';
import { CallOff, CallOffCaseDetails, Contract } from '../../awards/contract.entity';
import { Bid, BidVersion } from '../../bids/bid.entity';
import { transitionBids } from '../../bids/sealed-bid-gate';
import { addDays } from '../../common/calendar/dates';
import { Invitation } from '../../competitions/invitation.entity';
import { RequirementClarification } from '../../competitions/requirement-clarification.entity';
import { Requirement, RequirementCaseDetails } from '../../competitions/requirement.entity';
import { ConflictDeclaration, ConflictDeclarationVersion } from '../../conflicts/conflict.entities';
import { ComplianceDocument, INSURANCE_TYPES } from '../../documents/compliance-document.entity';
import { StoredFile } from '../../documents/stored-file.entity';
import { Framework } from '../../frameworks/framework.entity';
import { Membership } from '../../frameworks/membership.entity';
import { TherapyType } from '../../frameworks/therapy-type.entity';
import { FundingRecord } from '../../funding/funding-record.entity';
import { Invoice } from '../../invoices/invoice.entity';
import { daysBetween, paymentDueOn } from '../../invoices/invoice-rules';
import { financialYearOf } from '../../funding/funding-rules';
import { LearningLogEntry, ModeratedScore, PanelMeeting, PanelMember, PanelScore, ScoreSubmission } from '../../panel/panel.entities';
import { Practitioner } from '../../providers/practitioner.entity';
import { ProviderArea } from '../../providers/provider-area.entity';
import { ProviderOrganisation } from '../../providers/provider-organisation.entity';
import { DeliveryReport, FeedbackRequest, FeedbackResponse, OutcomeMeasure, SessionLog } from '../../quality/quality.entities';
import { progressReportSchedule, endReportDueOn } from '../../quality/delivery-rules';
import { User } from '../../users/user.entity';
import {
  AGE_BANDS,
  CHILD_FIRST_NAMES,
  CHILD_SURNAMES,
  decisionMeetingDay,
  DEMO_YEAR_MEETING_DAYS,
  DEMO_YEAR_NEEDS,
  DEMO_YEAR_PLAN,
  DEMO_YEAR_PROVIDERS,
  DEMO_YEAR_SEED,
  PRESENTING_NEEDS,
  SCORE_COMMENTS,
  seededRandom,
  seededUuid,
} from './demo-year';
import { DEMO_PANEL, DEMO_PROVIDERS, FAIR_ACCESS_LIMITS } from './demo-data';

/** The light-touch threshold in force (£663,540 with VAT): every demo contract is far below it. */
const LIGHT_TOUCH_THRESHOLD_PENCE = 66_354_000;
const CRITERIA = [
  { question: 'How will you build a therapeutic relationship with the child?', wordLimit: 300, weight: 40 },
  { question: 'How will you involve the adoptive parents?', wordLimit: 300, weight: 30 },
];
const PRICE_WEIGHT = 30;
const SCALE_MAX = 4;
const SPOT_SESSIONS = 12;
const BLOCK_VOLUME = 40;
/** Sessions on each demo invoice: a provider bills every four sessions delivered, and the rest when the work ends. */
const SESSIONS_PER_INVOICE = 4;

/** Rows collected per entity and written in a few multi-row inserts, in the order first queued (parents first). */
class Batch {
  private readonly rows = new Map<EntityTarget<ObjectLiteral>, ObjectLiteral[]>();

  add<T extends ObjectLiteral>(entity: EntityTarget<T>, ...rows: Array<Partial<T>>): void {
    const list = this.rows.get(entity) ?? [];
    list.push(...(rows as ObjectLiteral[]));
    this.rows.set(entity, list);
  }

  async write(manager: EntityManager): Promise<void> {
    for (const [entity, rows] of this.rows) {
      for (let start = 0; start < rows.length; start += 500) await manager.insert(entity, rows.slice(start, start + 500));
    }
    this.rows.clear();
  }
}

const at = (date: string, time = '10:00') => new Date(`${date}T${time}:00Z`);
const DEMO_FAIR_ACCESS_LIMIT_PENCE = FAIR_ACCESS_LIMITS.find((limit) => limit.appliesFrom === '2025-04-01')!.combinedLimitPence!;

interface Member {
  providerId: string;
  name: string;
  userId: string;
  practitionerId: string;
  lots: string[];
  areas: string[];
}

/**
 * Writes the demo partnership's year (see demo-year.ts) in two transactions.
 * Bids go in first while their requirements are still open by the
 * database's clock, as the sealed-bid gate requires of every bid; the
 * second moves each requirement to its real deadline and state and writes
 * everything after the deadline: declarations, scores, meetings, awards,
 * contracts, delivery, outcomes, funding and feedback.
 */
export async function writeDemoYear(
  dataSource: DataSource,
  passwordHash: string,
  today: string,
): Promise<{ requirements: number; bids: number; contracts: number }> {
  const random = seededRandom(DEMO_YEAR_SEED);
  const id = () => seededUuid(random);
  const pick = <T>(list: readonly T[]): T => list[Math.floor(random() * list.length)];
  const between = (low: number, high: number) => low + Math.floor(random() * (high - low + 1));
  const day = (offset: number) => addDays(today, offset);

  const context = await dataSource.transaction(async (manager) => {
    const partnership = await manager.findOneByOrFail(Partnership, { name: 'Adoption Partnership South East' });
    const agencies = await manager.findBy(Agency, { partnershipId: partnership.id });
    const kent = agencies.find((agency) => agency.name === 'Kent County Council')!;
    const areas = await manager.findBy(Area, { agencyId: In(agencies.map((agency) => agency.id)) });
    const areaId = (name: string) => areas.find((area) => area.name === name)!.id;
    const framework = await manager.findOneByOrFail(Framework, { partnershipId: partnership.id });
    const therapyTypes = await manager.find(TherapyType);
    const lotId = (name: string) => therapyTypes.find((type) => type.name === name)!.id;
    const commissioner = await manager.findOneByOrFail(User, { email: 'commissioner@kent.example' });
    // The demo panel in its listed order (chair first), whatever order the rows came back in.
    const panelRows = await manager.find(PanelMember, { where: { partnershipId: partnership.id } });
    const panelUsers = await manager.findBy(User, { id: In(panelRows.map((member) => member.userId)) });
    const rank = (member: PanelMember) => DEMO_PANEL.findIndex((listed) => listed.email === panelUsers.find((user) => user.id === member.userId)?.email);
    const panel = panelRows.sort((a, b) => rank(a) - rank(b));

    // The year's new members, with what vetting leaves: areas, a practitioner, insurance and memberships.
    const pdf = Buffer.from('%PDF-1.7\n1 0 obj\n<< /Type /Catalog >>\nendobj\ntrailer\n<<>>\n%%EOF\n');
    const file = await manager.save(StoredFile, {
      content: pdf,
      mediaType: 'application/pdf',
      sizeBytes: pdf.length,
      sha256: createHash('sha256').update(pdf).digest('hex'),
    });
    for (const [index, provider] of DEMO_YEAR_PROVIDERS.entries()) {
      const organisation = await manager.save(ProviderOrganisation, {
        name: provider.name,
        status: 'active' as const,
        companiesHouseNumber: `0900${index}123`,
        icoRegistrationNumber: `ZB90${index}321`,
        town: 'Canterbury',
        postcode: 'CT1 1AA',
        detailsCompletedAt: at(day(-380)),
      });
      await manager.insert(User, {
        email: provider.email,
        fullName: provider.fullName,
        roles: ['provider_user'],
        providerId: organisation.id,
        isProviderAdmin: true,
        passwordHash,
        status: 'active' as const,
        emailConfirmedAt: at(day(-380)),
      });
      await manager.insert(
        ProviderArea,
        provider.areas.map((name) => ({ providerId: organisation.id, areaId: areaId(name) })),
      );
      await manager.insert(Practitioner, {
        ...provider.practitioner,
        providerId: organisation.id,
        registrationExpiresOn: '2030-07-31',
        dbsIssuedOn: day(-300),
        therapyTypeIds: provider.lots.map(lotId),
      });
      for (const type of INSURANCE_TYPES) {
        // Kestrel's public liability cover runs out within the month: the framework manager's queue chases it.
        const expiresOn = index === 2 && type === 'public_liability' ? day(20) : '2030-03-31';
        await manager.insert(ComplianceDocument, {
          providerId: organisation.id,
          type,
          coverAmountPence: 500_000_000,
          expiresOn,
          storedFileId: file.id,
          fileName: `${type}.pdf`,
          uploadedAt: at(day(-380)),
        });
      }
      await manager.insert(
        Membership,
        provider.lots.map((lot) => ({ frameworkId: framework.id, providerId: organisation.id, therapyTypeId: lotId(lot), status: 'active' as const })),
      );
    }

    const memberships = await manager.find(Membership, { where: { frameworkId: framework.id, status: 'active' } });
    const organisations = await manager.findBy(ProviderOrganisation, { id: In([...new Set(memberships.map((membership) => membership.providerId))]) });
    const members: Member[] = [];
    for (const organisation of organisations.sort((a, b) => a.name.localeCompare(b.name))) {
      const user = await manager.findOneOrFail(User, { where: { providerId: organisation.id }, order: { createdAt: 'ASC' } });
      const practitioner = await manager.findOneByOrFail(Practitioner, { providerId: organisation.id });
      const covered = await manager.findBy(ProviderArea, { providerId: organisation.id });
      members.push({
        providerId: organisation.id,
        name: organisation.name,
        userId: user.id,
        practitionerId: practitioner.id,
        lots: memberships
          .filter((membership) => membership.providerId === organisation.id)
          .map((membership) => therapyTypes.find((type) => type.id === membership.therapyTypeId)!.name),
        areas: covered.map((row) => areas.find((area) => area.id === row.areaId)!.name),
      });
    }

    // Requirements and bids, all still open by the database's clock (see above).
    const batch = new Batch();
    // The table order parents-first, whatever comes first below.
    batch.add(Requirement);
    batch.add(RequirementCaseDetails);
    batch.add(Invitation);
    batch.add(Bid);
    const openUntil = new Date(Date.now() + 24 * 60 * 60 * 1000);
    const requirements: Array<{
      id: string;
      plan: (typeof DEMO_YEAR_PLAN)[number];
      need: (typeof DEMO_YEAR_NEEDS)[number];
      units: number;
      bids: Array<{ id: string; member: Member; totalPence: number; status: 'submitted' | 'draft' }>;
      childReference: string;
    }> = [];
    let bidCount = 0;
    for (const [index, plan] of DEMO_YEAR_PLAN.entries()) {
      const need = DEMO_YEAR_NEEDS[index % DEMO_YEAR_NEEDS.length];
      const requirementId = id();
      const deadline = plan.deadlineDay === null ? null : day(plan.deadlineDay);
      const publishedOn = deadline ? addDays(deadline, -21) : null;
      const block = plan.purchaseType === 'block';
      const units = block ? BLOCK_VOLUME : SPOT_SESSIONS;
      const child = `${pick(CHILD_FIRST_NAMES)} ${pick(CHILD_SURNAMES)}`;
      const childReference = `KCC-${String(24_000 + index * 37).padStart(5, '0')}`;
      const createdOn = publishedOn ? addDays(publishedOn, -3) : day(-index % 5);
      const ceilingPence = units * 14_000;
      const ageBand = pick(AGE_BANDS);
      batch.add(Requirement, {
        id: requirementId,
        title: block ? `${need.lot} block of ${BLOCK_VOLUME} sessions, ${need.area}` : `${need.lot} for a child aged ${ageBand}, ${need.area}`,
        agencyId: kent.id,
        frameworkId: framework.id,
        therapyTypeId: lotId(need.lot),
        areaId: areaId(need.area),
        purchaseType: plan.purchaseType,
        deliveryMode: pick(['in_person', 'either'] as const),
        createdByUserId: commissioner.id,
        ageBand,
        presentingNeeds: pick(PRESENTING_NEEDS),
        needsDescription: 'Finds transitions between home and school hard, and struggles to accept comfort from the adoptive parents.',
        previousInterventions: 'Therapeutic parenting course for the parents last year.',
        practitionerGender: 'any',
        sessionCount: block ? null : SPOT_SESSIONS,
        sessionMinutes: 60,
        blockVolume: block ? BLOCK_VOLUME : null,
        blockUnit: block ? 'sessions' : null,
        blockPeriodMonths: block ? 12 : null,
        startBy: deadline ? addDays(deadline, 40) : null,
        durationWeeks: block ? 52 : 12,
        ceilingPence,
        asgsfPence: ceilingPence,
        topUpPence: 0,
        financialYear: financialYearOf(publishedOn ?? today),
        needsAssessedOn: addDays(createdOn, -10),
        criteria: CRITERIA,
        priceWeight: PRICE_WEIGHT,
        scaleMax: SCALE_MAX,
        scaleDescriptors: ['Unacceptable', 'Poor', 'Acceptable', 'Good', 'Excellent'],
        clarificationDeadline: deadline ? new Date(Math.min(at(addDays(deadline, -4), '17:00').getTime(), openUntil.getTime() - 60_000)) : null,
        bidDeadline: deadline ? openUntil : null,
        status: plan.status === 'draft' ? 'draft' : 'published',
        publishedAt: publishedOn ? at(publishedOn, '09:00') : null,
        createdAt: at(createdOn, '09:00'),
      });
      if (plan.status !== 'draft')
        batch.add(RequirementCaseDetails, {
          requirementId,
          agencyId: kent.id,
          childReference,
          childName: child,
          dateOfBirth: `${2010 + (index % 10)}-0${1 + (index % 9)}-1${index % 10}`,
        });
      const invited = members.filter((member) => member.lots.includes(need.lot) && member.areas.includes(need.area));
      const bids: (typeof requirements)[number]['bids'] = [];
      if (publishedOn) {
        batch.add(
          Invitation,
          ...invited.map((member) => ({
            requirementId,
            providerId: member.providerId,
            reason: 'published' as const,
            emailsQueued: 1,
            invitedAt: at(publishedOn, '09:00'),
          })),
        );
        // Cancelled before the deadline: nobody had bid yet.
        const bidders = plan.status === 'cancelled' && !plan.cancelledAfterClosing ? [] : invited.filter((_, position) => position < 2 || random() < 0.75);
        for (const member of bidders) {
          const draft = plan.status === 'published' && random() < 0.35;
          const versions = !draft && random() < 0.3 ? 2 : 1;
          const bidId = id();
          const firstRatePence = Math.round((need.basePence * (0.85 + random() * 0.3)) / 100) * 100;
          // A second version lowers the price a little, as re-submitted bids tend to.
          const ratePence = versions === 2 ? firstRatePence - 300 : firstRatePence;
          const submittedOn = addDays(deadline!, -between(2, 10));
          const answers = [
            `${member.name} builds trust through weekly play-based sessions at the child’s pace.`,
            `Parents join every session and have a monthly review with the therapist.`,
          ];
          batch.add(Bid, {
            id: bidId,
            requirementId,
            providerId: member.providerId,
            status: draft ? 'draft' : 'submitted',
            ratePence,
            totalPence: ratePence * units,
            practitionerIds: [member.practitionerId],
            earliestStartOn: addDays(deadline!, 21),
            answers,
            currentVersion: draft ? 0 : versions,
            submittedAt: draft ? null : at(addDays(submittedOn, versions - 1), '15:00'),
          });
          for (let version = 1; !draft && version <= versions; version += 1) {
            const versionRate = version === 1 ? firstRatePence : ratePence;
            batch.add(BidVersion, {
              bidId,
              version,
              ratePence: versionRate,
              totalPence: versionRate * units,
              practitionerIds: [member.practitionerId],
              earliestStartOn: addDays(deadline!, 21),
              answers,
              overCeiling: false,
              submittedByUserId: member.userId,
              submittedAt: at(addDays(submittedOn, version - 1), '15:00'),
            });
          }
          bids.push({ id: bidId, member, totalPence: ratePence * units, status: draft ? 'draft' : 'submitted' });
          bidCount += 1;
        }
      }
      requirements.push({ id: requirementId, plan, need, units, bids, childReference });
    }
    await batch.write(manager);
    return { partnership, kent, commissioner, panel, members, requirements, bidCount };
  });

  // Everything after each deadline.
  const contracts = await dataSource.transaction(async (manager) => {
    const { partnership, kent, commissioner, panel, requirements } = context;
    // Invoices as the invoice rules allow them: sessions delivered, within the contract's value and dates; their statuses are settled once all are known.
    const invoices: DemoInvoice[] = [];
    const invoiceNumbers = new Map<string, number>();
    const fundingOf = new Map<string, { row: Partial<FundingRecord>; status: 'completed' | 'other'; endedOn: string | null }>();
    const chair = panel.find((member) => member.isChair) ?? panel[0];
    const batch = new Batch();
    for (const entity of [
      PanelMeeting,
      LearningLogEntry,
      RequirementClarification,
      ConflictDeclaration,
      ConflictDeclarationVersion,
      PanelScore,
      ScoreSubmission,
      ModeratedScore,
      Award,
      Contract,
      FundingRecord,
      Invoice,
      CallOff,
      CallOffCaseDetails,
      SessionLog,
      DeliveryReport,
      OutcomeMeasure,
      FeedbackRequest,
      FeedbackResponse,
    ])
      batch.add(entity);
    const bidOutcomes = { successful: [] as string[], unsuccessful: [] as string[] };
    const meetings = new Map<number, string>();
    for (const [index, meetingDay] of DEMO_YEAR_MEETING_DAYS.entries()) {
      const meetingId = id();
      meetings.set(meetingDay, meetingId);
      batch.add(PanelMeeting, {
        id: meetingId,
        partnershipId: partnership.id,
        meetingDate: day(meetingDay),
        chairMemberId: chair.id,
        attendeeMemberIds: panel.map((member) => member.id),
        minutes: meetingDay <= 0 ? 'Quorate. The panel reviewed the requirements listed and recorded its decisions.' : '',
        createdAt: at(day(Math.min(meetingDay, 0) - 20)),
      });
      // What the panel learned, at every other meeting held.
      if (meetingDay <= 0 && index % 2 === 0) {
        batch.add(LearningLogEntry, {
          meetingId,
          theme: pick(['Speed to start', 'Quality of bids', 'Reporting']),
          learned: pick([
            'Bids that named the practitioner early started sooner.',
            'Parents valued monthly reviews.',
            'Late progress reports delayed funding claims.',
          ]),
          action: 'Add this to the guidance for bidders.',
          owner: 'Framework manager',
        });
      }
    }

    let contractCount = 0;
    for (const requirement of requirements) {
      const { plan } = requirement;
      if (plan.status === 'draft') continue;
      const deadline = day(plan.deadlineDay!);
      const submitted = requirement.bids.filter((bid) => bid.status === 'submitted');
      await manager.update(Requirement, requirement.id, {
        bidDeadline: at(deadline, '12:00'),
        clarificationDeadline: at(addDays(deadline, -4), '17:00'),
        status: plan.status,
        closedAt: plan.deadlineDay! < 0 && !(plan.status === 'cancelled' && !plan.cancelledAfterClosing) ? at(deadline, '12:01') : null,
        cancelledAt: plan.status === 'cancelled' ? at(addDays(deadline, plan.cancelledAfterClosing ? 3 : -5)) : null,
        cancelReason:
          plan.status === 'cancelled'
            ? plan.cancelledAfterClosing
              ? 'The family moved out of the area before the panel met.'
              : 'The child’s needs changed and a new assessment is needed.'
            : null,
      });
      // A question on each requirement with bids, answered publicly; one still waits for its answer.
      const asker = requirement.bids[0]?.member ?? context.members[0];
      if (requirement.bids.length > 0) {
        batch.add(RequirementClarification, {
          requirementId: requirement.id,
          providerId: asker.providerId,
          askedByUserId: asker.userId,
          question: 'Can sessions take place after school hours?',
          askedAt: at(addDays(deadline, -12)),
          ...(!(plan.status === 'published' && plan.deadlineDay === 6)
            ? {
                answer: 'Yes, sessions after 3:30pm on weekdays suit the family.',
                visibility: 'public' as const,
                answeredByUserId: commissioner.id,
                answeredAt: at(addDays(deadline, -11)),
              }
            : {}),
        });
      }
      const evaluated = ['evaluating', 'awarded', 'no_award'].includes(plan.status);
      if (!evaluated || submitted.length === 0) continue;

      // Declarations, one per member and bidder; one member declares a conflict once.
      const conflictedMember = requirement === requirements[7] ? panel[panel.length - 1] : null;
      const declaring = plan.status === 'evaluating' && plan.deadlineDay! > -10 ? panel.slice(0, 2) : panel;
      for (const member of declaring) {
        for (const [position, bid] of submitted.entries()) {
          const conflicted = member === conflictedMember && position === 0;
          const declarationId = id();
          const nature = conflicted ? 'A close friend works for this provider.' : null;
          batch.add(ConflictDeclaration, {
            id: declarationId,
            requirementId: requirement.id,
            userId: member.userId,
            capacities: ['panel_member' as const],
            providerId: bid.member.providerId,
            conflicted,
            nature,
            declaredAt: at(addDays(deadline, 1)),
          });
          batch.add(ConflictDeclarationVersion, {
            declarationId,
            version: 1,
            conflicted,
            nature,
            mitigation: conflicted ? 'Left the room for this requirement and did not score it.' : null,
            recordedByUserId: member.userId,
            recordedAt: at(addDays(deadline, 1)),
          });
        }
      }
      // Moderated quality: the panel's agreed scores; each member's own are within a point.
      // The two demo providers write the stronger bids, so their own pages have contracts to show.
      const strong = (bid: (typeof submitted)[number]) => DEMO_PROVIDERS.includes(bid.member.name);
      const moderated = new Map(
        submitted.map((bid) => [bid.id, CRITERIA.map(() => (plan.status === 'no_award' ? between(1, 2) : between(strong(bid) ? 3 : 2, 4)))]),
      );
      const scoring = declaring.filter((member) => member !== conflictedMember && (plan.status !== 'evaluating' || member !== declaring[declaring.length - 1]));
      for (const member of scoring) {
        for (const bid of submitted) {
          batch.add(
            PanelScore,
            ...moderated.get(bid.id)!.map((score, criterionIndex) => ({
              requirementId: requirement.id,
              bidId: bid.id,
              panelMemberId: member.id,
              criterionIndex,
              score: Math.max(0, Math.min(SCALE_MAX, score + between(-1, 1))),
              comment: pick(SCORE_COMMENTS),
            })),
          );
        }
        batch.add(ScoreSubmission, { requirementId: requirement.id, panelMemberId: member.id, submittedAt: at(addDays(deadline, 3)) });
      }
      if (plan.status === 'evaluating') continue;
      for (const bid of submitted) {
        batch.add(
          ModeratedScore,
          ...moderated.get(bid.id)!.map((score, criterionIndex) => ({
            requirementId: requirement.id,
            bidId: bid.id,
            criterionIndex,
            score,
            rationale: 'Agreed at moderation',
            moderatedByUserId: chair.userId,
          })),
        );
      }

      const meetingDay = decisionMeetingDay(plan.deadlineDay!)!;
      const decidedOn = day(meetingDay);
      const lowest = Math.min(...submitted.map((bid) => bid.totalPence));
      // BR-8: quality marks plus price marks against the lowest price.
      const points = (bid: (typeof submitted)[number]) =>
        moderated.get(bid.id)!.reduce((sum, score, index) => sum + (score / SCALE_MAX) * CRITERIA[index].weight, 0) + (lowest / bid.totalPence) * PRICE_WEIGHT;
      const winner = plan.status === 'awarded' ? [...submitted].sort((a, b) => points(b) - points(a))[0] : null;
      const award = { id: id() };
      batch.add(Award, {
        id: award.id,
        requirementId: requirement.id,
        meetingId: meetings.get(meetingDay)!,
        outcome: winner ? ('awarded' as const) : ('no_award' as const),
        bidId: winner?.id ?? null,
        rationale: winner
          ? 'The highest scoring compliant bid, with a clear plan and a practitioner available soon.'
          : 'No bid reached an acceptable standard on the relationship question.',
        status: 'confirmed' as const,
        standstillKind: 'none' as const,
        valuePence: winner?.totalPence ?? null,
        valueIncludingVatPence: winner?.totalPence ?? null,
        lightTouch: winner ? true : null,
        aboveThreshold: winner ? false : null,
        thresholdPence: winner ? LIGHT_TOUCH_THRESHOLD_PENCE : null,
        decidedByUserId: chair.userId,
        decidedAt: at(decidedOn, '15:00'),
      });
      for (const bid of submitted) bidOutcomes[bid === winner ? 'successful' : 'unsuccessful'].push(bid.id);
      if (!winner) continue;

      // The contract: started ten days after the decision, unless the decision is only a fortnight old.
      const block = plan.purchaseType === 'block';
      const startsOn = addDays(decidedOn, 10);
      const endsOn = block ? addDays(startsOn, 364) : addDays(startsOn, 84);
      const pending = meetingDay === -14;
      const finished = !pending && endsOn < today;
      const endedEarly = finished && requirement === requirements[5];
      const endedOn = endedEarly ? addDays(startsOn, 49) : finished ? endsOn : null;
      const contractId = id();
      batch.add(Contract, {
        id: contractId,
        awardId: award.id,
        requirementId: requirement.id,
        agencyId: kent.id,
        providerId: winner.member.providerId,
        kind: plan.purchaseType,
        status: pending ? 'pending' : endedEarly ? 'ended_early' : finished ? 'completed' : 'active',
        valuePence: winner.totalPence,
        vatTreatment: 'exempt',
        valueIncludingVatPence: winner.totalPence,
        lightTouch: true,
        aboveThreshold: false,
        sessionCount: block ? null : SPOT_SESSIONS,
        blockVolume: block ? BLOCK_VOLUME : null,
        blockUnit: block ? 'sessions' : null,
        blockPeriodMonths: block ? 12 : null,
        practitionerIds: [winner.member.practitionerId],
        outcomeTools: pending ? [] : ['SDQ', 'GBO'],
        startsOn: pending ? null : startsOn,
        endsOn: pending ? null : endsOn,
        activatedAt: pending ? null : at(addDays(decidedOn, 3)),
        reportIntervalWeeks: 6,
        midpointFeedback: false,
        endingKind: endedEarly ? 'unplanned' : finished ? 'planned' : null,
        endingReason: endedEarly ? 'family_disengaged' : finished ? 'goals_met' : null,
        endingDetail: endedEarly ? 'The family stopped attending after a house move.' : finished ? 'The goals agreed at the start were met.' : null,
        endedOn,
        createdAt: at(decidedOn, '15:00'),
      });
      contractCount += 1;
      // The fund approves what falls within the £3,000 fair access limit; the agency funds the rest.
      const approvedPence = Math.min(winner.totalPence, DEMO_FAIR_ACCESS_LIMIT_PENCE);
      const fundingRow: Partial<FundingRecord> = {
        agencyId: kent.id,
        partnershipId: kent.partnershipId,
        contractId,
        childReference: requirement.childReference,
        partnershipChildReference: requirement.childReference,
        asgsfReference: `ASGSF-${requirement.childReference.slice(4)}`,
        appliedOn: addDays(decidedOn, 1),
        asgsfPence: winner.totalPence,
        therapyPence: winner.totalPence,
        assessmentPence: 0,
        topUpPence: 0,
        excessPence: winner.totalPence - approvedPence,
        financialYear: financialYearOf(startsOn),
        startsOn,
        endsOn,
        status: pending ? 'submitted' : approvedPence < winner.totalPence ? 'partly_approved' : 'approved',
        approvedPence: pending ? null : approvedPence,
        decidedOn: pending ? null : addDays(decidedOn, 8),
        legalOrder: 'adopted',
        previouslyLookedAfter: true,
        livesInEngland: true,
        ehcPlan: false,
      };
      batch.add(FundingRecord, fundingRow);
      fundingOf.set(contractId, { row: fundingRow, status: finished && !endedEarly ? 'completed' : 'other', endedOn });
      if (pending) continue;

      const lastDay = endedOn ?? (today < endsOn ? today : endsOn);
      const callOffs: Array<{ startsOn: string; units: number }> = [];
      if (block) {
        // Referrals called off against the block, one every couple of months.
        for (let offset = 0, number = 1; addDays(startsOn, offset) < lastDay && number <= 4; offset += 63, number += 1) {
          const callOffId = id();
          const units = between(8, 10);
          callOffs.push({ startsOn: addDays(startsOn, offset), units });
          batch.add(CallOff, {
            id: callOffId,
            contractId,
            childReference: `${requirement.childReference}-${number}`,
            units,
            startsOn: addDays(startsOn, offset),
            endsOn: addDays(startsOn, offset + 84),
            createdByUserId: commissioner.id,
            createdAt: at(addDays(startsOn, offset - 2)),
          });
          batch.add(CallOffCaseDetails, {
            callOffId,
            childName: `${pick(CHILD_FIRST_NAMES)} ${pick(CHILD_SURNAMES)}`,
            dateOfBirth: `201${number + 2}-0${number + 3}-15`,
          });
        }
      }
      // Weekly sessions, from the first week (or each call-off's), up to the contracted number.
      const sessionDays = block
        ? callOffs.flatMap((callOff) => Array.from({ length: callOff.units }, (_, week) => addDays(callOff.startsOn, 7 * week + 2)))
        : Array.from({ length: SPOT_SESSIONS }, (_, week) => addDays(startsOn, 7 * week + between(1, 3)));
      const delivered = sessionDays
        .filter((date) => date <= lastDay && date < today)
        .sort()
        .slice(0, block ? BLOCK_VOLUME : SPOT_SESSIONS);
      batch.add(
        SessionLog,
        ...delivered.map((deliveredOn) => ({
          contractId,
          deliveredOn,
          sessions: 1,
          recordedByUserId: winner.member.userId,
          createdAt: at(deliveredOn, '18:00'),
        })),
      );
      // An invoice for every four sessions delivered (the rest once the work is over), sent two days after the last of them.
      const ratePence = winner.totalPence / requirement.units;
      for (let first = 0; first < delivered.length; first += SESSIONS_PER_INVOICE) {
        const covered = delivered.slice(first, first + SESSIONS_PER_INVOICE);
        const invoiceDate = addDays(covered[covered.length - 1], 2);
        if ((covered.length < SESSIONS_PER_INVOICE && !finished) || invoiceDate > today) break;
        const number = (invoiceNumbers.get(winner.member.providerId) ?? 0) + 1;
        invoiceNumbers.set(winner.member.providerId, number);
        const invoiceNumber = `INV-${String(number).padStart(4, '0')}`;
        invoices.push({
          id: id(),
          contractId,
          agencyId: kent.id,
          providerId: winner.member.providerId,
          invoiceNumber,
          invoiceNumberKey: invoiceNumber,
          invoiceDate,
          periodStart: covered[0],
          periodEnd: covered[covered.length - 1],
          sessions: covered.length,
          amountPence: ratePence * covered.length,
          receivedOn: invoiceDate,
          dueOn: paymentDueOn(invoiceDate),
          submittedByUserId: winner.member.userId,
          createdAt: at(invoiceDate, '11:00'),
        });
      }
      // Progress reports at the interval, mostly on time; the contract decided 70 days ago has one missing, so it shows overdue.
      const schedule = progressReportSchedule(startsOn, endsOn, 6, [], endedOn ?? today);
      for (const report of schedule.filter((entry) => entry.dueOn < (endedOn ?? today))) {
        if (meetingDay === -70) continue;
        const submittedOn = addDays(report.dueOn, random() < 0.8 ? -between(0, 3) : between(2, 6));
        batch.add(DeliveryReport, {
          contractId,
          kind: 'progress',
          dueOn: report.dueOn,
          engagement: pick(['good', 'good', 'mixed'] as const),
          goalProgress: pick(['partly_met', 'met'] as const),
          summary: 'Sessions are going well; the child is settling into the routine.',
          nextSteps: 'Continue weekly sessions and review goals with the parents.',
          safeguardingConcern: false,
          submittedByUserId: winner.member.userId,
          submittedAt: at(submittedOn, '16:00'),
        });
      }
      // Outcomes: a baseline at the start; end scores and an end report once finished.
      const baseline = between(18, 28);
      batch.add(
        OutcomeMeasure,
        ...[
          {
            contractId,
            tool: 'SDQ' as const,
            label: 'Total',
            baselineScore: baseline,
            endScore: finished ? baseline - between(endedEarly ? 0 : 4, endedEarly ? 2 : 10) : null,
            endRecordedAt: finished ? at(endedOn!) : null,
            createdAt: at(startsOn),
          },
          {
            contractId,
            tool: 'GBO' as const,
            label: 'Feel calmer at bedtime',
            baselineScore: between(2, 4),
            endScore: finished ? between(endedEarly ? 3 : 6, endedEarly ? 5 : 9) : null,
            endRecordedAt: finished ? at(endedOn!) : null,
            createdAt: at(startsOn),
          },
        ],
      );
      if (!finished) continue;
      const endDue = endReportDueOn(endsOn, endedOn);
      if (endDue < today) {
        batch.add(DeliveryReport, {
          contractId,
          kind: 'end',
          dueOn: endDue,
          engagement: endedEarly ? 'poor' : 'good',
          goalProgress: endedEarly ? 'not_met' : pick(['met', 'partly_met'] as const),
          summary: endedEarly ? 'The family stopped attending after moving house.' : 'The child is calmer and accepts comfort more readily.',
          nextSteps: endedEarly ? 'Offer a fresh referral when the family is settled.' : 'No further therapy needed now; parents have strategies to continue.',
          safeguardingConcern: false,
          submittedByUserId: winner.member.userId,
          submittedAt: at(addDays(endedOn!, between(3, 12)), '16:00'),
        });
      }
      // Feedback from the adopter, the young person and the professional, through single-use links.
      for (const respondent of ['adopter', 'young_person', 'professional'] as const) {
        const requestId = id();
        const sentOn = addDays(endedOn!, 2);
        const answered = random() < 0.85;
        batch.add(FeedbackRequest, {
          id: requestId,
          contractId,
          respondent,
          stage: 'end',
          tokenHash: createHash('sha256').update(`${requestId}:${DEMO_YEAR_SEED}`).digest('hex'),
          expiresAt: at(addDays(sentOn, 28)),
          usedAt: answered ? at(addDays(sentOn, 4)) : null,
          sentByUserId: commissioner.id,
          createdAt: at(sentOn),
        });
        if (answered) {
          const rating = () => Math.max(1, Math.min(5, (endedEarly ? 3 : 4) + between(-1, 1)));
          batch.add(FeedbackResponse, {
            requestId,
            contractId,
            respondent,
            helpful: rating(),
            listened: rating(),
            better: rating(),
            comment: null,
            createdAt: at(addDays(sentOn, 4)),
          });
        }
      }
    }
    settleInvoices(invoices, today);
    batch.add(Invoice, ...invoices);
    claimFunding(fundingOf, invoices, today);
    await batch.write(manager);
    for (const [status, ids] of Object.entries(bidOutcomes))
      if (ids.length) await transitionBids(manager, { bidIds: ids }, 'submitted', status as 'successful' | 'unsuccessful');
    return contractCount;
  });
  return { requirements: context.requirements.length, bids: context.bidCount, contracts };
}

type DemoInvoice = Partial<Invoice> & { receivedOn: string; dueOn: string | null; contractId: string };

/**
 * Where each demo invoice stands by now (the lifecycle of invoice-rules.ts):
 * those whose 30 days have passed were paid, on time but for one paid late
 * and one approved but still unpaid (overdue); of those still within their
 * 30 days, the newest awaits approval, the one before it is disputed and the
 * rest are approved and due.
 */
function settleInvoices(invoices: DemoInvoice[], today: string): void {
  const byReceipt = [...invoices].sort((a, b) => a.receivedOn.localeCompare(b.receivedOn) || a.id!.localeCompare(b.id!));
  const old = byReceipt.filter((invoice) => invoice.dueOn! < today);
  const recent = byReceipt.filter((invoice) => invoice.dueOn! >= today);
  const overdue = old[old.length - 1];
  const late = old.find((invoice) => addDays(invoice.dueOn!, 9) < addDays(today, -20) && invoice !== overdue);
  for (const [index, invoice] of old.entries()) {
    const approvedOn = addDays(invoice.receivedOn, 2 + (index % 4));
    if (invoice === overdue) {
      Object.assign(invoice, { status: 'approved', approvedOn, lateNotifiedAt: at(addDays(invoice.dueOn!, 1), '07:00') });
    } else if (invoice === late) {
      Object.assign(invoice, { status: 'paid', approvedOn, paidOn: addDays(invoice.dueOn!, 9), lateNotifiedAt: at(addDays(invoice.dueOn!, 1), '07:00') });
    } else {
      Object.assign(invoice, { status: 'paid', approvedOn, paidOn: addDays(invoice.receivedOn, 12 + (index % 10)) });
    }
  }
  for (const [index, invoice] of recent.entries()) {
    if (index === recent.length - 1) {
      Object.assign(invoice, { status: 'submitted' });
    } else if (index === recent.length - 2) {
      Object.assign(invoice, {
        status: 'disputed',
        dueOn: null,
        disputedOn: addDays(invoice.receivedOn, Math.min(3, daysBetween(invoice.receivedOn, today))),
        disputeReason: 'One of the sessions invoiced is not in the session log; please check the dates.',
      });
    } else {
      Object.assign(invoice, { status: 'approved', approvedOn: addDays(invoice.receivedOn, Math.min(2, daysBetween(invoice.receivedOn, today))) });
    }
  }
}

/**
 * The first two completed contracts' ASGSF applications are claimed, for the
 * approved funding their approved invoices bear (claimProblem's limit); the
 * third is claimed and closed.
 */
function claimFunding(
  fundingOf: Map<string, { row: Partial<FundingRecord>; status: 'completed' | 'other'; endedOn: string | null }>,
  invoices: DemoInvoice[],
  today: string,
): void {
  const completed = [...fundingOf.entries()].filter(([, funding]) => funding.status === 'completed' && funding.row.approvedPence);
  for (const [index, [contractId, funding]] of completed.slice(0, 3).entries()) {
    const approvedInvoicesPence = invoices
      .filter((invoice) => invoice.contractId === contractId && (invoice.status === 'approved' || invoice.status === 'paid'))
      .reduce((sum, invoice) => sum + invoice.amountPence!, 0);
    const claimedPence = Math.min(funding.row.approvedPence!, approvedInvoicesPence);
    if (claimedPence <= 0) continue;
    const claimedOn = [addDays(funding.endedOn!, 45), today].sort()[0];
    Object.assign(funding.row, {
      status: index === 2 ? 'closed' : 'claimed',
      claimedPence,
      claimedOn,
      closedOn: index === 2 ? [addDays(claimedOn, 30), today].sort()[0] : null,
    });
  }
}
