import { Injectable, NotFoundException } from '@nestjs/common';
import { DataSource } from 'typeorm';
import { AuditService } from '../audit/audit.service';
import { partnershipIdOf } from '../common/auth/partnership.repository';
import type { SignedInUser } from '../common/auth/signed-in-user';
import { FormInvalidError } from '../common/forms/form-invalid.error';
import { PanelMemberRepository } from './panel-member.repository';
import type { Profession } from './quorum';

/** The system admin keeps the partnership's panel membership: who sits, their profession, and who chairs. */
@Injectable()
export class PanelMembersService {
  constructor(
    private readonly dataSource: DataSource,
    private readonly audit: AuditService,
    private readonly members: PanelMemberRepository,
  ) {}

  /**
   * The partnership whose panel the admin is looking at: the one chosen, or
   * their own. A system admin keeps every partnership's panel on one portal.
   */
  async partnershipFor(user: SignedInUser, chosen: unknown): Promise<{ id: string; name: string; choices: Array<{ id: string; name: string }> }> {
    const choices = await this.members.partnershipChoices();
    const ownId = await partnershipIdOf(this.dataSource.manager, user);
    const partnership = choices.find((choice) => choice.id === chosen) ?? choices.find((choice) => choice.id === ownId)!;
    return { ...partnership, choices };
  }

  async list(partnershipId: string) {
    const members = await this.members.listingFor(partnershipId);
    const candidates = await this.members.candidatesFor(partnershipId);
    return { members, candidates };
  }

  async add(partnershipId: string, form: { userId: string; profession: Profession; isChair: boolean; isAlternateChair: boolean }): Promise<void> {
    if (form.isChair && form.isAlternateChair) throw FormInvalidError.forField('isAlternateChair', 'Select chair or alternate chair, not both');
    await this.dataSource.transaction(async (manager) => {
      const candidate = await this.members.findCandidate(partnershipId, form.userId, manager);
      if (!candidate) throw FormInvalidError.forField('userId', 'Select a person with the panel member role in your partnership');
      const memberId = await this.members.addMember(manager, {
        userId: candidate.id,
        partnershipId,
        agencyId: candidate.agencyId!,
        profession: form.profession,
        isChair: form.isChair,
        isAlternateChair: form.isAlternateChair,
      });
      if (!memberId) throw FormInvalidError.forField('userId', `${candidate.fullName} is already on the panel`);
      await this.audit.record(manager, {
        action: 'panel_member.added',
        entityType: 'panel_member',
        entityId: memberId,
        after: { userId: candidate.id, profession: form.profession, isChair: form.isChair, isAlternateChair: form.isAlternateChair },
      });
    });
  }

  /** Stands a member down (or back up), returning their partnership. Their past declarations and scores stay. */
  async setActive(id: string, active: boolean): Promise<string> {
    return this.dataSource.transaction(async (manager) => {
      const member = await this.members.lockById(manager, id);
      if (!member) throw new NotFoundException();
      await this.members.setActive(manager, id, active);
      await this.audit.record(manager, {
        action: active ? 'panel_member.reactivated' : 'panel_member.stood_down',
        entityType: 'panel_member',
        entityId: id,
        before: { active: member.active },
        after: { active },
      });
      return member.partnershipId;
    });
  }
}
