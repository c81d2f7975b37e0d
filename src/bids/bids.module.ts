import { Module } from '@nestjs/common';
import { ConflictsModule } from '../conflicts/conflicts.module';
import { BidsService } from './bids.service';
import { OpportunitiesController } from './opportunities.controller';

@Module({ imports: [ConflictsModule], controllers: [OpportunitiesController], providers: [BidsService], exports: [BidsService] })
export class BidsModule {}
