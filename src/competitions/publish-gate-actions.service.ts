import { ConflictException, ForbiddenException, Injectable, NotFoundException } from '@nestjs/common';
import { DataSource, EntityManager } from 'typeorm';
import { Agency } from '../agencies/agency.entity';
import { AuditService } from '../audit/audit.service';
import { assertOwnsAgencyRecord } from '../common/auth/ownership';
import { hasRole, SignedInUser } from '../common/auth/signed-in-user';
import { PanelRequest } from '../panel/panel-request.entity';
import { canRequestApproval } from './publish-blockers';
import { PublishGatesService } from './publish-gates.service';
import { RequirementApprovalEvent } from './requirement-approval.entity';
import { requirementProblems } from './requirement-sections';
import { Requirement, RequirementCaseDetails } from './requirement.entity';
import { RequirementsService } from './requirements.service';

/** Sending a requirement for approval, approving or returning it, and asking the panel: the steps before publishing. */
@Injectable()
export class PublishGateActionsService {
  constructor(
    private readonly dataSource: DataSource,
    private readonly requirements: RequirementsService,
    private readonly publishGates: PublishGatesService,
    private readonly audit: AuditService,
  ) {}

  /** A complete draft of the commissioner's own agency, locked, with what it waits for. */
  private async ownCompleteDraft(user: SignedInUser, id: string, manager: EntityManager) {
    const requirement = assertOwnsAgencyRecord(user, await manager.findOne(Requirement, { where: { id }, lock: { mode: 'pessimistic_write' } }));
    if (requirement.status !== 'draft') throw new ConflictException('This requirement has been published');
    const caseDetails = await manager.findOneBy(RequirementCaseDetails, { requirementId: id });
    const outstanding = Object.values(requirementProblems(requirement, !!caseDetails)).flat();
    if (outstanding.length) throw new ConflictException(`Complete every section first: ${outstanding.join('; ')}`);
    const { result } = await this.requirements.fundingCheck(manager, requirement, caseDetails);
    return { requirement, ...(await this.publishGates.gates(manager, requirement, result)) };
  }

  async requestApproval(user: SignedInUser, id: string): Promise<void> {
    await this.dataSource.transaction(async (manager) => {
      const { approval } = await this.ownCompleteDraft(user, id, manager);
      if (approval.state === 'not_required') throw new ConflictException('Your agency does not require approval before publishing');
      if (!canRequestApproval(approval))
        throw new ConflictException(
          approval.state === 'approved' ? 'This requirement is already approved' : 'This requirement is already waiting for approval',
        );
      await manager.save(RequirementApprovalEvent, { requirementId: id, kind: 'requested' as const, comments: null, userId: user.id });
      await this.audit.record(manager, {
        action: 'requirement.approval_requested',
        entityType: 'requirement',
        entityId: id,
        before: { approval: approval.state },
        after: { approval: 'waiting' },
      });
    });
  }

  /** Asks the panel for each decision the requirement needs and does not have, waiting or deferred. */
  async askPanel(user: SignedInUser, id: string): Promise<number> {
    return this.dataSource.transaction(async (manager) => {
      const { requirement, panelNeeds, gates } = await this.ownCompleteDraft(user, id, manager);
      const toAsk = panelNeeds.filter((need) => gates.find((gate) => gate.key === `panel-${need.kind}`)?.action);
      if (toAsk.length === 0)
        throw new ConflictException(panelNeeds.length ? 'The panel already has this request' : 'This requirement does not need a panel decision');
      const agency = await manager.findOneByOrFail(Agency, { id: requirement.agencyId });
      for (const need of toAsk) {
        const saved = await manager.save(PanelRequest, {
          requirementId: id,
          partnershipId: agency.partnershipId,
          agencyId: agency.id,
          kind: need.kind,
          excessPence: need.excessPence,
          status: 'pending' as const,
          requestedByUserId: user.id,
        });
        await this.audit.record(manager, {
          action: 'panel_request.created',
          entityType: 'requirement',
          entityId: id,
          after: { panelRequestId: saved.id, kind: need.kind, excessPence: need.excessPence },
        });
      }
      return toAsk.length;
    });
  }

