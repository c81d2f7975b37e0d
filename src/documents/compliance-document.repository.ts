import { Injectable } from '@nestjs/common';
import { DataSource, EntityManager, In } from 'typeorm';
import { ComplianceDocument } from './compliance-document.entity';
import { StoredFile } from './stored-file.entity';

/** The compliance_documents table and the stored_files holding their content: the only place with their SQL. */
@Injectable()
export class ComplianceDocumentRepository {
  constructor(private readonly dataSource: DataSource) {}

  /** A provider's documents, newest first. */
  listForProvider(providerId: string, manager: EntityManager = this.dataSource.manager): Promise<ComplianceDocument[]> {
    return manager.find(ComplianceDocument, { where: { providerId }, order: { uploadedAt: 'DESC' } });
  }

  /** The ids of a provider's documents. */
  async idsForProvider(providerId: string, manager: EntityManager = this.dataSource.manager): Promise<string[]> {
    return (await manager.find(ComplianceDocument, { where: { providerId }, select: { id: true } })).map((document) => document.id);
  }

  /** How many of the documents named belong to the provider. */
  countOwnedBy(providerId: string, ids: string[], manager: EntityManager = this.dataSource.manager): Promise<number> {
    return manager.count(ComplianceDocument, { where: { id: In(ids), providerId } });
  }

  findById(id: string, manager: EntityManager = this.dataSource.manager): Promise<ComplianceDocument | null> {
    return manager.findOne(ComplianceDocument, { where: { id } });
  }

  /** A stored file with its content, which is otherwise left unread. */
  findFileWithContent(storedFileId: string, manager: EntityManager = this.dataSource.manager): Promise<StoredFile> {
    return manager.createQueryBuilder(StoredFile, 'file').addSelect('file.content').where('file.id = :id', { id: storedFileId }).getOneOrFail();
  }

  storeFile(manager: EntityManager, values: Pick<StoredFile, 'content' | 'mediaType' | 'sizeBytes' | 'sha256'>): Promise<StoredFile> {
    return manager.save(StoredFile, values);
  }

  createDocument(
    manager: EntityManager,
    values: Omit<ComplianceDocument, 'id' | 'uploadedAt' | 'provider' | 'storedFile' | 'uploadedBy'>,
  ): Promise<ComplianceDocument> {
    return manager.save(ComplianceDocument, values);
  }
}
