import { Inject, Injectable } from '@nestjs/common';
import type { Logger } from 'pino';
import { IntervalJob } from '../common/jobs/interval-job';
import { LOGGER } from '../common/logging/logger.module';
import { AppConfig } from '../config/app-config';
import { InvoicesService } from './invoices.service';

/** Tells providers about late payments (PA 2023 s.68), hourly; each invoice is flagged once. */
@Injectable()
export class InvoicesScheduler extends IntervalJob {
  constructor(
    private readonly invoices: InvoicesService,
    config: AppConfig,
    @Inject(LOGGER) logger: Logger,
  ) {
    super('Flagging late invoice payments', 60 * 60 * 1000, config, logger);
  }

  protected async runOnce() {
    const flagged = await this.invoices.flagLatePayments();
    return flagged ? { flagged } : null;
  }
}
