import { Inject, Injectable, OnApplicationBootstrap, OnApplicationShutdown } from '@nestjs/common';
import type { Logger } from 'pino';
import { AppConfig } from '../config/app-config';
import { LOGGER } from '../common/logging/logger.module';
import { ComplianceService } from './compliance.service';

const HOUR = 60 * 60 * 1000;

/**
 * Runs the compliance check shortly after start and then hourly. Every
 * instance may try; the advisory lock lets one run at a time, and event keys
 * stop reminders being sent twice.
 */
@Injectable()
export class ComplianceScheduler implements OnApplicationBootstrap, OnApplicationShutdown {
  private timer: NodeJS.Timeout | undefined;
  private firstRun: NodeJS.Timeout | undefined;

  constructor(
    private readonly compliance: ComplianceService,
    private readonly config: AppConfig,
    @Inject(LOGGER) private readonly logger: Logger,
  ) {}

  onApplicationBootstrap(): void {
    if (!this.config.outboxWorker) return;
    const tick = () => {
      this.compliance
        .run()
        .then((result) => result && this.logger.info({ ...result }, 'Compliance check finished'))
        .catch((error) => this.logger.error({ err: error }, 'Compliance check failed'));
    };
    this.timer = setInterval(tick, HOUR);
    this.firstRun = setTimeout(tick, 5_000);
  }

  onApplicationShutdown(): void {
    clearInterval(this.timer);
    clearTimeout(this.firstRun);
  }
}
