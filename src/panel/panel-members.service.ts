import { Injectable, NotFoundException } from '@nestjs/common';
import { DataSource } from 'typeorm';
import { AuditService } from '../audit/audit.service';
import { partnershipIdOf } from '../common/auth/partnership';
import type { SignedInUser } from '../common/auth/signed-in-user';
import { FormInvalidError } from '../common/forms/form-invalid.error';
import { User } from '../users/user.entity';
import { PanelMember } from './panel.entities';
import type { Profession } from './quorum';

/** The system admin keeps the partnership's panel membership: who sits, their profession, and who chairs. */
@Injectable()
export class PanelMembersService {
  constructor(
    private readonly dataSource: DataSource,
    private readonly audit: AuditService,
  ) {}

  /**
   * The partnership whose panel the admin is looking at: the one chosen, or
   * their own. A system admin keeps every partnership's panel on one portal.
   */
  async partnershipFor(user: SignedInUser, chosen: unknown): Promise<{ id: string; name: string; choices: Array<{ id: string; name: string }> }> {
    const choices: Array<{ id: string; name: string }> = await this.dataSource.query(`SELECT id, name FROM partnerships ORDER BY name`);
    const ownId = await partnershipIdOf(this.dataSource.manager, user);
    const partnership = choices.find((choice) => choice.id === chosen) ?? choices.find((choice) => choice.id === ownId)!;
    return { ...partnership, choices };
  }

  async list(partnershipId: string) {
    const members: Array<{
      id: string;
      fullName: string;
      email: string;
      agency: string;
      profession: Profession;
      isChair: boolean;
      isAlternateChair: boolean;
      active: boolean;
    }> = await this.dataSource.query(
      `SELECT m.id, u.full_name AS "fullName", u.email, a.name AS agency, m.profession, m.is_chair AS "isChair", m.is_alternate_chair AS "isAlternateChair", m.active
         FROM panel_members m JOIN users u ON u.id = m.user_id JOIN agencies a ON a.id = m.agency_id
        WHERE m.partnership_id = $1 ORDER BY m.active DESC, u.full_name`,
      [partnershipId],
    );
    const candidates: Array<{ id: string; fullName: string; agency: string }> = await this.dataSource.query(
      `SELECT u.id, u.full_name AS "fullName", a.name AS agency FROM users u JOIN agencies a ON a.id = u.agency_id AND a.partnership_id = $1
        WHERE 'panel_member' = ANY(u.roles) AND u.status = 'active' AND NOT EXISTS (SELECT 1 FROM panel_members m WHERE m.user_id = u.id)
        ORDER BY u.full_name`,
      [partnershipId],
    );
    return { members, candidates };
  }

  async add(partnershipId: string, form: { userId: string; profession: Profession; isChair: boolean; isAlternateChair: boolean }): Promise<void> {
    if (form.isChair && form.isAlternateChair) throw FormInvalidError.forField('isAlternateChair', 'Select chair or alternate chair, not both');
    await this.dataSource.transaction(async (manager) => {
      const candidate = await manager
        .createQueryBuilder(User, 'user')
        .innerJoin('agencies', 'agency', 'agency.id = user.agency_id AND agency.partnership_id = :partnershipId', { partnershipId })
        .where(`user.id = :id AND 'panel_member' = ANY(user.roles) AND user.status = 'active'`, { id: form.userId })
        .getOne();
      if (!candidate) throw FormInvalidError.forField('userId', 'Select a person with the panel member role in your partnership');
      const inserted = await manager
        .createQueryBuilder()
        .insert()
        .into(PanelMember)
        .values({
          userId: candidate.id,
          partnershipId,
          agencyId: candidate.agencyId!,
          profession: form.profession,
          isChair: form.isChair,
          isAlternateChair: form.isAlternateChair,
        })
        .orIgnore()
        .returning('id')
        .execute();
      if (!inserted.raw.length) throw FormInvalidError.forField('userId', `${candidate.fullName} is already on the panel`);
      await this.audit.record(manager, {
        action: 'panel_member.added',
        entityType: 'panel_member',
        entityId: inserted.raw[0].id,
        after: { userId: candidate.id, profession: form.profession, isChair: form.isChair, isAlternateChair: form.isAlternateChair },
      });
    });
  }

  /** Stands a member down (or back up), returning their partnership. Their past declarations and scores stay. */
  async setActive(id: string, active: boolean): Promise<string> {
    return this.dataSource.transaction(async (manager) => {
      const member = await manager.findOne(PanelMember, { where: { id }, lock: { mode: 'pessimistic_write' } });
      if (!member) throw new NotFoundException();
      await manager.update(PanelMember, id, { active });
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
