import { Module } from '@nestjs/common';
import { NoticeTasksService } from './notice-tasks.service';
import { NoticeRepository } from './notice.repository';

/** The notices due, as tasks, for the pages of other modules (the home page, the requirement). */
@Module({ providers: [NoticeTasksService, NoticeRepository], exports: [NoticeTasksService, NoticeRepository] })
export class NoticesModule {}
