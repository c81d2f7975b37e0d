import { Check, Column, CreateDateColumn, Entity, Index, PrimaryGeneratedColumn } from 'typeorm';

export const NOTIFICATION_STATUSES = ['queued', 'sent', 'failed'] as const;
export type NotificationStatus = (typeof NOTIFICATION_STATUSES)[number];

/** An email in the transactional outbox. Written with the change that causes it; a worker delivers it. */
@Entity('notifications')
@Index('ix_notifications_due', ['status', 'nextAttemptAt'])
@Index('ix_notifications_created_at', ['createdAt'])
@Index('ix_notifications_status_created_at', ['status', 'createdAt'])
@Index('ix_notifications_sent_at', ['sentAt'])
@Index('uq_notifications_event_key', ['eventKey'], { unique: true })
@Check('ck_notifications_status', `status IN ('queued', 'sent', 'failed')`)
export class Notification {
  @PrimaryGeneratedColumn('uuid', { primaryKeyConstraintName: 'pk_notifications' })
  id: string;

  /** Identifies the event that caused the email, so one event never queues two copies. */
  @Column('text', { nullable: true })
  eventKey: string | null;

  @Column('text')
  toAddress: string;

  @Column('text')
  template: string;

  @Column('text')
  subject: string;

  @Column('text')
  textBody: string;

  @Column('text')
  htmlBody: string;

  @Column('text', { default: 'queued' })
  status: NotificationStatus;

  @Column('integer', { default: 0 })
  attempts: number;

  @Column('timestamptz', { default: () => 'now()' })
  nextAttemptAt: Date;

  @Column('text', { nullable: true })
  lastError: string | null;

  @Column('timestamptz', { nullable: true })
  sentAt: Date | null;

  /** Set on emails that show who is bidding (BR-6): the admin list hides their recipient and subject until then. */
  @Column('timestamptz', { nullable: true })
  withheldUntil: Date | null;

  @CreateDateColumn({ type: 'timestamptz' })
  createdAt: Date;
}
