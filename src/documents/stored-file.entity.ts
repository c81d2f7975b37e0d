import { Column, CreateDateColumn, Entity, PrimaryGeneratedColumn } from 'typeorm';

/**
 * An uploaded file's content, kept in PostgreSQL so every app instance can
 * serve it and backups include it. Its id is the only name it is stored under.
 */
@Entity('stored_files')
export class StoredFile {
  @PrimaryGeneratedColumn('uuid', { primaryKeyConstraintName: 'pk_stored_files' })
  id: string;

  @Column('bytea', { select: false })
  content: Buffer;

  @Column('text')
  mediaType: string;

  @Column('integer')
  sizeBytes: number;

  @Column('text')
  sha256: string;

  @CreateDateColumn({ type: 'timestamptz' })
  createdAt: Date;
}
