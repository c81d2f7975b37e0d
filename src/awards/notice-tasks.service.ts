import { Clock } from '../common/clock/clock';
import { Injectable } from '@nestjs/common';
import { DataSource } from 'typeorm';
import type { SignedInUser } from '../common/auth/signed-in-user';
import { formatIsoDate } from '../common/views/format';
import { NOTICE_NAMES, NOTICE_SOURCES, NoticeType, noticeTask } from './contract-law';

interface NoticeRow {
  id: string;
  type: NoticeType;
  due_on: string | null;
  published_on: string | null;
  title: string;
  requirement_id: string;
  contract_id: string | null;
}

/** The notices due for the commissioner's agency, as tasks with due dates (issue 18); overdue ones say so. */
@Injectable()
export class NoticeTasksService {
  constructor(
    private readonly clock: Clock,
    private readonly dataSource: DataSource,
  ) {}

  async tasks(user: SignedInUser, scope: { requirementId?: string; contractId?: string; outstandingOnly?: boolean }) {
    if (!user.agencyId) return [];
    const conditions = [`n.agency_id = $1`, `a.status <> 'withdrawn'`];
    const parameters: unknown[] = [user.agencyId];
    if (scope.requirementId) conditions.push(`n.requirement_id = $${parameters.push(scope.requirementId)}`);
    if (scope.contractId) conditions.push(`n.contract_id = $${parameters.push(scope.contractId)}`);
    if (scope.outstandingOnly) conditions.push(`n.published_on IS NULL`);
    const rows: NoticeRow[] = await this.dataSource.query(
      `SELECT n.id, n.type, n.due_on::text AS due_on, n.published_on::text AS published_on, r.title, n.requirement_id, n.contract_id
         FROM notices n JOIN awards a ON a.id = n.award_id JOIN requirements r ON r.id = n.requirement_id
        WHERE ${conditions.join(' AND ')}
        ORDER BY n.published_on NULLS FIRST, n.due_on NULLS FIRST, n.created_at LIMIT 50`,
      parameters,
    );
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
