import { IsIn, IsNotEmpty, IsOptional, IsUUID, Matches, MaxLength } from 'class-validator';
import { ToArray } from '../../common/forms/form-transforms';
import { ANSWER_TYPES, AnswerType, Judgement, JUDGEMENTS } from '../membership-condition.entity';

export class ConditionForm {
  @IsNotEmpty({ message: 'Enter the question' })
  @MaxLength(500, { message: 'Question must be 500 characters or fewer' })
  question: string;

  @IsOptional()
  @MaxLength(1000, { message: 'Hint must be 1,000 characters or fewer' })
  hint?: string;

  @IsIn(ANSWER_TYPES, { message: 'Select the type of answer' })
  answerType: AnswerType;

  @IsOptional()
  @Matches(/^\d{1,4}$/, { message: 'Word limit must be a whole number' })
  wordLimit?: string;

  @IsIn(['all', 'specific'], { message: 'Select which lots the question applies to' })
  lotScope: 'all' | 'specific';

  @IsOptional()
  @ToArray()
  @IsUUID('all', { each: true, message: 'Select lots from the list' })
  lotTherapyTypeIds?: string[];

  @IsIn(JUDGEMENTS, { message: 'Select how the answer is judged' })
  judgement: Judgement;

  @IsOptional()
  @IsIn(['yes', 'no'], { message: 'Select the answer that passes' })
  passingAnswer?: 'yes' | 'no';

  @IsOptional()
  @Matches(/^\d{1,3}$/, { message: 'Minimum score must be a whole number' })
  minimumScore?: string;

  @IsOptional()
  @Matches(/^\d{1,3}$/, { message: 'Maximum score must be a whole number' })
  maximumScore?: string;

  static fieldIds = { answerType: 'answerType', lotScope: 'lotScope', judgement: 'judgement', lotTherapyTypeIds: 'lotTherapyTypeIds' };
}
