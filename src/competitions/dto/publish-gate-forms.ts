import { IsIn, IsNotEmpty, MaxLength, ValidateIf } from 'class-validator';

export class ApprovalDecisionForm {
  @IsIn(['approved', 'returned'], { message: 'Select whether you approve the requirement or return it' })
  outcome: string;

  @ValidateIf((form: ApprovalDecisionForm) => form.outcome === 'returned')
  @IsNotEmpty({ message: 'Enter your comments for the commissioner' })
  @MaxLength(2000, { message: 'Comments must be 2,000 characters or fewer' })
  comments?: string;
}
