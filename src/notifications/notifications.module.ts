import { Global, MiddlewareConsumer, Module, NestModule } from '@nestjs/common';
import { TypeOrmModule } from '@nestjs/typeorm';
import { Notification } from './notification.entity';
import { NotificationsController } from './notifications.controller';
import { NotificationsService } from './notifications.service';
import { OutboxWorker } from './outbox-worker';
import { EmailSettingsController } from './email-settings.controller';
import { EmailSettingsRepository } from './email-settings.repository';
import { EmailSettingsService, FeedbackAddressMiddleware } from './email-settings.service';

@Global()
@Module({
  imports: [TypeOrmModule.forFeature([Notification])],
  controllers: [NotificationsController, EmailSettingsController],
  providers: [NotificationsService, OutboxWorker, EmailSettingsService, EmailSettingsRepository],
  exports: [NotificationsService, OutboxWorker, EmailSettingsService],
})
export class NotificationsModule implements NestModule {
  configure(consumer: MiddlewareConsumer): void {
    consumer.apply(FeedbackAddressMiddleware).forRoutes('{*path}');
  }
}
