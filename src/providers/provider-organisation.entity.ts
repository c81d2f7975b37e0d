import { Check, Column, CreateDateColumn, Entity, PrimaryGeneratedColumn } from 'typeorm';

export const PROVIDER_STATUSES = ['pending_confirmation', 'active'] as const;
export type ProviderStatus = (typeof PROVIDER_STATUSES)[number];

/** A therapy provider organisation. Its first confirmed user is its admin. */
@Entity('provider_organisations')
@Check('ck_provider_organisations_status', `status IN ('pending_confirmation', 'active')`)
export class ProviderOrganisation {
  @PrimaryGeneratedColumn('uuid', { primaryKeyConstraintName: 'pk_provider_organisations' })
  id: string;

  /** The legal name, as registered with Companies House or the Charity Commission. */
  @Column('text')
  name: string;

  @Column('text', { nullable: true })
  tradingName: string | null;

  @Column('text', { nullable: true })
  companiesHouseNumber: string | null;

  @Column('text', { nullable: true })
  charityNumber: string | null;

  /** Set when the provider is itself a registered adoption support agency. */
  @Column('text', { nullable: true })
  ofstedUrn: string | null;

  /** Otherwise, the registered agency the provider works under. */
  @Column('text', { nullable: true })
  registeredAgencyName: string | null;

  @Column('text', { nullable: true })
  icoRegistrationNumber: string | null;

  @Column('text', { nullable: true })
  addressLine1: string | null;

  @Column('text', { nullable: true })
  addressLine2: string | null;

  @Column('text', { nullable: true })
  town: string | null;

  @Column('text', { nullable: true })
  postcode: string | null;

  @Column('text', { nullable: true })
  contactName: string | null;

  @Column('text', { nullable: true })
  contactEmail: string | null;

  @Column('text', { nullable: true })
  contactPhone: string | null;

  /** When the organisation details were last completed; null until then. */
  @Column('timestamptz', { nullable: true })
  detailsCompletedAt: Date | null;

  @Column('text', { default: 'pending_confirmation' })
  status: ProviderStatus;

  @CreateDateColumn({ type: 'timestamptz' })
  createdAt: Date;
}
