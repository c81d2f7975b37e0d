import { Global, MiddlewareConsumer, Module, NestModule } from '@nestjs/common';
import { TypeOrmModule } from '@nestjs/typeorm';
import { Notification } from './notification.entity';
import { NotificationsController } from './notifications.controller';
import { NotificationRepository } from './notification.repository';
import { NotificationsService } from './notifications.service';
import { OutboxWorker } from './outbox-worker';
import { EmailSettingsController } from './email-settings.controller';
import { EmailSettingsRepository } from './email-settings.repository';
import { EmailSettingsService, FeedbackAddressMiddleware } from './email-settings.service';

@Global()
@Module({
  imports: [TypeOrmModule.forFeature([Notification])],
  controllers: [NotificationsController, EmailSettingsController],
  providers: [NotificationsService, NotificationRepository, OutboxWorker, EmailSettingsService, EmailSettingsRepository],
  exports: [NotificationsService, OutboxWorker, EmailSettingsService],
})
export class NotificationsModule implements NestModule {
  configure(consumer: MiddlewareConsumer): void {
    consumer.apply(FeedbackAddressMiddleware).forRoutes('{*path}');
  }
}
