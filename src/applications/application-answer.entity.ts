import { Column, Entity, Index, JoinColumn, ManyToOne, PrimaryGeneratedColumn, UpdateDateColumn } from 'typeorm';
import { ComplianceDocument } from '../documents/compliance-document.entity';
import { MembershipCondition } from '../frameworks/membership-condition.entity';
import { Application } from './application.entity';

/** A provider's answer to one condition of membership, saved as they go. */
@Entity('application_answers')
@Index('uq_application_answers_condition', ['applicationId', 'conditionId'], { unique: true })
export class ApplicationAnswer {
  @PrimaryGeneratedColumn('uuid', { primaryKeyConstraintName: 'pk_application_answers' })
  id: string;

  @Column('uuid')
  applicationId: string;

  @ManyToOne(() => Application, { onDelete: 'CASCADE' })
  @JoinColumn({ name: 'application_id', foreignKeyConstraintName: 'fk_application_answers_application' })
  application?: Application;

  @Column('uuid')
  conditionId: string;

  @ManyToOne(() => MembershipCondition, { onDelete: 'RESTRICT' })
  @JoinColumn({ name: 'condition_id', foreignKeyConstraintName: 'fk_application_answers_condition' })
  condition?: MembershipCondition;

  /** "yes"/"no", the text, the number, or the ISO date, by the condition's answer type. */
  @Column('text', { nullable: true })
  value: string | null;

  /** For file questions: one of the provider's compliance documents. */
  @Column('uuid', { nullable: true })
  documentId: string | null;

  @ManyToOne(() => ComplianceDocument, { onDelete: 'RESTRICT' })
  @JoinColumn({ name: 'document_id', foreignKeyConstraintName: 'fk_application_answers_document' })
  document?: ComplianceDocument | null;

  @UpdateDateColumn({ type: 'timestamptz' })
  updatedAt: Date;
}
