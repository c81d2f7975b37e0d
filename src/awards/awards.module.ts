import { Module } from '@nestjs/common';
import { DebarmentModule } from '../debarment/debarment.module';
import { PanelModule } from '../panel/panel.module';
import { AwardsController } from './awards.controller';
import { AwardsScheduler } from './awards.scheduler';
import { AwardsService } from './awards.service';
import { ContractsController } from './contracts.controller';
import { ContractsService } from './contracts.service';

@Module({ imports: [PanelModule, DebarmentModule], controllers: [AwardsController, ContractsController], providers: [AwardsService, ContractsService, AwardsScheduler], exports: [AwardsService, ContractsService] })
export class AwardsModule {}
