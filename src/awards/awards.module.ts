import { Module } from '@nestjs/common';
import { CompetitionsModule } from '../competitions/competitions.module';
import { DebarmentModule } from '../debarment/debarment.module';
import { FundingModule } from '../funding/funding.module';
import { PanelModule } from '../panel/panel.module';
import { AwardRecordsModule } from './award-records.module';
import { AwardContextRepository } from './award-context.repository';
import { ThresholdRepository } from './threshold.repository';
import { AwardsController } from './awards.controller';
import { AwardsScheduler } from './awards.scheduler';
import { AwardsService } from './awards.service';
import { ContractsController } from './contracts.controller';
import { ContractsService } from './contracts.service';
import { NoticesController } from './notices.controller';
import { NoticesModule } from './notices.module';
import { NoticesService } from './notices.service';
import { ThresholdsController } from './thresholds.controller';
import { ThresholdsService } from './thresholds.service';
import { UserChoiceController } from './user-choice.controller';
import { UserChoiceService } from './user-choice.service';
import { UserRecordsModule } from '../users/user-records.module';

@Module({
  imports: [PanelModule, NoticesModule, DebarmentModule, FundingModule, CompetitionsModule, AwardRecordsModule, UserRecordsModule],
  controllers: [AwardsController, ContractsController, NoticesController, ThresholdsController, UserChoiceController],
  providers: [
    AwardsService,
    ContractsService,
    AwardsScheduler,
    NoticesService,
    ThresholdsService,
    UserChoiceService,
    AwardContextRepository,
    ThresholdRepository,
  ],
  exports: [AwardsService, ContractsService],
})
export class AwardsModule {}
