import { Inject, Injectable } from '@nestjs/common';
import type { Logger } from 'pino';
import { IntervalJob } from '../common/jobs/interval-job';
import { LOGGER } from '../common/logging/logger.module';
import { AppConfig } from '../config/app-config';
import { DeliveryService } from './delivery.service';

/** Tells commissioners about overdue progress and end reports, hourly; each report is flagged once. */
@Injectable()
export class DeliveryScheduler extends IntervalJob {
  constructor(
    private readonly delivery: DeliveryService,
    config: AppConfig,
    @Inject(LOGGER) logger: Logger,
  ) {
    super('Flagging overdue delivery reports', 60 * 60 * 1000, config, logger);
  }

  protected async runOnce() {
    const flagged = await this.delivery.flagOverdueReports();
    return flagged ? { flagged } : null;
  }
}
