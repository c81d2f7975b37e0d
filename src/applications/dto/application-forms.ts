import { ArrayNotEmpty, IsIn, IsNotEmpty, IsUUID, MaxLength } from 'class-validator';
import { ToArray } from '../../common/forms/form-transforms';

export class ChooseLotsForm {
  @ToArray()
  @ArrayNotEmpty({ message: 'Select at least one lot' })
  @IsUUID('all', { each: true, message: 'Select lots from the list' })
  therapyTypeIds: string[];
}

export class ChoosePractitionersForm {
  @ToArray()
  @ArrayNotEmpty({ message: 'Select at least one practitioner' })
  @IsUUID('all', { each: true, message: 'Select practitioners from the list' })
  practitionerIds: string[];
}

export class ChooseDocumentsForm {
  @ToArray()
  @ArrayNotEmpty({ message: 'Select at least one document' })
  @IsUUID('all', { each: true, message: 'Select documents from the list' })
  documentIds: string[];
}

export class SubmitApplicationForm {
  @IsIn(['confirmed'], { message: 'Confirm the declaration to submit your application' })
  declaration: string;
}

export class ClarificationQuestionForm {
  @IsNotEmpty({ message: 'Enter your question for the provider' })
  @MaxLength(2000, { message: 'Question must be 2,000 characters or fewer' })
  question: string;
}

export class ClarificationResponseForm {
  @IsNotEmpty({ message: 'Enter your answer' })
  @MaxLength(5000, { message: 'Answer must be 5,000 characters or fewer' })
  response: string;
}

export class ExtendClockForm {
  @IsNotEmpty({ message: 'Enter the reason for extending the decision clock' })
  @MaxLength(2000, { message: 'Reason must be 2,000 characters or fewer' })
  reason: string;
}
