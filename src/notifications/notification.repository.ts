import { Injectable } from '@nestjs/common';
import { DataSource, EntityManager, In } from 'typeorm';
import { Notification, NotificationStatus } from './notification.entity';

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
