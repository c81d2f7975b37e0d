import { Clock } from '../common/clock/clock';
import { ConflictException, Injectable } from '@nestjs/common';
import { DataSource } from 'typeorm';
import { AwardRepository } from './award.repository';
import { NoticeRepository } from './notice.repository';
import { AuditService } from '../audit/audit.service';
import { assertOwnsAgencyRecord } from '../common/auth/ownership';
import type { SignedInUser } from '../common/auth/signed-in-user';
import { londonDate } from '../common/calendar/working-days';
import { FormInvalidError } from '../common/forms/form-invalid.error';
import { formatIsoDate } from '../common/views/format';
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
    private readonly notices: NoticeRepository,
    private readonly awardRecords: AwardRepository,
  ) {}

  async detail(user: SignedInUser, id: string) {
    const notice = assertOwnsAgencyRecord(user, await this.notices.findWithParties(id));
    return { notice };
  }

  /**
   * The commissioner records the day the notice went out on the Central
   * Digital Platform. A contract award notice then starts the contract's
   * standstill, or makes the award final if it needs none.
   */
  async publish(user: SignedInUser, id: string, publishedOn: string): Promise<Notice> {
    return this.dataSource.transaction(async (manager) => {
      const notice = assertOwnsAgencyRecord(user, await this.notices.findForUpdate(id, manager));
      if (notice.publishedOn) throw new ConflictException(`This notice was already recorded as published on ${formatIsoDate(notice.publishedOn)}`);
      const award = await this.awardRecords.findByIdOrFail(notice.awardId, manager);
      if (award.status === 'withdrawn') throw new ConflictException('The award this notice is for has been withdrawn');
      if (publishedOn > this.clock.today()) throw FormInvalidError.forField('publishedOn', 'The date the notice was published must be today or in the past');
      const decidedOn = londonDate(award.decidedAt);
      if (publishedOn < decidedOn)
        throw FormInvalidError.forField('publishedOn', `The date the notice was published must be on or after the award decision, ${formatIsoDate(decidedOn)}`);
      await this.notices.markPublished(manager, id, { publishedOn, publishedAt: this.clock.now(), publishedByUserId: user.id });
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
