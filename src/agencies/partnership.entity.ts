import { Column, CreateDateColumn, Entity, PrimaryGeneratedColumn } from 'typeorm';

/** A Regional Adoption Agency partnership: it groups agencies and owns frameworks and a panel. */
@Entity('partnerships')
export class Partnership {
  @PrimaryGeneratedColumn('uuid', { primaryKeyConstraintName: 'pk_partnerships' })
  id: string;

  @Column('text')
  name: string;

  @CreateDateColumn({ type: 'timestamptz' })
  createdAt: Date;
}
