import { Module } from '@nestjs/common';
import { MarketController } from './market.controller';
import { MarketService } from './market.service';
import { OpenDataController } from './open-data.controller';
import { OpenDataService } from './open-data.service';

@Module({ controllers: [MarketController, OpenDataController], providers: [MarketService, OpenDataService] })
export class InsightsModule {}
