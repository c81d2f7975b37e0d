import { Clock } from '../common/clock/clock';
import { ConflictException, ForbiddenException, Injectable, NotFoundException } from '@nestjs/common';
import { DataSource, EntityManager } from 'typeorm';
import { AuditService } from '../audit/audit.service';
import { bidsSealed } from '../bids/sealed-bid-gate';
import type { SignedInUser } from '../common/auth/signed-in-user';
import { PageRequest, toPage } from '../common/http/pagination';
import { isoDate } from '../common/forms/date-parts';
import { FieldError, FormInvalidError } from '../common/forms/form-invalid.error';
import type { Requirement } from '../competitions/requirement.entity';
import { NotificationsService } from '../notifications/notifications.service';
import { PanelMember } from '../panel/panel.entities';
import { bidAccess, BidAccess, Capacity, capacitiesOn } from './conflict-rules';
import { ConflictDeclaration } from './conflict.entities';
import { transitionRequirement } from '../competitions/requirement-transition';
import { Bidder, ConflictDeclarationRepository } from './conflict-declaration.repository';

export type { Bidder } from './conflict-declaration.repository';

export interface AmendDeclaration {
  decision: 'none' | 'conflict';
  nature?: string;
  changedOn: unknown;
  reason: string;
  mitigation?: string;
}

/** The requirement as the person acts on it: the capacities they hold, and whether its bids are open yet. */
export interface ConflictsContext {
  requirement: Requirement;
  partnershipId: string;
  capacities: Capacity[];
  panelMember: PanelMember | null;
  /** Bids are open (the deadline has passed, by the database's clock): bidders are known. */
  biddersKnown: boolean;
}

export const CONFLICT_REFUSED = 'You declared a conflict of interest, so you cannot see the bids or scores for this requirement';
export const DECLARE_FIRST = 'Declare any conflicts of interest before you see the bids';

/**
 * BR-9 for everyone who sees bids (PA 2023 ss.81-83): commissioners, panel
 * members and framework managers declare, per bidder, before they see bid
 * content; a conflict excludes them from every bid on the requirement; any
 * declaration can be amended later with a date and a reason, keeping every
 * version; and the conflicts assessment lists them all.
 */
@Injectable()
export class ConflictsService {
  constructor(
    private readonly clock: Clock,
    private readonly dataSource: DataSource,
    private readonly notifications: NotificationsService,
    private readonly audit: AuditService,
    private readonly repository: ConflictDeclarationRepository,
  ) {}

  /** The requirement and the capacities this person acts in on it; 404 if they act in none (another agency or partnership). */
  async context(user: SignedInUser, requirementId: string, manager: EntityManager = this.dataSource.manager): Promise<ConflictsContext> {
    const requirement = await this.repository.findRequirementWithParties(requirementId, manager);
    if (!requirement || !user.agencyId || requirement.status === 'draft') throw new NotFoundException();
    const [ownPartnershipId, panelMember] = await Promise.all([
      this.repository.partnershipOfAgency(user.agencyId, manager),
      this.repository.findActivePanelMember(user.id, manager),
    ]);
    const capacities = capacitiesOn(
      {
        roles: user.roles,
        agencyId: user.agencyId,
        partnershipId: ownPartnershipId,
        activePanelMember: panelMember?.partnershipId === requirement.agency!.partnershipId,
      },
      { agencyId: requirement.agencyId, partnershipId: requirement.agency!.partnershipId },
    );
    if (capacities.length === 0) throw new NotFoundException();
    const biddersKnown = !(await bidsSealed(manager, requirementId));
    return {
      requirement,
      partnershipId: requirement.agency!.partnershipId,
      capacities,
      panelMember: capacities.includes('panel_member') ? panelMember : null,
      biddersKnown,
    };
  }

  /**
   * The requirements whose bids have opened that this person acts on, with
   * how many declarations and conflicts each has: the partnership's for a
   * framework manager or panel member, the agency's own for a commissioner.
   */
  async register(user: SignedInUser, pageRequest: PageRequest) {
    const [ownPartnershipId, panelMember] = await Promise.all([
      user.agencyId ? this.repository.partnershipOfAgency(user.agencyId) : Promise.resolve(null),
      this.repository.findActivePanelMember(user.id),
    ]);
    if (!ownPartnershipId) throw new ForbiddenException();
    const partnershipWide =
      user.roles.includes('framework_manager') || (user.roles.includes('panel_member') && panelMember?.partnershipId === ownPartnershipId);
    // Someone with the panel role but no seat on the panel acts on nothing.
    if (!partnershipWide && !user.roles.includes('commissioner')) return toPage([], 0, pageRequest, '/conflicts');
    const rows = await this.repository.registerPage(ownPartnershipId, partnershipWide ? null : user.agencyId, pageRequest);
    return toPage(rows, rows[0]?.total ?? 0, pageRequest, '/conflicts');
  }

