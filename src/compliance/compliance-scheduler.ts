import { Inject, Injectable } from '@nestjs/common';
import type { Logger } from 'pino';
import { IntervalJob } from '../common/jobs/interval-job';
import { LOGGER } from '../common/logging/logger.module';
import { AppConfig } from '../config/app-config';
import { ComplianceService } from './compliance.service';

/** The compliance check, hourly: the advisory lock lets one instance run at a time, and event keys stop reminders being sent twice. */
@Injectable()
export class ComplianceScheduler extends IntervalJob {
  constructor(
    private readonly compliance: ComplianceService,
    config: AppConfig,
    @Inject(LOGGER) logger: Logger,
  ) {
    super('Compliance check', 60 * 60 * 1000, config, logger);
  }

  protected runOnce() {
    return this.compliance.run();
  }
}
