import { Check, Column, CreateDateColumn, Entity, Index, JoinColumn, ManyToOne, PrimaryGeneratedColumn } from 'typeorm';
import type { OutcomeTool } from '../awards/award-rules';
import { Contract } from '../awards/contract.entity';
import { User } from '../users/user.entity';
import type { Respondent } from './feedback-token';

/** Sessions a provider delivered on one day under a contract. */
@Entity('session_logs')
@Index('ix_session_logs_contract', ['contractId', 'deliveredOn'])
@Check('ck_session_logs_sessions', `sessions BETWEEN 1 AND 20`)
export class SessionLog {
  @PrimaryGeneratedColumn('uuid', { primaryKeyConstraintName: 'pk_session_logs' })
  id: string;

  @Column('uuid')
  contractId: string;

  @ManyToOne(() => Contract, { onDelete: 'RESTRICT' })
  @JoinColumn({ name: 'contract_id', foreignKeyConstraintName: 'fk_session_logs_contract' })
  contract?: Contract;

  @Column('date')
  deliveredOn: string;

  @Column('integer')
  sessions: number;

  @Column('uuid')
  recordedByUserId: string;

  @ManyToOne(() => User, { onDelete: 'RESTRICT' })
  @JoinColumn({ name: 'recorded_by_user_id', foreignKeyConstraintName: 'fk_session_logs_recorded_by' })
  recordedBy?: User;

  @CreateDateColumn({ type: 'timestamptz' })
  createdAt: Date;
}

export type ReportKind = 'progress' | 'end';
export type Engagement = 'good' | 'mixed' | 'poor';
export type GoalProgress = 'met' | 'partly_met' | 'not_met';

/** A provider's progress report at the contract's interval, or its one end report. */
@Entity('delivery_reports')
@Index('ix_delivery_reports_contract', ['contractId', 'submittedAt'])
@Index('uq_delivery_reports_end', ['contractId'], { unique: true, where: `kind = 'end'` })
@Check('ck_delivery_reports_kind', `kind IN ('progress', 'end')`)
@Check('ck_delivery_reports_engagement', `engagement IN ('good', 'mixed', 'poor')`)
@Check('ck_delivery_reports_goals', `goal_progress IN ('met', 'partly_met', 'not_met')`)
export class DeliveryReport {
  @PrimaryGeneratedColumn('uuid', { primaryKeyConstraintName: 'pk_delivery_reports' })
  id: string;

  @Column('uuid')
  contractId: string;

  @ManyToOne(() => Contract, { onDelete: 'RESTRICT' })
  @JoinColumn({ name: 'contract_id', foreignKeyConstraintName: 'fk_delivery_reports_contract' })
  contract?: Contract;

  @Column('text')
  kind: ReportKind;

  /** The due date the report answered, so on-time reporting can be counted later. */
  @Column('date')
  dueOn: string;

  @Column('text')
  engagement: Engagement;

  @Column('text')
  goalProgress: GoalProgress;

  @Column('text')
  summary: string;

  @Column('text')
  nextSteps: string;

  @Column('boolean')
  safeguardingConcern: boolean;

  @Column('uuid')
  submittedByUserId: string;

  @ManyToOne(() => User, { onDelete: 'RESTRICT' })
  @JoinColumn({ name: 'submitted_by_user_id', foreignKeyConstraintName: 'fk_delivery_reports_submitted_by' })
  submittedBy?: User;

  @CreateDateColumn({ type: 'timestamptz' })
  submittedAt: Date;
}

/** BR-17: one measure with an outcome tool, its baseline and (later) its end score; a GBO goal is one measure. */
@Entity('outcome_measures')
@Index('ix_outcome_measures_contract', ['contractId', 'createdAt'])
@Check('ck_outcome_measures_scores', `baseline_score >= 0 AND (end_score IS NULL OR end_score >= 0)`)
export class OutcomeMeasure {
  @PrimaryGeneratedColumn('uuid', { primaryKeyConstraintName: 'pk_outcome_measures' })
  id: string;

