import { Clock } from '../common/clock/clock';
import { Injectable } from '@nestjs/common';
import { DataSource } from 'typeorm';
import { AuditService } from '../audit/audit.service';
import type { SignedInUser } from '../common/auth/signed-in-user';
import { FormInvalidError } from '../common/forms/form-invalid.error';
import { DeliveryTable, SubjectAccessRepository } from './subject-access.repository';

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
    private readonly repository: SubjectAccessRepository,
  ) {}

  async export(user: SignedInUser, rawReference: string) {
    const childReference = rawReference.trim();
    return this.dataSource.transaction('REPEATABLE READ', async (manager) => {
      const agencyId = user.agencyId!;
      const agencyName = await this.repository.agencyName(manager, agencyId);
      const caseDetails = await this.repository.caseDetails(manager, agencyId, childReference);
      const callOffs = await this.repository.callOffs(manager, agencyId, childReference);
      if (!caseDetails.length && !callOffs.length) {
        throw FormInvalidError.forField('childReference', `${agencyName} holds no records for the case reference ${childReference}`);
      }
      const requirementIds = caseDetails.map((row) => row.requirement_id as string);
      const callOffIds = callOffs.map((row) => row.id as string);
      const contracts = await this.repository.contracts(
        manager,
        requirementIds,
        callOffs.map((row) => row.contract_id),
      );
      // Delivery records are per contract: a block contract's belong to every child called off against it, so only a spot contract's are this child's.
      const spotContractIds = contracts.filter((row) => requirementIds.includes(row.requirement_id as string)).map((row) => row.id as string);
      const byContract = (table: DeliveryTable) => this.repository.deliveryRows(manager, table, spotContractIds);
      const records = {
        caseDetails,
        requirements: await this.repository.requirements(manager, requirementIds),
        clarifications: await this.repository.clarifications(manager, requirementIds),
        contracts,
        callOffs,
        callOffCaseDetails: await this.repository.callOffCaseDetails(manager, callOffIds),
        sessionLogs: await byContract('session_logs'),
        deliveryReports: await byContract('delivery_reports'),
        outcomeMeasures: await byContract('outcome_measures'),
        feedbackRequests: await byContract('feedback_requests'),
        feedbackResponses: await byContract('feedback_responses'),
        fundingRecords: await this.repository.fundingRecords(manager, spotContractIds, callOffIds),
        auditEvents: await this.repository.auditEvents(manager, [...requirementIds, ...spotContractIds, ...callOffIds]),
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
        agency: agencyName as string,
        childReference: (caseDetails[0]?.child_reference ?? callOffs[0].child_reference) as string,
        records,
      };
    });
  }
}
