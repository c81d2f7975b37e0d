import { Check, Column, CreateDateColumn, Entity, Index, JoinColumn, ManyToOne, PrimaryGeneratedColumn } from 'typeorm';
import { MembershipCondition } from '../frameworks/membership-condition.entity';
import { TherapyType } from '../frameworks/therapy-type.entity';
import { Application } from './application.entity';

/** The evaluator's judgement of one answer: pass or fail, or a score, with a note. */
@Entity('application_judgements')
@Index('uq_application_judgements_condition', ['applicationId', 'conditionId'], { unique: true })
@Check('ck_application_judgements_result', `result IN ('pass', 'fail')`)
export class ApplicationJudgement {
  @PrimaryGeneratedColumn('uuid', { primaryKeyConstraintName: 'pk_application_judgements' })
  id: string;

  @Column('uuid')
  applicationId: string;

  @ManyToOne(() => Application, { onDelete: 'CASCADE' })
  @JoinColumn({ name: 'application_id', foreignKeyConstraintName: 'fk_application_judgements_application' })
  application?: Application;

  @Column('uuid')
  conditionId: string;

  @ManyToOne(() => MembershipCondition, { onDelete: 'RESTRICT' })
  @JoinColumn({ name: 'condition_id', foreignKeyConstraintName: 'fk_application_judgements_condition' })
  condition?: MembershipCondition;

  @Column('text')
  result: 'pass' | 'fail';

  @Column('integer', { nullable: true })
  score: number | null;

  @Column('text', { default: '' })
  note: string;

  @Column('uuid', { nullable: true })
  judgedByUserId: string | null;

  @CreateDateColumn({ type: 'timestamptz' })
  judgedAt: Date;
}

/** A question from the evaluator, and the provider's response, kept on the application. */
@Entity('application_clarifications')
@Index('ix_application_clarifications_application', ['applicationId', 'askedAt'])
export class ApplicationClarification {
  @PrimaryGeneratedColumn('uuid', { primaryKeyConstraintName: 'pk_application_clarifications' })
  id: string;

  @Column('uuid')
  applicationId: string;

  @ManyToOne(() => Application, { onDelete: 'CASCADE' })
  @JoinColumn({ name: 'application_id', foreignKeyConstraintName: 'fk_application_clarifications_application' })
  application?: Application;

  @Column('text')
  question: string;

  @Column('uuid', { nullable: true })
  askedByUserId: string | null;

  @CreateDateColumn({ type: 'timestamptz' })
  askedAt: Date;

  @Column('text', { nullable: true })
  response: string | null;

  @Column('uuid', { nullable: true })
  respondedByUserId: string | null;

  @Column('timestamptz', { nullable: true })
  respondedAt: Date | null;
}

/** The decision on one lot of an application, with reasons. */
@Entity('application_lot_decisions')
@Index('uq_application_lot_decisions_lot', ['applicationId', 'therapyTypeId'], { unique: true })
@Check('ck_application_lot_decisions_decision', `decision IN ('admitted', 'rejected')`)
export class ApplicationLotDecision {
  @PrimaryGeneratedColumn('uuid', { primaryKeyConstraintName: 'pk_application_lot_decisions' })
  id: string;

  @Column('uuid')
  applicationId: string;

  @ManyToOne(() => Application, { onDelete: 'CASCADE' })
  @JoinColumn({ name: 'application_id', foreignKeyConstraintName: 'fk_application_lot_decisions_application' })
  application?: Application;

  @Column('uuid')
  therapyTypeId: string;

  @ManyToOne(() => TherapyType, { onDelete: 'RESTRICT' })
  @JoinColumn({ name: 'therapy_type_id', foreignKeyConstraintName: 'fk_application_lot_decisions_therapy_type' })
  therapyType?: TherapyType;

  @Column('text')
  decision: 'admitted' | 'rejected';

  @Column('text')
  reason: string;

  /** Why the decision departs from what the judgements say (BR-1); null when it follows them. */
  @Column('text', { nullable: true })
  overrideReason: string | null;

  @Column('uuid', { nullable: true })
  decidedByUserId: string | null;

  @CreateDateColumn({ type: 'timestamptz' })
  decidedAt: Date;
}
