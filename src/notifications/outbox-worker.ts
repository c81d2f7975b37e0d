import { Inject, Injectable, OnApplicationBootstrap, OnApplicationShutdown } from '@nestjs/common';
import type { Logger } from 'pino';
import { DataSource } from 'typeorm';
import { AppConfig } from '../config/app-config';
import { LOGGER } from '../common/logging/logger.module';
import { fileTransport, MailTransport, smtpTransport } from './mail-transport';
import { NotificationRepository } from './notification.repository';
import { outcomeOfFailure } from './retry-schedule';
import { EmailSettingsService } from './email-settings.service';
import { join } from 'node:path';

/** Emails claimed in one delivery round; a crash part-way through a round can send at most these again. */
export const OUTBOX_BATCH_SIZE = 50;
const POLL_INTERVAL_MS = 1000;

/**
 * Delivers the outbox. Rows are claimed with FOR UPDATE SKIP LOCKED, so any
 * number of app instances can run this side by side without sending an email
 * twice; the row is marked sent in the same transaction that claimed it.
 */
@Injectable()
export class OutboxWorker implements OnApplicationBootstrap, OnApplicationShutdown {
  private timer: NodeJS.Timeout | undefined;
  private running: Promise<unknown> | undefined;
  private stopped = false;
  readonly transport: MailTransport;

  constructor(
    private readonly dataSource: DataSource,
    private readonly notifications: NotificationRepository,
    private readonly config: AppConfig,
    private readonly emailSettings: EmailSettingsService,
    @Inject(LOGGER) private readonly logger: Logger,
  ) {
    const host = new URL(config.baseUrl).hostname;
    this.transport = config.smtpUrl ? smtpTransport(config.smtpUrl, host) : fileTransport(join(config.dataDir, 'mail'), host);
  }

  onApplicationBootstrap(): void {
    if (!this.config.outboxWorker) return;
    this.logger.info({ transport: this.transport.description }, 'Outbox worker started');
    const tick = () => {
      if (this.stopped) return;
      this.running = this.deliverDue()
        .catch((error) => this.logger.error({ err: error }, 'Outbox delivery round failed'))
        .finally(() => {
          if (!this.stopped) this.timer = setTimeout(tick, POLL_INTERVAL_MS);
        });
    };
    this.timer = setTimeout(tick, 0);
  }

  async onApplicationShutdown(): Promise<void> {
    this.stopped = true;
    clearTimeout(this.timer);
    await this.running;
    this.transport.close();
  }

  /** One delivery round. Returns how many were sent and how many failed this time. */
  async deliverDue(): Promise<{ sent: number; failed: number }> {
    let sent = 0;
    let failed = 0;
    const { mailFrom } = await this.emailSettings.current();
    await this.dataSource.transaction(async (manager) => {
      const due = await this.notifications.claimDue(manager, OUTBOX_BATCH_SIZE);
      // Sent side by side: the SMTP transport keeps a pool of connections open.
      const outcomes = await Promise.allSettled(
        due.map((notification) =>
          this.transport.send({
            id: notification.id,
            from: mailFrom,
            to: notification.toAddress,
            subject: notification.subject,
            text: notification.textBody,
            html: notification.htmlBody,
          }),
        ),
      );
      const sentIds = due.filter((_, index) => outcomes[index].status === 'fulfilled').map((notification) => notification.id);
      if (sentIds.length > 0) {
        await this.notifications.markSent(manager, sentIds, new Date());
      }
      sent = sentIds.length;
      for (const [index, outcome] of outcomes.entries()) {
        if (outcome.status === 'fulfilled') continue;
        const notification = due[index];
        const attempts = notification.attempts + 1;
        const error = outcome.reason as Error;
        const failure = outcomeOfFailure(attempts, new Date());
        await this.notifications.markFailedAttempt(manager, notification.id, {
          ...failure,
          attempts,
          lastError: String(error?.message ?? error).slice(0, 500),
        });
        this.logger.warn({ notificationId: notification.id, attempts, status: failure.status }, 'Email delivery failed');
        failed++;
      }
    });
    return { sent, failed };
  }
}
