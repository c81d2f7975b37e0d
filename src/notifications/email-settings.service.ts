import { Clock } from '../common/clock/clock';
import { Injectable, NestMiddleware, OnApplicationBootstrap, OnApplicationShutdown } from '@nestjs/common';
import type { NextFunction, Request, Response } from 'express';
import { DataSource } from 'typeorm';
import { AuditService } from '../audit/audit.service';
import { AppConfig } from '../config/app-config';
import { EmailSettingsRepository } from './email-settings.repository';

export const DEFAULT_FEEDBACK_EMAIL = 'commissioning@apse.example';
/** Long enough to spare the database a query per page; short enough that other instances soon see a change. */
const CACHE_MS = 30_000;

export interface EffectiveEmailSettings {
  mailFrom: string;
  feedbackEmail: string;
}

/** The email sender and feedback address: the admin's values, or the configuration's when none is set. */
@Injectable()
export class EmailSettingsService implements OnApplicationBootstrap, OnApplicationShutdown {
  private cached: { value: EffectiveEmailSettings; at: number } | undefined;
  private timer: NodeJS.Timeout | undefined;

  constructor(
    private readonly clock: Clock,
    private readonly dataSource: DataSource,
    private readonly config: AppConfig,
    private readonly audit: AuditService,
    private readonly settings: EmailSettingsRepository,
  ) {}

  /**
   * Loaded before the first page, so the banner shows the admin's address
   * from the start, then refreshed on a timer, outside any request, so
   * another instance's change shows here within CACHE_MS.
   */
  async onApplicationBootstrap(): Promise<void> {
    await this.refresh();
    this.timer = setInterval(() => void this.refresh().catch(() => undefined), CACHE_MS);
    this.timer.unref();
  }

  onApplicationShutdown(): void {
    clearInterval(this.timer);
  }

  async current(): Promise<EffectiveEmailSettings> {
    if (this.cached && this.clock.now().getTime() - this.cached.at < CACHE_MS) return this.cached.value;
    return this.refresh();
  }

  private async refresh(): Promise<EffectiveEmailSettings> {
    const row = await this.settings.find();
    const value = { mailFrom: row?.mailFrom || this.config.mailFrom, feedbackEmail: row?.feedbackEmail || DEFAULT_FEEDBACK_EMAIL };
    this.cached = { value, at: this.clock.now().getTime() };
    return value;
  }

  /** The last known values without waiting, for the page layout. */
  known(): EffectiveEmailSettings {
    return this.cached?.value ?? { mailFrom: this.config.mailFrom, feedbackEmail: DEFAULT_FEEDBACK_EMAIL };
  }

  async update(values: EffectiveEmailSettings): Promise<void> {
    await this.dataSource.transaction(async (manager) => {
      const before = await this.settings.find(manager);
      await this.settings.write(manager, values);
      await this.audit.record(manager, {
        action: 'email_settings.changed',
        entityType: 'email_settings',
        before: before ? { mailFrom: before.mailFrom, feedbackEmail: before.feedbackEmail } : null,
        after: { ...values },
      });
    });
    this.cached = { value: { ...values }, at: this.clock.now().getTime() };
  }
}

/** Puts the feedback address into every page's locals, for the phase banner. */
@Injectable()
export class FeedbackAddressMiddleware implements NestMiddleware {
  constructor(private readonly settings: EmailSettingsService) {}

  use(_request: Request, response: Response, next: NextFunction): void {
    response.locals.feedbackEmail = this.settings.known().feedbackEmail;
    next();
  }
}
