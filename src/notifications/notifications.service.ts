import { Injectable } from '@nestjs/common';
import { EntityManager } from 'typeorm';
import { AppConfig } from '../config/app-config';
import { COUNT_CAP, PageRequest, toPage } from '../common/http/pagination';
import { ViewEngine } from '../common/views/views.module';
import { EMAIL_SUBJECTS, EmailTemplate } from './email-templates';
import { NotificationStatus } from './notification.entity';
import { NotificationRepository } from './notification.repository';

export interface QueuedEmail {
  to: string;
  template: EmailTemplate;
  data: Record<string, unknown>;
  /** Identifies the causing event; queuing the same key twice keeps one email. */
  eventKey?: string;
  /** A bid deadline, for an email that shows who is bidding: the admin list withholds it until then (BR-6). */
  withheldUntil?: Date | null;
}

/** Someone an email goes to: an account's address and name. */
export interface Recipient {
  id: string;
  email: string;
  fullName: string;
}

export interface FanOut<R extends Recipient> {
  template: EmailTemplate;
  recipients: readonly R[];
  /** The email's data for one recipient; their `fullName` is added. */
  data: (recipient: R) => Record<string, unknown>;
  /** The causing event; each recipient's email is keyed `${eventKey}:${recipient.id}`, so queuing twice keeps one each. */
  eventKey?: string;
  withheldUntil?: Date | null;
}

@Injectable()
export class NotificationsService {
  constructor(
    private readonly notifications: NotificationRepository,
    private readonly views: ViewEngine,
    private readonly config: AppConfig,
  ) {}

  /** Writes the email into the outbox with `manager`, inside the caller's transaction. */
  async queue(manager: EntityManager, email: QueuedEmail): Promise<void> {
    await this.queueAll(manager, [email]);
  }

  /** An email's subject and both bodies, as they will be sent. */
  render(email: QueuedEmail) {
    const data = { ...email.data, serviceName: 'Adoption Support Commissioning Portal', baseUrl: this.config.baseUrl };
    const subject = EMAIL_SUBJECTS[email.template];
    const textBody = this.views.engine.renderView(`emails/${email.template}.text`, { ...data, layout: false });
    const htmlBody = this.views.engine.renderView(`emails/${email.template}.html`, { ...data, subject, layout: 'email' });
    return {
      toAddress: email.to,
      template: email.template,
      subject,
      textBody,
      htmlBody,
      eventKey: email.eventKey ?? null,
      withheldUntil: email.withheldUntil ?? null,
    };
  }

  /**
   * The one fan-out: the same email to each recipient, rendered for them, into
   * the outbox inside the caller's transaction (sent after it commits).
   * Returns how many were queued.
   */
  async fanOut<R extends Recipient>(manager: EntityManager, email: FanOut<R>): Promise<number> {
    await this.queueAll(
      manager,
      email.recipients.map((recipient) => ({
        to: recipient.email,
        template: email.template,
        data: { ...email.data(recipient), fullName: recipient.fullName },
        eventKey: email.eventKey === undefined ? undefined : `${email.eventKey}:${recipient.id}`,
        withheldUntil: email.withheldUntil,
      })),
    );
    return email.recipients.length;
  }

  /** Writes many emails into the outbox in a few multi-row inserts, for publishing to thousands of providers. */
  async queueAll(manager: EntityManager, emails: QueuedEmail[]): Promise<void> {
    const rows = emails.map((email) => this.render(email));
    // Well under PostgreSQL's 65,535 bind parameters per statement (7 a row).
    for (let start = 0; start < rows.length; start += 1000) {
      await this.notifications.insertIgnoringDuplicates(manager, rows.slice(start, start + 1000));
    }
  }

  /**
   * The outbox for admins. An email that shows who is bidding keeps its
   * recipient, subject and any error (which may name the address) hidden
   * until its bid deadline passes, by the database's clock.
   */
  async list(status: NotificationStatus | undefined, pageRequest: PageRequest) {
    const [[rows, total], now] = await Promise.all([this.notifications.listPage(status, pageRequest, COUNT_CAP), this.notifications.databaseNow()]);
    const shown = rows.map((row) =>
      row.withheldUntil && row.withheldUntil > now ? { ...row, toAddress: null, subject: null, lastError: null, withheld: true } : { ...row, withheld: false },
    );
    return toPage(shown, total, pageRequest, '/admin/emails', { status });
  }

  /**
   * What is waiting and what failed, how old the oldest waiting email is and
   * how many went in the last day, for /health and the admin pages. Each is
   * read through an index: the outbox holds millions of sent emails.
   */
  async outboxState(): Promise<{ queued: number; failed: number; sentLastDay: number; oldestQueuedSeconds: number | null }> {
    const row = await this.notifications.outboxCounts();
    return { queued: row.queued, failed: row.failed, sentLastDay: row.sent_last_day, oldestQueuedSeconds: row.oldest_queued_seconds };
  }
}
