import { Clock } from '../common/clock/clock';
import { Injectable } from '@nestjs/common';
import type { SignedInUser } from '../common/auth/signed-in-user';
import { formatIsoDate } from '../common/views/format';
import { NOTICE_NAMES, NOTICE_SOURCES, noticeTask } from './contract-law';
import { NoticeRepository } from './notice.repository';

/** The notices due for the commissioner's agency, as tasks with due dates (issue 18); overdue ones say so. */
@Injectable()
export class NoticeTasksService {
  constructor(
    private readonly clock: Clock,
    private readonly notices: NoticeRepository,
  ) {}

  async tasks(user: SignedInUser, scope: { requirementId?: string; contractId?: string; outstandingOnly?: boolean }) {
    if (!user.agencyId) return [];
    const rows = await this.notices.tasksFor(user.agencyId, scope);
    const today = this.clock.today();
    return rows.map((row) => {
      const overdue = !row.published_on && row.due_on !== null && row.due_on < today;
      return {
        id: row.id,
        href: `/notices/${row.id}`,
        dueOn: row.due_on,
        published: !!row.published_on,
        overdue,
        // The govuk/task-list item.
        title: {
          text: row.published_on
            ? `The ${NOTICE_NAMES[row.type]} was published on ${formatIsoDate(row.published_on)}`
            : noticeTask(row.type, row.due_on, formatIsoDate),
        },
        hint: { text: `${row.title}. ${NOTICE_SOURCES[row.type]}` },
        status: {
          tag: row.published_on
            ? { text: 'Published', classes: 'govuk-tag--green' }
            : overdue
              ? { text: 'Overdue', classes: 'govuk-tag--red' }
              : { text: 'To do', classes: 'govuk-tag--blue' },
        },
      };
    });
  }
}
