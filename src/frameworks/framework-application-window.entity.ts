import { Check, Column, CreateDateColumn, Entity, Index, JoinColumn, ManyToOne, PrimaryGeneratedColumn } from 'typeorm';
import { Framework } from './framework.entity';

/**
 * A period in which an open framework (PA 2023 s49) accepts applications; the
 * framework awarded at its end admits the providers who passed. Other routes
 * accept applications whenever they are open and have none.
 */
@Entity('framework_application_windows')
@Index('ix_framework_application_windows_framework', ['frameworkId', 'opensOn'])
@Check('ck_framework_application_windows_dates', `closes_on >= opens_on`)
export class FrameworkApplicationWindow {
  @PrimaryGeneratedColumn('uuid', { primaryKeyConstraintName: 'pk_framework_application_windows' })
  id: string;

  @Column('uuid')
  frameworkId: string;

  @ManyToOne(() => Framework, { onDelete: 'CASCADE' })
  @JoinColumn({ name: 'framework_id', foreignKeyConstraintName: 'fk_framework_application_windows_framework' })
  framework?: Framework;

  @Column('date')
  opensOn: string;

  @Column('date')
  closesOn: string;

  @CreateDateColumn({ type: 'timestamptz' })
  createdAt: Date;
}
