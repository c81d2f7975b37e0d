import { Injectable, NotFoundException } from '@nestjs/common';
import { DataSource } from 'typeorm';
import { AuditService } from '../audit/audit.service';
import { Agency } from './agency.entity';
import { AgencyRepository } from './agency.repository';

/** The system admin's setting for whether an agency's requirements need a second person's approval before publishing. */
@Injectable()
export class AgencyApprovalService {
  constructor(
    private readonly dataSource: DataSource,
    private readonly agencies: AgencyRepository,
    private readonly audit: AuditService,
  ) {}

  async get(id: string): Promise<Agency> {
    const agency = await this.agencies.findWithPartnership(id);
    if (!agency) throw new NotFoundException();
    return agency;
  }

  async set(id: string, required: boolean): Promise<void> {
    await this.dataSource.transaction(async (manager) => {
      const agency = await this.agencies.lockById(manager, id);
      if (!agency) throw new NotFoundException();
      if (agency.publishApprovalRequired === required) return;
      await this.agencies.setPublishApprovalRequired(manager, id, required);
      await this.audit.record(manager, {
        action: 'agency.publish_approval_set',
        entityType: 'agency',
        entityId: id,
        before: { publishApprovalRequired: agency.publishApprovalRequired },
        after: { publishApprovalRequired: required },
      });
    });
  }
}