  /**
   * Who approves: a commissioner of the same agency, or a framework manager
   * of the same partnership, but never the requirement's author or whoever
   * sent it for approval.
   */
  private async scopeOf(manager: EntityManager, user: SignedInUser): Promise<{ clause: string; params: unknown[] }> {
    if (!user.agencyId) throw new NotFoundException();
    if (hasRole(user, 'framework_manager')) {
      const agency = await manager.findOneByOrFail(Agency, { id: user.agencyId });
      return { clause: `ag.partnership_id = $1`, params: [agency.partnershipId] };
    }
    return { clause: `ag.id = $1`, params: [user.agencyId] };
  }

  /** Drafts waiting for approval that this user may approve. */
  async queue(user: SignedInUser) {
    const manager = this.dataSource.manager;
    const scope = await this.scopeOf(manager, user);
    const rows: Array<{ id: string; title: string; agency: string; requestedBy: string; requestedAt: Date }> = await manager.query(
      `SELECT r.id, r.title, ag.name AS agency, u.full_name AS "requestedBy", e.created_at AS "requestedAt"
         FROM requirements r JOIN agencies ag ON ag.id = r.agency_id
         JOIN LATERAL (SELECT * FROM requirement_approval_events x WHERE x.requirement_id = r.id ORDER BY x.created_at DESC, x.id DESC LIMIT 1) e ON e.kind = 'requested'
         JOIN users u ON u.id = e.user_id
        WHERE ${scope.clause} AND r.status = 'draft' AND ag.publish_approval_required AND r.created_by_user_id <> $2 AND e.user_id <> $2
        ORDER BY e.created_at LIMIT 200`,
      [...scope.params, user.id],
    );
    return rows;
  }

  /** A requirement the user may review for approval; another partnership's, or another agency's for a commissioner, is not found. */
  async forApprover(user: SignedInUser, id: string, manager: EntityManager = this.dataSource.manager, lock = false) {
    const scope = await this.scopeOf(manager, user);
    const [visible] = await manager.query(`SELECT r.id FROM requirements r JOIN agencies ag ON ag.id = r.agency_id WHERE ${scope.clause} AND r.id = $2`, [
      ...scope.params,
      id,
    ]);
    if (!visible) throw new NotFoundException();
    const requirement = await manager.findOneOrFail(Requirement, { where: { id }, ...(lock ? { lock: { mode: 'pessimistic_write' as const } } : {}) });
    const full = lock
      ? requirement
      : await manager.findOneOrFail(Requirement, { where: { id }, relations: { therapyType: true, area: true, framework: true } });
    const caseDetails = await manager.findOneBy(RequirementCaseDetails, { requirementId: id });
    const { result } = await this.requirements.fundingCheck(manager, requirement, caseDetails);
    const gates = await this.publishGates.gates(manager, requirement, result);
    const [requester] = await manager.query(
      `SELECT user_id FROM requirement_approval_events WHERE requirement_id = $1 AND kind = 'requested' ORDER BY created_at DESC, id DESC LIMIT 1`,
      [id],
    );
    const own = requirement.createdByUserId === user.id || requester?.user_id === user.id;
    return { requirement: full, gates, own };
  }

  async decide(user: SignedInUser, id: string, decision: { outcome: 'approved' | 'returned'; comments?: string }): Promise<void> {
    await this.dataSource.transaction(async (manager) => {
      const { requirement, gates, own } = await this.forApprover(user, id, manager, true);
      if (own) throw new ForbiddenException('You wrote or sent this requirement for approval, so someone else must approve it');
      if (requirement.status !== 'draft' || gates.approval.state !== 'waiting') throw new ConflictException('This requirement is not waiting for approval');
      await manager.save(RequirementApprovalEvent, {
        requirementId: id,
        kind: decision.outcome,
        comments: decision.outcome === 'returned' ? decision.comments! : null,
        userId: user.id,
      });
      // The comments are about the requirement, which may describe the child: the audit keeps the fact, not the text.
      await this.audit.record(manager, {
        action: `requirement.approval_${decision.outcome}`,
        entityType: 'requirement',
        entityId: id,
        before: { approval: 'waiting' },
        after: { approval: decision.outcome },
      });
    });
  }
}
