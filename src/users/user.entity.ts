import { Check, Column, CreateDateColumn, Entity, Index, JoinColumn, ManyToOne, PrimaryGeneratedColumn, UpdateDateColumn } from 'typeorm';
import { Agency } from '../agencies/agency.entity';
import { ProviderOrganisation } from '../providers/provider-organisation.entity';
import type { Role } from './role';

export const USER_STATUSES = ['pending', 'active', 'disabled'] as const;
export type UserStatus = (typeof USER_STATUSES)[number];

@Entity('users')
@Index('uq_users_email', ['email'], { unique: true })
@Index('ix_users_agency', ['agencyId'])
@Index('ix_users_provider', ['providerId'])
@Check('ck_users_status', `status IN ('pending', 'active', 'disabled')`)
@Check('ck_users_one_organisation', `agency_id IS NULL OR provider_id IS NULL`)
@Check(
  'ck_users_roles',
  `roles <@ ARRAY['provider_user', 'commissioner', 'framework_manager', 'panel_member', 'system_admin']::text[] AND cardinality(roles) > 0`,
)
export class User {
  @PrimaryGeneratedColumn('uuid', { primaryKeyConstraintName: 'pk_users' })
  id: string;

  /** Always stored lower-cased so look-ups are case-insensitive. */
  @Column('text')
  email: string;

  @Column('text')
  fullName: string;

  /** Null until the person sets a password (invited colleagues). */
  @Column('text', { nullable: true, select: false })
  passwordHash: string | null;

  @Column('text', { array: true })
  roles: Role[];

  @Column('uuid', { nullable: true })
  agencyId: string | null;

  @ManyToOne(() => Agency, { onDelete: 'RESTRICT' })
  @JoinColumn({ name: 'agency_id', foreignKeyConstraintName: 'fk_users_agency' })
  agency?: Agency | null;

  @Column('uuid', { nullable: true })
  providerId: string | null;

  @ManyToOne(() => ProviderOrganisation, { onDelete: 'RESTRICT' })
  @JoinColumn({ name: 'provider_id', foreignKeyConstraintName: 'fk_users_provider' })
  provider?: ProviderOrganisation | null;

  /** The provider organisation's admin may invite colleagues. */
  @Column('boolean', { default: false })
  isProviderAdmin: boolean;

  @Column('text', { default: 'pending' })
  status: UserStatus;

  @Column('timestamptz', { nullable: true })
  emailConfirmedAt: Date | null;

  @Column('timestamptz', { nullable: true })
  lastSignInAt: Date | null;

  /** The authenticator app's shared secret (base32), once two-factor sign-in is set up. */
  @Column('text', { nullable: true, select: false })
  totpSecret: string | null;

  @Column('timestamptz', { nullable: true })
  totpEnabledAt: Date | null;

  /** The last TOTP time step accepted, so that no code is used twice. */
  @Column('integer', { nullable: true })
  totpLastStep: number | null;

  @CreateDateColumn({ type: 'timestamptz' })
  createdAt: Date;

  @UpdateDateColumn({ type: 'timestamptz' })
  updatedAt: Date;
}
