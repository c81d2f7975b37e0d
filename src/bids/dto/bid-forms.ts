import { IsIn, IsNotEmpty, MaxLength } from 'class-validator';

export class AskQuestionForm {
  @IsNotEmpty({ message: 'Enter your question' })
  @MaxLength(2000, { message: 'Question must be 2,000 characters or fewer' })
  question: string;
}

export class SubmitBidForm {
  @IsIn(['confirmed'], { message: 'Confirm the declaration to submit your bid' })
  declaration: string;
}
