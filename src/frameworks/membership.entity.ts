import { Check, Column, CreateDateColumn, Entity, Index, JoinColumn, ManyToOne, PrimaryGeneratedColumn } from 'typeorm';
import { Application } from '../applications/application.entity';
import { ProviderOrganisation } from '../providers/provider-organisation.entity';
import { Framework } from './framework.entity';
import type { MembershipStatus } from './membership-lifecycle';
import { TherapyType } from './therapy-type.entity';

/** A provider admitted to one lot of a framework. Its changes are audited, so its history is kept. */
@Entity('memberships')
@Index('uq_memberships_current', ['frameworkId', 'providerId', 'therapyTypeId'], { unique: true, where: `status <> 'removed'` })
@Index('ix_memberships_lot', ['frameworkId', 'therapyTypeId', 'status'])
@Index('ix_memberships_provider', ['providerId'])
@Check('ck_memberships_status', `status IN ('active', 'suspended', 'removed')`)
export class Membership {
  @PrimaryGeneratedColumn('uuid', { primaryKeyConstraintName: 'pk_memberships' })
  id: string;

  @Column('uuid')
  frameworkId: string;

  @ManyToOne(() => Framework, { onDelete: 'RESTRICT' })
  @JoinColumn({ name: 'framework_id', foreignKeyConstraintName: 'fk_memberships_framework' })
  framework?: Framework;

  @Column('uuid')
  providerId: string;

  @ManyToOne(() => ProviderOrganisation, { onDelete: 'RESTRICT' })
  @JoinColumn({ name: 'provider_id', foreignKeyConstraintName: 'fk_memberships_provider' })
  provider?: ProviderOrganisation;

  @Column('uuid')
  therapyTypeId: string;

  @ManyToOne(() => TherapyType, { onDelete: 'RESTRICT' })
  @JoinColumn({ name: 'therapy_type_id', foreignKeyConstraintName: 'fk_memberships_therapy_type' })
  therapyType?: TherapyType;

  @Column('uuid', { nullable: true })
  applicationId: string | null;

  @ManyToOne(() => Application, { onDelete: 'RESTRICT' })
  @JoinColumn({ name: 'application_id', foreignKeyConstraintName: 'fk_memberships_application' })
  application?: Application | null;

  @Column('text', { default: 'active' })
  status: MembershipStatus;

  @Column('text', { nullable: true })
  statusReason: string | null;

  @Column('timestamptz', { nullable: true })
  statusChangedAt: Date | null;

  /** Suspended by the compliance job (not by a person), so it is reinstated automatically once fixed. */
  @Column('boolean', { default: false })
  suspendedForCompliance: boolean;

  @CreateDateColumn({ type: 'timestamptz' })
  admittedAt: Date;
}
