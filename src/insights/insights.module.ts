import { Module } from '@nestjs/common';
import { InsightsRepository } from './insights.repository';
import { MarketController } from './market.controller';
import { MarketService } from './market.service';
import { OpenDataController } from './open-data.controller';
import { OpenDataService } from './open-data.service';

@Module({ controllers: [MarketController, OpenDataController], providers: [MarketService, OpenDataService, InsightsRepository] })
export class InsightsModule {}
