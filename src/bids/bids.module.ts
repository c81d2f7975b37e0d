import { Module } from '@nestjs/common';
import { AmendmentsModule } from '../competitions/amendments.module';
import { ConflictsModule } from '../conflicts/conflicts.module';
import { BidsService } from './bids.service';
import { OpportunitiesController } from './opportunities.controller';
import { UserRecordsModule } from '../users/user-records.module';

@Module({
  imports: [ConflictsModule, AmendmentsModule, UserRecordsModule],
  controllers: [OpportunitiesController],
  providers: [BidsService],
  exports: [BidsService],
})
export class BidsModule {}
