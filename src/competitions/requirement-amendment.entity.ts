import { Column, Entity, Index, JoinColumn, ManyToOne, PrimaryGeneratedColumn } from 'typeorm';
import { ProviderOrganisation } from '../providers/provider-organisation.entity';
import { User } from '../users/user.entity';
import type { AmendableTerms } from './amendment-rules';
import { Requirement } from './requirement.entity';

/**
 * A numbered change to a published requirement, with its reason and date:
 * the terms it changed as they were and as they became, and any addendum.
 * The database refuses to update one, and refuses one that commits after
 * the bid deadline it was made under (migration
 * AddRequirementAmendmentsAndDocuments), so the history can only grow, and
 * only while bids are open.
 */
@Entity('requirement_amendments')
@Index('uq_requirement_amendments_number', ['requirementId', 'number'], { unique: true })
export class RequirementAmendment {
  @PrimaryGeneratedColumn('uuid', { primaryKeyConstraintName: 'pk_requirement_amendments' })
  id: string;

  @Column('uuid')
  requirementId: string;

  @ManyToOne(() => Requirement, { onDelete: 'CASCADE' })
  @JoinColumn({ name: 'requirement_id', foreignKeyConstraintName: 'fk_requirement_amendments_requirement' })
  requirement?: Requirement;

  /** 1 for the first amendment after publication, and so on. */
  @Column('integer')
  number: number;

  @Column('text')
  reason: string;

  @Column('text', { nullable: true })
  addendum: string | null;

  /** The changed terms before the amendment. */
  @Column('jsonb', { default: () => "'{}'" })
  before: Partial<AmendableTerms>;

  /** The changed terms after it. */
  @Column('jsonb', { default: () => "'{}'" })
  after: Partial<AmendableTerms>;

  /** Changed the criteria, weights, sessions or ceiling: bids submitted before it are flagged. */
  @Column('boolean')
  material: boolean;

  /** A document attached with this amendment, by its file name (the file itself is the requirement document's). */
  @Column('text', { nullable: true })
  documentName: string | null;

  /** The bid deadline when the amendment was made: the database refuses an amendment that commits after it. */
  @Column('timestamptz')
  deadlineBefore: Date;

  @Column('uuid')
  createdByUserId: string;

  @ManyToOne(() => User, { onDelete: 'RESTRICT' })
  @JoinColumn({ name: 'created_by_user_id', foreignKeyConstraintName: 'fk_requirement_amendments_created_by' })
  createdBy?: User;

  /** The database's clock, which also decides the bid deadline. */
  @Column('timestamptz', { default: () => 'clock_timestamp()' })
  createdAt: Date;
}

/** A provider's confirmation that its submitted bid stands after a material amendment. */
@Entity('amendment_confirmations')
@Index('uq_amendment_confirmations', ['amendmentId', 'providerId'], { unique: true })
export class AmendmentConfirmation {
  @PrimaryGeneratedColumn('uuid', { primaryKeyConstraintName: 'pk_amendment_confirmations' })
  id: string;

  @Column('uuid')
  amendmentId: string;

  @ManyToOne(() => RequirementAmendment, { onDelete: 'CASCADE' })
  @JoinColumn({ name: 'amendment_id', foreignKeyConstraintName: 'fk_amendment_confirmations_amendment' })
  amendment?: RequirementAmendment;

  @Column('uuid')
  providerId: string;

  @ManyToOne(() => ProviderOrganisation, { onDelete: 'RESTRICT' })
  @JoinColumn({ name: 'provider_id', foreignKeyConstraintName: 'fk_amendment_confirmations_provider' })
  provider?: ProviderOrganisation;

  @Column('uuid')
  confirmedByUserId: string;

  @ManyToOne(() => User, { onDelete: 'RESTRICT' })
  @JoinColumn({ name: 'confirmed_by_user_id', foreignKeyConstraintName: 'fk_amendment_confirmations_confirmed_by' })
  confirmedBy?: User;

  @Column('timestamptz', { default: () => 'clock_timestamp()' })
  confirmedAt: Date;
}
