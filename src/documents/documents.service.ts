import { Clock } from '../common/clock/clock';
import { createHash } from 'node:crypto';
import { Injectable, NotFoundException } from '@nestjs/common';
import { DataSource } from 'typeorm';
import { AuditService } from '../audit/audit.service';
import { hasRole, SignedInUser } from '../common/auth/signed-in-user';
import { ownsProviderRecord } from '../common/auth/ownership';
import { providerDealsWithPartnershipOf } from '../common/auth/partnership.repository';
import { FieldError, FormInvalidError } from '../common/forms/form-invalid.error';
import { ComplianceDocument } from './compliance-document.entity';
import { ComplianceDocumentRepository } from './compliance-document.repository';
import { documentDetails } from './document-rules';
import { DocumentForm } from './dto/document.form';
import { ACCEPTED_DOCUMENT_TYPES, detectDocumentType, displayFileName } from './file-types';

export interface UploadedFile {
  originalname: string;
  buffer: Buffer;
  size: number;
}

@Injectable()
export class DocumentsService {
  constructor(
    private readonly clock: Clock,
    private readonly dataSource: DataSource,
    private readonly documents: ComplianceDocumentRepository,
    private readonly audit: AuditService,
  ) {}

  /** A provider's documents, newest first; the newest of each type is the current one. */
  async list(user: SignedInUser) {
    if (!user.providerId) throw new NotFoundException();
    const documents = await this.documents.listForProvider(user.providerId);
    const seen = new Set<string>();
    return documents.map((document) => {
      const key = document.type === 'other' ? `other:${document.title}` : document.type;
      const current = !seen.has(key);
      seen.add(key);
      return { document, current };
    });
  }

  /** Checks the file by its content and stores it under a server-generated id, with the document, in one transaction. */
  async upload(user: SignedInUser, form: DocumentForm, file: UploadedFile | undefined): Promise<ComplianceDocument> {
    if (!user.providerId) throw new NotFoundException();
    const result = documentDetails(form, this.clock.today());
    const errors: FieldError[] = 'errors' in result ? [...result.errors] : [];
    const fileType = file ? detectDocumentType(file.buffer) : null;
    if (!file) errors.push({ field: 'file', href: '#file', text: 'Select a file' });
    else if (!fileType) errors.push({ field: 'file', href: '#file', text: 'The selected file must be a PDF, PNG, JPEG or Word document (DOCX)' });
    if (errors.length || 'errors' in result) throw new FormInvalidError(errors);

    return this.dataSource.transaction(async (manager) => {
      const stored = await this.documents.storeFile(manager, {
        content: file!.buffer,
        mediaType: ACCEPTED_DOCUMENT_TYPES[fileType!].mediaType,
        sizeBytes: file!.size,
        sha256: createHash('sha256').update(file!.buffer).digest('hex'),
      });
      const document = await this.documents.createDocument(manager, {
        ...result.details,
        providerId: user.providerId!,
        storedFileId: stored.id,
        fileName: displayFileName(file!.originalname, fileType!),
        uploadedByUserId: user.id,
      });
      await this.audit.record(manager, {
        action: 'document.uploaded',
        entityType: 'compliance_document',
        entityId: document.id,
        after: { ...result.details, providerId: user.providerId, fileName: document.fileName, sha256: stored.sha256, sizeBytes: stored.sizeBytes },
      });
      return document;
    });
  }

  /**
   * A document's file, for its own provider or a framework manager of a
   * partnership the provider deals with. Anyone else is told it does not exist.
   */
  async file(user: SignedInUser, documentId: string): Promise<{ document: ComplianceDocument; content: Buffer; mediaType: string }> {
    const document = await this.documents.findById(documentId);
    if (!document || !(ownsProviderRecord(user, document) || (await this.managesProvider(user, document.providerId)))) throw new NotFoundException();
    const stored = await this.documents.findFileWithContent(document.storedFileId);
    return { document, content: stored.content, mediaType: stored.mediaType };
  }

  private async managesProvider(user: SignedInUser, providerId: string): Promise<boolean> {
    return hasRole(user, 'framework_manager') && providerDealsWithPartnershipOf(this.dataSource.manager, providerId, user);
  }
}
