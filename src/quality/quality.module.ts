import { Module } from '@nestjs/common';
import { AwardRecordsModule } from '../awards/award-records.module';
import { DeliveryController } from './delivery.controller';
import { DeliveryScheduler } from './delivery.scheduler';
import { DeliveryService } from './delivery.service';
import { FeedbackController } from './feedback.controller';
import { FeedbackRepository } from './feedback.repository';
import { FeedbackService } from './feedback.service';
import { ProviderQualityController } from './provider-quality.controller';
import { ProviderQualityRepository } from './provider-quality.repository';
import { ProviderQualityService } from './provider-quality.service';
import { UserRecordsModule } from '../users/user-records.module';

@Module({
  imports: [AwardRecordsModule, UserRecordsModule],
  controllers: [DeliveryController, FeedbackController, ProviderQualityController],
  providers: [DeliveryService, FeedbackService, FeedbackRepository, ProviderQualityService, ProviderQualityRepository, DeliveryScheduler],
  exports: [DeliveryService],
})
export class QualityModule {}