  /** Bidder names only: what anyone sees before declaring. Empty while bids are sealed. */
  bidders(manager: EntityManager, requirementId: string): Promise<Bidder[]> {
    return this.repository.openedBidders(requirementId, manager);
  }

  /** This person's current declarations on the requirement, one per bidder. */
  declarations(manager: EntityManager, requirementId: string, userId: string): Promise<ConflictDeclaration[]> {
    return this.repository.findCurrentFor(requirementId, userId, manager);
  }

  /** Whether this person may read the requirement's bids now. */
  async access(manager: EntityManager, requirementId: string, userId: string): Promise<BidAccess> {
    const [declarations, bidders] = await Promise.all([this.declarations(manager, requirementId, userId), this.bidders(manager, requirementId)]);
    return bidAccess(
      declarations,
      bidders.map((bidder) => bidder.providerId),
    );
  }

  /** Refuses bid content to anyone who has not declared on every bidder, or declared a conflict (BR-9). */
  async assertMayReadBids(manager: EntityManager, requirementId: string, userId: string): Promise<void> {
    const access = await this.access(manager, requirementId, userId);
    if (access === 'undeclared') throw new ConflictException(DECLARE_FIRST);
    if (access === 'conflicted') throw new ForbiddenException(CONFLICT_REFUSED);
  }

  /**
   * Records a declaration for every bidder at once, before any bid content
   * is seen, in the capacities the person acts in. It is amended, never
   * replaced. A conflicted panel member is told by email which requirement
   * they are excluded from. Runs in the caller's transaction, which has
   * locked the requirement.
   */
  async declareIn(manager: EntityManager, user: SignedInUser, context: ConflictsContext, body: Record<string, unknown>): Promise<{ conflicted: boolean }> {
    const { requirement } = context;
    if (!context.biddersKnown) throw new NotFoundException();
    if (await this.repository.hasDeclared(requirement.id, user.id, manager)) {
      throw new ConflictException('You have already declared your interests for this requirement. Amend a declaration instead');
    }
    const bidders = await this.bidders(manager, requirement.id);
    const errors: FieldError[] = [];
    const rows: Array<{ providerId: string; conflicted: boolean; nature: string | null }> = [];
    for (const bidder of bidders) {
      const decision = body[`conflict-${bidder.providerId}`];
      const nature = typeof body[`nature-${bidder.providerId}`] === 'string' ? String(body[`nature-${bidder.providerId}`]).trim() : '';
      if (decision !== 'none' && decision !== 'conflict')
        errors.push({
          field: `conflict-${bidder.providerId}`,
          href: `#conflict-${bidder.providerId}`,
          text: `Select whether you have a conflict of interest with ${bidder.name}`,
        });
      else if (decision === 'conflict' && !nature)
        errors.push({
          field: `nature-${bidder.providerId}`,
          href: `#nature-${bidder.providerId}`,
          text: `Describe your conflict of interest with ${bidder.name}`,
        });
      else if (nature.length > 1000)
        errors.push({ field: `nature-${bidder.providerId}`, href: `#nature-${bidder.providerId}`, text: 'Description must be 1,000 characters or fewer' });
      else rows.push({ providerId: bidder.providerId, conflicted: decision === 'conflict', nature: decision === 'conflict' ? nature : null });
    }
    if (errors.length) throw new FormInvalidError(errors);
    for (const row of rows) {
      await this.repository.recordFirst(manager, { ...row, requirementId: requirement.id, userId: user.id, capacities: context.capacities });
    }
    const conflicted = rows.some((row) => row.conflicted);
    await this.audit.record(manager, {
      action: 'conflict.declared',
      entityType: 'requirement',
      entityId: requirement.id,
      after: {
        userId: user.id,
        panelMemberId: context.panelMember?.id ?? null,
        capacities: context.capacities,
        conflicted,
        declarations: rows.map(({ providerId, conflicted: isConflicted }) => ({ providerId, conflicted: isConflicted })),
      },
    });
    if (conflicted && context.panelMember) await this.tellExcluded(manager, user, requirement, `panel-excluded:${requirement.id}:${context.panelMember.id}`);
    // A panel member's first declaration starts the evaluation, whichever page it was made on.
    if (context.panelMember && requirement.status === 'closed') {
      await transitionRequirement(manager, requirement.id, 'closed', 'evaluating');
      await this.audit.record(manager, {
        action: 'requirement.evaluation_started',
        entityType: 'requirement',
        entityId: requirement.id,
        before: { status: 'closed' },
        after: { status: 'evaluating' },
      });
    }
    return { conflicted };
  }

