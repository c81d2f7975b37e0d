import { Check, Column, CreateDateColumn, Entity, Index, JoinColumn, ManyToOne, PrimaryGeneratedColumn, UpdateDateColumn } from 'typeorm';
import { Framework } from '../frameworks/framework.entity';
import { ProviderOrganisation } from '../providers/provider-organisation.entity';
import type { ApplicationStatus } from './application-lifecycle';
import type { ExclusionAnswers, ExclusionAssessmentOutcome, ExclusionGroundKind } from './exclusion-grounds';

/** What was submitted, frozen: later changes to the profile do not change the application. */
export interface ApplicationSnapshot {
  organisation: Record<string, unknown>;
  areas: string[];
  lots: Array<{ id: string; name: string }>;
  practitioners: Array<Record<string, unknown>>;
  documents: Array<Record<string, unknown>>;
  answers: Array<{ conditionId: string; question: string; answer: string; documentId?: string | null }>;
  /** The exclusion-grounds declaration as submitted; absent on applications submitted before it was asked. */
  exclusions?: Array<{ id: string; kind: ExclusionGroundKind; question: string; answer: 'yes' | 'no'; details: string | null }>;
}

/** A provider's request to join one or more lots of a framework. */
@Entity('applications')
@Index('ix_applications_framework_status', ['frameworkId', 'status'])
@Index('ix_applications_provider', ['providerId'])
// One application in progress per provider and framework; a decided one can be followed by a new one.
@Index('uq_applications_one_open', ['providerId', 'frameworkId'], { unique: true, where: `status <> 'decided'` })
@Check(
  'ck_applications_exclusion_assessment',
  `exclusion_assessment IS NULL OR (exclusion_assessment IN ('excluded', 'not_excluded') AND exclusion_assessment_reason IS NOT NULL)`,
)
@Check('ck_applications_status', `status IN ('draft', 'submitted', 'under_evaluation', 'clarification_requested', 'decided')`)
export class Application {
  @PrimaryGeneratedColumn('uuid', { primaryKeyConstraintName: 'pk_applications' })
  id: string;

  @Column('uuid')
  providerId: string;

  @ManyToOne(() => ProviderOrganisation, { onDelete: 'RESTRICT' })
  @JoinColumn({ name: 'provider_id', foreignKeyConstraintName: 'fk_applications_provider' })
  provider?: ProviderOrganisation;

  @Column('uuid')
  frameworkId: string;

  @ManyToOne(() => Framework, { onDelete: 'RESTRICT' })
  @JoinColumn({ name: 'framework_id', foreignKeyConstraintName: 'fk_applications_framework' })
  framework?: Framework;

  @Column('text', { default: 'draft' })
  status: ApplicationStatus;

  /** Therapy types of the framework's lots applied for. */
  @Column('uuid', { array: true, default: () => "'{}'" })
  lotTherapyTypeIds: string[];

  @Column('uuid', { array: true, default: () => "'{}'" })
  practitionerIds: string[];

  @Column('uuid', { array: true, default: () => "'{}'" })
  documentIds: string[];

  @Column('timestamptz', { nullable: true })
  submittedAt: Date | null;

  /** The last working day for a decision (BR-3), set at submission. */
  @Column('date', { nullable: true })
  decisionDueOn: string | null;

  /** BR-3: set when the decision clock is extended, with the reason recorded. */
  @Column('text', { nullable: true })
  clockExtensionReason: string | null;

  @Column('timestamptz', { nullable: true })
  decidedAt: Date | null;

  /** The draft exclusion-grounds answers (PA 2023 s.57); frozen into the snapshot at submission. */
  @Column('jsonb', { nullable: true })
  exclusionAnswers: ExclusionAnswers | null;

  /** The framework manager's exclusion assessment (s.57, s.58), with its reason; audited. */
  @Column('text', { nullable: true })
  exclusionAssessment: ExclusionAssessmentOutcome | null;

  @Column('text', { nullable: true })
  exclusionAssessmentReason: string | null;

  @Column('timestamptz', { nullable: true })
  exclusionAssessedAt: Date | null;

  @Column('uuid', { nullable: true })
  exclusionAssessedByUserId: string | null;

  @Column('jsonb', { nullable: true })
  snapshot: ApplicationSnapshot | null;

  @CreateDateColumn({ type: 'timestamptz' })
  createdAt: Date;

  @UpdateDateColumn({ type: 'timestamptz' })
  updatedAt: Date;
}
