import { Check, Column, Entity, Index, PrimaryGeneratedColumn } from 'typeorm';

/** A therapy category. Frameworks offer these as lots; the list is data, not code. */
@Entity('therapy_types')
@Index('uq_therapy_types_name', ['name'], { unique: true })
@Check('ck_therapy_types_funding_kind', `funding_kind IN ('therapy', 'assessment')`)
export class TherapyType {
  @PrimaryGeneratedColumn('uuid', { primaryKeyConstraintName: 'pk_therapy_types' })
  id: string;

  @Column('text')
  name: string;

  @Column('text', { default: '' })
  description: string;

  /** Whether the Adoption and Special Guardianship Support Fund pays for it. */
  @Column('boolean', { default: true })
  asgsfEligible: boolean;

  /** Whether ASGSF counts it as assessment or therapy, which the older fair access limits treated apart (BR-15). */
  @Column('text', { default: 'therapy' })
  fundingKind: 'therapy' | 'assessment';

  /**
   * Whether a contract for it is a light touch contract (PA 2023 s.9): the
   * Procurement Regulations 2024 (reg. 42, Sch. 1 Table 1) list health, social
   * and related services by CPV code, which covers therapy and assessment for
   * children and families. Data, so a lot that is not can say so.
   */
  @Column('boolean', { default: true })
  lightTouch: boolean;

  /** The CPV code that classifies the service (85121270: psychiatrist or psychologist services). */
  @Column('text', { default: '85121270' })
  cpvCode: string;

  @Column('integer', { default: 0 })
  sortOrder: number;

  @Column('boolean', { default: true })
  active: boolean;
}
