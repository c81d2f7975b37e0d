import { Module } from '@nestjs/common';
import { QualityModule } from '../quality/quality.module';
import { InvoicesController } from './invoices.controller';
import { InvoicesScheduler } from './invoices.scheduler';
import { InvoicesService } from './invoices.service';
import { UserRecordsModule } from '../users/user-records.module';

@Module({
  imports: [QualityModule, UserRecordsModule],
  controllers: [InvoicesController],
  providers: [InvoicesService, InvoicesScheduler],
  exports: [InvoicesService],
})
export class InvoicesModule {}
