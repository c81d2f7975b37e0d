import { Inject, Injectable } from '@nestjs/common';
import type { Logger } from 'pino';
import { IntervalJob } from '../common/jobs/interval-job';
import { LOGGER } from '../common/logging/logger.module';
import { AppConfig } from '../config/app-config';
import { RetentionService } from './retention.service';

/** The retention job, daily: the advisory lock lets one instance run at a time, and erased records are not held, so a second run finds nothing. */
@Injectable()
export class RetentionScheduler extends IntervalJob {
  constructor(
    private readonly retention: RetentionService,
    config: AppConfig,
    @Inject(LOGGER) logger: Logger,
  ) {
    super('Retention job', 24 * 60 * 60 * 1000, config, logger);
  }

  protected runOnce() {
    return this.retention.run();
  }
}
