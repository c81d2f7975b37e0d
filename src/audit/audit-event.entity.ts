import { Column, Entity, Index, PrimaryGeneratedColumn } from 'typeorm';

/**
 * Append-only record of a state change. A trigger in the database refuses
 * UPDATE and DELETE, so not even the application can rewrite history.
 */
@Entity('audit_events')
@Index('ix_audit_events_occurred_at', ['occurredAt'])
@Index('ix_audit_events_entity', ['entityType', 'entityId'])
@Index('ix_audit_events_actor', ['actorUserId'])
@Index('ix_audit_events_action', ['action', 'occurredAt'])
export class AuditEvent {
  @PrimaryGeneratedColumn('uuid', { primaryKeyConstraintName: 'pk_audit_events' })
  id: string;

  @Column('timestamptz', { default: () => 'clock_timestamp()' })
  occurredAt: Date;

  /** Null for actions by the system itself (scheduled jobs, anonymous sign-up). */
  @Column('uuid', { nullable: true })
  actorUserId: string | null;

  @Column('text', { nullable: true })
  actorEmail: string | null;

  /** A dotted verb such as "user.created" or "user.signed_in". */
  @Column('text')
  action: string;

  @Column('text')
  entityType: string;

  @Column('text', { nullable: true })
  entityId: string | null;

  @Column('jsonb', { nullable: true })
  before: Record<string, unknown> | null;

  @Column('jsonb', { nullable: true })
  after: Record<string, unknown> | null;

  @Column('text', { nullable: true })
  requestId: string | null;
}
