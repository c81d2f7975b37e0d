import { Injectable } from '@nestjs/common';
import { InjectRepository } from '@nestjs/typeorm';
import { Brackets, EntityManager, Repository } from 'typeorm';
import type { QueryDeepPartialEntity } from 'typeorm/query-builder/QueryPartialEntity';
import { requestContext } from '../common/http/request-context';
import { findPage } from '../common/database/find-page';
import { COUNT_CAP, PageRequest, toPage } from '../common/http/pagination';
import { sealedBidEvent } from '../bids/sealed-bid-gate';
import { AuditEvent } from './audit-event.entity';
import { withoutProtectedValues } from './protected-fields';

export interface AuditInput {
  action: string;
  entityType: string;
  entityId?: string | null;
  before?: Record<string, unknown> | null;
  after?: Record<string, unknown> | null;
  /** Overrides the acting user from the request, e.g. for a person signing up. */
  actor?: { id: string; email: string } | null;
}

export interface AuditFilter {
  action?: string;
  entityType?: string;
  actor?: string;
  entityId?: string;
}

@Injectable()
export class AuditService {
  constructor(@InjectRepository(AuditEvent) private readonly events: Repository<AuditEvent>) {}

  /** Writes the event with `manager`, so it commits or rolls back with the change it describes. */
  async record(manager: EntityManager, input: AuditInput): Promise<void> {
    await this.recordAll(manager, [input]);
  }

  /** Many events in one insert (per 1,000), for changes that touch thousands of rows at once. */
  async recordAll(manager: EntityManager, inputs: AuditInput[]): Promise<void> {
    const context = requestContext.current();
    const rows = inputs.map((input) => {
      const actor = input.actor === undefined ? (context.userId ? { id: context.userId, email: context.userEmail } : null) : input.actor;
      return {
        action: input.action,
        entityType: input.entityType,
        entityId: input.entityId ?? null,
        before: withoutProtectedValues(input.entityType, input.before),
        after: withoutProtectedValues(input.entityType, input.after),
        actorUserId: actor?.id ?? null,
        actorEmail: actor?.email ?? null,
        requestId: context.requestId,
      };
    });
    for (let start = 0; start < rows.length; start += 1000) {
      await manager.insert(AuditEvent, rows.slice(start, start + 1000) as QueryDeepPartialEntity<AuditEvent>[]);
    }
  }

  /** The log for admins, less events that would show who is bidding before the deadline (BR-6). */
  async list(filter: AuditFilter, pageRequest: PageRequest) {
    const query = this.events.createQueryBuilder('event').where(`NOT (${sealedBidEvent('event')})`);
    if (filter.action) query.andWhere('event.action = :action', { action: filter.action });
    if (filter.entityType) query.andWhere('event.entityType = :entityType', { entityType: filter.entityType });
    if (filter.entityId) query.andWhere('event.entityId = :entityId', { entityId: filter.entityId });
    if (filter.actor) {
      query.andWhere(new Brackets((where) => where.where('event.actorEmail ILIKE :actor', { actor: `%${escapeLike(filter.actor!)}%` })));
    }
    const [rows, total] = await findPage(query.orderBy('event.occurredAt', 'DESC').addOrderBy('event.id', 'DESC'), pageRequest, { countUpTo: COUNT_CAP });
    return toPage(rows, total, pageRequest, '/admin/audit', { ...filter });
  }

  async distinctActions(): Promise<string[]> {
    // A loose index scan: one index probe per distinct action instead of reading every event.
    const rows: Array<{ action: string }> = await this.events.query(`
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
