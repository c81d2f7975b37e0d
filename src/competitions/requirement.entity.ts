import {
  Check,
  Column,
  CreateDateColumn,
  Entity,
  Index,
  JoinColumn,
  ManyToOne,
  OneToOne,
  PrimaryColumn,
  PrimaryGeneratedColumn,
  UpdateDateColumn,
} from 'typeorm';
import { Agency } from '../agencies/agency.entity';
import { Area } from '../agencies/area.entity';
import { Framework } from '../frameworks/framework.entity';
import { TherapyType } from '../frameworks/therapy-type.entity';
import { User } from '../users/user.entity';
import type { VatTreatment } from '../awards/contract-law';
import type { QualityCriterion } from './competition-rules';
import type { RequirementStatus } from './requirement-lifecycle';

export const PURCHASE_TYPES = ['spot', 'block'] as const;
export type PurchaseType = (typeof PURCHASE_TYPES)[number];
export const DELIVERY_MODES = ['in_person', 'remote', 'either'] as const;
export type DeliveryMode = (typeof DELIVERY_MODES)[number];
export const BLOCK_UNITS = ['sessions', 'hours'] as const;
export type BlockUnit = (typeof BLOCK_UNITS)[number];

/**
 * A mini-competition for one lot, bought by one agency. It holds only the
 * pseudonymised needs profile (DESIGN.md §6); the child's identifying details
 * live in RequirementCaseDetails. Sections may be blank while it is a draft.
 */
@Entity('requirements')
@Index('ix_requirements_agency_status', ['agencyId', 'status', 'createdAt'])
// With the id in it, the live requirements' ids come from the index alone (index-only scans).
@Index('ix_requirements_open_deadline', ['bidDeadline', 'id'], { where: `status = 'published'` })
@Index('ix_requirements_lot', ['frameworkId', 'therapyTypeId', 'status'])
@Check('ck_requirements_minimum_quality', `minimum_quality_percent IS NULL OR minimum_quality_percent BETWEEN 1 AND 100`)
@Check('ck_requirements_vat_treatment', `vat_treatment IN ('exempt', 'standard')`)
@Check('ck_requirements_status', `status IN ('draft', 'published', 'closed', 'evaluating', 'awarded', 'no_award', 'cancelled')`)
@Check('ck_requirements_purchase_type', `purchase_type IN ('spot', 'block')`)
@Check('ck_requirements_delivery_mode', `delivery_mode IN ('in_person', 'remote', 'either')`)
@Check('ck_requirements_money', `ceiling_pence >= 0 AND asgsf_pence >= 0 AND top_up_pence >= 0 AND agency_funded_pence >= 0`)
@Check('ck_requirements_weights', `price_weight BETWEEN 0 AND 100 AND scale_max BETWEEN 1 AND 10`)
@Check('ck_requirements_deadlines', `clarification_deadline < bid_deadline`)
@Check(
  'ck_requirements_published_complete',
  `status = 'draft' OR direct_award OR (bid_deadline IS NOT NULL AND ceiling_pence IS NOT NULL AND published_at IS NOT NULL)`,
)
export class Requirement {
  @PrimaryGeneratedColumn('uuid', { primaryKeyConstraintName: 'pk_requirements' })
  id: string;

  @Column('text')
  title: string;

  @Column('uuid')
  agencyId: string;

  @ManyToOne(() => Agency, { onDelete: 'RESTRICT' })
  @JoinColumn({ name: 'agency_id', foreignKeyConstraintName: 'fk_requirements_agency' })
  agency?: Agency;

  @Column('uuid')
  frameworkId: string;

  @ManyToOne(() => Framework, { onDelete: 'RESTRICT' })
  @JoinColumn({ name: 'framework_id', foreignKeyConstraintName: 'fk_requirements_framework' })
  framework?: Framework;

  /** The lot, by its therapy type. */
  @Column('uuid')
  therapyTypeId: string;

  @ManyToOne(() => TherapyType, { onDelete: 'RESTRICT' })
  @JoinColumn({ name: 'therapy_type_id', foreignKeyConstraintName: 'fk_requirements_therapy_type' })
  therapyType?: TherapyType;

  @Column('uuid')
  areaId: string;

  @ManyToOne(() => Area, { onDelete: 'RESTRICT' })
  @JoinColumn({ name: 'area_id', foreignKeyConstraintName: 'fk_requirements_area' })
  area?: Area;

  @Column('text')
  purchaseType: PurchaseType;

  @Column('text')
  deliveryMode: DeliveryMode;

  @Column('uuid')
  createdByUserId: string;

  @ManyToOne(() => User, { onDelete: 'RESTRICT' })
  @JoinColumn({ name: 'created_by_user_id', foreignKeyConstraintName: 'fk_requirements_created_by' })
  createdBy?: User;

