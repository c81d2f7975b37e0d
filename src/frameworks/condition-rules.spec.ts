import { buildCondition } from './condition-rules';
import type { ConditionForm } from './dto/condition.form';

const LOT_A = '11111111-1111-4111-8111-111111111111';
const LOT_B = '22222222-2222-4222-8222-222222222222';
const base: ConditionForm = {
  question: 'Do you hold professional indemnity insurance?',
  answerType: 'yes_no',
  lotScope: 'all',
  judgement: 'pass_fail',
  passingAnswer: 'yes',
};
const fields = (result: ReturnType<typeof buildCondition>) => ('errors' in result ? result.errors.map((e) => `${e.field}: ${e.text}`) : []);

describe('buildCondition', () => {
  it('builds a pass/fail yes-or-no condition for every lot', () => {
    expect(buildCondition(base, [LOT_A])).toEqual({
      condition: {
        question: base.question,
        hint: '',
        answerType: 'yes_no',
        wordLimit: null,
        lotTherapyTypeIds: [],
        judgement: 'pass_fail',
        passingAnswer: 'yes',
        minimumScore: null,
        maximumScore: null,
      },
    });
  });

  it('needs the passing answer of a pass/fail yes-or-no question', () => {
    expect(fields(buildCondition({ ...base, passingAnswer: undefined }, [LOT_A]))).toEqual(['passingAnswer: Select the answer that passes']);
  });

  it('needs a word limit for text answers', () => {
    expect(fields(buildCondition({ ...base, answerType: 'text', passingAnswer: undefined }, [LOT_A]))).toEqual(['wordLimit: Enter a word limit of 1 or more']);
    expect(buildCondition({ ...base, answerType: 'text', wordLimit: '250' }, [LOT_A])).toMatchObject({ condition: { wordLimit: 250, passingAnswer: null } });
  });

  it('scores text answers against a range', () => {
    const scored = { ...base, answerType: 'text' as const, wordLimit: '300', judgement: 'scored' as const, passingAnswer: undefined };
    expect(buildCondition({ ...scored, minimumScore: '2', maximumScore: '4' }, [LOT_A])).toMatchObject({ condition: { minimumScore: 2, maximumScore: 4 } });
    expect(fields(buildCondition({ ...scored, minimumScore: '5', maximumScore: '4' }, [LOT_A]))).toEqual([
      'minimumScore: Minimum score must not be more than the maximum score',
    ]);
    expect(fields(buildCondition(scored, [LOT_A]))).toEqual([
      'maximumScore: Enter the maximum score, 1 or more',
      'minimumScore: Enter the minimum score needed to pass',
    ]);
  });

  it('scores only text and number answers', () => {
    expect(fields(buildCondition({ ...base, judgement: 'scored', minimumScore: '1', maximumScore: '4' }, [LOT_A]))).toEqual([
      'judgement: Only text and number answers can be scored',
    ]);
  });

  it('limits a condition to lots the framework offers', () => {
    expect(buildCondition({ ...base, lotScope: 'specific', lotTherapyTypeIds: [LOT_A] }, [LOT_A, LOT_B])).toMatchObject({
      condition: { lotTherapyTypeIds: [LOT_A] },
    });
    expect(fields(buildCondition({ ...base, lotScope: 'specific' }, [LOT_A]))).toEqual(['lotTherapyTypeIds: Select at least one lot']);
    expect(fields(buildCondition({ ...base, lotScope: 'specific', lotTherapyTypeIds: [LOT_B] }, [LOT_A]))).toEqual([
      'lotTherapyTypeIds: Select lots this framework offers',
    ]);
  });

  it('ignores chosen lots when the question is for every lot', () => {
    expect(buildCondition({ ...base, lotTherapyTypeIds: [LOT_A] }, [LOT_A])).toMatchObject({ condition: { lotTherapyTypeIds: [] } });
  });
});
