import { Column, CreateDateColumn, Entity, PrimaryGeneratedColumn } from 'typeorm';
import type { QuorumRule } from '../panel/quorum';

/** A Regional Adoption Agency partnership: it groups agencies and owns frameworks and a panel. */
@Entity('partnerships')
export class Partnership {
  @PrimaryGeneratedColumn('uuid', { primaryKeyConstraintName: 'pk_partnerships' })
  id: string;

  @Column('text')
  name: string;

  /** The resource panel's quorum rule, as data; null means the default rule (see quorumRuleOf). */
  @Column('jsonb', { nullable: true })
  panelQuorum: QuorumRule | null;

  /** Deactivated rather than deleted: records refer to it, but nothing new is made with it. */
  @Column('boolean', { default: true })
  active: boolean;

  @CreateDateColumn({ type: 'timestamptz' })
  createdAt: Date;
}
