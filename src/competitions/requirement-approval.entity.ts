import { Check, Column, CreateDateColumn, Entity, Index, JoinColumn, ManyToOne, PrimaryGeneratedColumn } from 'typeorm';
import { User } from '../users/user.entity';
import { Requirement } from './requirement.entity';

/**
 * One step of a requirement's approval before publishing, where its agency
 * requires one: sent for approval, approved, or returned with comments.
 * The latest step, against the requirement's last edit, gives its state.
 */
@Entity('requirement_approval_events')
@Index('ix_requirement_approval_events_requirement', ['requirementId', 'createdAt'])
@Check('ck_requirement_approval_events_kind', `kind IN ('requested', 'approved', 'returned')`)
@Check('ck_requirement_approval_events_comments', `kind <> 'returned' OR comments IS NOT NULL`)
export class RequirementApprovalEvent {
  @PrimaryGeneratedColumn('uuid', { primaryKeyConstraintName: 'pk_requirement_approval_events' })
  id: string;

  @Column('uuid')
  requirementId: string;

  @ManyToOne(() => Requirement, { onDelete: 'CASCADE' })
  @JoinColumn({ name: 'requirement_id', foreignKeyConstraintName: 'fk_requirement_approval_events_requirement' })
  requirement?: Requirement;

  @Column('text')
  kind: 'requested' | 'approved' | 'returned';

  @Column('text', { nullable: true })
  comments: string | null;

  @Column('uuid')
  userId: string;

  @ManyToOne(() => User, { onDelete: 'RESTRICT' })
  @JoinColumn({ name: 'user_id', foreignKeyConstraintName: 'fk_requirement_approval_events_user' })
  user?: User;

  @CreateDateColumn({ type: 'timestamptz' })
  createdAt: Date;
}
