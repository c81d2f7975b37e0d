import { Entity, JoinColumn, ManyToOne, PrimaryColumn } from 'typeorm';
import { Area } from '../agencies/area.entity';
import { ProviderOrganisation } from './provider-organisation.entity';

/** An area (district) a provider covers, matched against requirements' areas (BR-4). */
@Entity('provider_areas')
export class ProviderArea {
  @PrimaryColumn('uuid', { primaryKeyConstraintName: 'pk_provider_areas' })
  providerId: string;

  @PrimaryColumn('uuid', { primaryKeyConstraintName: 'pk_provider_areas' })
  areaId: string;

  @ManyToOne(() => ProviderOrganisation, { onDelete: 'CASCADE' })
  @JoinColumn({ name: 'provider_id', foreignKeyConstraintName: 'fk_provider_areas_provider' })
  provider?: ProviderOrganisation;

  @ManyToOne(() => Area, { onDelete: 'RESTRICT' })
  @JoinColumn({ name: 'area_id', foreignKeyConstraintName: 'fk_provider_areas_area' })
  area?: Area;
}
