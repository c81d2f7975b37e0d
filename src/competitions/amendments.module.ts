import { Module } from '@nestjs/common';
import { AmendmentsController } from './amendments.controller';
import { AmendmentsService } from './amendments.service';
import { RequirementDocumentsController } from './requirement-documents.controller';
import { RequirementDocumentsService } from './requirement-documents.service';

/**
 * Issue 22: amendments to live requirements and the documents attached to them. Its own module, so both the
 * commissioner's pages (competitions) and the provider's (bids) can show the
 * change history without the two depending on each other.
 */
@Module({
  controllers: [AmendmentsController, RequirementDocumentsController],
  providers: [AmendmentsService, RequirementDocumentsService],
  exports: [AmendmentsService, RequirementDocumentsService],
})
export class AmendmentsModule {}
