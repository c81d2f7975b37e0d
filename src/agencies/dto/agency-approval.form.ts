import { IsIn } from 'class-validator';

export class AgencyApprovalForm {
  @IsIn(['yes', 'no'], { message: 'Select whether requirements need approval before publishing' })
  required: string;
}
