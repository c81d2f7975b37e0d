import { Controller, Get, Query, Render } from '@nestjs/common';
import { Roles } from '../common/auth/access.decorators';
import { parsePageRequest } from '../common/http/pagination';
import { NOTIFICATION_STATUSES, NotificationStatus } from './notification.entity';
import { NotificationsService } from './notifications.service';

@Controller('admin/emails')
@Roles('system_admin')
export class NotificationsController {
  constructor(private readonly notifications: NotificationsService) {}

  @Get()
  @Render('notifications/index')
  async index(@Query('status') rawStatus: unknown, @Query('page') page: unknown) {
    const status = NOTIFICATION_STATUSES.find((candidate) => candidate === rawStatus) as NotificationStatus | undefined;
    const [list, state] = await Promise.all([this.notifications.list(status, parsePageRequest(page, 50)), this.notifications.outboxState()]);
    return { page: list, state, status, statuses: NOTIFICATION_STATUSES };
  }
}
