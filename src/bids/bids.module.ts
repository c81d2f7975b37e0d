import { Module } from '@nestjs/common';
import { AmendmentsModule } from '../competitions/amendments.module';
import { ConflictsModule } from '../conflicts/conflicts.module';
import { BidsService } from './bids.service';
import { OpportunitiesController } from './opportunities.controller';

@Module({ imports: [ConflictsModule, AmendmentsModule], controllers: [OpportunitiesController], providers: [BidsService], exports: [BidsService] })
export class BidsModule {}
