import { Column, CreateDateColumn, Entity, PrimaryGeneratedColumn } from 'typeorm';
import { DEFAULT_QUORUM, type QuorumRule } from '../panel/quorum';

/** A Regional Adoption Agency partnership: it groups agencies and owns frameworks and a panel. */
@Entity('partnerships')
export class Partnership {
  @PrimaryGeneratedColumn('uuid', { primaryKeyConstraintName: 'pk_partnerships' })
  id: string;

  @Column('text')
  name: string;

  /** The resource panel's quorum rule: data, so a partnership can change it without a release. */
  @Column('jsonb', { default: () => `'${JSON.stringify(DEFAULT_QUORUM)}'` })
  panelQuorum: QuorumRule;

  @CreateDateColumn({ type: 'timestamptz' })
  createdAt: Date;
}
