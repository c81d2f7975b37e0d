import { Injectable } from '@nestjs/common';
import { DataSource, EntityManager, In } from 'typeorm';
import { findPage } from '../common/database/find-page';
import type { PageRequest } from '../common/http/pagination';
import { Notification, NotificationStatus } from './notification.entity';

/** An email as it goes into the outbox, rendered. */
export type NewNotification = Pick<Notification, 'toAddress' | 'template' | 'subject' | 'textBody' | 'htmlBody' | 'eventKey' | 'withheldUntil'>;

/** An outbox row as the admin list reads it (no bodies, no event key). */
export type ListedNotification = Pick<
  Notification,
  'id' | 'toAddress' | 'subject' | 'template' | 'status' | 'attempts' | 'nextAttemptAt' | 'lastError' | 'sentAt' | 'createdAt' | 'withheldUntil'
>;

/** The outbox counts for /health and the admin pages. */
export interface OutboxCounts {
  queued: number;
  failed: number;
  sent_last_day: number;
  oldest_queued_seconds: number | null;
}

/** What a failed delivery writes back: the retry outcome, the attempt count and the error. */
export interface DeliveryFailure {
  status: NotificationStatus;
  nextAttemptAt: Date;
  attempts: number;
  lastError: string;
}

/** The notifications table (the outbox): the only place with its SQL. */
@Injectable()
export class NotificationRepository {
  constructor(private readonly dataSource: DataSource) {}

  /** Inserts the emails in one multi-row statement; a row whose event key is already queued is skipped. */
  async insertIgnoringDuplicates(manager: EntityManager, rows: NewNotification[]): Promise<void> {
    await manager.createQueryBuilder().insert().into(Notification).values(rows).orIgnore().execute();
  }

  /** One page of the outbox, newest first, optionally of one status, and how many there are (counted up to `countUpTo`). */
  listPage(status: NotificationStatus | undefined, pageRequest: PageRequest, countUpTo: number): Promise<[ListedNotification[], number]> {
    const query = this.dataSource
      .getRepository(Notification)
      .createQueryBuilder('email')
      .select([
        'email.id',
        'email.toAddress',
        'email.subject',
        'email.template',
        'email.status',
        'email.attempts',
        'email.nextAttemptAt',
        'email.lastError',
        'email.sentAt',
        'email.createdAt',
        'email.withheldUntil',
      ])
      .orderBy('email.createdAt', 'DESC')
      .addOrderBy('email.id', 'DESC');
    if (status) query.where('email.status = :status', { status });
    return findPage(query, pageRequest, { countUpTo });
  }

  /** The database's clock. */
  async databaseNow(): Promise<Date> {
    const [{ now }] = (await this.dataSource.query(`SELECT now() AS now`)) as Array<{ now: Date }>;
    return now;
  }

  /** What is waiting and what failed, the oldest waiting email's age and the last day's sends, each through an index. */
  async outboxCounts(): Promise<OutboxCounts> {
    const [row] = (await this.dataSource.query(`
      SELECT (SELECT count(*) FROM notifications WHERE status = 'queued')::int AS queued,
             (SELECT count(*) FROM notifications WHERE status = 'failed')::int AS failed,
             (SELECT count(*) FROM notifications WHERE sent_at >= now() - interval '1 day')::int AS sent_last_day,
             (SELECT extract(epoch FROM now() - min(created_at))::int FROM notifications WHERE status = 'queued') AS oldest_queued_seconds`)) as OutboxCounts[];
    return row;
  }

  /**
   * Up to `limit` queued emails that are due, oldest first, locked until the
   * transaction ends; rows another worker holds are skipped.
   */
  claimDue(manager: EntityManager, limit: number): Promise<Notification[]> {
    return manager
      .createQueryBuilder(Notification, 'n')
      .where(`n.status = 'queued' AND n.nextAttemptAt <= now()`)
      .orderBy('n.createdAt', 'ASC')
      .limit(limit)
      .setLock('pessimistic_write')
      .setOnLocked('skip_locked')
      .getMany();
  }

  /** Marks the emails sent, counting the attempt. */
  async markSent(manager: EntityManager, ids: string[], sentAt: Date): Promise<void> {
    await manager.update(Notification, { id: In(ids) }, { status: 'sent', attempts: () => 'attempts + 1', sentAt, lastError: null });
  }

  /** Records a failed delivery of one email. */
  async markFailedAttempt(manager: EntityManager, id: string, failure: DeliveryFailure): Promise<void> {
    await manager.update(Notification, id, failure);
  }
}
