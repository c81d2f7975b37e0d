import { Inject, Injectable } from '@nestjs/common';
import type { Logger } from 'pino';
import { IntervalJob } from '../common/jobs/interval-job';
import { LOGGER } from '../common/logging/logger.module';
import { AppConfig } from '../config/app-config';
import { AwardsService } from './awards.service';

/** Confirms awards whose standstill has ended and creates their contracts, hourly. */
@Injectable()
export class AwardsScheduler extends IntervalJob {
  constructor(
    private readonly awards: AwardsService,
    config: AppConfig,
    @Inject(LOGGER) logger: Logger,
  ) {
    super('Confirming awards after standstill', 60 * 60 * 1000, config, logger);
  }

  protected async runOnce() {
    const confirmed = await this.awards.confirmDue();
    return confirmed ? { confirmed } : null;
  }
}