  // Needs profile: pseudonymised, shown to bidders.
  @Column('text', { nullable: true })
  ageBand: string | null;

  @Column('text', { array: true, default: () => "'{}'" })
  presentingNeeds: string[];

  @Column('text', { nullable: true })
  needsDescription: string | null;

  @Column('text', { nullable: true })
  previousInterventions: string | null;

  @Column('text', { nullable: true })
  practitionerGender: string | null;

  @Column('text', { nullable: true })
  language: string | null;

  @Column('text', { nullable: true })
  accessibility: string | null;

  /** Keys of identifier-scanner hits the commissioner checked and overrode. */
  @Column('jsonb', { default: () => "'[]'" })
  identifierOverrides: string[];

  // Service.
  @Column('integer', { nullable: true })
  sessionCount: number | null;

  @Column('integer', { nullable: true })
  sessionMinutes: number | null;

  @Column('integer', { nullable: true })
  blockVolume: number | null;

  @Column('text', { nullable: true })
  blockUnit: BlockUnit | null;

  @Column('integer', { nullable: true })
  blockPeriodMonths: number | null;

  @Column('date', { nullable: true })
  startBy: string | null;

  @Column('integer', { nullable: true })
  durationWeeks: number | null;

  @Column('integer', { nullable: true })
  ceilingPence: number | null;

  /** How VAT applies: prices are entered without VAT, and thresholds compare values with it (issue 18). */
  @Column('text', { default: 'exempt' })
  vatTreatment: VatTreatment;

  // Funding (BR-15, BR-16).
  @Column('integer', { nullable: true })
  asgsfPence: number | null;

  @Column('integer', { nullable: true })
  topUpPence: number | null;

  /** The financial year, by the calendar year it starts in April. */
  @Column('integer', { nullable: true })
  financialYear: number | null;

  @Column('date', { nullable: true })
  needsAssessedOn: string | null;

  /** ASGSF asked for above the fair access limit, recorded as agency-funded. */
  @Column('integer', { default: 0 })
  agencyFundedPence: number;

  // Evaluation (BR-8).
  @Column('jsonb', { default: () => "'[]'" })
  criteria: QualityCriterion[];

  @Column('integer', { nullable: true })
  priceWeight: number | null;

  @Column('integer', { default: 4 })
  scaleMax: number;

  /** BR-8: a bid whose moderated quality is below this share (%) of the quality marks is not ranked; null for none. */
  @Column('integer', { nullable: true })
  minimumQualityPercent: number | null;

  @Column('jsonb', { default: () => "'[]'" })
  scaleDescriptors: string[];

  // Dates.
  @Column('timestamptz', { nullable: true })
  clarificationDeadline: Date | null;

  @Column('timestamptz', { nullable: true })
  bidDeadline: Date | null;

  @Column('text', { default: 'draft' })
  status: RequirementStatus;

  @Column('timestamptz', { nullable: true })
  publishedAt: Date | null;

  /** Issue 22: awarded directly to the family's chosen provider (user choice) instead of being published for bids. */
  @Column('boolean', { default: false })
  directAward: boolean;

  @Column('timestamptz', { nullable: true })
  closedAt: Date | null;

  @Column('timestamptz', { nullable: true })
  cancelledAt: Date | null;

  @Column('text', { nullable: true })
  cancelReason: string | null;

  /** When the 48-hour reminder went out, so it goes once. */
  @Column('timestamptz', { nullable: true })
  remindedAt: Date | null;

  @CreateDateColumn({ type: 'timestamptz' })
  createdAt: Date;

  @UpdateDateColumn({ type: 'timestamptz' })
  updatedAt: Date;
}

/**
 * The child's identifying details, kept apart from the profile: only the
 * owning agency's commissioners see them, and bidders never do (DESIGN.md §6).
 */
@Entity('requirement_case_details')
@Index('ix_requirement_case_details_child', ['agencyId', 'childReference'])
export class RequirementCaseDetails {
  @PrimaryColumn('uuid', { primaryKeyConstraintName: 'pk_requirement_case_details' })
  requirementId: string;

  @OneToOne(() => Requirement, { onDelete: 'CASCADE' })
  @JoinColumn({ name: 'requirement_id', foreignKeyConstraintName: 'fk_requirement_case_details_requirement' })
  requirement?: Requirement;

  /** Copied from the requirement so ownership checks and the funding look-up need no join. */
  @Column('uuid')
  agencyId: string;

  @Column('text')
  childReference: string;

  @Column('text')
  childName: string;

  @Column('date')
  dateOfBirth: string;

  @UpdateDateColumn({ type: 'timestamptz' })
  updatedAt: Date;
}
