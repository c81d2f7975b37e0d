import { Module } from '@nestjs/common';
import { NoticeTasksService } from './notice-tasks.service';

/** The notices due, as tasks, for the pages of other modules (the home page, the requirement). */
@Module({ providers: [NoticeTasksService], exports: [NoticeTasksService] })
export class NoticesModule {}
