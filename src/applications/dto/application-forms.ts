import { ArrayNotEmpty, IsIn, IsUUID } from 'class-validator';
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
