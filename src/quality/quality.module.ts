import { Module } from '@nestjs/common';
import { DeliveryController } from './delivery.controller';
import { DeliveryScheduler } from './delivery.scheduler';
import { DeliveryService } from './delivery.service';
import { FeedbackController } from './feedback.controller';
import { FeedbackService } from './feedback.service';

@Module({ controllers: [DeliveryController, FeedbackController], providers: [DeliveryService, FeedbackService, DeliveryScheduler] })
export class QualityModule {}
