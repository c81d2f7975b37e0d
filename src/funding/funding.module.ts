import { Module } from '@nestjs/common';
import { InvoicesModule } from '../invoices/invoices.module';
import { FundingReportController } from './funding-report.controller';
import { FundingReturnsService } from './funding-returns.service';
import { FundingController } from './funding.controller';
import { FundingService } from './funding.service';

@Module({
  imports: [InvoicesModule],
  controllers: [FundingController, FundingReportController],
  providers: [FundingService, FundingReturnsService],
  exports: [FundingService, FundingReturnsService],
})
export class FundingModule {}
