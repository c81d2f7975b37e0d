import { Module } from '@nestjs/common';
import { AwardRecordsModule } from '../awards/award-records.module';
import { DeliveryController } from './delivery.controller';
import { DeliveryScheduler } from './delivery.scheduler';
import { DeliveryService } from './delivery.service';
import { FeedbackController } from './feedback.controller';
import { FeedbackService } from './feedback.service';
import { ProviderQualityController } from './provider-quality.controller';
import { ProviderQualityService } from './provider-quality.service';
import { UserRecordsModule } from '../users/user-records.module';

@Module({
  imports: [AwardRecordsModule, UserRecordsModule],
  controllers: [DeliveryController, FeedbackController, ProviderQualityController],
  providers: [DeliveryService, FeedbackService, ProviderQualityService, DeliveryScheduler],
  exports: [DeliveryService],
})
export class QualityModule {}
