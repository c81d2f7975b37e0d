import { Column, Entity, Index, JoinColumn, ManyToOne, PrimaryGeneratedColumn } from 'typeorm';
import { Agency } from './agency.entity';

/** A district within an agency, used to match requirements with providers. */
@Entity('areas')
@Index('uq_areas_agency_name', ['agencyId', 'name'], { unique: true })
export class Area {
  @PrimaryGeneratedColumn('uuid', { primaryKeyConstraintName: 'pk_areas' })
  id: string;

  @Column('text')
  name: string;

  @Column('uuid')
  agencyId: string;

  @ManyToOne(() => Agency, { onDelete: 'RESTRICT' })
  @JoinColumn({ name: 'agency_id', foreignKeyConstraintName: 'fk_areas_agency' })
  agency?: Agency;

  /** Deactivated rather than deleted: records refer to it, but nothing new is made with it. */
  @Column('boolean', { default: true })
  active: boolean;
}
