import { createHash } from 'node:crypto';
import { ConflictException, Injectable, NotFoundException } from '@nestjs/common';
import { DataSource, EntityManager } from 'typeorm';
import { AuditService } from '../audit/audit.service';
import { assertOwnsAgencyRecord } from '../common/auth/ownership';
import type { SignedInUser } from '../common/auth/signed-in-user';
import { FieldError, FormInvalidError } from '../common/forms/form-invalid.error';
import { formatDateTime } from '../common/views/format';
import type { UploadedFile } from '../documents/documents.service';
import { StoredFile } from '../documents/stored-file.entity';
import { AmendmentsService } from './amendments.service';
import { RequirementDocumentForm } from './dto/requirement-document.form';
import { IDENTIFIER_LABELS } from './identifier-scanner';
import { Invitation } from './invitation.entity';
import {
  detectRequirementFileType,
  REQUIREMENT_DOCUMENT_KIND_LABELS,
  REQUIREMENT_FILE_TYPES,
  requirementFileName,
  scanDocument,
} from './requirement-document-rules';
import { RequirementDocument, RequirementDocumentKind } from './requirement-document.entity';
import { Requirement } from './requirement.entity';

/**
 * Issue 22: files attached to a requirement, checked by their content like
 * compliance documents and kept in stored_files. Downloaded only by the
 * owning agency's commissioners and the invited providers. Added after
 * publishing, a file is an amendment: in the change history and emailed.
 */
@Injectable()
export class RequirementDocumentsService {
  constructor(
    private readonly dataSource: DataSource,
    private readonly amendments: AmendmentsService,
    private readonly audit: AuditService,
  ) {}

  /** The commissioner's own requirement, while files may still be added: a draft, or published with bids open. */
  async attachable(user: SignedInUser, id: string, manager: EntityManager = this.dataSource.manager, lock = false): Promise<Requirement> {
    const requirement = assertOwnsAgencyRecord(
      user,
      await manager.findOne(Requirement, { where: { id }, ...(lock ? { lock: { mode: 'pessimistic_write' as const } } : {}) }),
    );
    const [{ open }] = await manager.query(
      `SELECT status = 'draft' OR (status = 'published' AND bid_deadline > clock_timestamp()) AS open FROM requirements WHERE id = $1`,
      [id],
    );
    if (!open) throw new ConflictException('Bids have closed, so documents can no longer be added');
    return requirement;
  }

  async upload(user: SignedInUser, id: string, form: RequirementDocumentForm, file: UploadedFile | undefined): Promise<RequirementDocument> {
    const errors: FieldError[] = [];
    const type = file ? detectRequirementFileType(file.buffer) : null;
    if (!file) errors.push({ field: 'file', href: '#file', text: 'Select a file' });
    else if (!type) errors.push({ field: 'file', href: '#file', text: 'The selected file must be a PDF, PNG, JPEG, Word document (DOCX) or plain text file' });
    if (errors.length) throw new FormInvalidError(errors);
    const fileName = requirementFileName(file!.originalname, type!);
    const hits = scanDocument(fileName, file!.buffer, type!);
    if (hits.length && form.confirmNoIdentifiers !== 'confirmed') {
      const where = (field: string) => (field === 'fileName' ? 'the file name' : 'the file');
      throw FormInvalidError.forField(
        'confirmNoIdentifiers',
        `This file may identify the child: ${hits.map((hit) => `“${hit.match}” in ${where(hit.field)} (${IDENTIFIER_LABELS[hit.kind]})`).join(', ')}. Remove it, or select the file again and confirm you have checked it and it does not identify the child`,
      );
    }
    return this.amendments.inDeadlineTransaction(async (manager) => {
      const requirement = await this.attachable(user, id, manager, true);
      if (requirement.status === 'published' && !form.reason) throw FormInvalidError.forField('reason', 'Enter why you are adding this document');
      const stored = await manager.save(StoredFile, {
        content: file!.buffer,
        mediaType: REQUIREMENT_FILE_TYPES[type!].mediaType,
        sizeBytes: file!.size,
        sha256: createHash('sha256').update(file!.buffer).digest('hex'),
      });
      const document = await manager.save(
        RequirementDocument,
        manager.create(RequirementDocument, {
          requirementId: id,
          kind: form.kind as RequirementDocumentKind,
          storedFileId: stored.id,
          fileName,
          uploadedByUserId: user.id,
        }),
      );
      await this.audit.record(manager, {
        action: 'requirement.document_added',
        entityType: 'requirement',
        entityId: id,
        after: { documentId: document.id, kind: document.kind, fileName, sha256: stored.sha256, sizeBytes: stored.sizeBytes },
      });
      if (hits.length) {
        await this.audit.record(manager, {
          action: 'requirement.document_identifier_warning_overridden',
          entityType: 'requirement',
          entityId: id,
          after: { documentId: document.id, hits: hits.map(({ field, kind }) => ({ field, kind })) },
        });
      }
      if (requirement.status === 'published') {
        const amendment = await this.amendments.record(manager, user, requirement, {
          reason: form.reason!,
          addendum: null,
          before: {},
          after: {},
          material: false,
          documentName: fileName,
        });
        await this.amendments.notify(manager, requirement, amendment);
      }
      return document;
    });
  }

  /** The requirement's files, oldest first, with where each downloads from. */
  async list(requirementId: string, base: string) {
    const documents = await this.dataSource.manager.find(RequirementDocument, { where: { requirementId }, order: { uploadedAt: 'ASC' } });
    return documents.map((document) => ({
      id: document.id,
      fileName: document.fileName,
      kindText: REQUIREMENT_DOCUMENT_KIND_LABELS[document.kind],
      uploadedText: formatDateTime(document.uploadedAt),
      href: `${base}/documents/${document.id}/file`,
    }));
  }

  /** For the owning agency's commissioners. */
  async fileForCommissioner(user: SignedInUser, requirementId: string, documentId: string) {
    assertOwnsAgencyRecord(user, await this.dataSource.manager.findOneBy(Requirement, { id: requirementId }));
    return this.file(requirementId, documentId);
  }

  /** For an invited provider; anyone else is told it does not exist. */
  async fileForProvider(user: SignedInUser, requirementId: string, documentId: string) {
    if (!user.providerId || !(await this.dataSource.manager.existsBy(Invitation, { requirementId, providerId: user.providerId })))
      throw new NotFoundException();
    return this.file(requirementId, documentId);
  }

  private async file(requirementId: string, documentId: string): Promise<{ fileName: string; content: Buffer; mediaType: string }> {
    const document = await this.dataSource.manager.findOneBy(RequirementDocument, { id: documentId, requirementId });
    if (!document) throw new NotFoundException();
    const stored = await this.dataSource.manager
      .createQueryBuilder(StoredFile, 'file')
      .addSelect('file.content')
      .where('file.id = :id', { id: document.storedFileId })
      .getOneOrFail();
    return { fileName: document.fileName, content: stored.content, mediaType: stored.mediaType };
  }
}
