import { Module } from '@nestjs/common';
import { QualityModule } from '../quality/quality.module';
import { InvoicesController } from './invoices.controller';
import { InvoicesScheduler } from './invoices.scheduler';
import { InvoicesService } from './invoices.service';

@Module({ imports: [QualityModule], controllers: [InvoicesController], providers: [InvoicesService, InvoicesScheduler], exports: [InvoicesService] })
export class InvoicesModule {}
