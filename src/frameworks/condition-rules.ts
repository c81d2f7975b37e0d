import type { FieldError } from '../common/forms/form-invalid.error';
import type { ConditionForm } from './dto/condition.form';
import type { MembershipCondition } from './membership-condition.entity';

export type ConditionValues = Pick<
  MembershipCondition,
  'question' | 'hint' | 'answerType' | 'wordLimit' | 'lotTherapyTypeIds' | 'judgement' | 'passingAnswer' | 'minimumScore' | 'maximumScore'
>;

const error = (field: string, text: string): FieldError => ({ field, text, href: `#${field}` });

/**
 * The rules between a condition's fields: a text answer needs a word limit,
 * a pass/fail yes-or-no question needs its passing answer, a scored one
 * needs its range, and "specific lots" needs at least one of the framework's lots.
 */
export function buildCondition(form: ConditionForm, frameworkTherapyTypeIds: string[]): { condition: ConditionValues } | { errors: FieldError[] } {
  const errors: FieldError[] = [];
  const wordLimit = form.wordLimit === undefined ? null : Number(form.wordLimit);
  if (form.answerType === 'text' && (wordLimit === null || wordLimit < 1)) errors.push(error('wordLimit', 'Enter a word limit of 1 or more'));

  const lots = form.lotScope === 'specific' ? (form.lotTherapyTypeIds ?? []) : [];
  if (form.lotScope === 'specific' && lots.length === 0) errors.push(error('lotTherapyTypeIds', 'Select at least one lot'));
  if (lots.some((id) => !frameworkTherapyTypeIds.includes(id))) errors.push(error('lotTherapyTypeIds', 'Select lots this framework offers'));

  let passingAnswer: string | null = null;
  let minimumScore: number | null = null;
  let maximumScore: number | null = null;
  if (form.judgement === 'pass_fail') {
    if (form.answerType === 'yes_no') {
      if (!form.passingAnswer) errors.push(error('passingAnswer', 'Select the answer that passes'));
      passingAnswer = form.passingAnswer ?? null;
    }
  } else {
    if (form.answerType === 'yes_no' || form.answerType === 'file' || form.answerType === 'date') {
      errors.push(error('judgement', 'Only text and number answers can be scored'));
    }
    minimumScore = form.minimumScore === undefined ? null : Number(form.minimumScore);
    maximumScore = form.maximumScore === undefined ? null : Number(form.maximumScore);
    if (maximumScore === null || maximumScore < 1) errors.push(error('maximumScore', 'Enter the maximum score, 1 or more'));
    if (minimumScore === null) errors.push(error('minimumScore', 'Enter the minimum score needed to pass'));
    else if (maximumScore !== null && minimumScore > maximumScore) errors.push(error('minimumScore', 'Minimum score must not be more than the maximum score'));
  }

  if (errors.length) return { errors };
  return {
    condition: {
      question: form.question,
      hint: form.hint ?? '',
      answerType: form.answerType,
      wordLimit: form.answerType === 'text' ? wordLimit : null,
      lotTherapyTypeIds: lots,
      judgement: form.judgement,
      passingAnswer,
      minimumScore,
      maximumScore,
    },
  };
}
