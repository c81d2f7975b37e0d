import { Injectable } from '@nestjs/common';
import { InjectRepository } from '@nestjs/typeorm';
import { EntityManager, Repository } from 'typeorm';
import { AppConfig } from '../config/app-config';
import { PageRequest, toPage } from '../common/http/pagination';
import { ViewEngine } from '../common/views/views.module';
import { EMAIL_SUBJECTS, EmailTemplate } from './email-templates';
import { Notification, NotificationStatus } from './notification.entity';

export interface QueuedEmail {
  to: string;
  template: EmailTemplate;
  data: Record<string, unknown>;
  /** Identifies the causing event; queuing the same key twice keeps one email. */
  eventKey?: string;
}

@Injectable()
export class NotificationsService {
  constructor(
    @InjectRepository(Notification) private readonly notifications: Repository<Notification>,
    private readonly views: ViewEngine,
    private readonly config: AppConfig,
  ) {}

  /** Writes the email into the outbox with `manager`, inside the caller's transaction. */
  async queue(manager: EntityManager, email: QueuedEmail): Promise<void> {
    const data = { ...email.data, serviceName: 'Adoption Support Commissioning Portal', baseUrl: this.config.baseUrl };
    const subject = EMAIL_SUBJECTS[email.template];
    const textBody = this.views.engine.renderView(`emails/${email.template}.text`, { ...data, layout: false });
    const htmlBody = this.views.engine.renderView(`emails/${email.template}.html`, { ...data, subject, layout: 'email' });
    await manager
      .createQueryBuilder()
      .insert()
      .into(Notification)
      .values({ toAddress: email.to, template: email.template, subject, textBody, htmlBody, eventKey: email.eventKey ?? null })
      .orIgnore()
      .execute();
  }

  async list(status: NotificationStatus | undefined, pageRequest: PageRequest) {
    const [rows, total] = await this.notifications.findAndCount({
      select: { id: true, toAddress: true, subject: true, template: true, status: true, attempts: true, nextAttemptAt: true, lastError: true, sentAt: true, createdAt: true },
      where: status ? { status } : {},
      order: { createdAt: 'DESC', id: 'DESC' },
      skip: pageRequest.offset,
      take: pageRequest.pageSize,
    });
    return toPage(rows, total, pageRequest, '/admin/emails', { status });
  }

  /** Counts by status and the age of the oldest email still waiting, for /health. */
  async outboxState(): Promise<{ queued: number; failed: number; sent: number; oldestQueuedSeconds: number | null }> {
    const [row] = await this.notifications.query(`
      SELECT count(*) FILTER (WHERE status = 'queued')::int AS queued,
             count(*) FILTER (WHERE status = 'failed')::int AS failed,
             count(*) FILTER (WHERE status = 'sent')::int AS sent,
             extract(epoch FROM now() - min(created_at) FILTER (WHERE status = 'queued'))::int AS oldest_queued_seconds
        FROM notifications`);
    return { queued: row.queued, failed: row.failed, sent: row.sent, oldestQueuedSeconds: row.oldest_queued_seconds };
  }
}
