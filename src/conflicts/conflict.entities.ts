import { Check, Column, CreateDateColumn, Entity, Index, JoinColumn, ManyToOne, PrimaryGeneratedColumn, UpdateDateColumn } from 'typeorm';
import { Requirement } from '../competitions/requirement.entity';
import { ProviderOrganisation } from '../providers/provider-organisation.entity';
import { User } from '../users/user.entity';
import type { Capacity } from './conflict-rules';

/**
 * BR-9: a person's current declaration about one bidder on one requirement,
 * made before they see any bid content (PA 2023 s.81). Every version of it,
 * the first included, is kept in conflict_declaration_versions; an
 * amendment adds a version and moves this row on, never losing the old one.
 */
@Entity('conflict_declarations')
@Index('uq_conflict_declarations', ['requirementId', 'userId', 'providerId'], { unique: true })
@Index('ix_conflict_declarations_user', ['userId'])
@Check('ck_conflict_declarations_nature', `NOT conflicted OR nature IS NOT NULL`)
export class ConflictDeclaration {
  @PrimaryGeneratedColumn('uuid', { primaryKeyConstraintName: 'pk_conflict_declarations' })
  id: string;

  @Column('uuid')
  requirementId: string;

  @ManyToOne(() => Requirement, { onDelete: 'CASCADE' })
  @JoinColumn({ name: 'requirement_id', foreignKeyConstraintName: 'fk_conflict_declarations_requirement' })
  requirement?: Requirement;

  /** Who declared: a commissioner, panel member or framework manager. */
  @Column('uuid')
  userId: string;

  @ManyToOne(() => User, { onDelete: 'RESTRICT' })
  @JoinColumn({ name: 'user_id', foreignKeyConstraintName: 'fk_conflict_declarations_user' })
  user?: User;

  /** The capacities they acted in on the requirement when they first declared. */
  @Column('text', { array: true })
  capacities: Capacity[];

  @Column('uuid')
  providerId: string;

  @ManyToOne(() => ProviderOrganisation, { onDelete: 'RESTRICT' })
  @JoinColumn({ name: 'provider_id', foreignKeyConstraintName: 'fk_conflict_declarations_provider' })
  provider?: ProviderOrganisation;

  @Column('boolean')
  conflicted: boolean;

  @Column('text', { nullable: true })
  nature: string | null;

  /** The latest version's number: 1 until amended. */
  @Column('integer', { default: 1 })
  version: number;

  @CreateDateColumn({ type: 'timestamptz' })
  declaredAt: Date;

  @UpdateDateColumn({ type: 'timestamptz' })
  updatedAt: Date;
}

/** One version of a declaration: the first, or an amendment with its date and reason. Only ever inserted. */
@Entity('conflict_declaration_versions')
@Index('uq_conflict_declaration_versions', ['declarationId', 'version'], { unique: true })
@Check('ck_conflict_declaration_versions_nature', `NOT conflicted OR nature IS NOT NULL`)
@Check('ck_conflict_declaration_versions_amendment', `version = 1 OR (reason IS NOT NULL AND changed_on IS NOT NULL)`)
export class ConflictDeclarationVersion {
  @PrimaryGeneratedColumn('uuid', { primaryKeyConstraintName: 'pk_conflict_declaration_versions' })
  id: string;

  @Column('uuid')
  declarationId: string;

  @ManyToOne(() => ConflictDeclaration, { onDelete: 'CASCADE' })
  @JoinColumn({ name: 'declaration_id', foreignKeyConstraintName: 'fk_conflict_declaration_versions_declaration' })
  declaration?: ConflictDeclaration;

  @Column('integer')
  version: number;

  @Column('boolean')
  conflicted: boolean;

  @Column('text', { nullable: true })
  nature: string | null;

  /** For an amendment: the date the interest arose or changed, which may be before it was recorded. */
  @Column('date', { nullable: true })
  changedOn: string | null;

  /** For an amendment: why the declaration changed. */
  @Column('text', { nullable: true })
  reason: string | null;

  /** Any further step taken to mitigate the conflict, beyond the portal's exclusion. */
  @Column('text', { nullable: true })
  mitigation: string | null;

  @Column('uuid')
  recordedByUserId: string;

  @ManyToOne(() => User, { onDelete: 'RESTRICT' })
  @JoinColumn({ name: 'recorded_by_user_id', foreignKeyConstraintName: 'fk_conflict_declaration_versions_recorded_by' })
  recordedBy?: User;

  @CreateDateColumn({ type: 'timestamptz' })
  recordedAt: Date;
}
