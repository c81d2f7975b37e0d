import { Entity, JoinColumn, ManyToOne, PrimaryColumn } from 'typeorm';
import { Agency } from '../agencies/agency.entity';
import { Area } from '../agencies/area.entity';
import { Framework } from './framework.entity';

/** An area (district) a framework covers. */
@Entity('framework_areas')
export class FrameworkArea {
  @PrimaryColumn('uuid', { primaryKeyConstraintName: 'pk_framework_areas' })
  frameworkId: string;

  @PrimaryColumn('uuid', { primaryKeyConstraintName: 'pk_framework_areas' })
  areaId: string;

  @ManyToOne(() => Framework, { onDelete: 'CASCADE' })
  @JoinColumn({ name: 'framework_id', foreignKeyConstraintName: 'fk_framework_areas_framework' })
  framework?: Framework;

  @ManyToOne(() => Area, { onDelete: 'RESTRICT' })
  @JoinColumn({ name: 'area_id', foreignKeyConstraintName: 'fk_framework_areas_area' })
  area?: Area;
}

/** An agency that may buy through a framework. */
@Entity('framework_agencies')
export class FrameworkAgency {
  @PrimaryColumn('uuid', { primaryKeyConstraintName: 'pk_framework_agencies' })
  frameworkId: string;

  @PrimaryColumn('uuid', { primaryKeyConstraintName: 'pk_framework_agencies' })
  agencyId: string;

  @ManyToOne(() => Framework, { onDelete: 'CASCADE' })
  @JoinColumn({ name: 'framework_id', foreignKeyConstraintName: 'fk_framework_agencies_framework' })
  framework?: Framework;

  @ManyToOne(() => Agency, { onDelete: 'RESTRICT' })
  @JoinColumn({ name: 'agency_id', foreignKeyConstraintName: 'fk_framework_agencies_agency' })
  agency?: Agency;
}
