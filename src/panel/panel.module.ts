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

@Module({
  imports: [ConflictsModule],
  controllers: [PanelController, MeetingsController, PanelMembersController, PanelPackController],
  providers: [PanelService, MeetingsService, PanelMembersService, PanelPackService],
  exports: [PanelService, MeetingsService],
})
export class PanelModule {}