  @Column('uuid')
  contractId: string;

  @ManyToOne(() => Contract, { onDelete: 'RESTRICT' })
  @JoinColumn({ name: 'contract_id', foreignKeyConstraintName: 'fk_outcome_measures_contract' })
  contract?: Contract;

  @Column('text')
  tool: OutcomeTool;

  /** "Total" for a whole-tool score, or the goal in the family's words for GBO. */
  @Column('text')
  label: string;

  @Column('integer')
  baselineScore: number;

  @Column('integer', { nullable: true })
  endScore: number | null;

  @CreateDateColumn({ type: 'timestamptz' })
  createdAt: Date;

  @Column('timestamptz', { nullable: true })
  endRecordedAt: Date | null;
}

export type FeedbackStage = 'midpoint' | 'end';

/** A single-use feedback link sent to a family member or professional; only the token's hash is kept. */
@Entity('feedback_requests')
@Index('uq_feedback_requests_token', ['tokenHash'], { unique: true })
@Index('uq_feedback_requests_once', ['contractId', 'respondent', 'stage'], { unique: true })
@Check('ck_feedback_requests_respondent', `respondent IN ('adopter', 'young_person', 'professional')`)
@Check('ck_feedback_requests_stage', `stage IN ('midpoint', 'end')`)
export class FeedbackRequest {
  @PrimaryGeneratedColumn('uuid', { primaryKeyConstraintName: 'pk_feedback_requests' })
  id: string;

  @Column('uuid')
  contractId: string;

  @ManyToOne(() => Contract, { onDelete: 'RESTRICT' })
  @JoinColumn({ name: 'contract_id', foreignKeyConstraintName: 'fk_feedback_requests_contract' })
  contract?: Contract;

  @Column('text')
  respondent: Respondent;

  @Column('text')
  stage: FeedbackStage;

  @Column('text')
  tokenHash: string;

  @Column('timestamptz')
  expiresAt: Date;

  @Column('timestamptz', { nullable: true })
  usedAt: Date | null;

  @Column('uuid')
  sentByUserId: string;

  @ManyToOne(() => User, { onDelete: 'RESTRICT' })
  @JoinColumn({ name: 'sent_by_user_id', foreignKeyConstraintName: 'fk_feedback_requests_sent_by' })
  sentBy?: User;

  @CreateDateColumn({ type: 'timestamptz' })
  createdAt: Date;
}

/** One answer through a feedback link: three ratings from 1 to 5 and optional free text. */
@Entity('feedback_responses')
@Index('uq_feedback_responses_request', ['requestId'], { unique: true })
@Index('ix_feedback_responses_contract', ['contractId'])
@Check('ck_feedback_responses_ratings', `helpful BETWEEN 1 AND 5 AND listened BETWEEN 1 AND 5 AND better BETWEEN 1 AND 5`)
export class FeedbackResponse {
  @PrimaryGeneratedColumn('uuid', { primaryKeyConstraintName: 'pk_feedback_responses' })
  id: string;

  @Column('uuid')
  requestId: string;

  @ManyToOne(() => FeedbackRequest, { onDelete: 'RESTRICT' })
  @JoinColumn({ name: 'request_id', foreignKeyConstraintName: 'fk_feedback_responses_request' })
  request?: FeedbackRequest;

  @Column('uuid')
  contractId: string;

  @ManyToOne(() => Contract, { onDelete: 'RESTRICT' })
  @JoinColumn({ name: 'contract_id', foreignKeyConstraintName: 'fk_feedback_responses_contract' })
  contract?: Contract;

  @Column('text')
  respondent: Respondent;

  @Column('smallint')
  helpful: number;

  @Column('smallint')
  listened: number;

  @Column('smallint')
  better: number;

  @Column('text', { nullable: true })
  comment: string | null;

  @CreateDateColumn({ type: 'timestamptz' })
  createdAt: Date;
}
