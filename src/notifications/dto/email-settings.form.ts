import { IsEmail, IsNotEmpty, Matches, MaxLength } from 'class-validator';

export class EmailSettingsForm {
  /** An address, or a display name with the address in angle brackets. */
  @IsNotEmpty({ message: 'Enter the sender of the portal’s emails' })
  @MaxLength(300, { message: 'The sender must be 300 characters or fewer' })
  @Matches(/^(?:[^<>"\r\n]*<[^\s@<>]+@[^\s@<>]+\.[^\s@<>]+>|[^\s@<>]+@[^\s@<>]+\.[^\s@<>]+)$/, {
    message: 'Enter the sender as an email address, or a name followed by the address in angle brackets, like Adoption Support <no-reply@example.gov.uk>',
  })
  mailFrom: string;

  @IsNotEmpty({ message: 'Enter the address for feedback about the service' })
  @MaxLength(300, { message: 'The feedback address must be 300 characters or fewer' })
  @IsEmail({}, { message: 'Enter the feedback address in the correct format, like name@example.gov.uk' })
  feedbackEmail: string;
}
