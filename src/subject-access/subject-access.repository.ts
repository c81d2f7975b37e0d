import { Injectable } from '@nestjs/common';
import type { EntityManager } from 'typeorm';

/** A whole row as JSON, as the child's record is exported. */
export type ExportedRow = Record<string, unknown>;

/** Columns never exported: secrets, not information about the child. */
const SECRET_COLUMNS = ['token_hash'];

/** The delivery tables whose rows belong to one spot contract. */
export type DeliveryTable = 'session_logs' | 'delivery_reports' | 'outcome_measures' | 'feedback_requests' | 'feedback_responses';

/**
 * Read-only: a child's rows across the features that hold them, whole, for
 * a subject access request (UK GDPR Article 15). Like the insights and home
 * repositories it reads other features' tables and never writes them; it
 * reads rows whole so a new column is exported without a change here.
 */
@Injectable()
export class SubjectAccessRepository {
  async agencyName(manager: EntityManager, agencyId: string): Promise<string | undefined> {
    const [agency]: Array<{ name: string }> = await manager.query(`SELECT name FROM agencies WHERE id = $1`, [agencyId]);
    return agency?.name;
  }

  caseDetails(manager: EntityManager, agencyId: string, childReference: string): Promise<ExportedRow[]> {
    return this.rows(manager, `FROM requirement_case_details t WHERE t.agency_id = $1 AND lower(t.child_reference) = lower($2)`, [agencyId, childReference]);
  }

  callOffs(manager: EntityManager, agencyId: string, childReference: string): Promise<ExportedRow[]> {
    return this.rows(manager, `FROM call_offs t JOIN contracts c ON c.id = t.contract_id WHERE c.agency_id = $1 AND lower(t.child_reference) = lower($2)`, [
      agencyId,
      childReference,
    ]);
  }

  /** The contracts awarded on these requirements, and the block contracts these call-offs draw on. */
  contracts(manager: EntityManager, requirementIds: string[], contractIds: unknown[]): Promise<ExportedRow[]> {
    return this.rows(manager, `FROM contracts t WHERE t.requirement_id = ANY($1) OR t.id = ANY($2)`, [requirementIds, contractIds]);
  }

  requirements(manager: EntityManager, requirementIds: string[]): Promise<ExportedRow[]> {
    return this.rows(manager, `FROM requirements t WHERE t.id = ANY($1)`, [requirementIds]);
  }

  clarifications(manager: EntityManager, requirementIds: string[]): Promise<ExportedRow[]> {
    return this.rows(manager, `FROM requirement_clarifications t WHERE t.requirement_id = ANY($1)`, [requirementIds]);
  }

  callOffCaseDetails(manager: EntityManager, callOffIds: string[]): Promise<ExportedRow[]> {
    return this.rows(manager, `FROM call_off_case_details t WHERE t.call_off_id = ANY($1)`, [callOffIds]);
  }

  deliveryRows(manager: EntityManager, table: DeliveryTable, contractIds: string[]): Promise<ExportedRow[]> {
    return this.rows(manager, `FROM ${table} t WHERE t.contract_id = ANY($1)`, [contractIds]);
  }

  fundingRecords(manager: EntityManager, contractIds: string[], callOffIds: string[]): Promise<ExportedRow[]> {
    return this.rows(manager, `FROM funding_records t WHERE t.contract_id = ANY($1) OR t.call_off_id = ANY($2)`, [contractIds, callOffIds]);
  }

  auditEvents(manager: EntityManager, entityIds: string[]): Promise<ExportedRow[]> {
    return this.rows(manager, `FROM audit_events t WHERE t.entity_id = ANY($1)`, [entityIds]);
  }

  /** Whole rows as JSON, oldest first, without secret columns. */
  private async rows(manager: EntityManager, fromClause: string, params: unknown[]): Promise<ExportedRow[]> {
    const result: Array<{ row: ExportedRow }> = await manager.query(
      `SELECT to_jsonb(t) - $${params.length + 1}::text[] AS row ${fromClause} ORDER BY coalesce(to_jsonb(t)->>'created_at', to_jsonb(t)->>'occurred_at') NULLS FIRST, to_jsonb(t)->>'id'`,
      [...params, SECRET_COLUMNS],
    );
    return result.map(({ row }) => row);
  }
}
