import { Module } from '@nestjs/common';
import { NoticesModule } from '../awards/notices.module';
import { BidsModule } from '../bids/bids.module';
import { AmendmentsModule } from './amendments.module';
import { DebarmentModule } from '../debarment/debarment.module';
import { FundingModule } from '../funding/funding.module';
import { ClosingScheduler, ClosingService } from './closing.service';
import { InvitationsService } from './invitations.service';
import { PublishGateActionsService } from './publish-gate-actions.service';
import { PublishGatesController } from './publish-gates.controller';
import { PublishGatesService } from './publish-gates.service';
import { RequirementsController } from './requirements.controller';
import { RequirementsService } from './requirements.service';
import { UserRecordsModule } from '../users/user-records.module';

/** Mini-competitions: requirements, invitations, clarifications and the closing job. */
@Module({
  imports: [BidsModule, NoticesModule, DebarmentModule, AmendmentsModule, FundingModule, UserRecordsModule],
  // PublishGatesController first: its /requirements/approvals must win over RequirementsController's /requirements/:id.
  controllers: [PublishGatesController, RequirementsController],
  providers: [RequirementsService, PublishGatesService, PublishGateActionsService, InvitationsService, ClosingService, ClosingScheduler],
  exports: [InvitationsService, ClosingService, RequirementsService],
})
export class CompetitionsModule {}
