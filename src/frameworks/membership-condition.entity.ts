import { Check, Column, Entity, Index, JoinColumn, ManyToOne, PrimaryGeneratedColumn } from 'typeorm';
import { Framework } from './framework.entity';

export const ANSWER_TYPES = ['yes_no', 'text', 'number', 'date', 'file'] as const;
export type AnswerType = (typeof ANSWER_TYPES)[number];

export const JUDGEMENTS = ['pass_fail', 'scored'] as const;
export type Judgement = (typeof JUDGEMENTS)[number];

/** A condition of membership: one application question and how its answer is judged. */
@Entity('membership_conditions')
@Index('ix_membership_conditions_framework', ['frameworkId', 'position'])
@Check('ck_membership_conditions_answer_type', `answer_type IN ('yes_no', 'text', 'number', 'date', 'file')`)
@Check('ck_membership_conditions_judgement', `judgement IN ('pass_fail', 'scored')`)
@Check(
  'ck_membership_conditions_scored',
  `judgement <> 'scored' OR (minimum_score IS NOT NULL AND maximum_score IS NOT NULL AND minimum_score <= maximum_score)`,
)
@Check('ck_membership_conditions_word_limit', `answer_type <> 'text' OR word_limit > 0`)
export class MembershipCondition {
  @PrimaryGeneratedColumn('uuid', { primaryKeyConstraintName: 'pk_membership_conditions' })
  id: string;

  @Column('uuid')
  frameworkId: string;

  @ManyToOne(() => Framework, { onDelete: 'CASCADE' })
  @JoinColumn({ name: 'framework_id', foreignKeyConstraintName: 'fk_membership_conditions_framework' })
  framework?: Framework;

  @Column('integer')
  position: number;

  @Column('text')
  question: string;

  @Column('text', { default: '' })
  hint: string;

  @Column('text')
  answerType: AnswerType;

  @Column('integer', { nullable: true })
  wordLimit: number | null;

  /** Therapy type ids of the lots this applies to; empty means every lot. */
  @Column('uuid', { array: true, default: () => "'{}'" })
  lotTherapyTypeIds: string[];

  @Column('text')
  judgement: Judgement;

  /** For pass/fail yes-or-no questions: the answer that passes. */
  @Column('text', { nullable: true })
  passingAnswer: string | null;

  @Column('integer', { nullable: true })
  minimumScore: number | null;

  @Column('integer', { nullable: true })
  maximumScore: number | null;
}
