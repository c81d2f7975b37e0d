import { Check, Column, Entity, Index, JoinColumn, ManyToOne, PrimaryGeneratedColumn } from 'typeorm';
import { ProviderOrganisation } from '../providers/provider-organisation.entity';
import { User } from '../users/user.entity';
import { Requirement } from './requirement.entity';

/** A question from an invited provider and the commissioner's answer: public to every invitee without the asker's name, or private with a reason. */
@Entity('requirement_clarifications')
@Index('ix_requirement_clarifications_requirement', ['requirementId', 'askedAt'])
@Check('ck_requirement_clarifications_visibility', `visibility IS NULL OR visibility IN ('public', 'private')`)
@Check('ck_requirement_clarifications_private_reason', `visibility IS DISTINCT FROM 'private' OR private_reason IS NOT NULL`)
export class RequirementClarification {
  @PrimaryGeneratedColumn('uuid', { primaryKeyConstraintName: 'pk_requirement_clarifications' })
  id: string;

  @Column('uuid')
  requirementId: string;

  @ManyToOne(() => Requirement, { onDelete: 'CASCADE' })
  @JoinColumn({ name: 'requirement_id', foreignKeyConstraintName: 'fk_requirement_clarifications_requirement' })
  requirement?: Requirement;

  @Column('uuid')
  providerId: string;

  @ManyToOne(() => ProviderOrganisation, { onDelete: 'RESTRICT' })
  @JoinColumn({ name: 'provider_id', foreignKeyConstraintName: 'fk_requirement_clarifications_provider' })
  provider?: ProviderOrganisation;

  @Column('uuid')
  askedByUserId: string;

  @ManyToOne(() => User, { onDelete: 'RESTRICT' })
  @JoinColumn({ name: 'asked_by_user_id', foreignKeyConstraintName: 'fk_requirement_clarifications_asked_by' })
  askedBy?: User;

  @Column('text')
  question: string;

  @Column('timestamptz', { default: () => 'now()' })
  askedAt: Date;

  @Column('text', { nullable: true })
  answer: string | null;

  @Column('text', { nullable: true })
  visibility: 'public' | 'private' | null;

  @Column('text', { nullable: true })
  privateReason: string | null;

  @Column('uuid', { nullable: true })
  answeredByUserId: string | null;

  @ManyToOne(() => User, { onDelete: 'RESTRICT' })
  @JoinColumn({ name: 'answered_by_user_id', foreignKeyConstraintName: 'fk_requirement_clarifications_answered_by' })
  answeredBy?: User | null;

  @Column('timestamptz', { nullable: true })
  answeredAt: Date | null;
}
