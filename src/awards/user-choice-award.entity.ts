import { Column, CreateDateColumn, Entity, Index, JoinColumn, ManyToOne, OneToOne, PrimaryColumn } from 'typeorm';
import { ProviderOrganisation } from '../providers/provider-organisation.entity';
import { User } from '../users/user.entity';
import { Award } from './award.entity';

/**
 * Issue 22: what a user-choice direct award rests on (PA 2023 s.41 and
 * Schedule 5): the provider the family prefers, the preference as the
 * commissioner recorded it, the reasons it serves the child, the legal
 * ground, and the agreed value. The free text is the child's: it is shown
 * to the agency only, never copied into the audit log or a notice.
 */
@Entity('user_choice_awards')
@Index('ix_user_choice_awards_provider', ['providerId'])
export class UserChoiceAward {
  @PrimaryColumn('uuid', { primaryKeyConstraintName: 'pk_user_choice_awards' })
  awardId: string;

  @OneToOne(() => Award, { onDelete: 'RESTRICT' })
  @JoinColumn({ name: 'award_id', foreignKeyConstraintName: 'fk_user_choice_awards_award' })
  award?: Award;

  @Column('uuid')
  providerId: string;

  @ManyToOne(() => ProviderOrganisation, { onDelete: 'RESTRICT' })
  @JoinColumn({ name: 'provider_id', foreignKeyConstraintName: 'fk_user_choice_awards_provider' })
  provider?: ProviderOrganisation;

  @Column('text')
  preference: string;

  @Column('text')
  reasons: string;

  /** The ground as cited when it was recorded (see USER_CHOICE_GROUND). */
  @Column('text')
  legalGround: string;

  /** Without VAT, as agreed with the provider. */
  @Column('integer')
  valuePence: number;

  @Column('uuid')
  recordedByUserId: string;

  @ManyToOne(() => User, { onDelete: 'RESTRICT' })
  @JoinColumn({ name: 'recorded_by_user_id', foreignKeyConstraintName: 'fk_user_choice_awards_recorded_by' })
  recordedBy?: User;

  @CreateDateColumn({ type: 'timestamptz' })
  createdAt: Date;
}
