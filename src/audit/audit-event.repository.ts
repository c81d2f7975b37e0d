import { Injectable } from '@nestjs/common';
import { Brackets, DataSource, EntityManager } from 'typeorm';
import type { QueryDeepPartialEntity } from 'typeorm/query-builder/QueryPartialEntity';
import { sealedBidEvent } from '../bids/sealed-bid-gate';
import { findPage } from '../common/database/find-page';
import { COUNT_CAP, PageRequest } from '../common/http/pagination';
import { AuditEvent } from './audit-event.entity';

/** An event as it is written: the database stamps its id and time. */
export type NewAuditEvent = Pick<AuditEvent, 'action' | 'entityType' | 'entityId' | 'before' | 'after' | 'actorUserId' | 'actorEmail' | 'requestId'>;

/** What the admins' log is narrowed to. */
export interface AuditEventFilter {
  action?: string;
  entityType?: string;
  actor?: string;
  entityId?: string;
}

/** The audit_events table: the only place with its SQL. */
@Injectable()
export class AuditEventRepository {
  constructor(private readonly dataSource: DataSource) {}

  /** Many events in one insert (per 1,000), with the caller's manager so they commit or roll back with its change. */
  async insertAll(manager: EntityManager, rows: NewAuditEvent[]): Promise<void> {
    for (let start = 0; start < rows.length; start += 1000) {
      await manager.insert(AuditEvent, rows.slice(start, start + 1000) as QueryDeepPartialEntity<AuditEvent>[]);
    }
  }

  /** One page of the log, latest first, less events that would show who is bidding before the deadline (BR-6), and how many (counted up to the cap). */
  listPage(filter: AuditEventFilter, pageRequest: PageRequest, manager: EntityManager = this.dataSource.manager): Promise<[AuditEvent[], number]> {
    const query = manager.createQueryBuilder(AuditEvent, 'event').where(`NOT (${sealedBidEvent('event')})`);
    if (filter.action) query.andWhere('event.action = :action', { action: filter.action });
    if (filter.entityType) query.andWhere('event.entityType = :entityType', { entityType: filter.entityType });
    if (filter.entityId) query.andWhere('event.entityId = :entityId', { entityId: filter.entityId });
    if (filter.actor) {
      query.andWhere(new Brackets((where) => where.where('event.actorEmail ILIKE :actor', { actor: `%${escapeLike(filter.actor!)}%` })));
    }
    return findPage(query.orderBy('event.occurredAt', 'DESC').addOrderBy('event.id', 'DESC'), pageRequest, { countUpTo: COUNT_CAP });
  }

  async listDistinctActions(manager: EntityManager = this.dataSource.manager): Promise<string[]> {
    // A loose index scan: one index probe per distinct action instead of reading every event.
    const rows: Array<{ action: string }> = await manager.query(`
      WITH RECURSIVE actions AS (
        (SELECT action FROM audit_events ORDER BY action LIMIT 1)
        UNION ALL
        SELECT (SELECT e.action FROM audit_events e WHERE e.action > a.action ORDER BY e.action LIMIT 1) FROM actions a WHERE a.action IS NOT NULL
      )
      SELECT action FROM actions WHERE action IS NOT NULL`);
    return rows.map((row) => row.action);
  }
}

function escapeLike(value: string): string {
  return value.replace(/[\\%_]/g, (match) => `\\${match}`);
}
