import { Clock } from '../common/clock/clock';
import { Injectable } from '@nestjs/common';
import { DataSource, EntityManager } from 'typeorm';
import { AuditService } from '../audit/audit.service';
import type { SignedInUser } from '../common/auth/signed-in-user';
import { FormInvalidError } from '../common/forms/form-invalid.error';

type Row = Record<string, unknown>;

/** Columns never exported: secrets, not information about the child. */
const SECRET_COLUMNS = ['token_hash'];

/**
 * UK GDPR Article 15: every record the portal holds about one child, found
 * by the owning agency's case reference. Bids are the providers' offers, read
 * only through the sealed-bid gate, so they are not part of the child's record.
 */
@Injectable()
export class SubjectAccessService {
  constructor(
    private readonly clock: Clock,
    private readonly dataSource: DataSource,
    private readonly audit: AuditService,
  ) {}

  async export(user: SignedInUser, rawReference: string) {
    const childReference = rawReference.trim();
    return this.dataSource.transaction('REPEATABLE READ', async (manager) => {
      const agencyId = user.agencyId!;
      const [agency] = await manager.query(`SELECT name FROM agencies WHERE id = $1`, [agencyId]);
      const rows = (query: string, params: unknown[]) => this.rows(manager, query, params);
      const caseDetails = await rows(`FROM requirement_case_details t WHERE t.agency_id = $1 AND lower(t.child_reference) = lower($2)`, [
        agencyId,
        childReference,
      ]);
      const callOffs = await rows(`FROM call_offs t JOIN contracts c ON c.id = t.contract_id WHERE c.agency_id = $1 AND lower(t.child_reference) = lower($2)`, [
        agencyId,
        childReference,
      ]);
      if (!caseDetails.length && !callOffs.length) {
        throw FormInvalidError.forField('childReference', `${agency.name} holds no records for the case reference ${childReference}`);
      }
      const requirementIds = caseDetails.map((row) => row.requirement_id as string);
      const callOffIds = callOffs.map((row) => row.id as string);
      const contracts = await rows(`FROM contracts t WHERE t.requirement_id = ANY($1) OR t.id = ANY($2)`, [
        requirementIds,
        callOffs.map((row) => row.contract_id),
      ]);
      // Delivery records are per contract: a block contract's belong to every child called off against it, so only a spot contract's are this child's.
      const spotContractIds = contracts.filter((row) => requirementIds.includes(row.requirement_id as string)).map((row) => row.id as string);
      const byContract = (table: string) => rows(`FROM ${table} t WHERE t.contract_id = ANY($1)`, [spotContractIds]);
      const records = {
        caseDetails,
        requirements: await rows(`FROM requirements t WHERE t.id = ANY($1)`, [requirementIds]),
        clarifications: await rows(`FROM requirement_clarifications t WHERE t.requirement_id = ANY($1)`, [requirementIds]),
        contracts,
        callOffs,
        callOffCaseDetails: await rows(`FROM call_off_case_details t WHERE t.call_off_id = ANY($1)`, [callOffIds]),
        sessionLogs: await byContract('session_logs'),
        deliveryReports: await byContract('delivery_reports'),
        outcomeMeasures: await byContract('outcome_measures'),
        feedbackRequests: await byContract('feedback_requests'),
        feedbackResponses: await byContract('feedback_responses'),
        fundingRecords: await rows(`FROM funding_records t WHERE t.contract_id = ANY($1) OR t.call_off_id = ANY($2)`, [spotContractIds, callOffIds]),
        auditEvents: await rows(`FROM audit_events t WHERE t.entity_id = ANY($1)`, [[...requirementIds, ...spotContractIds, ...callOffIds]]),
      };
      const counts = Object.fromEntries(Object.entries(records).map(([kind, list]) => [kind, list.length]));
      // The event names the records, never the reference or anything about the child.
      await this.audit.record(manager, {
        action: 'subject_access.exported',
        entityType: 'agency',
        entityId: agencyId,
        after: { requirementIds, callOffIds, counts },
      });
      return {
        generatedAt: this.clock.now().toISOString(),
        agency: agency.name as string,
        childReference: (caseDetails[0]?.child_reference ?? callOffs[0].child_reference) as string,
        records,
      };
    });
  }

  /** Whole rows as JSON, oldest first, without secret columns. */
  private async rows(manager: EntityManager, fromClause: string, params: unknown[]): Promise<Row[]> {
    const result: Array<{ row: Row }> = await manager.query(
      `SELECT to_jsonb(t) - $${params.length + 1}::text[] AS row ${fromClause} ORDER BY coalesce(to_jsonb(t)->>'created_at', to_jsonb(t)->>'occurred_at') NULLS FIRST, to_jsonb(t)->>'id'`,
      [...params, SECRET_COLUMNS],
    );
    return result.map(({ row }) => row);
  }
}
