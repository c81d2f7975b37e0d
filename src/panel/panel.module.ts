import { Module } from '@nestjs/common';
import { ConflictsModule } from '../conflicts/conflicts.module';
import { MeetingsController } from './meetings.controller';
import { MeetingsService } from './meetings.service';
import { PanelMembersController } from './panel-members.controller';
import { PanelMembersService } from './panel-members.service';
import { PanelController } from './panel.controller';
import { PanelService } from './panel.service';

@Module({ imports: [ConflictsModule], controllers: [PanelController, MeetingsController, PanelMembersController], providers: [PanelService, MeetingsService, PanelMembersService], exports: [PanelService, MeetingsService] })
export class PanelModule {}
