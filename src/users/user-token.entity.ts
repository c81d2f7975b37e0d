import { Check, Column, CreateDateColumn, Entity, Index, JoinColumn, ManyToOne, PrimaryGeneratedColumn } from 'typeorm';
import { User } from './user.entity';

export const TOKEN_PURPOSES = ['confirm_registration', 'reset_password', 'accept_invitation'] as const;
export type TokenPurpose = (typeof TOKEN_PURPOSES)[number];

/** A single-use emailed link. Only a SHA-256 hash of the token is stored. */
@Entity('user_tokens')
@Index('uq_user_tokens_hash', ['tokenHash'], { unique: true })
@Index('ix_user_tokens_user', ['userId'])
@Check('ck_user_tokens_purpose', `purpose IN ('confirm_registration', 'reset_password', 'accept_invitation')`)
export class UserToken {
  @PrimaryGeneratedColumn('uuid', { primaryKeyConstraintName: 'pk_user_tokens' })
  id: string;

  @Column('uuid')
  userId: string;

  @ManyToOne(() => User, { onDelete: 'CASCADE' })
  @JoinColumn({ name: 'user_id', foreignKeyConstraintName: 'fk_user_tokens_user' })
  user?: User;

  @Column('text')
  purpose: TokenPurpose;

  @Column('text')
  tokenHash: string;

  @Column('timestamptz')
  expiresAt: Date;

  @Column('timestamptz', { nullable: true })
  usedAt: Date | null;

  @CreateDateColumn({ type: 'timestamptz' })
  createdAt: Date;
}
