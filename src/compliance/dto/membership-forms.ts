import { IsNotEmpty, MaxLength } from 'class-validator';

export class MembershipReasonForm {
  @IsNotEmpty({ message: 'Enter the reason' })
  @MaxLength(2000, { message: 'Reason must be 2,000 characters or fewer' })
  reason: string;
}
