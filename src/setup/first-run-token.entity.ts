import { Column, CreateDateColumn, Entity, Index, PrimaryGeneratedColumn } from 'typeorm';

/** The one-time link printed at start while no system admin exists: only its hash is kept. */
@Entity('first_run_tokens')
@Index('uq_first_run_tokens_hash', ['tokenHash'], { unique: true })
export class FirstRunToken {
  @PrimaryGeneratedColumn('uuid', { primaryKeyConstraintName: 'pk_first_run_tokens' })
  id: string;

  @Column('text')
  tokenHash: string;

  @Column('timestamptz')
  expiresAt: Date;

  @Column('timestamptz', { nullable: true })
  usedAt: Date | null;

  @CreateDateColumn({ type: 'timestamptz' })
  createdAt: Date;
}
