import { IsIn, IsNotEmpty, Matches, MaxLength } from 'class-validator';

export class TherapyTypeForm {
  @IsNotEmpty({ message: 'Enter the name of the therapy type' })
  @MaxLength(200, { message: 'The name must be 200 characters or fewer' })
  name: string;

  @MaxLength(2000, { message: 'The description must be 2,000 characters or fewer' })
  description: string = '';

  @IsIn(['yes', 'no'], { message: 'Select whether the Adoption and Special Guardianship Support Fund pays for it' })
  asgsfEligible: 'yes' | 'no';

  @IsIn(['therapy', 'assessment'], { message: 'Select whether the fund counts it as therapy or assessment' })
  fundingKind: 'therapy' | 'assessment';

  @IsIn(['yes', 'no'], { message: 'Select whether contracts for it are light touch contracts' })
  lightTouch: 'yes' | 'no';

  @Matches(/^\s*\d{8}(-\d)?\s*$/, { message: 'Enter the CPV code as 8 digits, like 85121270' })
  cpvCode: string;
}
