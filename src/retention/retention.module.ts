import { Module } from '@nestjs/common';
import { RetentionScheduler } from './retention-scheduler';
import { RetentionController } from './retention.controller';
import { RetentionService } from './retention.service';

@Module({
  controllers: [RetentionController],
  providers: [RetentionService, RetentionScheduler],
  exports: [RetentionService],
})
export class RetentionModule {}
