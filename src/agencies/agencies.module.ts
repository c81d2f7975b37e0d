import { Module } from '@nestjs/common';
import { TypeOrmModule } from '@nestjs/typeorm';
import { AgenciesService } from './agencies.service';
import { AgencyApprovalController } from './agency-approval.controller';
import { AgencyApprovalService } from './agency-approval.service';
import { Agency } from './agency.entity';
import { Area } from './area.entity';
import { Partnership } from './partnership.entity';
import { PartnershipsAdminController } from './partnerships-admin.controller';
import { PartnershipsAdminService } from './partnerships-admin.service';

@Module({
  imports: [TypeOrmModule.forFeature([Partnership, Agency, Area])],
  controllers: [PartnershipsAdminController, AgencyApprovalController],
  providers: [AgenciesService, PartnershipsAdminService, AgencyApprovalService],
  exports: [AgenciesService],
})
export class AgenciesModule {}
