import { Injectable } from '@nestjs/common';
import type { EntityManager } from 'typeorm';
import { requestContext } from '../common/http/request-context';
import { PageRequest, toPage } from '../common/http/pagination';
import { AuditEventFilter, AuditEventRepository, NewAuditEvent } from './audit-event.repository';
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

export type AuditFilter = AuditEventFilter;

@Injectable()
export class AuditService {
  constructor(private readonly events: AuditEventRepository) {}

  /** Writes the event with `manager`, so it commits or rolls back with the change it describes. */
  async record(manager: EntityManager, input: AuditInput): Promise<void> {
    await this.recordAll(manager, [input]);
  }

  /** Many events in one insert (per 1,000), for changes that touch thousands of rows at once. */
  async recordAll(manager: EntityManager, inputs: AuditInput[]): Promise<void> {
    const context = requestContext.current();
    const rows = inputs.map((input): NewAuditEvent => {
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
    await this.events.insertAll(manager, rows);
  }

  /** The log for admins, less events that would show who is bidding before the deadline (BR-6). */
  async list(filter: AuditFilter, pageRequest: PageRequest) {
    const [rows, total] = await this.events.listPage(filter, pageRequest);
    return toPage(rows, total, pageRequest, '/admin/audit', { ...filter });
  }

  distinctActions(): Promise<string[]> {
    return this.events.listDistinctActions();
  }
}
