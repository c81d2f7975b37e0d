import { Column, CreateDateColumn, Entity, Index, JoinColumn, ManyToOne, PrimaryGeneratedColumn } from 'typeorm';
import { Partnership } from './partnership.entity';

/** A buying organisation, usually a local authority. */
@Entity('agencies')
@Index('uq_agencies_name', ['name'], { unique: true })
export class Agency {
  @PrimaryGeneratedColumn('uuid', { primaryKeyConstraintName: 'pk_agencies' })
  id: string;

  @Column('text')
  name: string;

  @Column('uuid')
  partnershipId: string;

  @ManyToOne(() => Partnership, { onDelete: 'RESTRICT' })
  @JoinColumn({ name: 'partnership_id', foreignKeyConstraintName: 'fk_agencies_partnership' })
  partnership?: Partnership;

  /** Set by the system admin: a second commissioner or a framework manager approves each requirement before it is published. */
  @Column('boolean', { default: false })
  publishApprovalRequired: boolean;

  /** Deactivated rather than deleted: records refer to it, but nothing new is made with it. */
  @Column('boolean', { default: true })
  active: boolean;

  @CreateDateColumn({ type: 'timestamptz' })
  createdAt: Date;
}
