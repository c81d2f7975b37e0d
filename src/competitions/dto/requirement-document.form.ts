import { IsIn, IsNotEmpty, IsOptional, MaxLength } from 'class-validator';
import { REQUIREMENT_DOCUMENT_KINDS } from '../requirement-document.entity';

export class RequirementDocumentForm {
  @IsIn(REQUIREMENT_DOCUMENT_KINDS, { message: 'Select what the document is' })
  kind: string;

  /** Needed once the requirement is published: the change history shows it. Checked in the service. */
  @IsOptional()
  @MaxLength(2000, { message: 'Reason must be 2,000 characters or fewer' })
  reason?: string;

  @IsOptional()
  @IsIn(['confirmed'], { message: 'Confirm you have checked the file' })
  confirmNoIdentifiers?: string;

  /** Set by the upload interceptor; the file itself is checked by its content in the service. */
  @IsNotEmpty({ message: 'Select a file' })
  file?: string;
}
