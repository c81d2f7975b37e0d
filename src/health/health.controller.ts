import { Controller, Get, Res } from '@nestjs/common';
import type { Response } from 'express';
import { DataSource } from 'typeorm';
import { Public } from '../common/auth/access.decorators';
import { pingDatabase } from '../common/database/database-ping';
import { NotificationsService } from '../notifications/notifications.service';

@Controller('health')
@Public()
export class HealthController {
  constructor(
    private readonly dataSource: DataSource,
    private readonly notifications: NotificationsService,
  ) {}

  /** For load balancers and monitoring: 200 when the database answers, 503 when it does not. */
  @Get()
  async health(@Res() response: Response) {
    response.setHeader('Cache-Control', 'no-store');
    try {
      await pingDatabase(this.dataSource);
      const outbox = await this.notifications.outboxState();
      response.json({ status: 'ok', database: 'up', outbox });
    } catch {
      response.status(503).json({ status: 'unavailable', database: 'down' });
    }
  }
}
