import { Injectable } from '@nestjs/common';
import { DataSource, EntityManager, IsNull } from 'typeorm';
import { findOneJoined } from '../common/database/find-one-joined';
import type { NoticeType } from './contract-law';
import { Notice } from './notice.entity';

/** A notice as it falls due. */
export type NewNotice = Pick<Notice, 'type' | 'requirementId' | 'awardId' | 'agencyId' | 'providerId' | 'valuePence' | 'valueIncludingVatPence' | 'dueOn'> &
  Partial<Pick<Notice, 'contractId'>>;

/** One notice in the agency's task list. */
export interface NoticeTaskRow {
  id: string;
  type: NoticeType;
  due_on: string | null;
  published_on: string | null;
  title: string;
  requirement_id: string;
  contract_id: string | null;
}

/** The notices table. */
@Injectable()
export class NoticeRepository {
  constructor(private readonly dataSource: DataSource) {}

  insertNotice(manager: EntityManager, values: NewNotice): Promise<Notice> {
    return manager.save(Notice, values);
  }

  markPublished(manager: EntityManager, id: string, values: Pick<Notice, 'publishedOn' | 'publishedAt' | 'publishedByUserId'>): Promise<unknown> {
    return manager.update(Notice, id, values);
  }

  /** The notice with its requirement, provider and award. */
  findWithParties(id: string, manager: EntityManager = this.dataSource.manager): Promise<Notice | null> {
    return findOneJoined(manager, Notice, { where: { id }, relations: { requirement: true, provider: true, award: true } });
  }

  findForUpdate(id: string, manager: EntityManager): Promise<Notice | null> {
    return manager.findOne(Notice, { where: { id }, lock: { mode: 'pessimistic_write' } });
  }

  /** The award's notices still due before its contract (no due date) and not yet published. */
  countOutstandingBeforeContract(awardId: string, manager: EntityManager = this.dataSource.manager): Promise<number> {
    return manager.countBy(Notice, { awardId, dueOn: IsNull(), publishedOn: IsNull() });
  }

  /** The agency's notices of live awards, unpublished first then by due date, at most 50. */
  tasksFor(
    agencyId: string,
    scope: { requirementId?: string; contractId?: string; outstandingOnly?: boolean },
    manager: EntityManager = this.dataSource.manager,
  ): Promise<NoticeTaskRow[]> {
    const conditions = [`n.agency_id = $1`, `a.status <> 'withdrawn'`];
    const parameters: unknown[] = [agencyId];
    if (scope.requirementId) conditions.push(`n.requirement_id = $${parameters.push(scope.requirementId)}`);
    if (scope.contractId) conditions.push(`n.contract_id = $${parameters.push(scope.contractId)}`);
    if (scope.outstandingOnly) conditions.push(`n.published_on IS NULL`);
    return manager.query(
      `SELECT n.id, n.type, n.due_on::text AS due_on, n.published_on::text AS published_on, r.title, n.requirement_id, n.contract_id
         FROM notices n JOIN awards a ON a.id = n.award_id JOIN requirements r ON r.id = n.requirement_id
        WHERE ${conditions.join(' AND ')}
        ORDER BY n.published_on NULLS FIRST, n.due_on NULLS FIRST, n.created_at LIMIT 50`,
      parameters,
    );
  }
}
