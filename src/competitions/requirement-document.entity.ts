import { Check, Column, CreateDateColumn, Entity, Index, JoinColumn, ManyToOne, PrimaryGeneratedColumn } from 'typeorm';
import { StoredFile } from '../documents/stored-file.entity';
import { User } from '../users/user.entity';
import { Requirement } from './requirement.entity';

export const REQUIREMENT_DOCUMENT_KINDS = ['specification', 'assessment_extract', 'other'] as const;
export type RequirementDocumentKind = (typeof REQUIREMENT_DOCUMENT_KINDS)[number];

/**
 * A file the commissioner attaches to a requirement (a specification, a
 * redacted extract of the assessment), for the invited providers. The file
 * is checked by its content and kept in stored_files, like compliance documents.
 */
@Entity('requirement_documents')
@Index('ix_requirement_documents_requirement', ['requirementId', 'uploadedAt'])
@Check('ck_requirement_documents_kind', `kind IN ('specification', 'assessment_extract', 'other')`)
export class RequirementDocument {
  @PrimaryGeneratedColumn('uuid', { primaryKeyConstraintName: 'pk_requirement_documents' })
  id: string;

  @Column('uuid')
  requirementId: string;

  @ManyToOne(() => Requirement, { onDelete: 'CASCADE' })
  @JoinColumn({ name: 'requirement_id', foreignKeyConstraintName: 'fk_requirement_documents_requirement' })
  requirement?: Requirement;

  @Column('text')
  kind: RequirementDocumentKind;

  @Column('uuid')
  storedFileId: string;

  @ManyToOne(() => StoredFile, { onDelete: 'RESTRICT' })
  @JoinColumn({ name: 'stored_file_id', foreignKeyConstraintName: 'fk_requirement_documents_stored_file' })
  storedFile?: StoredFile;

  /** The uploader's file name, cleaned, for display and downloads only. */
  @Column('text')
  fileName: string;

  @Column('uuid')
  uploadedByUserId: string;

  @ManyToOne(() => User, { onDelete: 'RESTRICT' })
  @JoinColumn({ name: 'uploaded_by_user_id', foreignKeyConstraintName: 'fk_requirement_documents_uploaded_by' })
  uploadedBy?: User;

  @CreateDateColumn({ type: 'timestamptz' })
  uploadedAt: Date;
}
