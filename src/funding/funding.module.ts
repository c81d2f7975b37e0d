import { Module } from '@nestjs/common';
import { AgenciesModule } from '../agencies/agencies.module';
import { AwardRecordsModule } from '../awards/award-records.module';
import { InvoicesModule } from '../invoices/invoices.module';
import { FairAccessLimitRepository } from './fair-access-limit.repository';
import { FundingRecordRepository } from './funding-record.repository';
import { FundingReportController } from './funding-report.controller';
import { FundingReturnsService } from './funding-returns.service';
import { FundingController } from './funding.controller';
import { FundingService } from './funding.service';

@Module({
  imports: [InvoicesModule, AgenciesModule, AwardRecordsModule],
  controllers: [FundingController, FundingReportController],
  providers: [FundingService, FundingReturnsService, FundingRecordRepository, FairAccessLimitRepository],
  exports: [FundingService, FundingReturnsService],
})
export class FundingModule {}
