import { Check, Column, CreateDateColumn, Entity, PrimaryGeneratedColumn } from 'typeorm';

export const PROVIDER_STATUSES = ['pending_confirmation', 'active'] as const;
export type ProviderStatus = (typeof PROVIDER_STATUSES)[number];

/** A therapy provider organisation. Its first confirmed user is its admin. */
@Entity('provider_organisations')
@Check('ck_provider_organisations_status', `status IN ('pending_confirmation', 'active')`)
export class ProviderOrganisation {
  @PrimaryGeneratedColumn('uuid', { primaryKeyConstraintName: 'pk_provider_organisations' })
  id: string;

  @Column('text')
  name: string;

  @Column('text', { default: 'pending_confirmation' })
  status: ProviderStatus;

  @CreateDateColumn({ type: 'timestamptz' })
  createdAt: Date;
}
