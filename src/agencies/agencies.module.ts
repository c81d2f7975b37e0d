import { Module } from '@nestjs/common';
import { AgenciesService } from './agencies.service';
import { AgencyApprovalController } from './agency-approval.controller';
import { AgencyApprovalService } from './agency-approval.service';
import { AgencyRepository } from './agency.repository';
import { PartnershipRepository } from './partnership.repository';
import { PartnershipsAdminController } from './partnerships-admin.controller';
import { PartnershipsAdminService } from './partnerships-admin.service';

@Module({
  controllers: [PartnershipsAdminController, AgencyApprovalController],
  providers: [AgencyRepository, PartnershipRepository, AgenciesService, PartnershipsAdminService, AgencyApprovalService],
  exports: [AgenciesService, AgencyRepository],
})
export class AgenciesModule {}
