import { Column, Entity, Index, JoinColumn, ManyToOne, PrimaryGeneratedColumn } from 'typeorm';
import { Framework } from './framework.entity';
import { TherapyType } from './therapy-type.entity';

/** A therapy type offered as a lot of a framework. */
@Entity('framework_lots')
@Index('uq_framework_lots_framework_therapy', ['frameworkId', 'therapyTypeId'], { unique: true })
export class FrameworkLot {
  @PrimaryGeneratedColumn('uuid', { primaryKeyConstraintName: 'pk_framework_lots' })
  id: string;

  @Column('uuid')
  frameworkId: string;

  @ManyToOne(() => Framework, { onDelete: 'CASCADE' })
  @JoinColumn({ name: 'framework_id', foreignKeyConstraintName: 'fk_framework_lots_framework' })
  framework?: Framework;

  @Column('uuid')
  therapyTypeId: string;

  @ManyToOne(() => TherapyType, { onDelete: 'RESTRICT' })
  @JoinColumn({ name: 'therapy_type_id', foreignKeyConstraintName: 'fk_framework_lots_therapy_type' })
  therapyType?: TherapyType;
}
