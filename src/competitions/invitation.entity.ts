import { Check, Column, CreateDateColumn, Entity, Index, JoinColumn, ManyToOne, PrimaryGeneratedColumn } from 'typeorm';
import { ProviderOrganisation } from '../providers/provider-organisation.entity';
import { Requirement } from './requirement.entity';

/** A provider invited to bid for a requirement (BR-4): at publication, or on joining the lot while it is open. */
@Entity('invitations')
@Index('uq_invitations_requirement_provider', ['requirementId', 'providerId'], { unique: true })
// (provider, requirement) lets a provider's invitations join live requirements from the index alone.
@Index('ix_invitations_provider', ['providerId', 'requirementId'])
@Check('ck_invitations_reason', `reason IN ('published', 'joined_later')`)
export class Invitation {
  @PrimaryGeneratedColumn('uuid', { primaryKeyConstraintName: 'pk_invitations' })
  id: string;

  @Column('uuid')
  requirementId: string;

  @ManyToOne(() => Requirement, { onDelete: 'CASCADE' })
  @JoinColumn({ name: 'requirement_id', foreignKeyConstraintName: 'fk_invitations_requirement' })
  requirement?: Requirement;

  @Column('uuid')
  providerId: string;

  @ManyToOne(() => ProviderOrganisation, { onDelete: 'RESTRICT' })
  @JoinColumn({ name: 'provider_id', foreignKeyConstraintName: 'fk_invitations_provider' })
  provider?: ProviderOrganisation;

  @Column('text')
  reason: 'published' | 'joined_later';

  @Column('integer', { default: 0 })
  emailsQueued: number;

  @CreateDateColumn({ type: 'timestamptz' })
  invitedAt: Date;
}
