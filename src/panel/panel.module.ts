import { Module } from '@nestjs/common';
import { MeetingsController } from './meetings.controller';
import { MeetingsService } from './meetings.service';
import { PanelController } from './panel.controller';
import { PanelService } from './panel.service';

@Module({ controllers: [PanelController, MeetingsController], providers: [PanelService, MeetingsService], exports: [PanelService] })
export class PanelModule {}
