import { Controller, Get, Post, Render, Req, Res } from '@nestjs/common';
import type { Request, Response } from 'express';
import { Roles } from '../common/auth/access.decorators';
import { redirectAfterSaving, setFlash } from '../common/http/flash';
import { formatDate } from '../common/views/format';
import { describePeriod, RETENTION_KINDS, RETENTION_SCHEDULE } from './retention-rules';
import { RetentionService } from './retention.service';

@Controller('admin/retention')
@Roles('system_admin')
export class RetentionController {
  constructor(private readonly retention: RetentionService) {}

  @Get()
  @Render('retention/index')
  async index() {
    const schedule = await this.retention.schedule();
    const rows = schedule.map((item) => [
      { text: RETENTION_SCHEDULE[item.kind].label },
      { text: `${describePeriod(item.months)} ${RETENTION_SCHEDULE[item.kind].after}` },
      { text: String(item.dueNow), format: 'numeric' },
      { text: String(item.scheduled), format: 'numeric' },
      { text: item.nextDueAt ? formatDate(item.nextDueAt) : 'None' },
    ]);
    return { rows };
  }

  /** Runs the retention job now, rather than waiting for the daily run. */
  @Post('run')
  async run(@Req() request: Request, @Res() response: Response) {
    const result = await this.retention.run();
    setFlash(
      request,
      result
        ? { heading: `Retention run finished: ${RETENTION_KINDS.map((kind) => `${result[kind]} ${RETENTION_SCHEDULE[kind].countNoun}`).join(', ')} erased` }
        : { heading: 'The retention job is already running', body: 'Try again in a minute.' },
    );
    return redirectAfterSaving(request, response, '/admin/retention');
  }
}
