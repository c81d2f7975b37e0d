import { Module } from '@nestjs/common';
import { ConflictsModule } from '../conflicts/conflicts.module';
import { MeetingsController } from './meetings.controller';
import { MeetingsService } from './meetings.service';
import { PanelMembersController } from './panel-members.controller';
import { PanelMembersService } from './panel-members.service';
import { PanelController } from './panel.controller';
import { PanelService } from './panel.service';
import { PanelPackController } from './panel-pack.controller';
import { PanelPackService } from './panel-pack.service';
import { MeetingRepository } from './meeting.repository';
import { PanelMemberRepository } from './panel-member.repository';
import { PanelRequestRepository } from './panel-request.repository';
import { PanelRequirementRepository } from './panel-requirement.repository';
import { ScoreRepository } from './score.repository';

@Module({
  imports: [ConflictsModule],
  controllers: [PanelController, MeetingsController, PanelMembersController, PanelPackController],
  providers: [
    PanelService,
    MeetingsService,
    PanelMembersService,
    PanelPackService,
    MeetingRepository,
    PanelMemberRepository,
    PanelRequestRepository,
    PanelRequirementRepository,
    ScoreRepository,
  ],
  exports: [PanelService, MeetingsService],
})
export class PanelModule {}
