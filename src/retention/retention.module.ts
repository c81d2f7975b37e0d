import { Module } from '@nestjs/common';
import { RetentionScheduler } from './retention-scheduler';
import { RetentionController } from './retention.controller';
import { RetentionService } from './retention.service';
import { RetentionRepository } from './retention.repository';

@Module({
  controllers: [RetentionController],
  providers: [RetentionService, RetentionRepository, RetentionScheduler],
  exports: [RetentionService],
})
export class RetentionModule {}
