import { Module } from '@nestjs/common';
import { AgenciesModule } from '../agencies/agencies.module';
import { CompetitionsModule } from '../competitions/competitions.module';
import { FrameworksModule } from '../frameworks/frameworks.module';
import { UserRecordsModule } from '../users/user-records.module';
import { ComplianceScheduler } from './compliance-scheduler';
import { ComplianceService } from './compliance.service';
import { MarketRepository } from './market.repository';
import { MarketService } from './market.service';
import { MembershipsController } from './memberships.controller';
import { MembershipsService } from './memberships.service';

@Module({
  imports: [CompetitionsModule, FrameworksModule, AgenciesModule, UserRecordsModule],
  controllers: [MembershipsController],
  providers: [ComplianceService, ComplianceScheduler, MembershipsService, MarketService, MarketRepository],
  exports: [ComplianceService, MembershipsService, MarketService],
})
export class ComplianceModule {}
