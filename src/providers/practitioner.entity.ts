import { Check, Column, CreateDateColumn, Entity, Index, JoinColumn, ManyToOne, PrimaryGeneratedColumn, UpdateDateColumn } from 'typeorm';
import { ProviderOrganisation } from './provider-organisation.entity';

export const REGISTRATION_BODIES = ['HCPC', 'UKCP', 'BACP', 'BPS', 'AFT', 'other'] as const;
export type RegistrationBody = (typeof REGISTRATION_BODIES)[number];

/** A person who delivers therapy for a provider (BR-18 checks their registration and DBS). */
@Entity('practitioners')
@Index('ix_practitioners_provider', ['providerId'])
@Check('ck_practitioners_registration_body', `registration_body IN ('HCPC', 'UKCP', 'BACP', 'BPS', 'AFT', 'other')`)
@Check('ck_practitioners_other_body', `registration_body <> 'other' OR registration_body_other IS NOT NULL`)
export class Practitioner {
  @PrimaryGeneratedColumn('uuid', { primaryKeyConstraintName: 'pk_practitioners' })
  id: string;

  @Column('uuid')
  providerId: string;

  @ManyToOne(() => ProviderOrganisation, { onDelete: 'RESTRICT' })
  @JoinColumn({ name: 'provider_id', foreignKeyConstraintName: 'fk_practitioners_provider' })
  provider?: ProviderOrganisation;

  @Column('text')
  fullName: string;

  @Column('text')
  profession: string;

  @Column('text')
  registrationBody: RegistrationBody;

  @Column('text', { nullable: true })
  registrationBodyOther: string | null;

  @Column('text')
  registrationNumber: string;

  @Column('date')
  registrationExpiresOn: string;

  /** Enhanced DBS certificate issue date. */
  @Column('date')
  dbsIssuedOn: string;

  /** Therapy types they are qualified to deliver. */
  @Column('uuid', { array: true, default: () => "'{}'" })
  therapyTypeIds: string[];

  @CreateDateColumn({ type: 'timestamptz' })
  createdAt: Date;

  @UpdateDateColumn({ type: 'timestamptz' })
  updatedAt: Date;
}
