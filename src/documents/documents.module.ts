import { Module } from '@nestjs/common';
import { ComplianceDocumentRepository } from './compliance-document.repository';
import { DocumentsController } from './documents.controller';
import { DocumentsService } from './documents.service';

@Module({
  controllers: [DocumentsController],
  providers: [ComplianceDocumentRepository, DocumentsService],
  exports: [DocumentsService, ComplianceDocumentRepository],
})
export class DocumentsModule {}
