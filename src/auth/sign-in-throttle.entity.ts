import { Column, Entity, PrimaryColumn } from 'typeorm';

/**
 * Failed sign-in counts, kept in PostgreSQL so the limit holds across every
 * app instance. The key is "email:<address>" or "ip:<address>"; for requests
 * limited whether or not they succeed (forgot-password, registering,
 * inviting), "<request>:email:<address>" or "<request>:ip:<address>", and
 * `failures` counts every request.
 */
@Entity('sign_in_throttles')
export class SignInThrottle {
  @PrimaryColumn('text', { primaryKeyConstraintName: 'pk_sign_in_throttles' })
  key: string;

  @Column('integer', { default: 0 })
  failures: number;

  @Column('timestamptz')
  windowStartedAt: Date;

  @Column('timestamptz', { nullable: true })
  lockedUntil: Date | null;
}
