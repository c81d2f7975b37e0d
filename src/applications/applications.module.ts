import { Module } from '@nestjs/common';
import { CompetitionsModule } from '../competitions/competitions.module';
import { DebarmentModule } from '../debarment/debarment.module';
import { ApplicationsController } from './applications.controller';
import { ApplicationsService } from './applications.service';
import { EvaluationController } from './evaluation.controller';
import { EvaluationService } from './evaluation.service';

@Module({
  imports: [CompetitionsModule, DebarmentModule],
  controllers: [ApplicationsController, EvaluationController],
  providers: [ApplicationsService, EvaluationService],
  exports: [ApplicationsService, EvaluationService],
})
export class ApplicationsModule {}
