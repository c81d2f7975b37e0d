import { Check, Column, CreateDateColumn, Entity, Index, JoinColumn, ManyToOne, PrimaryGeneratedColumn } from 'typeorm';
import { ProviderOrganisation } from '../providers/provider-organisation.entity';
import { User } from '../users/user.entity';
import { StoredFile } from './stored-file.entity';

export const DOCUMENT_TYPES = [
  'employers_liability',
  'public_liability',
  'professional_indemnity',
  'safeguarding_policy',
  'data_protection_policy',
  'other',
] as const;
export type ComplianceDocumentType = (typeof DOCUMENT_TYPES)[number];

export const INSURANCE_TYPES: ComplianceDocumentType[] = ['employers_liability', 'public_liability', 'professional_indemnity'];

/** Money is integer pence (BR-19); a bigint column holds cover in the tens of millions. */
const penceTransformer = { to: (value: number | null) => value, from: (value: string | null) => (value === null ? null : Number(value)) };

/**
 * A compliance document held against a provider. Uploading a newer one of
 * the same type replaces it as current; older ones are kept as history.
 */
@Entity('compliance_documents')
@Index('ix_compliance_documents_provider', ['providerId', 'type', 'uploadedAt'])
@Index('ix_compliance_documents_expires', ['expiresOn'])
@Check(
  'ck_compliance_documents_type',
  `type IN ('employers_liability', 'public_liability', 'professional_indemnity', 'safeguarding_policy', 'data_protection_policy', 'other')`,
)
@Check(
  'ck_compliance_documents_insurance',
  `type NOT IN ('employers_liability', 'public_liability', 'professional_indemnity') OR (cover_amount_pence > 0 AND expires_on IS NOT NULL)`,
)
@Check('ck_compliance_documents_other_title', `type <> 'other' OR title IS NOT NULL`)
export class ComplianceDocument {
  @PrimaryGeneratedColumn('uuid', { primaryKeyConstraintName: 'pk_compliance_documents' })
  id: string;

  @Column('uuid')
  providerId: string;

  @ManyToOne(() => ProviderOrganisation, { onDelete: 'RESTRICT' })
  @JoinColumn({ name: 'provider_id', foreignKeyConstraintName: 'fk_compliance_documents_provider' })
  provider?: ProviderOrganisation;

  @Column('text')
  type: ComplianceDocumentType;

  /** What an "other" document is. */
  @Column('text', { nullable: true })
  title: string | null;

  @Column('bigint', { nullable: true, transformer: penceTransformer })
  coverAmountPence: number | null;

  @Column('date', { nullable: true })
  expiresOn: string | null;

  @Column('uuid')
  storedFileId: string;

  @ManyToOne(() => StoredFile, { onDelete: 'RESTRICT' })
  @JoinColumn({ name: 'stored_file_id', foreignKeyConstraintName: 'fk_compliance_documents_stored_file' })
  storedFile?: StoredFile;

  /** The uploader's file name, cleaned, for display and downloads only. */
  @Column('text')
  fileName: string;

  @Column('uuid', { nullable: true })
  uploadedByUserId: string | null;

  @ManyToOne(() => User, { onDelete: 'SET NULL' })
  @JoinColumn({ name: 'uploaded_by_user_id', foreignKeyConstraintName: 'fk_compliance_documents_uploaded_by' })
  uploadedBy?: User | null;

  @CreateDateColumn({ type: 'timestamptz' })
  uploadedAt: Date;
}
