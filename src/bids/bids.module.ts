import { Module } from '@nestjs/common';
import { BidsService } from './bids.service';
import { OpportunitiesController } from './opportunities.controller';

@Module({ controllers: [OpportunitiesController], providers: [BidsService], exports: [BidsService] })
export class BidsModule {}