  /** Declares outside the panel (a commissioner or framework manager): any time once bids have opened. */
  async declare(user: SignedInUser, requirementId: string, body: Record<string, unknown>): Promise<{ conflicted: boolean; capacities: Capacity[] }> {
    return this.dataSource.transaction(async (manager) => {
      await this.repository.lockRequirement(manager, requirementId);
      const context = await this.context(user, requirementId, manager);
      return { ...(await this.declareIn(manager, user, context, body)), capacities: context.capacities };
    });
  }

  /** What the declaration page needs: the bidders (none while sealed) and any declarations already made. */
  async declarationPage(user: SignedInUser, requirementId: string) {
    const manager = this.dataSource.manager;
    const context = await this.context(user, requirementId, manager);
    if (!context.biddersKnown) return { context, bidders: [], declarations: [] };
    const [bidders, declarations] = await Promise.all([this.bidders(manager, requirementId), this.declarations(manager, requirementId, user.id)]);
    return { context, bidders, declarations };
  }

  /** One of this person's own declarations, with its requirement; 404 for anyone else's. */
  async ownDeclaration(user: SignedInUser, requirementId: string, declarationId: string, manager: EntityManager = this.dataSource.manager) {
    const context = await this.context(user, requirementId, manager);
    const declaration = await this.repository.findOwn(requirementId, declarationId, user.id, manager);
    if (!declaration) throw new NotFoundException();
    const providerName = await this.repository.providerName(declaration.providerId, manager);
    return { ...context, declaration, providerName: providerName ?? 'Bidder' };
  }

  /**
   * Amends one declaration (PA 2023 s.81(1): conflicts are kept under
   * review): a new version with the date the interest arose or changed and
   * the reason, the earlier versions kept. Becoming conflicted excludes the
   * person from that moment; the amendment is audited.
   */
  async amend(user: SignedInUser, requirementId: string, declarationId: string, form: AmendDeclaration): Promise<{ conflicted: boolean }> {
    return this.dataSource.transaction(async (manager) => {
      await this.repository.lockDeclaration(manager, declarationId);
      const { declaration, requirement, panelMember, providerName } = await this.ownDeclaration(user, requirementId, declarationId, manager);
      const conflicted = form.decision === 'conflict';
      const changedOn = isoDate(form.changedOn);
      if (changedOn > this.clock.today())
        throw FormInvalidError.forField('changedOn', 'The date the interest arose or changed must be today or in the past', { href: '#changedOn-day' });
      const nature = conflicted ? form.nature!.trim() : null;
      if (conflicted === declaration.conflicted && nature === declaration.nature) {
        throw FormInvalidError.forField('decision', `Change your declaration about ${providerName}, or go back without amending it`);
      }
      const version = declaration.version + 1;
      await this.repository.recordAmendment(manager, declarationId, {
        version,
        conflicted,
        nature,
        changedOn,
        reason: form.reason,
        mitigation: form.mitigation ?? null,
        recordedByUserId: user.id,
      });
      await this.audit.record(manager, {
        action: 'conflict.amended',
        entityType: 'requirement',
        entityId: requirement.id,
        before: { declarationId, version: declaration.version, conflicted: declaration.conflicted },
        after: { declarationId, version, conflicted, providerId: declaration.providerId, changedOn },
      });
      if (conflicted && !declaration.conflicted && panelMember)
        await this.tellExcluded(manager, user, requirement, `panel-excluded:${requirement.id}:${panelMember.id}:v${version}`);
      return { conflicted };
    });
  }

  private async tellExcluded(manager: EntityManager, user: SignedInUser, requirement: Requirement, eventKey: string) {
    await this.notifications.queue(manager, {
      to: user.email,
      template: 'panel-excluded',
      data: { fullName: user.fullName, title: requirement.title },
      eventKey,
    });
  }

  /**
   * The conflicts assessment for a requirement (PA 2023 s.83): every
   * declaration with its versions, and who acts on the requirement but has
   * not declared. Bidders are not named while bids are sealed.
   */
  async assessment(user: SignedInUser, requirementId: string) {
    const manager = this.dataSource.manager;
    const context = await this.context(user, requirementId, manager);
    if (!context.biddersKnown) return { ...context, bidders: [], declarations: [], versions: [], undeclared: [], mine: [] };
    const [bidders, declarations] = await Promise.all([this.bidders(manager, requirementId), this.repository.assessmentDeclarations(requirementId, manager)]);
    const versions = await this.repository.versionsOf(
      declarations.map((declaration) => declaration.id),
      manager,
    );
    // Who acts on the requirement but has not declared: the owning agency's commissioners and the partnership's active panel members.
    const undeclared = await this.repository.undeclared(requirementId, context.requirement.agencyId, context.partnershipId, manager);
    return { ...context, bidders, declarations, versions, undeclared, mine: declarations.filter((declaration) => declaration.userId === user.id) };
  }
}
