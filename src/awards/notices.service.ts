import { Clock } from '../common/clock/clock';
import { ConflictException, Injectable } from '@nestjs/common';
import { DataSource } from 'typeorm';
import { AuditService } from '../audit/audit.service';
import { assertOwnsAgencyRecord } from '../common/auth/ownership';
import type { SignedInUser } from '../common/auth/signed-in-user';
import { londonDate } from '../common/calendar/working-days';
import { findOneJoined } from '../common/database/find-one-joined';
import { FormInvalidError } from '../common/forms/form-invalid.error';
import { formatIsoDate } from '../common/views/format';
import { Award } from './award.entity';
import { AwardsService } from './awards.service';
import { Notice } from './notice.entity';
import { UserChoiceService } from './user-choice.service';

/** One notice for its agency's commissioners, and recording its publication (audited). */
@Injectable()
export class NoticesService {
  constructor(
    private readonly clock: Clock,
    private readonly dataSource: DataSource,
    private readonly awards: AwardsService,
    private readonly userChoice: UserChoiceService,
    private readonly audit: AuditService,
  ) {}

  async detail(user: SignedInUser, id: string) {
    const notice = assertOwnsAgencyRecord(
      user,
      await findOneJoined(this.dataSource.manager, Notice, { where: { id }, relations: { requirement: true, provider: true, award: true } }),
    );
    return { notice };
  }

  /**
   * The commissioner records the day the notice went out on the Central
   * Digital Platform. A contract award notice then starts the contract's
   * standstill, or makes the award final if it needs none.
   */
  async publish(user: SignedInUser, id: string, publishedOn: string): Promise<Notice> {
    return this.dataSource.transaction(async (manager) => {
      const notice = assertOwnsAgencyRecord(user, await manager.findOne(Notice, { where: { id }, lock: { mode: 'pessimistic_write' } }));
      if (notice.publishedOn) throw new ConflictException(`This notice was already recorded as published on ${formatIsoDate(notice.publishedOn)}`);
      const award = await manager.findOneByOrFail(Award, { id: notice.awardId });
      if (award.status === 'withdrawn') throw new ConflictException('The award this notice is for has been withdrawn');
      if (publishedOn > this.clock.today()) throw FormInvalidError.forField('publishedOn', 'The date the notice was published must be today or in the past');
      const decidedOn = londonDate(award.decidedAt);
      if (publishedOn < decidedOn)
        throw FormInvalidError.forField('publishedOn', `The date the notice was published must be on or after the award decision, ${formatIsoDate(decidedOn)}`);
      await manager.update(Notice, id, { publishedOn, publishedAt: this.clock.now(), publishedByUserId: user.id });
      await this.audit.record(manager, {
        action: 'notice.published',
        entityType: notice.contractId ? 'contract' : 'requirement',
        entityId: notice.contractId ?? notice.requirementId,
        before: { publishedOn: null },
        after: { noticeId: id, type: notice.type, publishedOn, dueOn: notice.dueOn },
      });
      // Issue 22: a direct award waits for every notice due before its contract; a competition's for its contract award notice.
      if (award.method === 'user_choice') await this.userChoice.noticePublished(manager, notice.awardId);
      else if (notice.type === 'contract_award_notice') await this.awards.contractAwardNoticePublished(manager, notice.awardId, publishedOn);
      return { ...notice, publishedOn };
    });
  }
}
