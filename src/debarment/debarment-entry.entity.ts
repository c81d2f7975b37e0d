import { Check, Column, CreateDateColumn, Entity, Index, JoinColumn, ManyToOne, PrimaryGeneratedColumn } from 'typeorm';
import { Partnership } from '../agencies/partnership.entity';
import type { DebarmentGroundKind } from './debarment-rules';

/**
 * One entry of the partnership's copy of the Minister's debarment list
 * (PA 2023 s.62), kept by its framework managers. Ended, never deleted.
 */
@Entity('debarment_entries')
@Index('ix_debarment_entries_partnership', ['partnershipId', 'endsOn'])
@Check('ck_debarment_entries_ground_kind', `ground_kind IN ('mandatory', 'discretionary')`)
@Check('ck_debarment_entries_dates', `ends_on > added_on AND (ended_on IS NULL OR ended_on >= added_on)`)
export class DebarmentEntry {
  @PrimaryGeneratedColumn('uuid', { primaryKeyConstraintName: 'pk_debarment_entries' })
  id: string;

  @Column('uuid')
  partnershipId: string;

  @ManyToOne(() => Partnership, { onDelete: 'RESTRICT' })
  @JoinColumn({ name: 'partnership_id', foreignKeyConstraintName: 'fk_debarment_entries_partnership' })
  partnership?: Partnership;

  @Column('text')
  supplierName: string;

  /** Normalised (8 characters) when given. */
  @Column('text', { nullable: true })
  companiesHouseNumber: string | null;

  /** The exclusion ground the entry relates to (s.62(4)(a)). */
  @Column('text')
  ground: string;

  /** Whether that ground is mandatory or discretionary (s.62(4)(b)). */
  @Column('text')
  groundKind: DebarmentGroundKind;

  @Column('date')
  addedOn: string;

  /** The date the Minister expects the ground to cease to apply (s.62(4)(d)). */
  @Column('date')
  endsOn: string;

  /** Where the entry comes from: the list's reference, or the notice. */
  @Column('text')
  reference: string;

  @Column('date', { nullable: true })
  endedOn: string | null;

  @Column('text', { nullable: true })
  endedReason: string | null;

  @Column('uuid', { nullable: true })
  endedByUserId: string | null;

  @Column('uuid', { nullable: true })
  createdByUserId: string | null;

  @CreateDateColumn({ type: 'timestamptz' })
  createdAt: Date;
}
