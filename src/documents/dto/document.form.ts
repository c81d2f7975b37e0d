import { IsIn, IsNotEmpty, IsOptional, MaxLength } from 'class-validator';
import type { DateParts } from '../../common/forms/date-parts';
import { ComplianceDocumentType, DOCUMENT_TYPES } from '../compliance-document.entity';

export class DocumentForm {
  @IsIn(DOCUMENT_TYPES, { message: 'Select the type of document' })
  type: ComplianceDocumentType;

  @IsOptional()
  @MaxLength(200, { message: 'Document name must be 200 characters or fewer' })
  title?: string;

  @IsOptional()
  @MaxLength(30, { message: 'Enter the cover as an amount in pounds, like £5,000,000' })
  coverAmount?: string;

  /** Required for insurance; checked in the service because it is optional for policies. */
  @IsOptional()
  expiresOn?: DateParts;

  /** Set by the upload interceptor; the file itself is checked by its content in the service. */
  @IsNotEmpty({ message: 'Select a file' })
  file?: string;

  static fieldIds = { type: 'type', expiresOn: 'expiresOn-day' };
}
