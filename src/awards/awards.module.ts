import { Module } from '@nestjs/common';
import { PanelModule } from '../panel/panel.module';
import { AwardsController } from './awards.controller';
import { AwardsService } from './awards.service';

@Module({ imports: [PanelModule], controllers: [AwardsController], providers: [AwardsService], exports: [AwardsService] })
export class AwardsModule {}
